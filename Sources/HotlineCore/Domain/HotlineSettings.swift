import Foundation

/// The configuration, as read by `HotlineConfiguration` from Config/hotline.json and the front
/// end's layers. Every key has its default in the shipped file; `db`, `operator` and `format`
/// are the CLI's keys, filled in by it.
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

    /// The registry's vocabulary: what a source may say, the case status each word implies,
    /// and the other spellings lists use.
    public struct RegistrySettings: Codable, Sendable, Equatable {
        public var says: [String]
        public var implies: [String: String]
        public var aliases: [String: [String]]

        public init(says: [String], implies: [String: String], aliases: [String: [String]]) {
            self.says = says
            self.implies = implies
            self.aliases = aliases
        }
    }

    /// Telling the families (issue 13): which statuses are news for them, how often a family
    /// waiting with no news is called back, how soon news should reach them, and which channels
    /// are text messages (never used for news of a death unless the family agreed to them).
    public struct NoticeSettings: Codable, Sendable, Equatable {
        public var news: [String]
        public var callbackDays: Double
        public var deliverWithinHours: Double
        public var textChannels: [String]

        public init(news: [String], callbackDays: Double, deliverWithinHours: Double, textChannels: [String]) {
            self.news = news
            self.callbackDays = callbackDays
            self.deliverWithinHours = deliverWithinHours
            self.textChannels = textChannels
        }
    }

    /// The version of this file's format.
    public var version: Int
    /// The database path; `nil` means the user's data directory.
    public var db: String?
    /// The operator recorded on writes when `--as` is not given; `nil` means the login name.
    public var `operator`: String?
    /// The default output format.
    public var format: String?
    /// How long a write waits for other writers before it gives up, in `busyTimeoutRange`.
    public var busyTimeoutSeconds: Double
    public var phone: Phone
    public var lifecycle: LifecycleSettings
    public var channels: [String]
    public var relationships: [String]
    /// Other words for each relationship (`wife` for spouse, `мать` for mother), by relationship.
    public var relationshipAliases: [String: [String]]? = nil
    public var shell: ShellSettings
    /// `nil`: the shipped registry vocabulary.
    public var registry: RegistrySettings?
    /// `nil`: the shipped notice settings.
    public var notices: NoticeSettings?
    /// E-mail out (issue 16); `nil`: none configured.
    public var mail: MailSettings? = nil
    /// The Telegram bot (issue 16 item 5); `nil`: none configured.
    public var telegram: TelegramSettings? = nil

    /// The hotline's own address and how replies are sent.
    public struct MailSettings: Codable, Sendable, Equatable {
        /// The hotline's address (`mail.address`, env HOTLINE_MAIL_ADDRESS): From of replies; mail
        /// from it is never acknowledged. Empty: not configured (`case reply` refuses).
        public var address: String
        /// The command a reply is piped to (`mail.sendmail`, env HOTLINE_MAIL_SENDMAIL), split at
        /// spaces: `/usr/sbin/sendmail -t -i`.
        public var sendmail: String

        public init(address: String, sendmail: String) {
            self.address = address
            self.sendmail = sendmail
        }
    }

    /// The bot `hotline serve` receives for and `case reply` sends through. Each empty: not
    /// configured.
    public struct TelegramSettings: Codable, Sendable, Equatable {
        /// The webhook's secret token (`telegram.secret`, env HOTLINE_TELEGRAM_SECRET), the value
        /// given to `setWebhook` as `secret_token`: Telegram sends it in
        /// `X-Telegram-Bot-Api-Secret-Token`. Empty: the webhook route does not exist (404).
        public var secret: String
        /// The bot's token from BotFather (`telegram.token`, env HOTLINE_TELEGRAM_TOKEN).
        public var token: String
        /// Where the Bot API is (`telegram.apiBase`, env HOTLINE_TELEGRAM_API_BASE): tests point it
        /// at a fake server.
        public var apiBase: String

        public init(secret: String, token: String, apiBase: String) {
            self.secret = secret
            self.token = token
            self.apiBase = apiBase
        }
    }

    public init(
        version: Int, db: String?, operator: String?, format: String?, busyTimeoutSeconds: Double,
        phone: Phone,
        lifecycle: LifecycleSettings, channels: [String], relationships: [String],
        shell: ShellSettings = .init(idleTransactionSeconds: 120), registry: RegistrySettings? = nil,
        notices: NoticeSettings? = nil
    ) {
        self.notices = notices
        self.registry = registry
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

    /// The busy timeouts taken, in seconds. SQLite counts it in milliseconds in an Int32 (at
    /// most 24.8 days); a write that waits more than an hour for a lock is stuck, not busy.
    public static let busyTimeoutRange: ClosedRange<Double> = 0...3600
    /// The format versions of the configuration file this build reads.
    public static let versionRange: ClosedRange<Double> = 1...1
    /// A transaction idle for less than a second could not be typed; one idle for more than a
    /// day is one nobody is watching.
    public static let idleTransactionRange: ClosedRange<Double> = 1...86_400
    /// A family is called back at least once a year, at most daily.
    public static let callbackDaysRange: ClosedRange<Double> = 1...365
    /// News should reach a family within an hour to a year.
    public static let deliverWithinHoursRange: ClosedRange<Double> = 1...8_760

    /// Refuses a numeric setting outside its range (NaN and infinities included), naming the
    /// key: such a value reaching SQLite or a Date crashes instead of failing.
    public func checkNumbers() throws(HotlineError) {
        try Self.check("busyTimeoutSeconds", busyTimeoutSeconds, in: Self.busyTimeoutRange, from: "the settings")
        try Self.check("version", Double(version), in: Self.versionRange, from: "the settings")
        try Self.check(
            "shell.idleTransactionSeconds", shell.idleTransactionSeconds, in: Self.idleTransactionRange,
            from: "the settings")
        if let notices {
            try Self.check(
                "notices.callbackDays", notices.callbackDays, in: Self.callbackDaysRange, from: "the settings")
            try Self.check(
                "notices.deliverWithinHours", notices.deliverWithinHours, in: Self.deliverWithinHoursRange,
                from: "the settings")
        }
    }

    /// Refuses `value` for `key` unless it is a finite number in `range`; `source` says where it came from.
    public static func check(_ key: String, _ value: Double, in range: ClosedRange<Double>, from source: String)
        throws(HotlineError)
    {
        guard value.isFinite, range.contains(value) else {
            throw .configuration(
                "\(key) \(HotlineError.quoted(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))) (from \(source)) is out of range. "
                    + "Accepted: \(describe(range))")
        }
    }

    /// A range of a numeric setting in words: "a number from 0 to 3600".
    public static func describe(_ range: ClosedRange<Double>) -> String {
        func text(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
        return range.lowerBound == range.upperBound
            ? text(range.lowerBound) : "a number from \(text(range.lowerBound)) to \(text(range.upperBound))"
    }

    /// The shipped defaults: Config/hotline.json, embedded at build time, read by the same
    /// reader as every configuration.
    public static let shipped: HotlineSettings = {
        // The file is embedded at build time and checked by a test; failing here is a build defect.
        try! HotlineConfiguration(layers: []).settings()
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
    /// What registry records may say, and the case status each implies.
    public let registry: RegistryVocabulary
    /// Which statuses are news for the families, the call-back schedule, the text channels.
    public let notices: NoticeRules
    /// The regions. The shipped list (about 180 regions in three languages) is decoded on first
    /// use, so a command that names no region does not pay for it at start-up.
    public var regions: RegionCatalog { givenRegions ?? .shipped }
    private let givenRegions: RegionCatalog?
    public let defaultCountry: String

    /// `regions`: `nil` for the shipped list, read when first needed.
    public init(settings: HotlineSettings, regions: RegionCatalog? = nil) throws(HotlineError) {
        try settings.checkNumbers()
        let lifecycle = settings.lifecycle
        self.lifecycle = try Lifecycle(
            initial: lifecycle.initial, open: lifecycle.open, closed: lifecycle.closed,
            reopenTo: lifecycle.reopenTo)
        channels = try Vocabulary(field: "channel", words: settings.channels)
        relationships = try Vocabulary(
            field: "relationship", words: settings.relationships, aliases: settings.relationshipAliases ?? [:])
        let registry = settings.registry ?? HotlineSettings.shipped.registry!  // the shipped file has the block
        self.registry = try RegistryVocabulary(
            words: registry.says, implies: registry.implies, aliases: registry.aliases, lifecycle: self.lifecycle)
        let notices = settings.notices ?? HotlineSettings.shipped.notices!  // the shipped file has the block
        // A news status the lifecycle lacks would never make a notice: refused, unless it is the
        // shipped list under a hotline's own lifecycle (which must still start; NoticeRules
        // leaves those out).
        let statuses = self.lifecycle.statuses.map(\.name)
        if notices.news != HotlineSettings.shipped.notices!.news,
            let unknown = notices.news.first(where: { !statuses.contains($0.lowercased()) })
        {
            throw .configuration(
                "notices.news names '\(unknown)', which is not a status of the lifecycle. Accepted: \(statuses.joined(separator: ", "))"
            )
        }
        self.notices = NoticeRules(notices, lifecycle: self.lifecycle, channels: channels)
        givenRegions = regions
        defaultCountry = settings.phone.defaultCountry.uppercased()
        guard PhoneNumber.isSupportedCountry(defaultCountry) else {
            throw .configuration(
                "phone.defaultCountry '\(settings.phone.defaultCountry)' is not a country with a numbering plan. "
                    + "Accepted: an ISO 3166-1 code such as RU, UA, KZ")
        }
    }

    /// The shipped rules, for tests and tools.
    public static var shipped: HotlineRules {
        // The shipped configuration is checked by a test; failing here is a build defect.
        try! HotlineRules(settings: .shipped)
    }
}
