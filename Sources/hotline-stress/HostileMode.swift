import ArgumentParser
import Foundation

/// `hotline-stress hostile`: every hostile input into every field of every command. hotline
/// promises that input is either refused with a message (exit non-zero, nothing written) or
/// stored exactly as typed, byte for byte; it must never crash, whatever the bytes.
struct Hostile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Feed a corpus of hostile inputs to every field of every command.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Lanes run in parallel, each on its own database (default: twice the number of CPUs).")
    var jobs: Int?

    func run() throws {
        let report = try HostileMode.run(
            executable: try Hotline.locate(common.hotline), jobs: jobs, keep: common.keep)
        try finish([report])
    }
}

/// The hostile mode: the corpus (HostileCorpus) fed to every field (Target) by lanes working in
/// parallel (HostileLane), each judging what its inputs did and checking what they wrote.
enum HostileMode {
    /// What a run of one hostile input came to.
    enum Outcome: Sendable, Equatable {
        case cleanError
        /// Accepted and read back byte for byte.
        case exact
        /// Accepted into a field hotline normalises (region code, term, phone number, reference).
        case normalized
        /// A read that succeeded (lists, show, audit).
        case readOK
        case crash
        case bad
        case skipped
    }

    static func run(executable: String, jobs: Int?, keep: Bool) throws -> ModeReport {
        let tally = Tally("hostile")
        let workspace = try Workspace("hostile")
        // Twice the CPUs: a lane waits on fsync and process start-up about a third of the time.
        let lanes = max(1, jobs ?? 2 * ProcessInfo.processInfo.activeProcessorCount)
        let stats = HostileStats()
        say(
            "hostile: \(Target.allCases.count) targets + special argument lists and shell scripts, \(lanes) lanes in \(workspace.path)"
        )

        // The work: the special inputs first (the 5,000-option list is slow to parse), then one
        // item per target; each lane takes the next item.
        let items: [HostileLane.Work] = [.argumentLists, .shellScripts] + Target.allCases.map { .target($0) }
        let next = Counter()
        let started = Date()
        onThreads(lanes) { index in
            let directory = workspace.path + "/lane-\(index + 1)"
            guard let lane = HostileLane(executable: executable, directory: directory, tally: tally, stats: stats)
            else {
                return
            }
            while true {
                let position = next.take()
                guard position < items.count else { break }
                switch items[position] {
                case .target(let target): lane.attack(target)
                case .argumentLists: lane.argumentLists()
                case .shellScripts: lane.shellScripts()
                }
            }
            lane.finish()
        }
        let elapsed = Date().timeIntervalSince(started)

        let counts = stats.counts
        let notes = stats.shellDifferences()
        var figures = [
            "inputs tried \(counts.tried) (\(counts.skipped) skipped: too long for argv or holding NUL; "
                + "those go through the shell targets)",
            "clean errors \(counts.cleanErrors), exact round trips \(counts.exact), accepted normalised "
                + "\(counts.normalized), reads answered \(counts.readOK)",
            "crashes \(counts.crashes), unclean or wrong results \(counts.bad); elapsed \(seconds(elapsed))",
        ]
        figures += (stats.notes + notes).map { "note: \($0)" }
        let report = ModeReport(tally, figures: figures)
        report.print()
        workspace.finish(keep: keep, failed: tally.failed > 0)
        return report
    }
}
