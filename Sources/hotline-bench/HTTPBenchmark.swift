import Foundation
import HotlineCore

/// `http`: `hotline serve` under load from a second process on loopback (wrk, Debian package
/// `wrk`), each operation beside the same call in-process: the ratio is what HTTP costs. Also
/// the server's CPU time per request (from /proc, so a busy shared machine shows as wall time,
/// not as CPU) and its peak resident memory.
enum HTTPBenchmark {
    struct Settings {
        var db: String
        var seconds = 10
        var connections = 32
        var inProcessCalls = 200
        var seed: UInt64 = 1
    }

    /// One wrk run's figures.
    struct Load {
        let requests: Int
        let perSecond: Double
        let p50Milliseconds: Double
        let p99Milliseconds: Double
        let errors: Int
        let serverCPUSeconds: Double
    }

    static let password = "hotline-bench http password"

    static func run(_ settings: Settings, log: (String) -> Void = { Output.line($0) }) throws -> Table {
        guard let wrk = Spawn.onPath("wrk") else {
            throw BenchError("wrk is not installed: apt-get install wrk")
        }
        guard let curl = Spawn.onPath("curl") else { throw BenchError("curl is not installed") }
        let hotlineBinary = try Spawn.hotlineExecutable()
        let raw = try RawDatabase(path: settings.db)
        let cases = Int(try raw.int("SELECT count(*) FROM person_case") ?? 0)
        let region =
            try raw.text("SELECT region FROM person_case GROUP BY region ORDER BY count(*) DESC LIMIT 1") ?? "RU-KRS"
        var refs: [String] = []
        let statement = try raw.statement("SELECT ref FROM person_case ORDER BY random() LIMIT 1000")
        while try statement.step() { statement.text(0).map { refs.append($0) } }

        log("  in-process: \(settings.inProcessCalls) calls of each…")
        let inProcess = try inProcessMilliseconds(settings, refs: refs, region: region)

        let port = 20_000 + Int.random(in: 0..<20_000)
        let base = "http://127.0.0.1:\(port)"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: hotlineBinary)
        server.arguments = ["serve", "--port", String(port), "--db", settings.db]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            if server.isRunning {
                server.terminate()
                server.waitUntilExit()
            }
        }
        var up = false
        for _ in 0..<300 where !up {
            up = (try? capture([curl, "-fs", "\(base)/healthz"]))?.contains("ok") == true
            if !up { usleep(100_000) }
        }
        guard up else { throw BenchError("hotline serve did not answer /healthz on \(base)") }
        let signIn = try capture([
            curl, "-fs", "\(base)/v1/sessions", "-H", "Content-Type: application/json", "-d",
            #"{"operator": "bench", "password": "\#(password)"}"#,
        ])
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(signIn.utf8)) as? [String: Any],
            let token = object["token"] as? String
        else { throw BenchError("sign-in as bench answered: \(signIn)") }

        let scripts = NSTemporaryDirectory() + "hotline-bench-http-\(getpid())"
        try FileManager.default.createDirectory(atPath: scripts, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scripts) }
        // `rate`: the issue's throughput target; `paced`: the rate the latency target is judged at
        // (the page has no throughput target: half the single case's).
        let operations: [(name: String, script: String, inProcess: Double, rate: Double?, paced: Double, p99: Double)] =
            [
                (
                    "GET /v1/cases/{ref}", WrkScripts.caseDetail(token: token, refs: refs), inProcess.detail, 2_000,
                    2_000, 10
                ),
                ("POST /v1/inquiries (durable)", WrkScripts.inquiry(token: token), inProcess.intake, 300, 300, 50),
                (
                    "GET /v1/cases?region=\(region)&limit=50", WrkScripts.regionPage(token: token, region: region),
                    inProcess.page, nil, 1_000, 20
                ),
            ]
        var table = Table(
            title: "hotline serve over loopback, \(Format.count(cases)) cases, \(settings.connections) connections, "
                + "\(settings.seconds) s each",
            columns: [
                "operation", "req/s", "p50", "p99", "in-process", "HTTP/in-process", "server CPU/req", "errors",
                "target", "verdict",
            ])
        func load(_ script: String, _ name: String) throws -> Load {
            let path = "\(scripts)/\(name).lua"
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            // Each run starts with no dirty pages left to the kernel by the one before (a run of
            // a thousand writes a second leaves seconds of them, and the next run's fsyncs waited
            // behind their writeback: a p99 of 419 ms for 300 writes/s in one run, 16 to 22 ms
            // in runs that started clean).
            sync()
            let cpuBefore = cpuSeconds(of: server.processIdentifier)
            let output = try capture([
                wrk, "-t\(WrkScripts.threads)", "-c\(settings.connections)", "-d\(settings.seconds)s", "--latency",
                "-s", path, base,
            ])
            return try parse(output, cpu: cpuSeconds(of: server.processIdentifier) - cpuBefore)
        }
        func row(_ name: String, _ load: Load, inProcess: Double, target: String, met: Bool) -> [String] {
            [
                name, Format.fixed(load.perSecond, 0), Format.fixed(load.p50Milliseconds, 2) + " ms",
                Format.fixed(load.p99Milliseconds, 2) + " ms", Format.fixed(inProcess, 3) + " ms",
                Format.ratio(load.p50Milliseconds / inProcess),
                Format.fixed(load.serverCPUSeconds * 1000 / Double(max(load.requests, 1)), 3) + " ms",
                String(load.errors), target, Format.verdict(met),
            ]
        }
        for (index, operation) in operations.enumerated() {
            log("  wrk: \(operation.name), as fast as it answers…")
            let most = try load(operation.script, "\(index)-most")
            table.add(
                row(
                    operation.name + ", as fast as it answers", most, inProcess: operation.inProcess,
                    target: operation.rate.map { ">= \(Int($0))/s" } ?? "",
                    met: (operation.rate.map { most.perSecond >= $0 } ?? true) && most.errors == 0))
            log("  wrk: \(operation.name), \(Int(operation.paced))/s…")
            let paced = try load(
                WrkScripts.paced(operation.script, perSecond: operation.paced), "\(index)-paced")
            // Held: wrk sent (nearly) all it was asked to, so the server kept up and the latency
            // is not flattered by requests it never sent.
            let held = paced.perSecond >= operation.paced * WrkScripts.pacedShareSent
            table.add(
                row(
                    operation.name + ", \(Int(operation.paced)) requests/s", paced, inProcess: operation.inProcess,
                    target: "p99 < \(Int(operation.p99)) ms",
                    met: held && paced.p99Milliseconds < operation.p99 && paced.errors == 0))
        }
        let peak = peakResidentBytes(of: server.processIdentifier)
        table.add([
            "server peak RSS", "", "", "", "", "", "", "", "< 200 MB", Format.verdict(peak.map { $0 < 200 << 20 }),
        ])
        table.notes = [
            "wrk -t\(WrkScripts.threads) -c\(settings.connections) --latency from a second process; the server is "
                + "`hotline serve` (\(hotlineBinary)).",
            "as fast as it answers: each connection sends its next request as soon as the last is answered, so "
                + "the latency there is mostly the wait behind the other connections (\(settings.connections) / rate).",
            "N requests/s: the connections send N a second between them (wrk's delay(), on a monotonic clock); "
                + "the latency target is judged there, and only if wrk sent at least "
                + "\(Int(WrkScripts.pacedShareSent * 100))% of them.",
            "in-process: the mean of \(settings.inProcessCalls) calls of the same service method on the same file "
                + "(caseDetail, logInquiry with a new case, casePage of 50).",
            "HTTP/in-process: wrk's p50 over the in-process mean. server CPU/req: the server's user+sys "
                + "time (/proc/PID/stat) over the requests wrk completed.",
            "server peak RSS: \(peak.map { Format.megabytes($0) } ?? "?") (VmHWM).",
            "load average during the run: \(loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores "
                + "(shared machine: wall-clock figures are noisy; CPU/req is steadier).",
        ]
        if cases < 1_000_000 {
            table.notes.append(
                "The targets are set for 1,000,000 cases; at \(Format.count(cases)) they are indicative.")
        }
        return table
    }

    /// Mean milliseconds per call of the three operations, through the service layer.
    static func inProcessMilliseconds(_ settings: Settings, refs: [String], region: String) throws -> (
        detail: Double, intake: Double, page: Double
    ) {
        let hotline = try Hotline.open(path: settings.db, rules: .shipped)
        defer { try? hotline.close() }
        let me = try OperatorName("bench")
        let calls = settings.inProcessCalls
        let detail = try Stopwatch.time {
            for index in 0..<calls { _ = try hotline.caseDetail(ref: refs[index % refs.count], as: me) }
        }
        let page = try Stopwatch.time {
            for _ in 0..<calls { _ = try hotline.casePage(CaseFilter(region: region, limit: 50), after: nil, as: me) }
        }
        let intake = try Stopwatch.time {
            for index in 0..<calls {
                _ = try hotline.logInquiry(
                    InquiryDraft(
                        person: WrkScripts.person(index), region: "RU-KRS", inquirer: "Мать", relationship: "mother",
                        channel: "web", forceNewCase: true), by: me)
            }
        }
        let perCall = 1000 / Double(calls)
        return (detail * perCall, intake * perCall, page * perCall)
    }

    /// Gives `bench` (the seeder's operator) the admin role and the password the run signs in
    /// with: `hotline serve` refuses a database where no admin has one.
    static func prepare(db: String) throws {
        let hotline = try Hotline.open(path: db, rules: .shipped)
        defer { try? hotline.close() }
        let bench = try OperatorName("bench")
        if (try? hotline.role(of: bench).role) == nil {
            _ = try hotline.addOperator("bench", role: "admin", by: bench)
        }
        try hotline.setPassword(of: "bench", to: password, by: bench, cost: 4)
    }

    /// wrk's summary: requests, rate, latency percentiles, errors.
    static func parse(_ output: String, cpu: Double) throws -> Load {
        func milliseconds(_ text: Substring) -> Double? {
            for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)]
            where text.hasSuffix(unit) {
                return Double(text.dropLast(unit.count)).map { $0 * factor }
            }
            return nil
        }
        var percentiles: [String: Double] = [:]
        var requests = 0
        var rate = 0.0
        var errors = 0
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, words[0].hasSuffix("%"), let value = milliseconds(words[1]) {
                percentiles[String(words[0])] = value
            } else if line.contains("requests in"), let count = Int(words.first ?? "") {
                requests = count
            } else if line.hasPrefix("Requests/sec:"), let value = Double(words.last ?? "") {
                rate = value
            } else if line.contains("Non-2xx or 3xx responses:"), let count = Int(words.last ?? "") {
                errors += count
            } else if line.contains("Socket errors:") {
                errors += line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
            }
        }
        guard let p50 = percentiles["50%"], let p99 = percentiles["99%"], requests > 0 else {
            throw BenchError("wrk gave no latency distribution:\n\(output)")
        }
        return Load(
            requests: requests, perSecond: rate, p50Milliseconds: p50, p99Milliseconds: p99, errors: errors,
            serverCPUSeconds: cpu)
    }

    /// User plus system CPU seconds `pid` has used (/proc/PID/stat fields 14 and 15).
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // After the command name in parentheses: field 3 onwards.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The peak resident set of `pid` (VmHWM), in bytes.
    static func peakResidentBytes(of pid: Int32) -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int64($0.split(separator: " ")[1]) }.map { $0 * 1024 }
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
            .joined(separator: " ")
    }

    /// Runs a program and returns its standard output.
    static func capture(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// wrk's Lua scripts, one request each; the token and the refs written in.
enum WrkScripts {
    /// wrk's threads (each runs its own copy of a script).
    static let threads = 2

    /// The share of a paced run's requests wrk must have sent for its latency to count: fewer
    /// means the server fell behind, and the requests it never got would have waited longest.
    static let pacedShareSent = 0.97

    /// `script` with a `delay` that spaces its thread's requests so that all threads together
    /// send `perSecond` a second: each request is due one interval after the one before, and waits
    /// until then (wrk counts its latency from when it is sent). A request already late goes at
    /// once, so a server that falls behind shows as a lower rate.
    static func paced(_ script: String, perSecond: Double) -> String {
        script + """

            local ffi = require("ffi")
            ffi.cdef[[
            typedef struct { long seconds; long nanoseconds; } hotline_timespec;
            int clock_gettime(int clock, hotline_timespec *time);
            ]]
            local clock = ffi.new("hotline_timespec")
            local function milliseconds()
              ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
              return tonumber(clock.seconds) * 1000 + tonumber(clock.nanoseconds) / 1e6
            end
            local interval = \(Double(threads) * 1000 / perSecond)
            local due = nil
            delay = function()
              local now = milliseconds()
              due = (due or now) + interval
              if due < now - 1000 then due = now end -- a second behind: start again, no burst
              local wait = due - now
              if wait < 0 then return 0 end
              return wait
            end
            """
    }

    static let surnames = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Волков", "Соколов"]
    static let givenNames = ["Пётр", "Иван", "Сергей", "Андрей", "Дмитрий", "Алексей", "Олег", "Николай"]

    /// A plausible name for the `index`th in-process inquiry (the Lua script picks the same way).
    static func person(_ index: Int) -> String {
        "\(surnames[index % surnames.count]) \(givenNames[(index / surnames.count) % givenNames.count])"
    }

    static func headers(_ token: String) -> String {
        #"{["Authorization"] = "Bearer \#(token)", ["Content-Type"] = "application/json"}"#
    }

    static func caseDetail(token: String, refs: [String]) -> String {
        """
        local refs = {\(refs.map { "\"\($0)\"" }.joined(separator: ","))}
        local headers = \(headers(token))
        request = function()
          return wrk.format("GET", "/v1/cases/" .. refs[math.random(#refs)], headers)
        end
        """
    }

    static func regionPage(token: String, region: String) -> String {
        """
        local headers = \(headers(token))
        request = function()
          return wrk.format("GET", "/v1/cases?region=\(region)&limit=50", headers)
        end
        """
    }

    /// A new case each time (`newCase`: no duplicate check), durable before its 201.
    static func inquiry(token: String) -> String {
        """
        local surnames = {\(surnames.map { "\"\($0)\"" }.joined(separator: ","))}
        local given = {\(givenNames.map { "\"\($0)\"" }.joined(separator: ","))}
        local headers = \(headers(token))
        request = function()
          local person = surnames[math.random(#surnames)] .. " " .. given[math.random(#given)]
          local body = '{"person": "' .. person .. '", "region": "RU-KRS", "inquirer": "Мать", '
            .. '"relationship": "mother", "channel": "web", "newCase": true}'
          return wrk.format("POST", "/v1/inquiries", headers, body)
        end
        """
    }
}
