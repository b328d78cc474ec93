import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Backup: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database to a new file, consistently, while others keep writing.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "Where to write the copy (must not exist).") var path: String

        func execute(_ context: CommandContext) throws {
            try context.hotline.backup(to: path, by: try context.operatorName())
            Console.print("Backed up \(context.hotline.databasePath) to \(path).")
        }
    }
}
