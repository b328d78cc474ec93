import ArgumentParser
import Foundation
import GRDB
import HotlineCore

/// `registry`: importing and matching a list against a seeded database, and the intake check
/// with a large registry. Runs on a copy of the file; peak memory is this process's (run it on
/// its own, not after seeding in the same process).
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Import and match a list against a seeded database; the intake check with a large registry.")

    @Option(help: "A seeded database (the work goes to a copy).") var db: String
    @Option(help: "Rows of the imported list.") var rows = 10_000
    @Option(help: "Records the registry holds for the intake check.") var registry = 200_000
    @Option(help: "Timed inquiries for the intake check.") var calls = 300

    func run() throws {
        try RegistryBenchmark.run(db: db, rows: rows, registrySize: registry, calls: calls).print()
    }
}

enum RegistryBenchmark {
    static func run(
        db: String, rows: Int, registrySize: Int, calls: Int, log: (String) -> Void = { Output.line($0) }
    ) throws -> Table {
        do {
            let raw = try RawDatabase(path: db)
            try raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        let copy = db + ".bench-registry"
        Seeder.removeDatabase(copy)
        log("copying \(db) to \(copy)…")
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        defer { Seeder.removeDatabase(copy) }

        let hotline = try Hotline.open(path: copy, rules: .shipped)
        let me = try OperatorName("bench")
        let queue = try DatabaseQueue(path: copy)
        let cases = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM person_case") ?? 0 }
        var table = Table(
            title: "registry: import + matching, intake check (\(Format.count(cases)) cases, \(db))",
            columns: ["operation", "hotline", "raw SQL", "target", "verdict"])

        // A list of people sought: half named as a case names them (born and region too), half
        // namesakes made of one case's surname and another's given names (most match nothing).
        let people = try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT person_name, born, region FROM person_case ORDER BY random() LIMIT ?",
                arguments: [rows * 2])
        }.map { (name: $0[0] as String, born: $0[1] as String?, region: $0[2] as String) }
        guard people.count >= 2 else { throw BenchError("\(db) has too few cases: seed it first") }
        let says = ["captured", "wounded", "deceased", "exchanged"]
        func listRow(_ index: Int, offset: Int) -> [RegistryField: String] {
            let person = people[(index + offset) % people.count]
            var name = person.name
            if index % 2 == 1 {
                let other = people[(index + offset + 1) % people.count].name.split(separator: " ")
                name = ([String(name.split(separator: " ").first ?? "")] + other.dropFirst().map(String.init))
                    .joined(separator: " ")
            }
            var values: [RegistryField: String] = [
                .id: String(index + offset), .fullName: name, .says: says[index % says.count], .date: "2024-05-12",
                .region: person.region,
            ]
            if index % 2 == 0, let born = person.born { values[.born] = born }
            return values
        }
        func importedTable(_ count: Int, offset: Int) -> ImportedTable {
            ImportedTable(
                fileName: "bench.csv", sha256: String(repeating: "0", count: 64), format: "csv", encoding: "utf-8",
                headers: ["№", "ФИО", "Дата рождения", "Регион", "Статус", "Дата"],
                columns: [
                    .id: "№", .fullName: "ФИО", .born: "Дата рождения", .region: "Регион", .says: "Статус",
                    .date: "Дата",
                ],
                ignoredHeaders: [],
                rows: (0..<count).map { ImportedRow(number: $0 + 2, values: listRow($0, offset: offset)) })
        }

        // (1) Import and match the list in one transaction.
        let list = importedTable(rows, offset: 0)
        log("  import + match \(Format.count(rows)) rows…")
        var report: RegistryImportReport?
        let cpuBefore = cpuSeconds()
        let seconds = try Stopwatch.time {
            report = try hotline.importRegistryList(
                list, options: RegistryImportOptions(list: "bench", received: "2024-05-20"), by: me)
        }
        let cpu = cpuSeconds() - cpuBefore
        let peak = peakResidentBytes()
        // The raw side: the same records and name rows inserted, no validation, no matching.
        let rawSeconds = try Stopwatch.time {
            try insertRaw(importedTable(rows, offset: rows), listName: "raw", in: queue)
        }
        let rate = Double(rows) / seconds
        table.add([
            "import + match \(Format.count(rows)) rows", Format.rate(rate, "rows"),
            Format.rate(Double(rows) / rawSeconds, "rows"), ">= 200 rows/s", Format.verdict(rate >= 200),
        ])
        // On a machine shared with other work the wall clock counts their turns too; the
        // process's own CPU time does not (a 2-core machine runs two such matchers at once).
        table.add([
            "  per CPU second (user + system)", Format.rate(Double(rows) / cpu, "rows"), "", "", "",
        ])
        table.add([
            "  of which proposals", Format.count(report?.proposals ?? 0), "", "", "",
        ])
        table.add([
            "peak memory (process)", Format.megabytes(peak), "", "< 200 MB", Format.verdict(peak < 200 * 1_048_576),
        ])

        // (2) The intake check with a large registry.
        let have = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM registry_record") ?? 0 }
        if registrySize > have {
            log("  growing the registry to \(Format.count(registrySize)) records…")
            var offset = rows * 2
            while offset - rows * 2 < registrySize - have {
                let count = min(20_000, registrySize - have - (offset - rows * 2))
                try insertRaw(importedTable(count, offset: offset), listName: "grown \(offset)", in: queue)
                offset += count
            }
        }
        log("  intake check, \(calls) inquiries…")
        var samples = Samples()
        var rawSamples = Samples()
        var hits = 0
        for index in 0..<calls {
            let person = people[(index * 7919) % people.count]
            let draft = InquiryDraft(
                person: person.name, region: person.region, born: person.born, inquirer: "Bench Inquirer",
                relationship: "mother", channel: "phone", forceNewCase: true)
            samples.add(try Stopwatch.time { hits += try hotline.logInquiry(draft, by: me).registry.count })
            rawSamples.add(
                try Stopwatch.time {
                    let plan = NameMatchPlan(readings: NameFolding.readings(person.name))
                    _ = try queue.read { db in
                        try plan.run(limit: 200) { query in
                            try Int64.fetchAll(
                                db,
                                sql: """
                                    SELECT DISTINCT registry_name.record_id FROM registry_search
                                    JOIN registry_name ON registry_name.id = registry_search.rowid
                                    WHERE registry_search MATCH ? LIMIT 200
                                    """, arguments: [query])
                        }
                    }
                })
        }
        table.add([
            "inquiry log with the registry check, p50", Format.time(samples.median), Format.time(rawSamples.median),
            "", "",
        ])
        table.add([
            "inquiry log with the registry check, p99", Format.time(samples.p99), Format.time(rawSamples.p99),
            "< 50 ms", Format.verdict(samples.p99 < 0.05),
        ])
        table.notes = [
            "Import: one transaction, every row validated, records and name index written, each record searched",
            "against every case (name index + service number) and the proposals stored. Raw = the same rows",
            "inserted with their name index by plain SQL, no validation and no matching.",
            "Intake: a whole `inquiry log` (new case, duplicate check skipped) including the registry check",
            "over \(Format.count(max(have, registrySize))) records; \(hits) records reported in \(calls) calls. Raw = the registry's FTS5 queries alone.",
            "Peak memory: this process's ru_maxrss after the import (run `registry` in its own process).",
        ]
        return table
    }

    /// Inserts a list's rows with their name index, as the store does, without the service.
    static func insertRaw(_ table: ImportedTable, listName: String, in queue: DatabaseQueue) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO registry_list (name, kind, received, created_at, created_by)
                    VALUES (?, 'other', '2024-05-20', '2024-05-20 00:00:00.000', 'bench')
                    """, arguments: [listName])
            let listId = db.lastInsertedRowID
            for row in table.rows {
                let name = row.values[.fullName] ?? ""
                try db.execute(
                    sql: """
                        INSERT INTO registry_record (list_id, row_key, row_number, names, born, region, says,
                            news_date, evidence, imported_at, updated_at)
                        VALUES (?, ?, ?, json_array(?), ?, ?, ?, ?, '[]', '2024-05-20 00:00:00.000',
                            '2024-05-20 00:00:00.000')
                        """,
                    arguments: [
                        listId, "id:" + (row.values[.id] ?? ""), row.number, name, row.values[.born],
                        row.values[.region], row.values[.says], row.values[.date],
                    ])
                let recordId = db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO registry_name (record_id, name, folded) VALUES (?, ?, ?)",
                    arguments: [recordId, name, NameFolding.key(name)])
                let words = Array(Set(NameFolding.readings(name).flatMap { $0 })).sorted()
                let skeletons = Array(Set(words.map(NameFolding.skeleton))).sorted()
                try db.execute(
                    sql: "INSERT INTO registry_search (rowid, words, skeletons) VALUES (?, ?, ?)",
                    arguments: [db.lastInsertedRowID, words.joined(separator: " "), skeletons.joined(separator: " ")])
            }
        }
    }

    /// This process's CPU time so far (user and system), in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// This process's peak resident memory so far, in bytes.
    static func peakResidentBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }
}
