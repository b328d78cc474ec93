import Foundation
import GRDB

/// The checks for damage that SQLite's own checks cannot see: a cycle of merges or a merge into
/// a missing case (every command following the link would have nowhere to go), names missing
/// from the search index (search would silently miss the case), and stored values the service
/// layer would never have written (a reference failing its check digit, an impossible birth
/// date). Each reads the tables once, in statements SQLite can interrupt.
extension Hotline {
    /// All of them, at most `limit` problems.
    static func damageProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        for check in [mergeProblems, referenceProblems, bornProblems, nameIndexProblems] {
            guard problems.count < limit else { break }
            problems += try check(db, limit - problems.count)
        }
        return problems
    }

    /// Every merged case's chain of `merged_into` links must end at a case that was not merged.
    static func mergeProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        var next: [Int64: Int64] = [:]
        var refs: [Int64: String] = [:]
        var starts: [Int64] = []
        for link in try db.checks.mergeLinks() {
            next[link.id] = link.mergedInto
            refs[link.id] = link.ref
            starts.append(link.id)
        }
        guard !next.isEmpty else { return [] }
        // The chains' ends (cases not merged themselves) must exist.
        let ends = try db.checks.references(ofCaseIds: Array(Set(next.values).subtracting(next.keys)))
        let existing = Set(ends.keys)
        refs.merge(ends) { merged, _ in merged }
        // Each case is judged once: sound, or broken (a cycle or a missing end) with every case
        // whose chain runs through it.
        var sound: [Int64: Bool] = [:]
        for start in starts where sound[start] == nil {
            var path: [Int64] = []
            var onPath = Set<Int64>()
            var node = start
            var verdict: Bool
            while true {
                if let known = sound[node] {
                    verdict = known
                    break
                }
                guard let target = next[node] else {
                    verdict = existing.contains(node)
                    break
                }
                guard onPath.insert(node).inserted else {
                    verdict = false
                    break
                }
                path.append(node)
                node = target
            }
            for visited in path { sound[visited] = verdict }
        }
        var problems: [CheckProblem] = []
        for start in starts where sound[start] == false && problems.count < limit {
            // The chain as written, up to the first case met twice or the missing one.
            var chain = [refs[start]!]
            var seen: Set<Int64> = [start]
            var node = next[start]!
            var detail: String
            while true {
                guard let ref = refs[node] else {
                    detail =
                        "is merged into \(chain.joined(separator: " -> ")) -> case id \(node), which does not exist"
                    break
                }
                chain.append(ref)
                guard seen.insert(node).inserted else {
                    detail = "is merged round a cycle (\(chain.joined(separator: " -> "))): no case survives"
                    break
                }
                guard let target = next[node] else {
                    detail = "is merged into \(chain.joined(separator: " -> "))"  // not reached: the chain is broken
                    break
                }
                node = target
            }
            problems.append(CheckProblem(check: "merges", detail: "case \(refs[start]!) \(detail)"))
        }
        return problems
    }

    /// Every stored reference is the canonical form of a reference whose check digit matches.
    static func referenceProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        guard limit > 0 else { return [] }
        try db.checks.eachReference { ref in
            let problem: Message
            do {
                guard try CaseReference(parsing: ref).description != ref else { return true }
                problem = "is not written as NNNN-NNNN"
            } catch HotlineError.invalidReference(_, let why) {
                problem = why
            } catch {
                problem = .verbatim("\(error)")
            }
            problems.append(
                CheckProblem(check: "reference", detail: "case reference \(HotlineError.quoted(ref)): \(problem)"))
            return problems.count < limit
        }
        return problems
    }

    /// Every stored birth date, of a case or an inquiry, is one the service layer accepts.
    static func bornProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        let today = Date()
        var accepted: Set<String> = []  // ~30,000 distinct dates, each parsed once
        guard limit > 0 else { return [] }
        try db.checks.eachBirthDate { ref, born, ofInquiry in
            guard !accepted.contains(born) else { return true }
            do {
                _ = try PartialDate(parsing: born, field: "born", today: today)
                accepted.insert(born)
            } catch HotlineError.invalidField(_, _, let problem, _) {
                problems.append(
                    CheckProblem(
                        check: "born",
                        detail: "case \(ref)\(ofInquiry ? " (an inquiry)" : ""): born "
                            + "\(HotlineError.quoted(born)) is impossible (\(problem))"))
            } catch {
                problems.append(CheckProblem(check: "born", detail: "case \(ref): \(error)"))
            }
            return problems.count < limit
        }
        return problems
    }

    /// Every name a case is known by (its own, and the person sought and the inquirer of each
    /// of its inquiries) has its entry in name_entry, and every entry its row in the FTS index:
    /// a missing one makes search silently miss the case.
    static func nameIndexProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        guard try db.checks.hasNameIndex() else { return [] }  // before v003; rebuilt on migration
        var problems = try db.checks.unindexedNames(limit: limit).map { found in
            CheckProblem(
                check: "name index",
                detail: "case \(found.ref): the \(found.kind) name \(HotlineError.quoted(found.name)) "
                    + "is missing from the search index: search cannot find it by that name")
        }
        guard problems.count < limit else { return problems }
        // A name spelled as an entry is needs no folding (most inquiries repeat a spelling).
        try db.checks.eachCaseWithNames { ref, indexed, expected in
            var reported: [(person: Bool, folded: String)] = []
            for (person, name) in expected where problems.count < limit {
                if indexed.contains(where: { $0.person == person && $0.name == name }) { continue }
                let folded = NameFolding.key(name)
                guard !indexed.contains(where: { $0.person == person && $0.folded == folded }),
                    !reported.contains(where: { $0.person == person && $0.folded == folded })
                else { continue }
                reported.append((person, folded))
                problems.append(
                    CheckProblem(
                        check: "name index",
                        detail: "case \(ref): the \(person ? "person" : "inquirer") name "
                            + "\(HotlineError.quoted(name)) has no name entry: search cannot find the case by it"))
            }
            return problems.count < limit
        }
        return problems
    }
}
