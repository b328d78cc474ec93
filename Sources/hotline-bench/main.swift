import ArgumentParser
import Foundation

/// hotline next to raw SQLite on the same database: seeding, timings, process cost, growth,
/// memory. Prints figures and how they compare with the targets; never fails on a timing.
struct HotlineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline-bench",
        abstract: "Benchmarks hotline against raw SQLite on the same database.",
        subcommands: [
            SeedCommand.self, RunCommand.self, ProcessCommand.self, GrowthCommand.self, MemoryCommand.self,
            ListsCommand.self, RegistryCommand.self, AllCommand.self, SeedNewsCommand.self, HTTPCommand.self,
            MailCommand.self,
        ])
}

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Seed a database with a realistic load through Hotline.bulk.")

    @Option(help: "The database file to create.") var db: String
    @Option(help: "How many cases.") var cases = 1_000_000
    @Option(help: "The random seed: the same seed gives the same load.") var seed: UInt64 = 1
    @Option(help: "Operations per commit.") var batch = 10_000
    @Flag(help: "Replace the file if it exists.") var replace = false

    func run() throws {
        let result = try Seeder.seed(path: db, cases: cases, seed: seed, batchSize: batch, replace: replace)
        result.table.print()
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Time the hot operations through hotline and through raw SQL.")

    @Option(help: "A seeded database (writes go to a copy).") var db: String
    @Option(help: "Timed calls per operation and side.") var iterations = 200
    @Option(help: "Inquiries in the bulk-load benchmark.") var bulk = 100_000
    @Option(help: "Operations per commit in the bulk load.") var batch = 10_000
    @Option(help: "Seconds an operation may take (both sides) before it stops early.") var budget = 20.0
    @Option(help: "The random seed of the workloads.") var seed: UInt64 = 1
    @Flag(help: "Keep the copy the writes went to.") var keepCopy = false
    @Option(help: "Only the operations whose name contains this text (to profile one).") var only: String?

    func run() throws {
        let settings = RunSettings(
            db: db, iterations: iterations, bulk: bulk, batchSize: batch, budget: budget, seed: seed,
            keepCopy: keepCopy, only: only)
        try RunBenchmark.run(settings).print()
    }
}

struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process", abstract: "One-shot `hotline inquiry log` next to one sqlite3 call.")

    @Option(help: "A seeded database (the runs add cases to it).") var db: String
    @Option(help: "Runs of each.") var runs = 30
    @Option(help: "The random seed of the inquiries.") var seed: UInt64 = 1

    func run() throws {
        try ProcessBenchmark.run(db: db, runs: runs, seed: seed).print()
    }
}

struct GrowthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "growth", abstract: "Lists, log and search on fresh databases of growing size.")

    @Option(help: "Database sizes in cases, comma-separated.") var sizes = "10000,100000,1000000"
    @Option(help: "Where to seed the databases.") var dir = NSTemporaryDirectory()
    @Option(help: "Use an already seeded file for a size: SIZE=PATH (repeatable).") var reuse: [String] = []
    @Option(help: "Timed calls per operation and side.") var iterations = 50
    @Option(help: "The random seed.") var seed: UInt64 = 1

    func run() throws {
        var settings = GrowthSettings()
        settings.sizes = try sizes.split(separator: ",").map { text in
            guard let size = Int(text.filter { $0 != "_" }), size > 0 else {
                throw ValidationError("--sizes takes numbers separated by commas, not \(text)")
            }
            return size
        }
        for pair in reuse {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let size = Int(parts[0]) else {
                throw ValidationError("--reuse takes SIZE=PATH, not \(pair)")
            }
            settings.reuse[size] = String(parts[1])
        }
        settings.directory = dir
        settings.iterations = iterations
        settings.seed = seed
        try GrowthBenchmark.run(settings).print()
    }
}

struct MemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory", abstract: "Peak memory of `hotline shell` running the heaviest lists.")

    @Option(help: "A seeded database.") var db: String

    func run() throws {
        try MemoryBenchmark.run(db: db).print()
    }
}

struct ListsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists", abstract: "Read a generated list file (CSV, XLSX): time and peak memory.")

    @Option(help: "Rows in the generated list.") var rows = 10_000
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Option(help: "Read this one file and print its row count and seconds on stderr (the child's side).")
    var read: String?

    func run() throws {
        if let read { return try ListReadingBenchmark.readOnce(read) }
        try ListReadingBenchmark.run(rows: rows, seed: seed).print()
    }
}

struct AllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Seed, then run, process and memory; print every table.")

    @Option(help: "How many cases to seed.") var cases = 1_000_000
    @Flag(help: "A quick check: 5,000 cases, few iterations (CI).") var tiny = false
    @Option(help: "The database to seed (replaced).") var db = NSTemporaryDirectory() + "hotline-bench-all.sqlite"
    @Option(help: "The random seed.") var seed: UInt64 = 1
    @Flag(help: "Keep the seeded database afterwards.") var keep = false

    func run() throws {
        let count = tiny ? 5_000 : cases
        let clock = Stopwatch()
        var tables: [Table] = []
        func show(_ table: Table) {
            table.print()
            tables.append(table)
        }
        Output.line("seeding \(Format.count(count)) cases into \(db)…")
        show(try Seeder.seed(path: db, cases: count, seed: seed, replace: true).table)
        defer { if !keep { Seeder.removeDatabase(db) } }

        var settings = RunSettings(db: db, seed: seed)
        if tiny {
            settings.iterations = 20
            settings.bulk = 5_000
            settings.batchSize = 1_000
            settings.budget = 5
        }
        Output.line("run:")
        show(try RunBenchmark.run(settings))
        Output.line("process:")
        show(try ProcessBenchmark.run(db: db, runs: tiny ? 5 : 30, seed: seed))
        Output.line("memory:")
        show(try MemoryBenchmark.run(db: db))
        Output.line("lists:")
        show(try ListReadingBenchmark.run(rows: tiny ? 1_000 : 10_000, seed: seed))

        Output.line("\n\n######## all tables (\(Format.duration(clock.seconds))) ########")
        for table in tables { table.print() }
    }
}

HotlineBench.main()

struct HTTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract: "hotline serve under wrk on loopback, beside the same calls in-process (needs `wrk`).")

    @Option(help: "A seeded database (the run adds inquiries and sets bench's password: pass a copy).")
    var db: String?
    @Option(help: "Seconds of load per operation.") var seconds = 10
    @Option(help: "Connections wrk keeps open.") var connections = 32
    @Flag(help: "A quick check for CI: seeds 2,000 cases into a temporary file, 2 s per operation.") var tiny = false
    @Option(help: "The random seed.") var seed: UInt64 = 1

    func run() throws {
        var settings = HTTPBenchmark.Settings(db: db ?? "", seconds: seconds, connections: connections, seed: seed)
        if tiny || db == nil {
            settings.db = NSTemporaryDirectory() + "hotline-bench-http-\(getpid()).sqlite"
            settings.seconds = tiny ? 2 : seconds
            settings.inProcessCalls = 50
            Output.line("seeding 2,000 cases into \(settings.db)…")
            _ = try Seeder.seed(path: settings.db, cases: 2_000, seed: seed, replace: true, quiet: true)
        }
        defer { if tiny || db == nil { Seeder.removeDatabase(settings.db) } }
        try HTTPBenchmark.prepare(db: settings.db)
        try HTTPBenchmark.run(settings).print()
    }
}
