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
        for check in [mergeProblems] {
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
}
