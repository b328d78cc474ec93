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
    var pending: String { hotline.isInSessionTransaction ? " (pending until commit)" : "" }

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

        var layers: [(name: String, provider: any ConfigProvider)] = [
            ("the flags", InMemoryProvider(name: "flags", values: flags)),
            (
                "the environment variable",
                EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "hotline")
            ),
        ]
        if let file = try await configurationFile(options, environment: environment) {
            layers.append(("the configuration file \(file.path)", file.provider))
        }
        let reader = ConfigReader(providers: layers.map(\.provider))

        let lifecycle = reader.scoped(to: "lifecycle")
        return HotlineSettings(
            version: Int(
                try number(
                    "version", default: Double(shipped.version), range: HotlineSettings.versionRange, in: layers)),
            db: reader.string(forKey: "db").map(expandingTilde) ?? shipped.db,
            operator: reader.string(forKey: "operator") ?? shipped.operator,
            format: reader.string(forKey: "format") ?? shipped.format,
            busyTimeoutSeconds: try number(
                "busyTimeoutSeconds", default: shipped.busyTimeoutSeconds, range: HotlineSettings.busyTimeoutRange,
                in: layers),
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
                idleTransactionSeconds: try number(
                    "shell.idleTransactionSeconds", default: shipped.shell.idleTransactionSeconds,
                    range: HotlineSettings.idleTransactionRange, in: layers)))
    }

    /// A numeric setting: the first layer that has `key` decides. A value that is not a number
    /// or is outside `range` (NaN, infinities) is a configuration error naming the key and the
    /// layer, where the reader's `default:` would silently fall back to the next layer.
    static func number(
        _ key: String, default fallback: Double, range: ClosedRange<Double>,
        in layers: [(name: String, provider: any ConfigProvider)]
    ) throws(HotlineError) -> Double {
        let absolute = AbsoluteConfigKey(key.split(separator: ".").map(String.init))
        for var layer in layers {
            if layer.name == "the environment variable" {
                // busyTimeoutSeconds is HOTLINE_BUSY_TIMEOUT_SECONDS: name what the user set.
                let words = key.replacing(".", with: "_").replacing(/([a-z0-9])([A-Z])/) { "\($0.1)_\($0.2)" }
                layer.name += " HOTLINE_" + words.uppercased()
            }
            let found: ConfigValue?
            do {
                found = try layer.provider.value(forKey: absolute, type: .double).value
            } catch {
                let raw = try? layer.provider.value(forKey: absolute, type: .string).value
                let shown: String
                if case .string(let text)? = raw?.content {
                    shown = HotlineError.quoted(text) + " "
                } else {
                    shown = ""
                }
                throw .configuration(
                    "\(key) \(shown)in \(layer.name) is not a number. Accepted: \(HotlineSettings.describe(range))")
            }
            guard let found else { continue }
            let value: Double
            switch found.content {
            case .double(let number): value = number
            case .int(let number): value = Double(number)
            default:
                throw .configuration(
                    "\(key) in \(layer.name) is not a number. Accepted: \(HotlineSettings.describe(range))")
            }
            try HotlineSettings.check(key, value, in: range, from: layer.name)
            return value
        }
        return fallback
    }

    /// The user's configuration file: `--config`, else `HOTLINE_CONFIG` (both must exist),
    /// else `~/.config/hotline/config.json` if there is one. A file that cannot be read or is
    /// not a JSON object is refused saying which file, what is wrong and where.
    private static func configurationFile(_ options: GlobalOptions, environment: [String: String])
        async throws
        -> (path: String, provider: any ConfigProvider)?
    {
        let given = options.config ?? environment["HOTLINE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        let path = given.map(expandingTilde) ?? configHome + "/hotline/config.json"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if given != nil { throw HotlineError.configuration("the configuration file \(path) does not exist") }
            return nil
        }
        let accepted = "Accepted: a JSON object like Config/hotline.json, every key optional"
        guard !isDirectory.boolValue else {
            throw HotlineError.configuration("the configuration file \(path) is a directory. \(accepted)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HotlineError.configuration(
                "the configuration file \(path) cannot be read (check its permissions). \(accepted)")
        }
        try checkJSONObject(data, path: path, accepted: accepted)
        do {
            return (path, try await FileProvider<JSONSnapshot>(filePath: .init(path)))
        } catch {
            throw HotlineError.configuration(
                "cannot read the configuration file \(path): \(HotlineError.quoted(String(describing: error))). "
                    + accepted)
        }
    }

    /// Refuses bytes that are not one JSON object, saying what is wrong and at which line and
    /// column, instead of Foundation's "Error Domain=NSCocoaErrorDomain Code=3840".
    static func checkJSONObject(_ data: Data, path: String, accepted: String) throws(HotlineError) {
        guard String(data: data, encoding: .utf8) != nil else {
            throw .configuration("the configuration file \(path) is not UTF-8 text. \(accepted)")
        }
        guard data.contains(where: { !" \t\r\n".utf8.contains($0) }) else {
            throw .configuration("the configuration file \(path) is empty. \(accepted)")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // Foundation says "Invalid value around character 15." (a byte offset), or
            // "Unexpected end of file during JSON parse."
            let said = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "it is not valid JSON"
            var place = ""
            if let range = said.firstRange(of: "character "),
                let offset = Int(said[range.upperBound...].prefix(while: \.isNumber))
            {
                let before = data.prefix(offset)
                let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
                let column =
                    String(
                        decoding: before.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).last
                            ?? [], as: UTF8.self
                    ).count + 1
                place = " at line \(line), column \(column)"
            }
            let problem =
                said.hasPrefix("Unexpected end")
                ? "it ends before the JSON is complete"
                : "it is not valid JSON\(place) (\(said.trimmingCharacters(in: CharacterSet(charactersIn: "."))))"
            throw .configuration("the configuration file \(path): \(problem). \(accepted)")
        }
        guard object is [String: Any] else {
            throw .configuration(
                "the configuration file \(path) holds a JSON \(object is [Any] ? "array" : "value"), not an object. \(accepted)"
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
