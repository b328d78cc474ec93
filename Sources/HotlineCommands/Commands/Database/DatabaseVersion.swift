import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Version: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "version", abstract: "Show the applied and pending schema migrations.")
        @OptionGroup var options: GlobalOptions
        /// Opened without migrating, so pending migrations show as pending.
        static var migratesOnOpen: Bool { false }

        func execute(_ context: CommandContext) throws {
            try Self.show(try context.hotline.schemaVersion(), context)
        }

        static func show(_ version: SchemaVersion, _ context: CommandContext) throws {
            switch context.format {
            case .json: Console.print(try Render.json(version))
            case .table, .csv:
                Console.print("Database: \(context.hotline.databasePath) (SQLite \(version.sqlite))")
                Console.print("Applied migrations: \(version.applied.joined(separator: ", "))")
                Console.print(
                    "Pending migrations: \(version.pending.isEmpty ? "none" : .verbatim(version.pending.joined(separator: ", ")))"
                )
            }
        }
    }
}
