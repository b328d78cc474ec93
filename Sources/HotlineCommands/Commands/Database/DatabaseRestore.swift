import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Restore: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract:
                "Replace the database's content with a backup that passes db check (the current content is saved first)."
        )
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The backup file.") var path: String

        func execute(_ context: CommandContext) throws {
            let saved = try context.hotline.restore(from: path, by: try context.operatorName())
            Console.print(
                "Restored \(path) into \(context.hotline.databasePath); the previous content is in \(saved).")
        }
    }
}
