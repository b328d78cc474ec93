import Foundation
import HotlineCore
import HotlineTesting

/// The person sought in one generated case, as they really are; each inquiry describes them
/// its own way (script, spelling, how much of the birth date the family gave).
struct GeneratedPerson: Sendable {
    let bank: NameBank
    let surname: String
    let given: String
    let patronymic: (male: String, female: String)
    let born: (year: Int, month: Int, day: Int)
    let region: Region
    let unit: String?
}

/// One inquirer: a mother, a wife, a brother, with their contacts as typed.
struct GeneratedInquirer: Sendable {
    let name: String
    let relationship: String
    let contacts: [String]
}

/// What happens to one case after it is opened, in time order.
struct CasePlan: Sendable {
    enum Kind: Sendable {
        case inquiry
        case status(String)
    }

    struct Step: Sendable {
        let time: Double
        let kind: Kind
    }

    let openTime: Double
    let steps: [Step]
    var inquiries: Int {
        1 + steps.count(where: { if case .inquiry = $0.kind { true } else { false } })
    }
}

/// A realistic hotline load, deterministic for a seed: cases spread Zipf-like over the regions
/// (the border regions first), 1–4 inquiries each from relatives with 1–3 contacts, Russian and
/// Ukrainian names in Cyrillic and Latin, statuses in realistic proportions along the lifecycle,
/// and times over the last 18 months.
struct LoadGenerator: Sendable {
    /// The regions holding most cases, in order.
    static let hotRegions = ["RU-KRS", "RU-BEL", "RU-BRY", "UA-63", "UA-14"]
    static let warmRegions = [
        "UA-09", "UA-23", "UA-65", "UA-59", "UA-18", "RU-ROS", "RU-VOR", "RU-MOW", "RU-MOS", "RU-SPE", "RU-KDA",
        "UA-30", "UA-48", "UA-51", "UA-12",
    ]
    /// The regions the list benchmarks use: the largest and a fixed small one.
    static let largeRegion = "RU-KRS"
    static let smallRegion = "RU-PSK"
    static let span: Double = 548 * 86_400  // 18 months

    let seed: UInt64
    let rules: HotlineRules
    /// Regions in Zipf rank order.
    let regions: [Region]
    let regionDraw: WeightedIndex
    let now: Double
    let start: Double

    init(seed: UInt64, rules: HotlineRules = .shipped, now: Date = Date()) {
        self.seed = seed
        self.rules = rules
        let all = rules.regions.regions
        let first = Self.hotRegions + Self.warmRegions
        regions = first.compactMap { rules.regions.region(code: $0) } + all.filter { !first.contains($0.code) }
        regionDraw = .zipf(count: regions.count, exponent: 1.3)
        self.now = now.timeIntervalSince1970.rounded(.down) - 60
        start = self.now - Self.span
    }

    /// The share of cases a region gets.
    func share(of code: String) -> Double {
        regions.firstIndex { $0.code == code }.map { regionDraw.share($0) } ?? 0
    }

    // MARK: - Cases

    private enum Stream: UInt64 {
        case person = 1
        case plan, step, fresh
    }

    func person(_ index: Int, fresh: Bool = false) -> GeneratedPerson {
        var rng = SplitMix64(seed: seed, stream: (fresh ? Stream.fresh : Stream.person).rawValue, item: UInt64(index))
        let region = regions[regionDraw.sample(&rng)]
        let ukrainianRegion = region.code.hasPrefix("UA-")
        let bank = NameBank.bank(rng.chance(ukrainianRegion ? 0.85 : 0.08) ? .ukrainian : .russian)
        let year = Self.birthYears.sample(&rng)
        let month = rng.within(1...12)
        let day = rng.within(1...28)
        var unit: String?
        if rng.chance(0.72) {
            let number = 10_000 + Int((UInt64(Self.unitDraw.sample(&rng)) &* 2_654_435_761) % 89_000)
            if bank.language == .ukrainian {
                unit = rng.chance(0.8) ? "в/ч А\(number % 10_000)" : "військова частина А\(number % 10_000)"
            } else {
                unit = rng.chance(0.85) ? "в/ч \(number)" : "войсковая часть \(number)"
            }
        }
        return GeneratedPerson(
            bank: bank, surname: bank.surnames[bank.surnameDraw.sample(&rng)],
            given: bank.maleGiven[bank.maleDraw.sample(&rng)],
            patronymic: bank.patronymics[bank.patronymicDraw.sample(&rng)], born: (year, month, day),
            region: region, unit: unit)
    }

    /// When case `index` of `total` opens: spread evenly over the 18 months, in index order.
    func openTime(_ index: Int, of total: Int) -> Double {
        start + Self.span * (Double(index) + 0.5) / Double(total)
    }

    func plan(_ index: Int, of total: Int) -> CasePlan {
        var rng = SplitMix64(seed: seed, stream: Stream.plan.rawValue, item: UInt64(index))
        let open = openTime(index, of: total)
        let inquiries = Self.inquiryCounts.sample(&rng)
        let statuses = Self.statusPaths.sample(&rng)
        // Follow-up inquiries fall anywhere; status moves keep their order (closed ones last).
        var kinds: [CasePlan.Kind] = statuses.map { .status($0) }
        for _ in 1..<inquiries { kinds.insert(.inquiry, at: rng.below(kinds.count + 1)) }
        var time = open
        var steps: [CasePlan.Step] = []
        for kind in kinds {
            let next = time + 300 + rng.exponential(mean: 14 * 86_400)
            time = next < now ? next : time + (now - time) * rng.unit() * 0.5
            steps.append(CasePlan.Step(time: time, kind: kind))
        }
        return CasePlan(openTime: open, steps: steps)
    }

    // MARK: - Drafts

    /// The inquiry that opens case `person` (always `forceNewCase`, as an import would).
    func openingDraft(_ person: GeneratedPerson, step: UInt64) -> (InquiryDraft, GeneratedInquirer) {
        var rng = SplitMix64(seed: seed, stream: Stream.step.rawValue, item: step)
        let inquirer = makeInquirer(person, &rng)
        let bornFormat = rng.unit()
        let born: String? =
            bornFormat < 0.55
            ? String(format: "%04d-%02d-%02d", person.born.year, person.born.month, person.born.day)
            : bornFormat < 0.6
                ? String(format: "%04d-%02d", person.born.year, person.born.month)
                : bornFormat < 0.85 ? String(person.born.year) : nil
        let draft = InquiryDraft(
            person: render(person, &rng), region: regionText(person.region, &rng), born: born,
            unit: person.unit, inquirer: inquirer.name, relationship: inquirer.relationship,
            channel: Self.channels.sample(&rng), contacts: inquirer.contacts, note: note(&rng), forceNewCase: true)
        return (draft, inquirer)
    }

    /// A later inquiry on case `ref`: the same inquirer calling back, or another relative.
    func followUpDraft(_ person: GeneratedPerson, ref: String, previous: GeneratedInquirer?, step: UInt64)
        -> (InquiryDraft, GeneratedInquirer)
    {
        var rng = SplitMix64(seed: seed, stream: Stream.step.rawValue, item: step)
        let inquirer = previous.flatMap { rng.chance(0.35) ? $0 : nil } ?? makeInquirer(person, &rng)
        let bornFormat = rng.unit()
        let born: String? =
            bornFormat < 0.35
            ? String(format: "%04d-%02d-%02d", person.born.year, person.born.month, person.born.day)
            : bornFormat < 0.55 ? String(person.born.year) : nil
        let draft = InquiryDraft(
            person: rng.chance(0.85) ? render(person, &rng) : nil,
            region: rng.chance(0.25) ? regionText(person.region, &rng) : nil, born: born,
            unit: rng.chance(0.5) ? person.unit : nil, inquirer: inquirer.name,
            relationship: inquirer.relationship, channel: Self.channels.sample(&rng), contacts: inquirer.contacts,
            note: note(&rng), caseRef: ref)
        return (draft, inquirer)
    }

    func statusDraft(ref: String, status: String, at: Double, step: UInt64) -> StatusChangeDraft {
        var rng = SplitMix64(seed: seed, stream: Stream.step.rawValue, item: step)
        let asOf = rng.chance(0.7) ? Self.day(at - rng.unit() * 5 * 86_400) : nil
        return StatusChangeDraft(
            ref: ref, status: status, note: rng.chance(0.6) ? rng.pick(Self.statusNotes) : nil,
            source: rng.chance(0.75) ? rng.pick(Self.sources) : nil, asOf: asOf)
    }

    /// `YYYY-MM-DD` (UTC) of a time.
    static func day(_ time: Double) -> String {
        var seconds = time_t(time)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    // MARK: - Pieces

    /// The person's name as one family writes it.
    func render(_ person: GeneratedPerson, _ rng: inout SplitMix64) -> String {
        let (s, g, p) = (person.surname, person.given, person.patronymic.male)
        let format = rng.unit()
        let cyrillic: String
        switch format {
        case ..<0.52: cyrillic = "\(s) \(g) \(p)"
        case ..<0.64: cyrillic = "\(g) \(s)"
        case ..<0.76: cyrillic = "\(s) \(g)"
        case ..<0.80: cyrillic = "\(g) \(p) \(s)"
        case ..<0.93: return latin("\(g) \(s)", person.bank, &rng)
        default: return latin("\(s) \(g) \(p)", person.bank, &rng)
        }
        return cyrillic
    }

    private func latin(_ name: String, _ bank: NameBank, _ rng: inout SplitMix64) -> String {
        let style: Transliteration = rng.chance(0.7) ? .popular : rng.chance(0.67) ? .passport : .german
        return Transliteration.spell(name, bank.language, style)
    }

    private func regionText(_ region: Region, _ rng: inout SplitMix64) -> String {
        let choice = rng.unit()
        if choice < 0.65 { return region.code }
        if choice < 0.8 { return region.en }
        return (region.code.hasPrefix("UA-") ? region.uk : region.ru) ?? region.en
    }

    private func note(_ rng: inout SplitMix64) -> String? {
        rng.chance(0.6) ? rng.pick(Self.inquiryNotes) : nil
    }

    private func makeInquirer(_ person: GeneratedPerson, _ rng: inout SplitMix64) -> GeneratedInquirer {
        let bank = person.bank
        let relationship = Self.relationships.sample(&rng)
        let otherSurname = bank.surnames[bank.surnameDraw.sample(&rng)]
        let female: Bool
        var surname = person.surname
        var patronymic: (male: String, female: String) = bank.patronymics[bank.patronymicDraw.sample(&rng)]
        switch relationship {
        case "mother": female = true
        case "spouse": female = rng.chance(0.97)
        case "father": female = false
        case "sibling":
            female = rng.chance(0.55)
            patronymic = person.patronymic
        case "child": female = rng.chance(0.5)
        case "grandparent": female = rng.chance(0.7)
        default:
            female = rng.chance(0.6)
            surname = otherSurname
        }
        if ["mother", "spouse"].contains(relationship), rng.chance(0.1) { surname = otherSurname }
        let given = female ? bank.femaleGiven[bank.femaleDraw.sample(&rng)] : bank.maleGiven[bank.maleDraw.sample(&rng)]
        let familyName = female ? bank.female(surname) : surname
        let middle = female ? patronymic.female : patronymic.male
        let format = rng.unit()
        let name: String
        switch format {
        case ..<0.55: name = "\(familyName) \(given) \(middle)"
        case ..<0.78: name = "\(familyName) \(given)"
        case ..<0.9: name = "\(given) \(familyName)"
        case ..<0.95: name = given
        default: name = latin("\(given) \(familyName)", bank, &rng)
        }
        let count = Self.contactCounts.sample(&rng)
        var kinds = [Self.firstContactKinds.sample(&rng)]
        while kinds.count < count {
            let kind = rng.pick(["phone", "email", "telegram"])
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        let contacts = kinds.map { kind in
            contact(kind, given: given, surname: familyName, bank: bank, &rng)
        }
        return GeneratedInquirer(name: name, relationship: relationship, contacts: contacts)
    }

    private func contact(_ kind: String, given: String, surname: String, bank: NameBank, _ rng: inout SplitMix64)
        -> String
    {
        switch kind {
        case "phone":
            let number: String
            if bank.language == .ukrainian && rng.chance(0.85) {
                let code = rng.pick(["50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99"])
                let d = rng.digits(7)
                number = "+380 \(code) \(d.prefix(3)) \(d.dropFirst(3).prefix(2)) \(d.suffix(2))"
            } else {
                let code = "9" + rng.digits(2)
                let d = rng.digits(7)
                let (a, b, c) = (d.prefix(3), d.dropFirst(3).prefix(2), d.suffix(2))
                switch rng.below(4) {
                case 0: number = "8 \(code) \(a)-\(b)-\(c)"
                case 1: number = "+7 \(code) \(a) \(b) \(c)"
                case 2: number = "8\(code)\(d)"
                default: number = "+7 (\(code)) \(a)-\(b)-\(c)"
                }
            }
            return rng.chance(0.7) ? "phone:" + number : number
        case "email":
            let box =
                rng.chance(0.5)
                ? "\(Transliteration.slug(given, bank.language)).\(Transliteration.slug(surname, bank.language))"
                : "\(Transliteration.slug(surname, bank.language))\(rng.within(60...99))"
            let domain =
                bank.language == .ukrainian
                ? rng.pick(["ukr.net", "gmail.com", "i.ua", "meta.ua"])
                : rng.pick(["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru"])
            return "email:\(box)\(rng.chance(0.4) ? rng.digits(2) : "")@\(domain)"
        default:
            var handle = Transliteration.slug(given, bank.language) + "_" + Transliteration.slug(surname, bank.language)
            if rng.chance(0.5) { handle += rng.digits(rng.within(2...4)) }
            return "telegram:@" + String(handle.prefix(30))
        }
    }

    // MARK: - Proportions

    static let birthYears = Weighted<Int>(
        (1965...2006).map { year in
            // Mobilised and contract soldiers: most born 1980-2000.
            (year, year < 1975 ? 0.4 : year < 1980 ? 0.8 : year <= 2000 ? 1.6 : 0.9)
        })
    static let unitDraw = WeightedIndex.zipf(count: 4000, exponent: 0.7)
    static let inquiryCounts = Weighted<Int>([(1, 0.5), (2, 0.28), (3, 0.14), (4, 0.08)])
    /// The status moves a case goes through after `new`, and how often each path is taken:
    /// most cases stay searching or new, some are located or captured, few deceased,
    /// reunited or closed. Closed statuses come only after open ones.
    static let statusPaths = Weighted<[String]>([
        ([], 0.30), (["searching"], 0.37),
        (["searching", "located"], 0.05), (["located"], 0.05),
        (["searching", "captured"], 0.065), (["captured"], 0.025),
        (["searching", "deceased"], 0.04),
        (["searching", "located", "reunited"], 0.035), (["captured", "reunited"], 0.025),
        (["searching", "closed"], 0.03), (["closed"], 0.01),
    ])
    static let relationships = Weighted<String>([
        ("mother", 0.38), ("spouse", 0.24), ("father", 0.09), ("sibling", 0.12), ("child", 0.03),
        ("grandparent", 0.02), ("other-relative", 0.06), ("friend", 0.04), ("other", 0.02),
    ])
    static let channels = Weighted<String>([
        ("phone", 0.45), ("telegram", 0.22), ("email", 0.08), ("whatsapp", 0.07), ("viber", 0.06), ("web", 0.06),
        ("in-person", 0.03), ("letter", 0.02), ("signal", 0.01),
    ])
    static let contactCounts = Weighted<Int>([(1, 0.55), (2, 0.33), (3, 0.12)])
    static let firstContactKinds = Weighted<String>([("phone", 0.8), ("telegram", 0.12), ("email", 0.08)])
    static let inquiryNotes = [
        "Последний раз выходил на связь 2 марта.", "Не выходит на связь с начала месяца.",
        "Мать узнала его на видео в Telegram.", "Last call on 2 March.", "Сослуживцы говорят, что был ранен.",
        "Був на позиціях під Бахмутом, зв'язок зник.", "Перезвонить вечером после 18:00.",
        "Сім'я просить повідомляти будь-які новини.", "Family asks to call back after 6 pm.",
        "Видели в списке на обмен, не подтверждено.", "Отправлен в зону СВО в октябре.",
        "Останній дзвінок — 14 лютого, з Куп'янська.", "Передала фото и копию военного билета.",
    ]
    static let statusNotes = [
        "Подтверждено семьёй.", "Named on the list.", "Опознан по фото.", "Вернулся домой.", "Повернувся з полону.",
        "Информация от сослуживца, ждём подтверждения.", "Тело передано семье.", "Case closed at family's request.",
    ]
    static let sources = [
        "звонок семьи", "список военнопленных, опубликованный омбудсменом", "ICRC", "видео в Telegram",
        "Координаційний штаб", "сослуживец", "military hospital", "обмін полоненими", "prisoner list",
    ]
}
