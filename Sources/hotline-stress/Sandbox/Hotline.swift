import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `hotline` binary under test and the environment its children get.
struct Hotline: Sendable {
    let executable: String
    let home: String
    let environment: [String]

    /// `--hotline PATH`, else the `hotline` beside this executable (both are built into the same
    /// `.build/<configuration>/` folder).
    static func locate(_ explicit: String?) throws -> String {
        let path: String
        if let explicit {
            path = explicit
        } else {
            let me = CommandLine.arguments[0]
            var resolved = me
            if !me.contains("/") {
                let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
                resolved = directories.map { "\($0)/\(me)" }.first { access($0, X_OK) == 0 } ?? me
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if let real = realpath(resolved, &buffer) { resolved = String(cString: real) }
            path = (resolved as NSString).deletingLastPathComponent + "/hotline"
        }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard access(absolute, X_OK) == 0 else {
            throw ValidationError("no executable hotline at \(absolute); build it first or pass --hotline PATH")
        }
        return absolute
    }

    /// Children get HOME set to the sandbox and no HOTLINE_* or XDG_* variables, so neither the
    /// user's configuration nor their database can leak into a run.
    init(executable: String, home: String) {
        self.executable = executable
        self.home = home
        var environment = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("HOTLINE_") && !key.hasPrefix("XDG_")
        }
        environment["HOME"] = home
        self.environment = environment.map { "\($0.key)=\($0.value)" }.sorted()
    }

    func spec(_ arguments: [String], stdin: [UInt8] = [], timeout: Double = 120) -> ChildSpec {
        spec(raw: arguments.map { Array($0.utf8) }, stdin: stdin, timeout: timeout)
    }

    func spec(raw arguments: [[UInt8]], stdin: [UInt8] = [], timeout: Double = 120) -> ChildSpec {
        ChildSpec(
            executable: executable, arguments: arguments, environment: environment, stdin: stdin, timeout: timeout)
    }

    func run(_ arguments: [String], stdin: [UInt8] = [], timeout: Double = 120) -> RunResult {
        Child.run(spec(arguments, stdin: stdin, timeout: timeout))
    }

    func run(raw arguments: [[UInt8]], stdin: [UInt8] = [], timeout: Double = 120) -> RunResult {
        Child.run(spec(raw: arguments, stdin: stdin, timeout: timeout))
    }
}
