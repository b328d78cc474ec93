import ArgumentParser
import HotlineCore

/// `hotline db …`: database upkeep, for admins.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Check, back up, restore and migrate the database (admins).",
        subcommands: [Check.self, Backup.self, Restore.self, Backups.self, Migrate.self, Version.self])

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

    struct Backups: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "backups",
            abstract: "List the copies restores saved beside the database, and files interrupted operations left.")
        @OptionGroup var options: GlobalOptions
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
                    ("path", \.path), ("bytes", { String($0.bytes) }), ("modified", { Render.time($0.modified) }),
                    ("note", \.note),
                ])
        }
    }

    struct Migrate: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply pending schema migrations (they also apply on first use).")
        @OptionGroup var options: GlobalOptions

        func execute(_ context: CommandContext) throws {
            try Version.show(try context.hotline.migrate(by: try context.operatorName()), context)
        }
    }

    struct Version: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "version", abstract: "Show the applied and pending schema migrations.")
        @OptionGroup var options: GlobalOptions

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
                    "Pending migrations: \(version.pending.isEmpty ? "none" : version.pending.joined(separator: ", "))")
            }
        }
    }
}

/// `db check` found problems: exit 1 after printing them.
struct DatabaseCheckFailed: Error, CustomStringConvertible {
    let count: Int
    var description: String { "db check found \(count) problem(s)." }
}
