import ArgumentParser

/// `hotline db …`: database upkeep, for admins.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Check, back up, restore and migrate the database (admins).",
        subcommands: [Check.self, Backup.self, Restore.self, Backups.self, Migrate.self, Version.self])
}

/// `db check` found problems: exit 1 after printing them.
struct DatabaseCheckFailed: Error, CustomStringConvertible {
    let count: Int
    var description: String { "db check found \(count) problem(s)." }
}
