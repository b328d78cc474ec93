import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Backups: ContextCommand, ListCommand {
        static let configuration = CommandConfiguration(
            commandName: "backups",
            abstract: "List the copies restores saved beside the database, and files interrupted operations left.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var listOutput: OutputOptions
        @Option(help: "Delete all but the newest N copies restores saved, then list what is left.")
        var keep: Int?

        func execute(_ context: CommandContext) throws {
            if let keep {
                for copy in try context.hotline.pruneSavedCopies(keeping: keep, by: try context.operatorName()) {
                    Console.printError("Deleted \(copy.path) (\(copy.bytes) bytes, \(Render.time(copy.modified))).")
                }
            }
            let copies = try context.hotline.savedCopies(by: try context.operatorName())
            if copies.isEmpty && context.format == .table {
                Console.print("No saved copies beside \(context.hotline.databasePath).")
                return
            }
            try Render.list(
                copies, format: context.format,
                columns: [
                    ("path", \.path), ("bytes", { String($0.bytes) }),
                    ("modified", { Render.time($0.modified, for: context.format) }),
                    ("note", \.note),
                ])
        }
    }
}
