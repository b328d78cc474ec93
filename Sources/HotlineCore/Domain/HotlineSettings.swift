import Foundation
import HotlineDefaults

/// The configuration, as read from Config/hotline.json and its overrides. Every key has its
/// default in the shipped file; front ends layer a user's file, the environment and flags on top.
public struct HotlineSettings: Codable, Sendable, Equatable {
    public struct Phone: Codable, Sendable, Equatable {
        /// The country whose national format (`8 916 …`) phone numbers are completed with.
        public var defaultCountry: String

        public init(defaultCountry: String) { self.defaultCountry = defaultCountry }
    }

    public struct LifecycleSettings: Codable, Sendable, Equatable {
        public var initial: String
        public var open: [String]
        public var closed: [String]
        public var reopenTo: [String]

        public init(initial: String, open: [String], closed: [String], reopenTo: [String]) {
            self.initial = initial
            self.open = open
            self.closed = closed
            self.reopenTo = reopenTo
        }
    }

    public struct ShellSettings: Codable, Sendable, Equatable {
        /// How long the shell's `begin … commit` may wait for the next line before it is rolled
        /// back: an open transaction holds the write lock, so a forgotten one blocks every writer.
        public var idleTransactionSeconds: Double

        public init(idleTransactionSeconds: Double) { self.idleTransactionSeconds = idleTransactionSeconds }
    }

    /// The version of this file's format.
    public var version: Int
    /// The database path; `nil` means the user's data directory.
    public var db: String?
    /// The operator recorded on writes when `--as` is not given; `nil` means the login name.
    public var `operator`: String?
    /// The default output format.
    public var format: String?
    /// How long a write waits for other writers before it gives up.
    public var busyTimeoutSeconds: Double
    public var phone: Phone
    public var lifecycle: LifecycleSettings
    public var channels: [String]
    public var relationships: [String]
    public var shell: ShellSettings

    public init(
        version: Int, db: String?, operator: String?, format: String?, busyTimeoutSeconds: Double,
        phone: Phone,
        lifecycle: LifecycleSettings, channels: [String], relationships: [String],
        shell: ShellSettings = .init(idleTransactionSeconds: 120)
    ) {
        self.version = version
        self.db = db
        self.operator = `operator`
        self.format = format
        self.busyTimeoutSeconds = busyTimeoutSeconds
        self.phone = phone
        self.lifecycle = lifecycle
        self.channels = channels
        self.relationships = relationships
        self.shell = shell
    }

    /// The shipped defaults: Config/hotline.json, embedded at build time.
    public static let shipped: HotlineSettings = {
        // The file is embedded at build time and checked by a test; failing here is a build defect.
        try! JSONDecoder().decode(HotlineSettings.self, from: Data(ShippedDefaults.configurationJSON))
    }()

    /// The database path when none is configured: `$XDG_DATA_HOME/hotline/hotline.sqlite`,
    /// else `~/.local/share/hotline/hotline.sqlite`.
    public static func defaultDatabasePath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> String
    {
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/hotline/hotline.sqlite"
    }
}

/// The rules the service layer enforces, built once from the settings and checked on the way:
/// a bad lifecycle or vocabulary is a configuration error before any command runs.
public struct HotlineRules: Sendable {
    public let lifecycle: Lifecycle
    public let channels: Vocabulary
    public let relationships: Vocabulary
    public let regions: RegionCatalog
    public let defaultCountry: String

    public init(settings: HotlineSettings, regions: RegionCatalog = .shipped) throws(HotlineError) {
        let lifecycle = settings.lifecycle
        self.lifecycle = try Lifecycle(
            initial: lifecycle.initial, open: lifecycle.open, closed: lifecycle.closed,
            reopenTo: lifecycle.reopenTo)
        channels = try Vocabulary(field: "channel", words: settings.channels)
        relationships = try Vocabulary(field: "relationship", words: settings.relationships)
        self.regions = regions
        defaultCountry = settings.phone.defaultCountry.uppercased()
        guard PhoneNumber.plans[defaultCountry] != nil else {
            throw .configuration(
                "phone.defaultCountry '\(settings.phone.defaultCountry)' is not one of "
                    + PhoneNumber.supportedCountries.joined(separator: ", "))
        }
    }

    /// The shipped rules, for tests and tools.
    public static var shipped: HotlineRules {
        // The shipped configuration is checked by a test; failing here is a build defect.
        try! HotlineRules(settings: .shipped)
    }
}
