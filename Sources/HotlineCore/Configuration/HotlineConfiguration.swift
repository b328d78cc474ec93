import Configuration
import Foundation
import HotlineDefaults

/// The one configuration path of every front end: one swift-configuration `ConfigReader`
/// over the front end's layers (the CLI's: flags, then `HOTLINE_*` environment variables,
/// then the user's file), with the shipped Config/hotline.json as the last provider. Each
/// part reads its keys through a reader scoped to it (`lifecycle`, `phone`, `shell`), as the
/// server template of the swift-configuration docs hands scoped readers to its parts. Every key is named once, here;
/// its default is in the shipped file only.
public struct HotlineConfiguration: Sendable {
    /// One provider with the words an error uses for it ("the configuration file /etc/x.json").
    public struct Layer: Sendable {
        public let name: String
        public let provider: any ConfigProvider

        public init(name: String, provider: any ConfigProvider) {
            self.name = name
            self.provider = provider
        }
    }

    /// The front end's layers, most important first (without the shipped defaults).
    public let layers: [Layer]
    /// The reader over the layers, then the shipped defaults: what a front end reads its own
    /// keys from (the CLI's `db`, `operator`, `format`).
    public let reader: ConfigReader
    /// The shipped defaults alone: a layer's value of the wrong type falls back to them.
    private let shipped: ConfigReader

    public init(layers: [Layer]) {
        self.layers = layers
        reader = ConfigReader(providers: layers.map(\.provider) + [Self.shippedProvider])
        shipped = ConfigReader(provider: Self.shippedProvider)
    }

    /// The settings the core reads, each numeric one checked against its range; the
    /// front-end keys (`db`, `operator`, `format`) are left `nil`.
    public func settings() throws(HotlineError) -> HotlineSettings {
        let lifecycle = Part(self, "lifecycle")
        let phone = Part(self, "phone")
        let shell = Part(self, "shell")
        let registry = Part(self, "registry")
        let notices = Part(self, "notices")
        let top = Part(self, nil)
        var settings = HotlineSettings(
            version: Int(try top.number("version", range: HotlineSettings.versionRange)),
            db: nil, operator: nil, format: nil,
            busyTimeoutSeconds: try top.number("busyTimeoutSeconds", range: HotlineSettings.busyTimeoutRange),
            phone: .init(defaultCountry: phone.string("defaultCountry")),
            lifecycle: .init(
                initial: lifecycle.string("initial"), open: lifecycle.strings("open"),
                closed: lifecycle.strings("closed"), reopenTo: lifecycle.strings("reopenTo")),
            channels: top.strings("channels"),
            relationships: top.strings("relationships"),
            shell: .init(
                idleTransactionSeconds: try shell.number(
                    "idleTransactionSeconds", range: HotlineSettings.idleTransactionRange)),
            registry: registry.registrySettings(),
            notices: .init(
                news: notices.strings("news"),
                callbackDays: try notices.number("callbackDays", range: HotlineSettings.callbackDaysRange),
                deliverWithinHours: try notices.number(
                    "deliverWithinHours", range: HotlineSettings.deliverWithinHoursRange),
                textChannels: notices.strings("textChannels")))
        settings.relationshipAliases = Part(self, "relationshipAliases").aliases(of: settings.relationships)
        let mail = Part(self, "mail")
        settings.mail = .init(address: mail.string("address"), sendmail: mail.string("sendmail"))
        let telegram = Part(self, "telegram")
        settings.telegram = .init(
            secret: telegram.string("secret"), token: telegram.string("token"), apiBase: telegram.string("apiBase"))
        return settings
    }

    /// The readers of one part of the configuration (`nil`: the top level).
    struct Part {
        let configuration: HotlineConfiguration
        let scope: String?
        let reader: ConfigReader
        let shipped: ConfigReader

        init(_ configuration: HotlineConfiguration, _ scope: String?) {
            self.configuration = configuration
            self.scope = scope
            reader = scope.map { configuration.reader.scoped(to: ConfigKey($0)) } ?? configuration.reader
            shipped = scope.map { configuration.shipped.scoped(to: ConfigKey($0)) } ?? configuration.shipped
        }

        func string(_ key: String) -> String {
            reader.string(forKey: ConfigKey(key)) ?? shipped.string(forKey: ConfigKey(key)) ?? ""
        }

        func strings(_ key: String) -> [String] {
            reader.stringArray(forKey: ConfigKey(key)) ?? shipped.stringArray(forKey: ConfigKey(key)) ?? []
        }

        /// Each word's aliases, keyed by the word (a layer may change one word's aliases alone).
        func aliases(of words: [String]) -> [String: [String]] {
            var aliases: [String: [String]] = [:]
            for word in words { aliases[word] = strings(word) }
            return aliases
        }

        /// The registry block: its words, and for each the status it implies and its aliases,
        /// keyed by the word (a layer may change one word's aliases alone).
        func registrySettings() -> HotlineSettings.RegistrySettings {
            let says = strings("says")
            var implies: [String: String] = [:]
            var aliases: [String: [String]] = [:]
            for word in says {
                let key = ConfigKey(word)
                implies[word] =
                    reader.scoped(to: "implies").string(forKey: key)
                    ?? shipped.scoped(to: "implies").string(forKey: key)
                aliases[word] =
                    reader.scoped(to: "aliases").stringArray(forKey: key)
                    ?? shipped.scoped(to: "aliases").stringArray(forKey: key)
            }
            return .init(says: says, implies: implies, aliases: aliases)
        }

        func number(_ key: String, range: ClosedRange<Double>) throws(HotlineError) -> Double {
            try HotlineConfiguration.number(
                scope.map { "\($0).\(key)" } ?? key, default: shipped.double(forKey: ConfigKey(key)) ?? .nan,
                range: range, in: configuration.layers)
        }
    }

    /// A numeric setting: the first layer that has `key` decides. A value that is not a number
    /// or is outside `range` (NaN, infinities) is a configuration error naming the key and the
    /// layer, where the reader's `default:` would silently fall back to the next layer.
    static func number(
        _ key: String, default fallback: Double, range: ClosedRange<Double>, in layers: [Layer]
    ) throws(HotlineError) -> Double {
        let absolute = AbsoluteConfigKey(key.split(separator: ".").map(String.init))
        for layer in layers {
            // Named only for a message: the regex cost every one-shot command 2.3 M of the 36 M
            // instructions `db version` ran (callgrind), even with no HOTLINE_* variable set.
            var name: String {
                guard layer.name == environmentLayerName else { return layer.name }
                // busyTimeoutSeconds is HOTLINE_BUSY_TIMEOUT_SECONDS: name what the user set.
                let words = key.replacing(".", with: "_").replacing(/([a-z0-9])([A-Z])/) { "\($0.1)_\($0.2)" }
                return layer.name + " HOTLINE_" + words.uppercased()
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
                    "\(key) \(shown)in \(name) is not a number. Accepted: \(HotlineSettings.describe(range))")
            }
            guard let found else { continue }
            let value: Double
            switch found.content {
            case .double(let number): value = number
            case .int(let number): value = Double(number)
            default:
                throw .configuration(
                    "\(key) in \(name) is not a number. Accepted: \(HotlineSettings.describe(range))")
            }
            if !(value.isFinite && range.contains(value)) {
                try HotlineSettings.check(key, value, in: range, from: name)
            }
            return value
        }
        return fallback
    }

    // MARK: - Layers

    static let environmentLayerName = "the environment variable"

    /// `HOTLINE_*` environment variables: `HOTLINE_BUSY_TIMEOUT_SECONDS` is `busyTimeoutSeconds`;
    /// `nil` when none is set. The provider turns every key it is asked for into a variable's
    /// name (camelCase split, upper-cased: 2.9 M of the 61 M instructions of `db version`,
    /// callgrind), so a process without such variables does without it.
    public static func environmentLayer(_ environment: [String: String]) -> Layer? {
        let own = environment.filter { $0.key.hasPrefix("HOTLINE_") }
        guard !own.isEmpty else { return nil }
        return Layer(
            name: environmentLayerName,
            provider: EnvironmentVariablesProvider(environmentVariables: own).prefixKeys(with: "hotline"))
    }

    /// The user's configuration file: `given` (`--config`), else `HOTLINE_CONFIG` (both must
    /// exist), else `~/.config/hotline/config.json` if there is one. A file that cannot be read
    /// or is not a JSON object is refused saying which file, what is wrong and where.
    public static func fileLayer(given: String?, environment: [String: String]) async throws(HotlineError) -> Layer? {
        let given = given ?? environment["HOTLINE_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        let path = given.map(expandingTilde) ?? configHome + "/hotline/config.json"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            if given != nil { throw .configuration("the configuration file \(path) does not exist") }
            return nil
        }
        let accepted: Message = "Accepted: a JSON object like Config/hotline.json, every key optional"
        guard !isDirectory.boolValue else {
            throw .configuration("the configuration file \(path) is a directory. \(accepted)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("the configuration file \(path) cannot be read (check its permissions). \(accepted)")
        }
        try checkJSONObject(data, path: path, accepted: accepted)
        do {
            return Layer(
                name: "the configuration file \(path)",
                provider: try await FileProvider<JSONSnapshot>(filePath: .init(path)))
        } catch {
            throw .configuration(
                "cannot read the configuration file \(path): \(HotlineError.quoted(String(describing: error))). \(accepted)"
            )
        }
    }

    /// Refuses bytes that are not one JSON object, saying what is wrong and at which line and
    /// column, instead of Foundation's "Error Domain=NSCocoaErrorDomain Code=3840".
    public static func checkJSONObject(_ data: Data, path: String, accepted: Message) throws(HotlineError) {
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

    /// `~/x` as the user's home directory's `x`.
    public static func expandingTilde(_ path: String) -> String {
        (path as NSString).expandingTildeInPath
    }

    // MARK: - The shipped defaults

    /// Config/hotline.json as the last provider, parsed on first use (about 40 µs).
    static let shippedProvider: InMemoryProvider = {
        // The file is embedded at build time and checked by a test; failing here is a build defect.
        let object = try? JSONSerialization.jsonObject(with: Data(ShippedDefaults.configurationJSON))
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        func flatten(_ value: Any, at key: [String]) {
            switch value {
            case let object as [String: Any]:
                for (name, inner) in object { flatten(inner, at: key + [name]) }
            case let text as String:
                values[AbsoluteConfigKey(key)] = ConfigValue(.string(text), isSecret: false)
            case let list as [String]:
                values[AbsoluteConfigKey(key)] = ConfigValue(.stringArray(list), isSecret: false)
            case let number as NSNumber:
                values[AbsoluteConfigKey(key)] = ConfigValue(.double(number.doubleValue), isSecret: false)
            default:
                break  // null: no default (db, operator)
            }
        }
        if let object { flatten(object, at: []) }
        return InMemoryProvider(name: "the shipped defaults", values: values)
    }()
}
