import ArgumentParser
import Configuration
import Foundation
import HotlineCore

/// What a command runs with: the layered configuration, the service layer over the opened
/// database, and the output format. Built from the global options in one place, so the CLI
/// and the shell resolve configuration the same way.
struct CommandContext {
    let settings: HotlineSettings
    let hotline: Hotline
    let format: OutputFormat
    private(set) var operatorSetting: String?
    /// Asks the operator a question and returns the answer; only in the interactive shell.
    var ask: ((String) -> String?)?

    /// Reads the configuration (flags, then `HOTLINE_*` environment variables, then the
    /// configuration file, then the shipped defaults) and opens the database; with
    /// `migrating: false`, pending migrations stay pending (`db version` shows them).
    /// `oneShot`: the process runs one command, so one connection serves (the shell keeps a pool).
    static func make(_ options: GlobalOptions, migrating: Bool = true, oneShot: Bool = false) async throws
        -> CommandContext
    {
        let configured = try await Configured.read(options)
        let hotline = try Hotline.open(
            path: configured.databasePath, rules: configured.rules, busyTimeout: configured.settings.busyTimeoutSeconds,
            migrating: migrating, oneShot: oneShot)
        return CommandContext(
            settings: configured.settings, hotline: hotline,
            format: configured.format, operatorSetting: configured.settings.operator)
    }

    /// What the configuration decides before any database is opened.
    struct Configured {
        let settings: HotlineSettings
        let rules: HotlineRules
        let format: OutputFormat
        let databasePath: String

        static func read(_ options: GlobalOptions) async throws -> Configured {
            let environment = ProcessInfo.processInfo.environment
            let settings = try await loadSettings(options, environment: environment)
            let rules = try HotlineRules(settings: settings)
            let format = try OutputFormat(rawValue: settings.format ?? "table").orThrow(
                HotlineError.configuration("format '\(settings.format ?? "")' is not one of table, json, csv")
            )
            return Configured(
                settings: settings, rules: rules, format: format,
                databasePath: settings.db ?? HotlineSettings.defaultDatabasePath(environment: environment))
        }
    }

    /// This context with one shell line's own options: `--format` and `--as` apply to the line;
    /// the database and configuration are the session's and cannot change mid-session.
    func adjusted(for options: GlobalOptions) throws -> CommandContext {
        guard options.db == nil, options.config == nil else {
            throw HotlineError.invalidField(
                field: options.db != nil ? "--db" : "--config", value: options.db ?? options.config ?? "",
                problem: "the shell's database and configuration are fixed for the session",
                accepted: "start another `hotline shell --db PATH --config PATH`")
        }
        var context = CommandContext(
            settings: settings, hotline: hotline, format: options.format ?? format, operatorSetting: operatorSetting,
            ask: ask)
        if let name = options.operatorName { context.operatorSetting = name }
        return context
    }

    /// " (pending until commit)" inside the shell's `begin`, where a write is not written yet;
    /// "" elsewhere. Every message that reports a write says it.
    var pending: Message { hotline.isInSessionTransaction ? Message(" (pending until commit)") : "" }

    /// The same context with another default output format (the shell's `format` command).
    func with(format: OutputFormat) -> CommandContext {
        CommandContext(
            settings: settings, hotline: hotline, format: format, operatorSetting: operatorSetting, ask: ask)
    }

    /// The operator to record: `--as`, else `HOTLINE_OPERATOR` (or the file's `operator`),
    /// else the login name.
    func operatorName() throws -> OperatorName {
        if let name = operatorSetting { return try OperatorName(name) }
        let environment = ProcessInfo.processInfo.environment
        let account = getpwuid(geteuid()).flatMap { $0.pointee.pw_name }.map { String(cString: $0) }
        let login = [environment["LOGNAME"], environment["USER"], account].compactMap { $0 }.first { !$0.isEmpty }
        guard let login, !login.isEmpty else {
            throw HotlineError.invalidField(
                field: "operator", value: "", problem: "no operator is known",
                accepted: "--as NAME or the HOTLINE_OPERATOR environment variable")
        }
        return try OperatorName(login)
    }

    /// The settings from Core's one configuration path, over these layers: the flags, the
    /// `HOTLINE_*` environment variables, the user's file. The CLI's own keys (`db`,
    /// `operator`, `format`) are read here, from the same reader.
    static func loadSettings(_ options: GlobalOptions, environment: [String: String]) async throws
        -> HotlineSettings
    {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        if let db = options.db { flags["db"] = ConfigValue(.string(db), isSecret: false) }
        if let name = options.operatorName {
            flags["operator"] = ConfigValue(.string(name), isSecret: false)
        }
        if let format = options.format {
            flags["format"] = ConfigValue(.string(format.rawValue), isSecret: false)
        }
        var layers = [
            HotlineConfiguration.Layer(name: "the flags", provider: InMemoryProvider(name: "flags", values: flags))
        ]
        if let variables = HotlineConfiguration.environmentLayer(environment) { layers.append(variables) }
        if let file = try await HotlineConfiguration.fileLayer(given: options.config, environment: environment) {
            layers.append(file)
        }
        let configuration = HotlineConfiguration(layers: layers)
        var settings = try configuration.settings()
        settings.db = configuration.reader.string(forKey: "db").map(HotlineConfiguration.expandingTilde)
        settings.operator = configuration.reader.string(forKey: "operator")
        settings.format = configuration.reader.string(forKey: "format")
        return settings
    }
}

extension Optional {
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

/// A command that runs against a prepared context. The CLI prepares one per process; the
/// shell prepares one per session and runs every line against it.
protocol ContextCommand: AsyncParsableCommand {
    var options: GlobalOptions { get }
    /// Whether opening the database for this command applies pending migrations (it does,
    /// except for the commands that show them).
    static var migratesOnOpen: Bool { get }
    /// Whether one connection serves the command (most: it opens faster than the pool); a
    /// command that reads on the pool's readers while it writes says no.
    static var oneConnection: Bool { get }
    func execute(_ context: CommandContext) throws
}

extension ContextCommand {
    static var migratesOnOpen: Bool { true }
    static var oneConnection: Bool { true }

    func run() async throws {
        try executeListing(
            try await CommandContext.make(options, migrating: Self.migratesOnOpen, oneShot: Self.oneConnection))
    }

    /// Runs the command; a list's output goes where its `--output` and `--excel` say.
    func executeListing(_ context: CommandContext) throws {
        guard let list = self as? any ListCommand else { return try execute(context) }
        try ListExport.run(list.listOutput, format: context.format) { try execute(context.with(format: $0)) }
    }
}

/// A command that reads the configuration but no database (`region list`): it neither
/// creates nor opens a database file. The shell runs it with the session's rules and format.
protocol RulesCommand: AsyncParsableCommand {
    var options: GlobalOptions { get }
    func execute(rules: HotlineRules, format: OutputFormat) throws
}

extension RulesCommand {
    func run() async throws {
        let configured = try await CommandContext.Configured.read(options)
        try executeListing(rules: configured.rules, format: configured.format)
    }

    /// Runs the command; a list's output goes where its `--output` and `--excel` say.
    func executeListing(rules: HotlineRules, format: OutputFormat) throws {
        guard let list = self as? any ListCommand else { return try execute(rules: rules, format: format) }
        try ListExport.run(list.listOutput, format: format) { try execute(rules: rules, format: $0) }
    }
}
