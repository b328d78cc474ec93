/// Given names that are one name in Russian and Ukrainian (and common spellings of either),
/// which folding alone cannot join: Mykola is Nikolay, Hanna is Anna. Each group is one name;
/// words are folded (`NameFolding.words`) spellings. The groups follow the standard
/// correspondences of Ukrainian and Russian personal names.
enum GivenNames {
    private static let groups: [[String]] = [
        ["mykola", "nikolay", "nikolai", "mikola"], ["nadiya", "nadezhda", "nadiia"],
        ["kateryna", "ekaterina", "yekaterina", "katerina"], ["kostyantyn", "konstantin", "kostiantyn"],
        ["hanna", "anna", "ganna"], ["oleksandr", "aleksandr", "alexander", "oleksander"],
        ["oleksandra", "aleksandra", "alexandra"], ["oleksiy", "aleksey", "aleksei", "oleksii", "alexey"],
        ["andriy", "andrey", "andrei", "andrii"], ["serhiy", "sergey", "sergei", "serhii"],
        ["petro", "petr", "pyotr", "peter"], ["mykhaylo", "mikhail", "mykhailo", "michail"],
        ["vasyl", "vasiliy", "vasily", "vasilii"], ["hryhoriy", "grigoriy", "grigory", "hryhorii"],
        ["olena", "elena", "yelena", "helena"], ["iryna", "irina"], ["nataliya", "natalya", "natalia", "nataliia"],
        ["lyudmyla", "lyudmila", "liudmyla", "ludmila"], ["volodymyr", "vladimir"],
        ["dmytro", "dmitriy", "dmitry", "dmitrii"],
        ["fedir", "fyodor", "fedor"], ["pavlo", "pavel"], ["bohdan", "bogdan"],
        ["yevhen", "evgeniy", "yevgeniy", "evgeny"],
        ["yevheniya", "evgeniya", "yevgeniya"], ["yuriy", "yuri", "yurii", "yury"], ["illya", "ilya", "illia"],
        ["yakiv", "yakov"], ["matviy", "matvey", "matvei"], ["tymofiy", "timofey", "timofei"], ["tymur", "timur"],
        ["kyrylo", "kirill"], ["danylo", "daniil", "danila"], ["ivan", "ivan"], ["mariya", "maria", "mariia", "marya"],
        ["yuliya", "yulia", "yuliia"], ["olha", "olga"], ["svitlana", "svetlana"],
        ["tetyana", "tatyana", "tetiana", "tatiana"],
        ["halyna", "galina"], ["valentyna", "valentina"], ["viktoriya", "viktoria", "victoria"], ["lyubov", "liubov"],
        ["heorhiy", "georgiy", "georgii", "heorhii"], ["leonid", "leonid"], ["anatoliy", "anatoly", "anatolii"],
        ["vitaliy", "vitaly", "vitalii"], ["valeriy", "valery", "valerii"], ["arkadiy", "arkady", "arkadii"],
        ["hennadiy", "gennadiy", "gennady", "hennadii"], ["stanislav", "stanislaw"], ["mykyta", "nikita"],
        ["ostap", "ostap"], ["taras", "taras"], ["semen", "semyon", "semen"], ["zakhar", "zakhar"],
        ["orest", "orest"], ["vadym", "vadim"], ["maksym", "maksim", "maxim"], ["roman", "roman"],
    ]

    private static let canonical: [String: Int] = {
        var map: [String: Int] = [:]
        for (index, group) in groups.enumerated() { for name in group { map[name] = index } }
        return map
    }()

    /// Whether two folded words are the same given name in Russian and Ukrainian forms.
    static func same(_ a: String, _ b: String) -> Bool {
        guard let first = canonical[a], let second = canonical[b] else { return false }
        return first == second
    }

    /// Every group, for indexes that must know which skeletons one given name can take.
    static var allGroups: [[String]] { groups }
}
