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
    /// configuration file, then the shipped defaults) and opens the database.
    static func make(_ options: GlobalOptions) async throws -> CommandContext {
        let environment = ProcessInfo.processInfo.environment
        let settings = try await loadSettings(options, environment: environment)
        let rules = try HotlineRules(settings: settings)
        let path = settings.db ?? HotlineSettings.defaultDatabasePath(environment: environment)
        let database = try HotlineDatabase.open(path: path, busyTimeout: settings.busyTimeoutSeconds)
        let format = try OutputFormat(rawValue: settings.format ?? "table").orThrow(
            HotlineError.configuration("format '\(settings.format ?? "")' is not one of table, json, csv")
        )
        return CommandContext(
            settings: settings, hotline: Hotline(database: database, rules: rules), format: format,
            operatorSetting: settings.operator)
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
    var pending: String { hotline.database.isInSessionTransaction ? " (pending until commit)" : "" }

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

    static func loadSettings(_ options: GlobalOptions, environment: [String: String]) async throws
        -> HotlineSettings
    {
        let shipped = HotlineSettings.shipped
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        if let db = options.db { flags["db"] = ConfigValue(.string(db), isSecret: false) }
        if let name = options.operatorName {
            flags["operator"] = ConfigValue(.string(name), isSecret: false)
        }
        if let format = options.format {
            flags["format"] = ConfigValue(.string(format.rawValue), isSecret: false)
        }

        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "flags", values: flags),
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "hotline"),
        ]
        if let file = try await configurationFile(options, environment: environment) {
            providers.append(file)
        }
        let reader = ConfigReader(providers: providers)

        let lifecycle = reader.scoped(to: "lifecycle")
        return HotlineSettings(
            version: reader.int(forKey: "version", default: shipped.version),
            db: reader.string(forKey: "db").map(expandingTilde) ?? shipped.db,
            operator: reader.string(forKey: "operator") ?? shipped.operator,
            format: reader.string(forKey: "format") ?? shipped.format,
            busyTimeoutSeconds: reader.double(
                forKey: "busyTimeoutSeconds", default: shipped.busyTimeoutSeconds),
            phone: .init(
                defaultCountry: reader.string(
                    forKey: "phone.defaultCountry", default: shipped.phone.defaultCountry)),
            lifecycle: .init(
                initial: lifecycle.string(forKey: "initial", default: shipped.lifecycle.initial),
                open: lifecycle.stringArray(forKey: "open", default: shipped.lifecycle.open),
                closed: lifecycle.stringArray(forKey: "closed", default: shipped.lifecycle.closed),
                reopenTo: lifecycle.stringArray(forKey: "reopenTo", default: shipped.lifecycle.reopenTo)),
            channels: reader.stringArray(forKey: "channels", default: shipped.channels),
            relationships: reader.stringArray(forKey: "relationships", default: shipped.relationships),
            shell: .init(
                idleTransactionSeconds: try idleTransactionSeconds(
                    reader.double(
                        forKey: "shell.idleTransactionSeconds", default: shipped.shell.idleTransactionSeconds))))
    }

    /// A transaction idle for less than a second could not be typed; one idle for more than a
    /// day is one nobody is watching.
    private static func idleTransactionSeconds(_ seconds: Double) throws -> Double {
        guard seconds >= 1 && seconds <= 86_400 else {
            throw HotlineError.configuration(
                "shell.idleTransactionSeconds is \(seconds); it must be a number of seconds from 1 to 86400")
        }
        return seconds
    }

    /// The user's configuration file: `--config`, else `HOTLINE_CONFIG` (both must exist),
    /// else `~/.config/hotline/config.json` if there is one.
    private static func configurationFile(_ options: GlobalOptions, environment: [String: String])
        async throws
        -> (any ConfigProvider)?
    {
        let given = options.config ?? environment["HOTLINE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        let path = given.map(expandingTilde) ?? configHome + "/hotline/config.json"
        if given != nil && !FileManager.default.fileExists(atPath: path) {
            throw HotlineError.configuration("the configuration file \(path) does not exist")
        }
        do {
            return try await FileProvider<JSONSnapshot>(filePath: .init(path), allowMissing: given == nil)
        } catch {
            throw HotlineError.configuration(
                "cannot read the configuration file \(path): it must be a JSON object like Config/hotline.json (\(error))"
            )
        }
    }

    private static func expandingTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
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
    func execute(_ context: CommandContext) throws
}

extension ContextCommand {
    func run() async throws {
        try execute(try await CommandContext.make(options))
    }
}
