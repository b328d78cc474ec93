import ArgumentParser
import HotlineCore

/// The options every command takes.
public struct GlobalOptions: ParsableArguments {
    /// The database file (env HOTLINE_DB; default ~/.local/share/hotline/hotline.sqlite).
    @Option(
        name: .long, help: ArgumentHelp(Message("The database file (env HOTLINE_DB).").description, valueName: "path"))
    var db: String?

    /// A configuration file layered over the shipped defaults (env HOTLINE_CONFIG).
    @Option(
        name: .long,
        help: ArgumentHelp(Message("A configuration file (env HOTLINE_CONFIG).").description, valueName: "path")
    )
    var config: String?

    /// The operator recorded on writes (env HOTLINE_OPERATOR; default the login name).
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            Message("The operator recorded on writes (env HOTLINE_OPERATOR).").description, valueName: "name")
    )
    var operatorName: String?

    /// How to print results.
    @Option(
        name: .long,
        help: ArgumentHelp(Message("Output format: table, json, or (for lists) csv.").description, valueName: "format"))
    var format: OutputFormat?

    /// The language of messages, prompts and table headers (env HOTLINE_LANG, else the locale).
    /// Read by `CommandRunner` before parsing, so even a usage error is in it; declared here so
    /// the parser accepts it and refuses a language hotline does not speak.
    @Option(
        name: .long,
        help: ArgumentHelp(
            Message("Messages in en, ru or uk (env HOTLINE_LANG, else the locale).").description, valueName: "lang"))
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

extension ArgumentHelp {
    /// Help in the operator's language: the parser builds a command's help from a fresh
    /// instance each time, so the words are rendered in the language of the command asking.
    init(_ message: Message) { self.init(message.description) }
}
