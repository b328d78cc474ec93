import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Check: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check SQLite integrity, foreign keys and hotline's own invariants; exit 1 if anything is wrong.")
        @OptionGroup var options: GlobalOptions

        func execute(_ context: CommandContext) throws {
            let problems = try context.hotline.checkDatabase(by: try context.operatorName())
            switch context.format {
            case .json: Console.print(try Render.json(problems))
            case .table, .csv:
                Console.print(
                    problems.isEmpty
                        ? "db check: all checks passed (\(context.hotline.databasePath))."
                        : problems.map { "problem: \($0)" }.joined(separator: "\n"))
            }
            if !problems.isEmpty { throw DatabaseCheckFailed(count: problems.count) }
        }
    }
}
