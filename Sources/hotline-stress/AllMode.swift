import ArgumentParser
import Foundation

/// `hotline-stress all`: the three modes in a row, then one summary table.
struct All: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writers, kills and the hostile corpus, with a summary table.",
        discussion: """
            Short mode (default): writers 8x50, kills 50, the hostile corpus.
            Long mode (--long): writers 32x500, kills 500, the hostile corpus.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "The long run: writers 32x500 and kills 500.")
    var long = false

    @Option(help: "Lanes for the hostile corpus (default: the number of CPUs).")
    var jobs: Int?

    @Option(help: "Seed for the kills' random delays.")
    var seed: UInt64?

    func run() throws {
        let executable = try Hotline.locate(common.hotline)
        say("hotline-stress all (\(long ? "long" : "short") mode) against \(executable)")
        var reports: [ModeReport] = []
        var times: [Double] = []
        func timed(_ body: () throws -> ModeReport) rethrows {
            let started = Date()
            reports.append(try body())
            times.append(Date().timeIntervalSince(started))
            say("")
        }
        try timed {
            try WritersMode.run(
                executable: executable, writers: long ? 32 : 8, inquiries: long ? 500 : 50, keep: common.keep)
        }
        try timed { try KillsMode.run(executable: executable, count: long ? 500 : 50, seed: seed, keep: common.keep) }
        try timed { try HostileMode.run(executable: executable, jobs: jobs, keep: common.keep) }
        try timed { try RestoreMode.run(executable: executable, long: long, seed: seed, keep: common.keep) }
        try timed { try ShellMode.run(executable: executable, keep: common.keep) }
        try timed { try DamageMode.run(executable: executable, keep: common.keep) }

        say("Summary")
        let rows = zip(reports, times).map { report, time in
            [report.mode, String(report.passed), String(report.failed), seconds(time), report.figures.first ?? ""]
        }
        let header = ["mode", "passed", "failed", "time", "headline"]
        let widths = (0..<header.count).map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        for row in [header] + rows {
            say(
                "  "
                    + row.enumerated().map { column, cell in
                        column == row.count - 1
                            ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    }.joined(separator: "  "))
        }
        try finish(reports)
    }
}
