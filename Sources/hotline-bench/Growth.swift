import Foundation
import HotlineCore

/// `growth`: the same operations on databases of growing size, to show that a first page and
/// a log stay flat and a whole list grows with its result, not with the database.
struct GrowthSettings: Sendable {
    var sizes = [10_000, 100_000, 1_000_000]
    var directory = NSTemporaryDirectory()
    /// Already seeded files to use for a size instead of seeding one.
    var reuse: [Int: String] = [:]
    var iterations = 50
    var warmup = 3
    var budget = 15.0
    var seed: UInt64 = 1
    var batchSize = 10_000
}

enum GrowthBenchmark {
    static func run(_ settings: GrowthSettings, log: (String) -> Void = { Output.line($0) }) throws -> Table {
        let rules = HotlineRules.shipped
        let region = LoadGenerator.smallRegion
        var table = Table(
            title: "growth: \(region) (a small region) lists, log and search by database size",
            columns: [
                "cases", "seeding", "\(region) open", "first 50 hotline", "first 50 raw", "whole hotline",
                "whole raw", "log hotline", "log raw", "search Ivanov",
            ])
        let calls = settings.iterations + settings.warmup
        for size in settings.sizes {
            var seeding = "reused"
            let path: String
            if let existing = settings.reuse[size] {
                path = existing
            } else {
                path = (settings.directory as NSString).appendingPathComponent("hotline-growth-\(size).sqlite")
                log("seeding \(Format.count(size)) cases into \(path)…")
                let seeded = try Seeder.seed(
                    path: path, cases: size, seed: settings.seed, batchSize: settings.batchSize, replace: true)
                seeding = Format.rate(seeded.casesPerSecond, "cases")
            }
            log("timing at \(Format.count(size)) cases…")
            var work = Workloads(seed: settings.seed, rules: rules)
            func pair(_ label: String, hotline: (Int) throws -> Int, raw: ((Int) throws -> Int)?) throws
                -> OperationResult
            {
                try RunBenchmark.pair(
                    label, calls: calls, warmup: settings.warmup, budget: settings.budget, target: .none,
                    hotline: hotline, raw: raw)
            }
            let (page, whole, search, rows): (OperationResult, OperationResult, OperationResult, Int)
            do {
                let hotline = try HotlineSide(path: path)
                let raw = try RawHotline(path: path, rules: rules)
                rows = try raw.listOpen(region: region, limit: nil)
                page = try pair(
                    "page", hotline: { _ in try hotline.listOpen(region: region, limit: 50) },
                    raw: { _ in try raw.listOpen(region: region, limit: 50) })
                whole = try pair(
                    "whole", hotline: { _ in try hotline.listOpen(region: region, limit: nil) },
                    raw: { _ in try raw.listOpen(region: region, limit: nil) })
                search = try pair("search", hotline: { _ in try hotline.search("Ivanov") }, raw: nil)
                try raw.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            }
            // Logs go to a copy, so a reused file stays as seeded.
            let copy = path + ".growth-write"
            Seeder.removeDatabase(copy)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            defer { Seeder.removeDatabase(copy) }
            let logged: OperationResult
            do {
                let hotline = try HotlineSide(path: copy)
                let raw = try RawHotline(path: copy, rules: rules)
                let drafts = (0..<calls).map { work.newCaseDraft($0) }
                let inquiries = try work.rawNewCases(100_000..<(100_000 + calls), in: raw.db)
                logged = try pair(
                    "log",
                    hotline: { index in
                        try hotline.logInquiry(drafts[index])
                        return 1
                    },
                    raw: { index in
                        try raw.logInquiry(inquiries[index])
                        return 1
                    })
            }
            table.add([
                Format.count(size), seeding, Format.count(rows), Format.time(page.hotline.median),
                Format.time(page.raw.median), Format.time(whole.hotline.median), Format.time(whole.raw.median),
                Format.time(logged.hotline.median), Format.time(logged.raw.median), Format.time(search.hotline.median),
            ])
        }
        table.notes = [
            "Medians. \(region) holds the same share of cases at every size, so its whole list grows with the",
            "database while its first page should not; a log should not grow either.",
        ]
        return table
    }
}
