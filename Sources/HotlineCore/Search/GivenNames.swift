/// Given names: one name in its Russian and Ukrainian forms (Mykola is Nikolay, Hanna is Anna)
/// and the familiar forms families use (Саша, Шура for Александр; Івась for Іван), which
/// folding alone cannot join. A familiar form is weaker evidence than the full name: Саша is
/// Александр or Александра, Слава any of four names.
///
/// Words are folded (`NameFolding.words`); the table is written in Cyrillic and read in every
/// reading, and a full form is also looked up by its skeleton (from four letters: `Oleksandr`,
/// `Alexander` and `Aleksandr` are one), so each romanisation of a listed name is known.
enum GivenNames {
    enum Gender { case male, female }

    /// One line per name: gender (m, f), its full forms (Russian, Ukrainian, old or church
    /// forms), `|`, its familiar forms. A form may be on several lines (Слава, Женя, Гоша).
    /// From the standard correspondences of Russian and Ukrainian names and the dictionaries
    /// of personal names (Petrovsky's "Словарь русских личных имён", Skrypnyk and
    /// Dziatkivska's "Власні імена людей").
    private static let table: [String] = [
        "m Александр Олександр Алесь | Саша Шура Саня Сашка Санька Санёк Сашко Олесь Сашуня Алекс Шурик",
        "m Алексей Олексій Олекса | Лёша Алёша Лёха Лёшка Алёшка Олексійко Льоша Альоша",
        "m Анатолий Анатолій | Толя Толик Толян Натоль",
        "m Андрей Андрій | Андрюша Андрюха Андрейка Андрійко Дрюня",
        "m Антон Антін | Тоша Антоша Тоха Антошка",
        "m Аркадий Аркадій | Аркаша Аркадик",
        "m Арсений Арсеній | Арсюша Сеня Арсен",
        "m Артём Артем Артемий Артемій | Тёма Тёмка Артёмка Тьома Артемко",
        "m Артур | Артурчик Тура",
        "m Богдан | Бодя Бодька Богданчик Даня",
        "m Борис | Боря Борька Бориско",
        "m Вадим | Вадик Вадя Вадюша",
        "m Валентин | Валя Валик Валёк",
        "m Валерий Валерій | Валера Валерка Лера",
        "m Василий Василь | Вася Васька Василько Васятко Василёк",
        "m Вениамин Веніамін | Веня Веник",
        "m Виктор Віктор | Витя Витёк Витька Вітя Віть Витюша",
        "m Виталий Віталій | Виталик Виталя Віталік",
        "m Владимир Володимир | Вова Володя Вовка Вовчик Володька Вовік Влодко",
        "m Владислав | Влад Владик Владя Славик",
        "m Всеволод | Сева Всева",
        "m Вячеслав В'ячеслав | Слава Славик Славка Вячек",
        "m Геннадий Геннадій | Гена Генка Геня",
        "m Георгий Георгій | Жора Гоша Жорик Гога Гера",
        "m Герман | Гера Герка",
        "m Глеб Гліб | Глебушка Глебка Глібко",
        "m Григорий Григорій | Гриша Гришка Гриць Грицько Гришуня",
        "m Даниил Данило Данила Даніїл Даниїл | Даня Данилка Данька Данилко Данік",
        "m Давид Давыд | Дава Додик Давидка",
        "m Денис | Дениска Дэн Дэнчик Денько",
        "m Дмитрий Дмитро | Дима Митя Димка Димон Митька Дмитрик Дімка Діма Митько",
        "m Евгений Євген Євгеній | Женя Женька Жека Евген Євгенко",
        "m Егор Єгор | Егорка Гоша Жора Єгорко",
        "m Емельян Омелян | Емеля Омелько",
        "m Ефим Юхим Юхим | Фима Фимка",
        "m Захар Захарій | Захарка Захарко",
        "m Зиновий Зіновій | Зина Зиновко",
        "m Иван Іван | Ваня Ванька Ванюша Ванечка Івась Івасик Іванко Ванько",
        "m Игорь Ігор | Игорёк Гоша Ігорко Игорек",
        "m Илья Ілля | Илюша Илюха Илька Ілько Ілюша",
        "m Иосиф Йосип Осип | Ося Йосько",
        "m Кирилл Кирило | Кирюша Кирюха Киря Кирилко",
        "m Клим Климентий Климент | Климка",
        "m Константин Костянтин | Костя Костик Котя Костян Кость Костюк",
        "m Кузьма | Кузя Кузька",
        "m Лев Лев | Лёва Левушка Льова",
        "m Леонид Леонід | Лёня Лёнька Льоня Леонідко",
        "m Макар | Макарка Макарушка",
        "m Максим | Макс Максимка Максик Максимко",
        "m Марк | Марик Маркуша",
        "m Матвей Матвій | Матюша Мотя Матвейка Матвійко",
        "m Михаил Михайло | Миша Мишка Мишаня Михась Михайлик Михасик",
        "m Мирослав | Мирось Мирик Слава",
        "m Назар | Назарко Назарчик",
        "m Никита Микита | Никитка Никитос Микитка Кит",
        "m Николай Микола | Коля Колька Николаша Миколка Миколайко Микольця",
        "m Олег | Олежка Олежек Олежко",
        "m Остап | Остапко Стах",
        "m Павел Павло | Паша Пашка Павлик Павлуша Павлусь Павлик",
        "m Пётр Петро Петр | Петя Петька Петруша Петрусь Петрик Петрусик",
        "m Платон | Тоша Платоша",
        "m Прохор | Проша Проня",
        "m Родион Родіон | Родя Родька",
        "m Роман | Рома Ромка Ромчик Ромко",
        "m Ростислав | Ростик Слава Рось",
        "m Руслан | Руся Русик Руслик",
        "m Савелий Савелій | Сава Савка Савушка",
        "m Святослав | Свят Слава Святик",
        "m Семён Семен | Сёма Сёмка Сеня Семко",
        "m Сергей Сергій | Серёжа Серёга Серый Серж Серёжка Сергійко Сєрьожа Сірко",
        "m Станислав Станіслав | Стас Стасик Слава Стах",
        "m Степан | Стёпа Стёпка Степанко Стьопа",
        "m Тарас | Тарасик Тарасько",
        "m Тимофей Тимофій | Тима Тимоша Тимоха Тимко",
        "m Тимур | Тима Тимурчик",
        "m Трофим | Троша Трофимко",
        "m Фёдор Федір Федор | Федя Федька Федюша Федько Федько",
        "m Филипп Пилип | Филя Филипок Пилипко",
        "m Эдуард Едуард | Эдик Эдя Едік",
        "m Эльдар Ельдар | Эля",
        "m Юлиан Юліан | Юлик Юльчик",
        "m Юрий Юрій | Юра Юрка Юрочка Юрко Юрась Юрчик",
        "m Яков Яків | Яша Яшка Якимко",
        "m Ярослав | Ярик Ярослик Слава Ярко Ярчик",
        "m Анастасий Анастасій | Настя",
        "m Аким Яким | Акимка",
        "m Альберт | Алик Алька",
        "m Ананий Ананій | Ананя",
        "m Афанасий Панас Опанас | Афоня Фоня Панаско",
        "m Богдан Богдан | Бодик",
        "m Болеслав | Болек Слава",
        "m Вальтер | Валик",
        "m Вениамин Веніамин | Беня",
        "m Викентий Вікентій | Викеша",
        "m Виталий Віталь | Талик",
        "m Владлен | Владик",
        "m Гавриил Гаврило Гавриил | Гаврик Гаврюша Ганя",
        "m Гордей Гордій | Гордейка",
        "m Даниил Даниїл | Данечка",
        "m Демьян Дем'ян Дамиан | Дёма Дема Демко",
        "m Дементий Дементій | Дёма",
        "m Добрыня | Добрынюшка",
        "m Евдоким Овдій | Дока",
        "m Елисей Єлисей | Елися Лися",
        "m Ераст | Эраша",
        "m Ермолай Єрмолай | Ермоша",
        "m Ерофей Єрофій | Ероша",
        "m Жан | Жанчик",
        "m Игнат Игнатий Гнат Ігнат | Игнаша Гнатко",
        "m Илларион Іларіон Ларион | Ларя Лара Илларя",
        "m Иннокентий Інокентій | Кеша Кешка Иня",
        "m Ираклий Іраклій | Ира Ираклик",
        "m Казимир | Казик",
        "m Карл | Карлуша",
        "m Кондрат Кіндрат | Кондраша",
        "m Корней Корній | Корнюша",
        "m Лаврентий Лаврін Лаврентій | Лаврик Лавруша",
        "m Ларион | Ларик",
        "m Леон | Лёня",
        "m Лука | Лукаша Лукашко",
        "m Любомир | Любко Любчик",
        "m Макарий | Макарик",
        "m Мартын Мартин | Мартынко",
        "m Мефодий Мефодій | Мефодя",
        "m Мирон | Мирончик Мироша",
        "m Модест | Модя",
        "m Моисей Мойсей | Моня",
        "m Мстислав | Мстиша Слава",
        "m Назарий | Назарчик",
        "m Наум | Наумчик",
        "m Нестор | Нестя",
        "m Никифор Никифір | Никиша",
        "m Никодим | Никодимка",
        "m Нил | Нилушка",
        "m Орест | Орестко Орик",
        "m Осип Йосип | Оська",
        "m Пантелеймон Пантелеймон Пантелей | Пантюша Пантя",
        "m Парфён Парфен | Парфеша",
        "m Потап | Потапка",
        "m Радий Радій | Радик",
        "m Радислав | Радик",
        "m Ратмир | Ратик",
        "m Ренат | Ренатик",
        "m Савва Сава | Савушка",
        "m Самсон | Сёма",
        "m Северин | Сева",
        "m Серафим | Сима",
        "m Сократ | Котя",
        "m Спартак | Спартачок",
        "m Спиридон | Спиря Спиридоша",
        "m Тарасий | Тарасик",
        "m Тимофей Тиміш | Тиміш",
        "m Тихон | Тиша Тишка",
        "m Трифон | Триша",
        "m Ульян Уліян | Уля",
        "m Устин | Устя",
        "m Фаддей Тадей | Фадя",
        "m Феликс Фелікс | Феля",
        "m Феодосий Федосій | Федос",
        "m Фома Хома | Фомка Хомка",
        "m Харитон | Харя",
        "m Христофор | Христоша",
        "m Эмиль Еміль | Эмилька",
        "m Эмиль Эмиль | Миля",
        "m Эрик Ерік | Эрик",
        "m Юлий Юлій | Юлик",
        "m Ян | Янек Яник",
        "m Адам | Адамчик",
        "m Алан | Аланчик",
        "m Амир | Амирчик",
        "m Аркадий Аркадий | Аркаша",
        "m Арсен | Арсенчик",
        "m Вениамин Вениамин | Веня",
        "m Гурий Гурій | Гуря",
        "m Данияр | Даник",
        "m Дамир | Дамирчик",
        "m Ильдар Ільдар | Ильдарчик",
        "m Ильяс Ільяс | Ильяска",
        "m Марат | Маратик",
        "m Рамиль | Рамилька",
        "m Ринат | Ринатик",
        "m Рустам | Рустик",
        "m Тагир | Тагирчик",
        "m Шамиль | Шамилька",
        "m Ефрем Охрім Єфрем | Ефремка",
        "m Всеслав | Слава",
        "m Зорян | Зорянчик",
        "m Левко Лев | Левко",
        "m Тарас Тарас | Тарасько",
        "m Юліан Юліян | Юльчик",
        "m Ігнатій Ігнатій | Ігнась",
        "m Мирон Мирон | Мирось",
        "m Олесь Олесь | Олесик",
        "m Степан Степан | Стефко",
        "m Стефан Стефан Степан | Стефко Стефанко",
        "m Андрон | Андроша",
        "m Аввакум | Авва",
        "m Агафон | Агаша",
        "m Вавила | Вава",
        "m Евстафий Остап | Стасик",
        "m Исаак Ісак | Изя",
        "m Лазарь Лазар | Лазик",
        "m Рафаэль Рафаель Рафаил | Раф Рафик",
        "m Роберт | Роба Робик",
        "m Рудольф | Рудик",
        "m Эрнест | Эрик",
        "m Август | Гутя",
        "m Ахмед | Ахмедик",
        "f Александра Олександра | Саша Шура Сашенька Сашка Санька Олеся Леся",
        "f Алина Аліна | Аля Алинка Алінка",
        "f Алла | Аллочка",
        "f Анастасия Анастасія | Настя Настенька Настюша Настуся Стася Ася",
        "f Ангелина Ангеліна | Геля Лина",
        "f Анна Ганна | Аня Анечка Нюра Нюша Ганнуся Ганя Аннушка Анька",
        "f Антонина Антоніна | Тоня Тоська Ніна",
        "f Валентина | Валя Валюша Валька",
        "f Валерия Валерія | Лера Лерочка Валерка",
        "f Варвара | Варя Варька Варюша",
        "f Вера Віра | Верочка Вірочка Веруся",
        "f Вероника Вероніка | Ника Вероничка Ніка",
        "f Виктория Вікторія | Вика Вика Вікуся Віка Тора",
        "f Галина | Галя Галочка Галька Галинка",
        "f Дарья Дарина Дар'я | Даша Дашенька Дашка Даринка Дарка",
        "f Диана Діана | Диана Дианка",
        "f Евгения Євгенія | Женя Женечка Женька Євгенка",
        "f Екатерина Катерина | Катя Катюша Катька Катруся Катруся Катеринка Катрин",
        "f Елена Олена | Лена Леночка Ленка Оленка Олена Алёна Льоля",
        "f Елизавета Єлизавета | Лиза Лизонька Ліза Лізонька Ветта",
        "f Жанна | Жанночка",
        "f Зинаида Зінаїда | Зина Зинка Зіна",
        "f Зоя | Зоечка",
        "f Инна Інна | Инночка Іннуся",
        "f Ирина Ірина | Ира Иринка Ирочка Ірочка Іруся Ірка",
        "f Кира | Кирочка",
        "f Клавдия Клавдія | Клава Клавочка",
        "f Кристина Христина | Кристя Христя Тина",
        "f Ксения Ксенія Оксана | Ксюша Ксюха Оксанка Ксеня",
        "f Лариса | Лара Лорочка Ларочка",
        "f Лидия Лідія | Лида Лидочка Ліда",
        "f Любовь Любов | Люба Любочка Любаша Люба Любця",
        "f Людмила | Люда Мила Людочка Люся",
        "f Маргарита | Рита Марго Ритуля",
        "f Марина | Маринка Мариша Маринуся",
        "f Мария Марія | Маша Маруся Машенька Мариечка Марічка Маня Муся",
        "f Надежда Надія | Надя Надюша Надійка Надька",
        "f Наталья Наталия Наталія Наталя | Наташа Ната Натуся Наталка Таша Наталочка",
        "f Нина Ніна | Ниночка Нінуся",
        "f Оксана | Ксана Оксаночка",
        "f Ольга | Оля Оленька Олечка Олька Леля",
        "f Полина Поліна | Поля Полинка Полінка",
        "f Раиса Раїса | Рая Раечка",
        "f Регина Регіна | Гина",
        "f Светлана Світлана | Света Светик Светочка Світланка Світла",
        "f Софья София Софія | Соня Софа Сонечка Софійка",
        "f Тамара | Тома Тамарочка",
        "f Татьяна Тетяна | Таня Танечка Танюша Танька Тетянка",
        "f Ульяна Уляна | Уля Ульянка Улянка",
        "f Юлия Юлія | Юля Юлечка Юлька Юленька",
        "f Яна | Яночка Янка",
        "f Ярослава | Ярося Слава Яся",
        "f Алёна Альона | Алёнка Альонка",
        "f Анжелика Анжеліка | Анжела Лика",
        "f Богдана | Бодя Дана",
        "f Василиса | Вася Василинка Лиса",
        "f Владислава | Влада Владка Слава",
        "f Галина Галина | Галюня",
        "f Доминика | Ника",
        "f Ева Єва | Евочка",
        "f Ефросинья Єфросинія | Фрося",
        "f Злата | Златочка",
        "f Зоряна | Зоряночка",
        "f Иванна Іванна | Іванка Іванночка",
        "f Карина | Каринка",
        "f Лилия Лілія | Лиля Ліля",
        "f Любомира | Люба Мира",
        "f Мирослава | Мира Слава Мирося",
        "f Милана Мілана | Мила",
        "f Нелли Неля | Нелька",
        "f Олеся Олеся | Леся Олесенька",
        "f Роксолана Роксоляна | Роксана Ляна",
        "f Снежана Сніжана | Снежка Сніжанка",
        "f Стефания Стефанія | Стефа Стефця",
        "f Таисия Таїсія | Тая Тася",
        "f Фаина Фаїна | Фая",
        "f Эльвира Ельвіра | Эля Ельвірка",
        "f Эмилия Емілія | Эмма Міла",
        "f Элеонора Елеонора | Эля Нора",
        "f Агния Агнія | Агнюша",
        "f Агафья Агафія | Агаша Гапка",
        "f Аглая | Глаша",
        "f Аделина | Аделька",
        "f Алиса Аліса | Алиска",
        "f Альбина Альбіна | Аля",
        "f Ангелина Ангелина | Лина",
        "f Арина Ірина | Аринка Ариша",
        "f Василина | Василинка",
        "f Вилена | Вилка",
        "f Влада | Владочка",
        "f Глафира | Глаша Глашенька",
        "f Дина Діна | Диночка",
        "f Домна | Домаша",
        "f Евдокия Євдокія Явдоха | Дуня Дуся Евдоха",
        "f Екатерина Екатерина | Катенька",
        "f Есения Есенія | Сеня",
        "f Залина | Зала",
        "f Изабелла Ізабелла | Белла Иза",
        "f Илона Ілона | Илонка",
        "f Инга Інга | Ингуся",
        "f Кира Кіра | Кирка",
        "f Лада | Ладушка",
        "f Лея | Леечка",
        "f Лиана Ліана | Лианка",
        "f Майя Майя | Маечка",
        "f Марфа | Марфуша",
        "f Матрёна Мотря Матрона | Мотя Матрёша Мотрийка",
        "f Мила Міла | Милочка",
        "f Наина Наїна | Ная",
        "f Олимпиада Олімпіада | Липа Ада",
        "f Павлина Павла Павліна | Паня Павлинка",
        "f Пелагея Пелагія | Поля Паша",
        "f Прасковья Параска Параскева | Паша Параша",
        "f Римма | Римуля",
        "f Ростислава | Рося Слава",
        "f Руслана | Руся Русланка",
        "f Серафима | Сима Фима",
        "f Станислава Станіслава | Стася Слава",
        "f Стелла | Стеллочка",
        "f Таира | Таирочка",
        "f Фёкла Текля | Фекла Теклюня",
        "f Эвелина Евеліна | Эва Лина",
        "f Юстина Юстина | Юстя",
        "f Ядвига | Ядзя",
    ]

    /// Spellings in Latin letters that the Cyrillic table does not give (older lists, English
    /// and transliteration forms), each group one name.
    private static let latinGroups: [[String]] = [
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

    /// One name: the folded words of its full and familiar forms, every reading.
    private struct Name {
        let gender: Gender?
        let full: Set<String>
        let familiar: Set<String>
    }

    /// Which names a folded word is a full or a familiar form of.
    struct Forms: Equatable {
        var full: Set<Int> = []
        var familiar: Set<Int> = []
        var all: Set<Int> { full.union(familiar) }
    }

    private static let names: [Name] = {
        func folded(_ forms: some Sequence<Substring>) -> Set<String> {
            // Ё also as BGN and the passport write it after a consonant (Серёжа, Seryozha).
            Set(
                forms.flatMap { form in
                    [String(form), String(form).replacing("ё", with: "йо")].flatMap {
                        NameFolding.readings($0).compactMap(\.first)
                    }
                })
        }
        var names = table.map { line in
            let parts = line.split(separator: "|")
            let full = parts[0].split(separator: " ")
            return Name(
                gender: full[0] == "f" ? .female : .male, full: folded(full.dropFirst()),
                familiar: parts.count > 1 ? folded(parts[1].split(separator: " ")) : [])
        }
        names += latinGroups.map { Name(gender: nil, full: Set($0), familiar: []) }
        return names
    }()

    private static let byWord: [String: Forms] = {
        var forms: [String: Forms] = [:]
        for (index, name) in names.enumerated() {
            for word in name.full { forms[spelling(word), default: Forms()].full.insert(index) }
            for word in name.familiar { forms[spelling(word), default: Forms()].familiar.insert(index) }
        }
        return forms
    }()

    /// A folded word with the spellings of a iotated vowel made one (ia, ja are ya; iu, ju
    /// are yu; ie, je are ye): `Ania`, `Anja` and `Anya` are one familiar form.
    private static func spelling(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 == UInt8(ascii: "i") || $0 == UInt8(ascii: "j") }) else { return word }
        var letters = Array(word)
        for index in letters.indices.dropLast()
        where (letters[index] == "i" || letters[index] == "j") && "aueo".contains(letters[index + 1]) && index > 0 {
            letters[index] = "y"
        }
        return String(letters)
    }

    /// Full forms by skeleton, for romanisations the table does not spell; only skeletons of
    /// four letters or more, and no familiar forms: short skeletons are shared by other names
    /// and surnames (Ира and Юра are `ar`, Слава and Соловьёва `slf`).
    private static let bySkeleton: [String: Forms] = {
        var forms: [String: Forms] = [:]
        for (word, found) in byWord where !found.full.isEmpty {
            let skeleton = NameFolding.skeleton(word)
            guard skeleton.utf8.count >= 4 else { continue }
            forms[skeleton, default: Forms()].full.formUnion(found.full)
        }
        return forms
    }()

    /// The names a folded word (with its skeleton) is a form of; `nil` for no given name.
    static func forms(of word: String, skeleton: String? = nil) -> Forms? {
        if let found = byWord[spelling(word)] { return found }
        let skeleton = skeleton ?? NameFolding.skeleton(word)
        return skeleton.utf8.count >= 4 ? bySkeleton[skeleton] : nil
    }

    /// Whether two folded words are full forms of one name (Mykola and Nikolay).
    static func same(_ a: String, _ b: String) -> Bool {
        guard let first = forms(of: a), let second = forms(of: b) else { return false }
        return same(first, second)
    }

    static func same(_ a: Forms, _ b: Forms) -> Bool { !a.full.isDisjoint(with: b.full) }

    /// Whether one is a familiar form of a name the other is (Саша and Aleksandr, Саша and Шура).
    static func familiar(_ a: Forms, _ b: Forms) -> Bool {
        !a.familiar.isDisjoint(with: b.all) || !a.all.isDisjoint(with: b.familiar)
    }

    /// Whose name this is, when it is a given name of one gender only (Ирина, Дмитрий; not
    /// Саша or Женя).
    static func gender(of forms: Forms) -> Gender? {
        let genders = Set(forms.all.compactMap { names[$0].gender })
        return genders.count == 1 ? genders.first : nil
    }

    /// The folded full forms of every name `word` is a form of (with itself), for a search
    /// to look for the name however it was written; empty when it is no known given name.
    static func fullForms(of word: String) -> Set<String> {
        guard let found = forms(of: word) else { return [] }
        return found.all.reduce(into: [word]) { $0.formUnion(names[$1].full) }
    }

    /// `fullForms` and the familiar forms of those names.
    static func allForms(of word: String) -> Set<String> {
        guard let found = forms(of: word) else { return [] }
        return found.all.reduce(into: [word]) { $0.formUnion(names[$1].full.union(names[$1].familiar)) }
    }

    /// Every name's full forms, for indexes that must know which skeletons one given name can take.
    static var allGroups: [[String]] { names.map { $0.full.sorted() } }

    /// How many names the table holds (its lines).
    static var count: Int { table.count }
}
