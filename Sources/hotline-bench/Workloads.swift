import Foundation
import HotlineCore
import HotlineTesting

/// The inputs of the timed operations, all built before any timing: drafts for hotline, the
/// same inquiries validated and folded for the raw side, and cases picked from the database.
struct Workloads {
    let generator: LoadGenerator
    let rules: HotlineRules
    var rng: SplitMix64
    /// Every reference handed out, so none is handed out twice.
    private var issued = Set<String>()

    init(seed: UInt64, rules: HotlineRules = .shipped) {
        generator = LoadGenerator(seed: seed ^ 0x5EED_0F_BE4C, rules: rules)
        self.rules = rules
        rng = SplitMix64(seed: seed, stream: 99, item: 0)
    }

    /// Fresh people (never in the seeded load): new-case drafts with `forceNewCase`.
    func newCaseDraft(_ index: Int) -> InquiryDraft {
        let person = generator.person(index, fresh: true)
        return generator.openingDraft(person, step: (1 << 40) &+ UInt64(index)).0
    }

    /// References no case has, distinct among themselves (checked on the raw connection).
    mutating func freeReferences(_ count: Int, in db: RawDatabase) throws -> [String] {
        var refs: [String] = []
        while refs.count < count {
            let ref = CaseReference.random(using: &rng).description
            guard issued.insert(ref).inserted else { continue }
            if try db.int("SELECT 1 FROM person_case WHERE ref = ?", [.text(ref)]) == nil { refs.append(ref) }
        }
        return refs
    }

    /// New-case inquiries for the raw side, from other fresh people than hotline's.
    mutating func rawNewCases(_ indices: Range<Int>, in db: RawDatabase) throws -> [RawInquiry] {
        let refs = try freeReferences(indices.count, in: db)
        return try zip(indices, refs).map { index, ref in
            try RawInquiry(newCaseDraft(index), ref: ref, rules: rules, at: Date())
        }
    }

    /// `count` inquiries as an import brings them: new cases, and 1–3 follow-ups on each of
    /// about half of them, arriving a few hundred to a few thousand inquiries later.
    mutating func bulk(_ count: Int, base: Int, in db: RawDatabase) throws -> [BulkItem] {
        struct Due {
            let position: Int
            let caseIndex: Int
        }
        var items: [BulkItem] = []
        items.reserveCapacity(count)
        var due: [Due] = []  // kept sorted by position, earliest last
        var people: [Int: (GeneratedPerson, InquiryDraft, GeneratedInquirer)] = [:]
        var refs: [Int: String] = [:]
        var nextCase = 0
        let now = Date()
        while items.count < count {
            if let last = due.last, last.position <= items.count {
                due.removeLast()
                let (person, opening, previous) = people[last.caseIndex]!
                let (draft, inquirer) = generator.followUpDraft(
                    person, ref: "", previous: previous, step: (2 << 40) &+ UInt64(base + items.count))
                people[last.caseIndex] = (person, opening, inquirer)
                let raw = try RawInquiry(
                    draft, ref: refs[last.caseIndex]!, rules: rules, at: now, caseName: opening.person,
                    caseUnit: opening.unit)
                items.append(BulkItem(caseIndex: last.caseIndex, isNew: false, draft: draft, raw: raw))
            } else {
                let caseIndex = nextCase
                nextCase += 1
                let person = generator.person(base + caseIndex, fresh: true)
                let (draft, inquirer) = generator.openingDraft(person, step: (3 << 40) &+ UInt64(base + caseIndex))
                people[caseIndex] = (person, draft, inquirer)
                refs[caseIndex] = try freeReferences(1, in: db)[0]
                let raw = try RawInquiry(draft, ref: refs[caseIndex]!, rules: rules, at: now)
                items.append(BulkItem(caseIndex: caseIndex, isNew: true, draft: draft, raw: raw))
                let followUps = LoadGenerator.inquiryCounts.sample(&rng) - 1
                for _ in 0..<followUps {
                    let position = items.count + 200 + rng.below(3000)
                    let index = due.firstIndex { $0.position < position } ?? due.count
                    due.insert(Due(position: position, caseIndex: caseIndex), at: index)
                }
            }
        }
        // Refs are unique across the workload too (freeReferences checks the database only).
        let newRefs = items.filter(\.isNew).map(\.raw.ref)
        guard Set(newRefs).count == newRefs.count else { throw BenchError("duplicate references in the workload") }
        return items
    }

    /// A name no case has: two words of consonants drawn at random for every `index`, so no
    /// Russian or Ukrainian name folds near them and no two of them are alike (the intake check
    /// would take one for the other).
    static func unknownName(_ index: Int) -> String {
        var rng = SplitMix64(seed: 0xBAD_C0DE, stream: 7, item: UInt64(index))
        let letters = Array("bcdfgklmnpqrstvxz")
        func word(_ length: Int) -> String {
            let text = String((0..<length).map { _ in letters[rng.below(letters.count)] })
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        return word(8) + " " + word(7)
    }

    /// A random case id of the database.
    mutating func randomCaseId(maxId: Int64) -> Int64 { Int64(rng.below(Int(maxId))) + 1 }
}
