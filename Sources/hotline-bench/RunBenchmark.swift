import Foundation
import HotlineCore

/// `run`: every hot operation through hotline and through raw SQL on the same database, in
/// the same process, alternating the two sides call by call so both see the same cache and
/// the same file. Reads run on the seeded file; writes on a copy of it, so the reads (and a
/// later `run`) see the seeded data unchanged.
struct RunSettings: Sendable {
    var db: String
    var iterations = 200
    var warmup = 3
    var bulk = 100_000
    var batchSize = 10_000
    /// Seconds one operation may take, both sides together, before it stops early (at least
    /// 5 timed calls).
    var budget = 20.0
    var seed: UInt64 = 1
    var keepCopy = false
    /// Only the operations whose label contains this text (for profiling one of them).
    var only: String?

    func wants(_ label: String) -> Bool { only.map { label.localizedCaseInsensitiveContains($0) } ?? true }
}

/// The figures of one operation.
struct OperationResult {
    enum Target {
        case none
        /// hotline median within this many times raw's.
        case ratio(Double)
        /// hotline median under this many seconds.
        case under(Double)
        /// hotline at least this rate, within this many times raw's time.
        case bulk(rate: Double, ratio: Double)
    }

    let label: String
    var hotline = Samples()
    var raw = Samples()
    var rows = ""
    var target: Target = .none
    /// For bulk loads: the inquiries written by each side.
    var bulkCount = 0

    var ratio: Double { hotline.median / raw.median }

    var met: Bool? {
        switch target {
        case .none: return nil
        case .ratio(let limit): return ratio <= limit
        case .under(let seconds): return hotline.median < seconds
        case .bulk(let rate, let limit): return Double(bulkCount) / hotline.median >= rate && ratio <= limit
        }
    }

    var targetText: String {
        switch target {
        case .none: return ""
        case .ratio(let limit): return "≤ \(Format.significant(limit))x raw"
        case .under(let seconds): return "< \(Format.time(seconds))"
        case .bulk(let rate, let limit): return "≥ \(Format.count(Int(rate)))/s, ≤ \(Format.significant(limit))x"
        }
    }

    var cells: [String] {
        if bulkCount > 0 {
            return [
                label, "1", Format.count(bulkCount), Format.rate(Double(bulkCount) / hotline.median, "inq"),
                Format.time(hotline.median), Format.rate(Double(bulkCount) / raw.median, "inq"),
                Format.time(raw.median), Format.ratio(ratio), targetText, Format.verdict(met),
            ]
        }
        return [
            label, String(hotline.count), rows, Format.time(hotline.median), Format.time(hotline.p99),
            raw.count > 0 ? Format.time(raw.median) : "-", raw.count > 0 ? Format.time(raw.p99) : "-",
            raw.count > 0 ? Format.ratio(ratio) : "-", targetText, Format.verdict(met),
        ]
    }
}

enum RunBenchmark {
    static let columns = [
        "operation", "n", "rows", "hotline median", "hotline p99", "raw median", "raw p99", "ratio", "target",
        "verdict",
    ]

    static func run(_ settings: RunSettings, log: (String) -> Void = { Output.line($0) }) throws -> Table {
        let rules = HotlineRules.shipped
        var work = Workloads(seed: settings.seed, rules: rules)
        let calls = settings.iterations + settings.warmup

        // The seeded file, self-contained (WAL folded in), and a copy of it for the writes.
        do {
            let raw = try RawDatabase(path: settings.db)
            try raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let copy = settings.db + ".bench-write"
        Seeder.removeDatabase(copy)
        log("copying \(settings.db) to \(copy) for the write benchmarks…")
        try FileManager.default.copyItem(atPath: settings.db, toPath: copy)
        defer { if !settings.keepCopy { Seeder.removeDatabase(copy) } }

        var results: [OperationResult] = []
        var synchronousNote: String?
        let hotline = try HotlineSide(path: settings.db)
        let raw = try RawHotline(path: settings.db, rules: rules)
        let cases = Int(try raw.db.int("SELECT count(*) FROM person_case") ?? 0)
        let maxId = try raw.db.int("SELECT max(id) FROM person_case") ?? 0
        guard cases > 0 else { throw BenchError("\(settings.db) has no cases: seed it first") }
        let atScale = cases >= 1_000_000
        func measure(
            _ label: String, target: OperationResult.Target = .none, calls: Int = calls,
            warmup: Int = settings.warmup, hotline: (Int) throws -> Int, raw: ((Int) throws -> Int)?
        ) throws {
            guard settings.wants(label) else { return }
            log("  \(label)…")
            results.append(
                try pair(
                    label, calls: calls, warmup: warmup, budget: settings.budget, target: target,
                    hotline: hotline, raw: raw))
        }

        // (3) Lists: a large region and a small one, the first page and the whole list.
        for region in [LoadGenerator.largeRegion, LoadGenerator.smallRegion] {
            try measure(
                "list open \(region), first 50", target: .ratio(1.5),
                hotline: { _ in try hotline.listOpen(region: region, limit: 50) },
                raw: { _ in try raw.listOpen(region: region, limit: 50) })
            try measure(
                "list open \(region), whole list", target: .ratio(1.5),
                hotline: { _ in try hotline.listOpen(region: region, limit: nil) },
                raw: { _ in try raw.listOpen(region: region, limit: nil) })
        }

        // Telling the families (issue 13): the first page of a large region's undelivered news.
        try measure(
            "notice list \(LoadGenerator.largeRegion), first 50", target: .under(0.05),
            hotline: { _ in try hotline.noticeList(region: LoadGenerator.largeRegion, limit: 50) },
            raw: { _ in try raw.noticeList(region: LoadGenerator.largeRegion, limit: 50) })

        // (4) One case in full, a random one each call.
        var detailRefs: [String] = []
        while detailRefs.count < calls {
            if let ref = try raw.db.text(
                "SELECT ref FROM person_case WHERE id = ?", [.int(work.randomCaseId(maxId: maxId))])
            {
                detailRefs.append(ref)
            }
        }
        try measure(
            "case detail (random case)", target: .ratio(1.5),
            hotline: { try hotline.caseDetail(ref: detailRefs[$0]) }, raw: { try raw.caseDetail(ref: detailRefs[$0]) })

        // (6) Name search: a common surname; the person's name of a different seeded case each
        // call (as operators search, common and rare names alike); a name nobody has.
        var seededNames: [String] = []
        while seededNames.count < calls {
            if let name = try raw.db.text(
                "SELECT person_name FROM person_case WHERE id = ?", [.int(work.randomCaseId(maxId: maxId))])
            {
                seededNames.append(name)
            }
        }
        let seededQueries = seededNames.map(RawHotline.NameQuery.init)
        let unknown = Workloads.unknownName(0)
        let unknownQuery = RawHotline.NameQuery(unknown)
        let ivanov = RawHotline.NameQuery("Ivanov")
        try measure(
            "search \"Ivanov\"", target: .under(0.05), hotline: { _ in try hotline.search("Ivanov") },
            raw: { _ in try raw.search(ivanov) })
        try measure(
            "search, a seeded case's name (each call another)", target: .under(0.05),
            hotline: { try hotline.search(seededNames[$0]) }, raw: { try raw.search(seededQueries[$0]) })
        try measure(
            "search, no match", target: .under(0.05), hotline: { _ in try hotline.search(unknown) },
            raw: { _ in try raw.search(unknownQuery) })

        // (7) Probable duplicates: every pair of a small region, and the whole database's first
        // 100 (the default; with many namesakes the seeded data has hundreds of thousands of
        // pairs). Raw, for the region: its cases' strict FTS5 queries and the rows they find;
        // for the whole database: every open person name, what the in-memory index reads. The
        // case-by-case way they replaced runs only when asked for (`--only "one by one"`).
        for (region, limit) in [
            (LoadGenerator.smallRegion as String?, 10_000_000), (LoadGenerator.smallRegion, 100), (nil, 100),
        ] {
            let label =
                "case duplicates, \(region ?? "whole database"), \(limit == 100 ? "first 100 pairs" : "every pair")"
            try measure(
                label, target: .under(region == nil ? 30 : 1), calls: 4, warmup: 1,
                hotline: { _ in try hotline.duplicates(region: region, limit: limit) },
                raw: { _ in try region.map(raw.duplicateRegionSQL) ?? raw.duplicateScan(region: nil) })
            if settings.only?.localizedCaseInsensitiveContains("one by one") == true {
                try measure(
                    label + ", one by one", calls: 2, warmup: 0,
                    hotline: { _ in try hotline.duplicates(region: region, limit: limit, oneByOne: true) },
                    raw: { _ in try raw.duplicateScan(region: region) })
            }
        }

        // Writes, on the copy.
        let writer = try HotlineSide(path: copy)
        let rawWriter = try RawHotline(path: copy, rules: rules)

        // (6) The intake check on a likely duplicate: the person of a different seeded case each
        // call, as another family describes them (same name, birth date and region), logged
        // without --case: the check finds the case and nothing is written.
        var intakeDrafts: [InquiryDraft] = []
        let seededCase = try rawWriter.db.statement(
            "SELECT person_name, born, region, unit FROM person_case WHERE id = ? AND merged_into IS NULL")
        while intakeDrafts.count < calls {
            seededCase.bind(1, work.randomCaseId(maxId: maxId))
            if try seededCase.step() {
                intakeDrafts.append(
                    InquiryDraft(
                        person: seededCase.text(0)!, region: seededCase.text(2)!, born: seededCase.text(1),
                        unit: seededCase.text(3), inquirer: "Петрова Анна Ивановна", relationship: "mother",
                        channel: "phone", contacts: ["phone:+7 916 555-01-02"]))
            }
            seededCase.reset()
        }
        let intakeQueries = intakeDrafts.map { RawHotline.NameQuery($0.person!) }
        var found = 0
        var timed = 0
        try measure(
            "intake check, a seeded case's person (each call another)", target: .under(0.05),
            hotline: { index in
                let outcome = try writer.intake(intakeDrafts[index])
                if index >= settings.warmup {
                    timed += 1
                    if case .duplicates = outcome { found += 1 }
                }
                return 1
            },
            raw: { index in
                try rawWriter.intake(intakeQueries[index], logs: nil)
                return 1
            })
        if settings.wants("intake check, a seeded") {
            results[results.count - 1].rows = "\(found)/\(timed) found"
        }

        // The intake check on a name nobody has: the check passes and the inquiry is logged.
        let unknownDrafts = (0..<calls).map { index in
            var draft = work.newCaseDraft(500_000 + index)
            draft.person = Workloads.unknownName(2 * index + 1)
            draft.forceNewCase = false
            return draft
        }
        let unknownRaw = try (0..<calls).map { index in
            var draft = work.newCaseDraft(600_000 + index)
            draft.person = Workloads.unknownName(2 * index + 2)
            return (
                RawHotline.NameQuery(draft.person!),
                try RawInquiry(draft, ref: try work.freeReferences(1, in: rawWriter.db)[0], rules: rules, at: Date())
            )
        }
        try measure(
            "intake check, no match, then logged", target: .under(0.05),
            hotline: { index in
                guard try writer.intake(unknownDrafts[index]) == .logged else {
                    throw BenchError("\(unknownDrafts[index].person!) was taken for a duplicate")
                }
                return 1
            },
            raw: { index in
                try rawWriter.intake(unknownRaw[index].0, logs: unknownRaw[index].1)
                return 1
            })

        // (1) Log one inquiry on a new case.
        let drafts = (0..<calls).map { work.newCaseDraft($0) }
        let rawInquiries = try work.rawNewCases(100_000..<(100_000 + calls), in: rawWriter.db)
        try measure(
            "log inquiry, new case", target: .ratio(1.5),
            hotline: { index in
                try writer.logInquiry(drafts[index])
                return 1
            },
            raw: { index in
                try rawWriter.logInquiry(rawInquiries[index])
                return 1
            })

        // (2) Change a case's status, a different open case each call (never the same case twice
        // in a run: hotline and raw take turns).
        var picked = Set<String>()
        let openNames = Set(rules.lifecycle.openStatuses.map(\.name))
        func pickMoves() throws -> [(ref: String, to: String)] {
            var moves: [(ref: String, to: String)] = []
            let statement = try rawWriter.db.statement(
                "SELECT ref, status FROM person_case WHERE id = ? AND merged_into IS NULL")
            while moves.count < 2 * calls {
                statement.bind(1, work.randomCaseId(maxId: maxId))
                if try statement.step(), let ref = statement.text(0), let status = statement.text(1),
                    openNames.contains(status), picked.insert(ref).inserted
                {
                    moves.append((ref, status == "searching" ? "located" : "searching"))
                }
                statement.reset()
            }
            return moves
        }
        let today = LoadGenerator.day(Date().timeIntervalSince1970)
        let now = SQLiteTime.text(Date())
        func measureStatusChanges(_ label: String, raw: RawHotline) throws {
            let moves = try pickMoves()
            try measure(
                label, target: .ratio(1.5),
                hotline: { index in
                    let move = moves[2 * index]
                    try writer.changeStatus(
                        StatusChangeDraft(
                            ref: move.ref, status: move.to, note: "Named on the list.", source: "prisoner list",
                            asOf: today))
                    return 1
                },
                raw: { index in
                    let move = moves[2 * index + 1]
                    try raw.changeStatus(
                        ref: move.ref, to: move.to, note: "Named on the list.", source: "prisoner list", asOf: today,
                        at: now)
                    return 1
                })
        }
        try measureStatusChanges("change status (with history)", raw: rawWriter)

        // What notices add to a status change (issue 13): cases of 20 inquirers moved to a status
        // that is news (20 notices written) and to one that is not, a fresh case each call.
        if settings.wants("20 inquirers") {
            log("  opening \(4 * calls) cases of 20 inquirers…")
            let twenty = try NoticeBenchmark.casesWithTwentyInquirers(
                4 * calls, work: work, base: 700_000, writer: writer)
            for (offset, status) in [(0, "located"), (2 * calls, "searching")] {
                try measure(
                    "change status to \(status), 20 inquirers\(status == "located" ? " (20 notices)" : "")",
                    hotline: { index in
                        try writer.changeStatus(
                            StatusChangeDraft(ref: twenty[offset + 2 * index], status: status, source: "prisoner list"))
                        return 1
                    },
                    raw: { index in
                        try rawWriter.changeStatus(
                            ref: twenty[offset + 2 * index + 1], to: status, note: nil, source: "prisoner list",
                            asOf: nil, at: SQLiteTime.text(Date()))
                        return 1
                    })
            }
        }

        // hotline documents synchronous = FULL; if its writer really runs at another level, the
        // writes are also timed against a raw connection at that level (like for like).
        let level = try writer.writerSynchronous()
        synchronousNote = level == 2 ? nil : HotlineSide.synchronousName(level)
        if level != 2 {
            let name = HotlineSide.synchronousName(level)
            let rawSame = try RawHotline(path: copy, rules: rules, synchronous: name)
            let sameInquiries = try work.rawNewCases(200_000..<(200_000 + calls), in: rawSame.db)
            let moreDrafts = (0..<calls).map { work.newCaseDraft(300_000 + $0) }
            try measure(
                "log inquiry, new case (raw at \(name) too)", target: .ratio(1.5),
                hotline: { index in
                    try writer.logInquiry(moreDrafts[index])
                    return 1
                },
                raw: { index in
                    try rawSame.logInquiry(sameInquiries[index])
                    return 1
                })
            try measureStatusChanges("change status (raw at \(name) too)", raw: rawSame)
        }

        if settings.wants("bulk load") {
            // (5) Bulk load. Raw first: its references were drawn beforehand, while hotline draws
            // its own as it goes and so never collides with raw's.
            log("  bulk load of \(Format.count(settings.bulk)) inquiries, raw…")
            let items = try work.bulk(settings.bulk, base: 10_000_000, in: rawWriter.db)
            var bulk = OperationResult(
                label: "bulk load (\(Format.count(settings.batchSize)) per commit)",
                target: .bulk(rate: 50_000, ratio: 2))
            bulk.bulkCount = items.count
            let rawItems = items.map(\.raw)
            bulk.raw.add(try Stopwatch.time { try rawWriter.bulk(rawItems, batchSize: settings.batchSize) })
            log("  bulk load of \(Format.count(settings.bulk)) inquiries, hotline…")
            var written = 0
            bulk.hotline.add(try Stopwatch.time { written = try writer.bulk(items, batchSize: settings.batchSize) })
            guard written == items.count else { throw BenchError("hotline's bulk wrote \(written) of \(items.count)") }
            results.append(bulk)
        }

        var table = Table(
            title: "hotline vs raw SQLite, \(Format.count(cases)) cases (\(settings.db))", columns: columns)
        for result in results { table.add(result.cells) }
        table.notes = [
            "hotline: Hotline service methods in-process; raw: SQLite C API, prepared statements reused, same",
            "schema, indexes and PRAGMAs (WAL, synchronous=FULL, foreign_keys=ON), values validated and folded",
            "before timing, rows read into Swift strings (dates left as text). Calls alternate hotline/raw;",
            "writes run on a copy of the file. Search/intake raw = the same FTS5 and row queries without",
            "similarity scoring. ratio = hotline median / raw median (bulk: hotline time / raw time).",
        ]
        if let synchronousNote {
            table.notes.append(
                "WARNING: hotline's writer connection runs at synchronous=\(synchronousNote), not FULL as documented"
            )
            table.notes.append(
                "(GRDB's DatabasePool sets NORMAL when it enables WAL, after prepareDatabase set FULL): its writes")
            table.notes.append(
                "skip the fsync of every commit. Rows \"(raw at \(synchronousNote) too)\" compare like for like.")
        }
        if !atScale {
            table.notes.append("Targets are set for 1,000,000 cases; at \(Format.count(cases)) they are indicative.")
        }
        return table
    }

    /// Times `calls` alternating calls of each side (who goes first alternates too), the first
    /// `warmup` untimed, stopping early past `budget` seconds.
    static func pair(
        _ label: String, calls: Int, warmup: Int, budget: Double, target: OperationResult.Target,
        hotline: (Int) throws -> Int, raw: ((Int) throws -> Int)?
    ) throws -> OperationResult {
        var result = OperationResult(label: label, target: target)
        var rows = (hotline: 0, raw: 0)
        let clock = Stopwatch()
        for index in 0..<calls {
            var times = (hotline: 0.0, raw: 0.0)
            let hotlineFirst = index % 2 == 0
            if hotlineFirst { times.hotline = try Stopwatch.time { rows.hotline = try hotline(index) } }
            if let raw { times.raw = try Stopwatch.time { rows.raw = try raw(index) } }
            if !hotlineFirst { times.hotline = try Stopwatch.time { rows.hotline = try hotline(index) } }
            if index >= warmup {
                result.hotline.add(times.hotline)
                if raw != nil { result.raw.add(times.raw) }
            }
            if index >= warmup + 4 && clock.seconds > budget { break }
        }
        result.rows = Format.count(rows.hotline)
        return result
    }
}
