import ArgumentParser
import Foundation
import HotlineCore
import HotlineTesting

/// `seed-news`: gives a seeded database undelivered news through the service layer, for a file
/// seeded before notices existed (the 1M one has 290,000 cases at statuses that are news and no
/// notices). Open cases picked at random (so large regions get the most) move to `located` or
/// `captured` through `Hotline.bulk`'s status change: the same rules, notices and history as
/// `case status`, so every inquirer of each case gets a notice.
struct SeedNewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-news", abstract: "Move open cases to a status that is news, through Hotline.bulk.")

    @Option(help: "A seeded database (changed in place: pass a copy).") var db: String
    @Option(help: "How many open cases get news.") var cases = 40_000
    @Option(help: "The random seed.") var seed: UInt64 = 1

    func run() throws {
        let clock = Stopwatch()
        let refs = try NewsSeeder.openCases(in: db, count: cases, seed: seed)
        let hotline = try Hotline.open(path: db, rules: .shipped)
        var rng = SplitMix64(seed: seed)
        let asOf = LoadGenerator.day(Date().timeIntervalSince1970)
        try hotline.bulk(by: try OperatorName("bench"), batchSize: 2_000) { writer in
            for ref in refs {
                _ = try writer.changeStatus(
                    StatusChangeDraft(
                        ref: ref, status: rng.chance(0.7) ? "located" : "captured", note: "Named on the list.",
                        source: "prisoner list", asOf: asOf))
            }
        }
        let seconds = clock.seconds
        let raw = try RawDatabase(path: db)
        var table = Table(
            title: "news seeded into \(db)",
            columns: ["cases moved", "seconds", "undelivered notices", "in \(LoadGenerator.largeRegion)"])
        table.add([
            Format.count(refs.count), Format.fixed(seconds, 1),
            Format.count(Int(try raw.int("SELECT count(*) FROM notice WHERE state <> 'delivered'") ?? 0)),
            Format.count(
                Int(
                    try raw.int(
                        "SELECT count(*) FROM notice WHERE state <> 'delivered' AND region = ?",
                        [.text(LoadGenerator.largeRegion)]) ?? 0)),
        ])
        table.print()
    }
}

enum NewsSeeder {
    /// `count` distinct open, unmerged cases drawn at random by id.
    static func openCases(in path: String, count: Int, seed: UInt64) throws -> [String] {
        let raw = try RawDatabase(path: path)
        let maxId = try raw.int("SELECT max(id) FROM person_case") ?? 0
        let open = try raw.int("SELECT count(*) FROM person_case WHERE status IN ('new', 'searching')") ?? 0
        guard open >= 2 * count else { throw BenchError("\(path) has \(open) open cases, too few for \(count)") }
        let statement = try raw.statement(
            "SELECT ref FROM person_case WHERE id = ? AND merged_into IS NULL AND status IN ('new', 'searching')")
        var rng = SplitMix64(seed: seed ^ 0x6e65_7773)
        var picked = Set<String>()
        var refs: [String] = []
        while refs.count < count {
            statement.bind(1, Int64(1 + rng.below(Int(maxId))))
            if try statement.step(), let ref = statement.text(0), picked.insert(ref).inserted { refs.append(ref) }
            statement.reset()
        }
        return refs
    }
}
