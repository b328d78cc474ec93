import Testing

@testable import HotlineCore

/// Search scores its candidate entries with each word's analysis made once (`words(_:known:)`);
/// checked against making every word afresh, over names that share words across genders (the
/// name's gender is set per name, so a cached word must not carry the last name's).
struct NameWordCacheTests {
    @Test func wordsTakenFromTheCacheMatchAsWordsMadeAfresh() {
        let surnames = ["Иванов", "Иванова", "Соколов", "Соколова", "Носов", "Носков", "Ковальов", "Ковалёв"]
        let given = ["Александр", "Александра", "Саша", "Женя", "Евгений", "Евгения", "Никита", "Микита", "И."]
        let patronymics = ["", "Сергеевич", "Сергеевна"]
        var names: [String] = []
        for surname in surnames {
            for name in given {
                for patronymic in patronymics {
                    names += NameFolding.readings("\(surname) \(name) \(patronymic)").map { $0.joined(separator: " ") }
                }
            }
        }
        #expect(names.count > 400)
        let queries = ["иванова александра", "sokolov sasha sergeevich", "nosov i"].flatMap {
            NameFolding.readings($0).map { NameSimilarity.words($0.joined(separator: " ")) }
        }
        var known: [Substring: NameSimilarity.Word] = [:]
        for name in names {
            let cached = NameSimilarity.words(name, known: &known)
            let fresh = NameSimilarity.words(name)
            #expect(cached.map(\.nameGender) == fresh.map(\.nameGender), "\(name)")
            for query in queries {
                let (a, b) = (NameSimilarity.matchDetail(query, cached), NameSimilarity.matchDetail(query, fresh))
                #expect(a.average == b.average && a.weakest == b.weakest && a.byInitials == b.byInitials, "\(name)")
                #expect(a.otherSurname?.0 == b.otherSurname?.0 && a.otherSurname?.1 == b.otherSurname?.1, "\(name)")
            }
        }
        #expect(known.count < names.count)
    }
}
