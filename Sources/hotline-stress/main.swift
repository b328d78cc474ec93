import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `hotline-stress`: drives the built `hotline` binary as separate processes, the way operators
/// do, to find what unit tests cannot: lock contention between processes, damage from a killed
/// writer, and inputs that crash the binary or are stored other than as typed.
struct StressTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline-stress",
        abstract: "Concurrency, kill and hostile-input stress against the built hotline binary.",
        discussion: """
            Each mode works in a fresh temporary directory (the database and HOME of every child),
            prints its figures and ends with the line `N passed, N failed`; any failure exits 1.
            """,
        subcommands: [Writers.self, Kills.self, Hostile.self, All.self, Damage.self])
}

// A child may exit before reading all its input; writing to its pipe must fail with EPIPE,
// not kill this process.
signal(SIGPIPE, SIG_IGN)
StressTool.main()
