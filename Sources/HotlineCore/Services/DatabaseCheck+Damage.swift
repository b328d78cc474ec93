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
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, ref, merged_into FROM person_case WHERE merged_into IS NOT NULL ORDER BY id")
        var starts: [Int64] = []
        while let row = try rows.next() {
            next[row[0]] = row[2]
            refs[row[0]] = row[1]
            starts.append(row[0])
        }
        guard !next.isEmpty else { return [] }
        // The chains' ends (cases not merged themselves) must exist.
        let ends = Array(Set(next.values).subtracting(next.keys))
        let existing = try Set(
            Int64.fetchAll(
                db, sql: "SELECT id FROM person_case WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [String(decoding: try JSONEncoder().encode(ends), as: UTF8.self)]))
        for end in ends where existing.contains(end) {
            refs[end] = try String.fetchOne(db, sql: "SELECT ref FROM person_case WHERE id = ?", arguments: [end])
        }
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
        let refs = try String.fetchCursor(db, sql: "SELECT ref FROM person_case")
        while problems.count < limit, let ref = try refs.next() {
            let problem: String
            do {
                guard try CaseReference(parsing: ref).description != ref else { continue }
                problem = "is not written as NNNN-NNNN"
            } catch .invalidReference(_, let why) {
                problem = why
            } catch {
                problem = "\(error)"
            }
            problems.append(
                CheckProblem(check: "reference", detail: "case reference \(HotlineError.quoted(ref)): \(problem)"))
        }
        return problems
    }

    /// Every stored birth date, of a case or an inquiry, is one the service layer accepts.
    static func bornProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        var problems: [CheckProblem] = []
        let today = Date()
        var accepted: Set<String> = []  // ~30,000 distinct dates, each parsed once
        for (table, sql) in [
            ("case", "SELECT ref, born FROM person_case WHERE born IS NOT NULL"),
            (
                "inquiry",
                """
                SELECT person_case.ref, inquiry.born FROM inquiry JOIN person_case ON person_case.id = inquiry.case_id
                WHERE inquiry.born IS NOT NULL AND inquiry.born IS NOT person_case.born
                """
            ),
        ] {
            let rows = try Row.fetchCursor(db, sql: sql)
            while problems.count < limit, let row = try rows.next() {
                let born: String = row[1]
                guard !accepted.contains(born) else { continue }
                do {
                    _ = try PartialDate(parsing: born, field: "born", today: today)
                    accepted.insert(born)
                } catch .invalidField(_, _, let problem, _) {
                    problems.append(
                        CheckProblem(
                            check: "born",
                            detail: "case \(row[0] as String)\(table == "inquiry" ? " (an inquiry)" : ""): born "
                                + "\(HotlineError.quoted(born)) is impossible (\(problem))"))
                } catch {
                    problems.append(CheckProblem(check: "born", detail: "case \(row[0] as String): \(error)"))
                }
            }
        }
        return problems
    }

    /// Every name a case is known by (its own, and the person sought and the inquirer of each
    /// of its inquiries) has its entry in name_entry, and every entry its row in the FTS index:
    /// a missing one makes search silently miss the case.
    static func nameIndexProblems(in db: Database, limit: Int) throws -> [CheckProblem] {
        guard try db.tableExists("name_entry") else { return [] }  // before v003; rebuilt on migration
        var problems: [CheckProblem] = []
        let unindexed = try Row.fetchCursor(
            db,
            sql: """
                SELECT person_case.ref, name_entry.kind, name_entry.name FROM name_entry
                JOIN person_case ON person_case.id = name_entry.case_id
                WHERE name_entry.id NOT IN (SELECT rowid FROM name_search) ORDER BY name_entry.id
                """)
        while problems.count < limit, let row = try unindexed.next() {
            problems.append(
                CheckProblem(
                    check: "name index",
                    detail: "case \(row[0] as String): the \(row[1] as String) name \(HotlineError.quoted(row[2])) "
                        + "is missing from the search index: search cannot find it by that name"))
        }
        // Three streams in case order, merged: the entries, the cases, their inquiries. A name
        // spelled as an entry is needs no folding (most inquiries repeat a spelling), which
        // keeps this to ~0.3 s for 100,000 cases.
        let entries = try Row.fetchCursor(
            db, sql: "SELECT case_id, kind = 'person', name, folded FROM name_entry ORDER BY case_id")
        let cases = try Row.fetchCursor(
            db, sql: "SELECT id, ref, person_name FROM person_case WHERE merged_into IS NULL ORDER BY id")
        let asked = try Row.fetchCursor(
            db,
            sql: """
                SELECT inquiry.case_id, inquiry.person_name, inquirer.name FROM inquiry
                JOIN inquirer ON inquirer.id = inquiry.inquirer_id ORDER BY inquiry.case_id
                """)
        var entry = try entries.next()
        var inquiry = try asked.next()
        var indexed: [(person: Bool, name: String, folded: String)] = []
        var expected: [(person: Bool, name: String)] = []
        while problems.count < limit, let row = try cases.next() {
            let caseId: Int64 = row[0]
            indexed.removeAll(keepingCapacity: true)
            while let current = entry, (current[0] as Int64) <= caseId {
                if (current[0] as Int64) == caseId { indexed.append((current[1], current[2], current[3])) }
                entry = try entries.next()
            }
            expected.removeAll(keepingCapacity: true)
            expected.append((true, row[2]))
            while let current = inquiry, (current[0] as Int64) <= caseId {
                if (current[0] as Int64) == caseId {
                    expected.append((true, current[1]))
                    expected.append((false, current[2]))
                }
                inquiry = try asked.next()
            }
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
                        detail: "case \(row[1] as String): the \(person ? "person" : "inquirer") name "
                            + "\(HotlineError.quoted(name)) has no name entry: search cannot find the case by it"))
            }
        }
        return problems
    }
}
