import ArgumentParser
import HotlineCore

/// The options every command takes.
public struct GlobalOptions: ParsableArguments {
    /// The database file (env HOTLINE_DB; default ~/.local/share/hotline/hotline.sqlite).
    @Option(name: .long, help: ArgumentHelp("The database file (env HOTLINE_DB).", valueName: "path"))
    var db: String?

    /// A configuration file layered over the shipped defaults (env HOTLINE_CONFIG).
    @Option(
        name: .long, help: ArgumentHelp("A configuration file (env HOTLINE_CONFIG).", valueName: "path")
    )
    var config: String?

    /// The operator recorded on writes (env HOTLINE_OPERATOR; default the login name).
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("The operator recorded on writes (env HOTLINE_OPERATOR).", valueName: "name")
    )
    var operatorName: String?

    /// How to print results.
    @Option(
        name: .long,
        help: ArgumentHelp("Output format: table, json, or (for lists) csv.", valueName: "format"))
    var format: OutputFormat?

    /// The language of messages, prompts and table headers (env HOTLINE_LANG, else the locale).
    /// Read by `CommandRunner` before parsing, so even a usage error is in it; declared here so
    /// the parser accepts it and refuses a language hotline does not speak.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Messages in en, ru or uk (env HOTLINE_LANG, else the locale; help stays English).", valueName: "lang"))
    var lang: Language?

    public init() {}
}

extension Language: ExpressibleByArgument {
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
}

/// How results are printed.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv

    // The words are the raw values. ArgumentParser's defaults find them through
    // `String(describing:)`, whose dynamic casts each scan Swift's 7,000 protocol conformances
    // on a process's first use: 0.6 M of the 33 M instructions `db version` runs (callgrind).
    public var defaultValueDescription: String { rawValue }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
}
