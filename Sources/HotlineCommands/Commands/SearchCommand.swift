import ArgumentParser
import HotlineCore

/// `hotline search TEXT`: find the person, whatever the spelling, or the family by a contact.
struct SearchCommand: ContextCommand, ListCommand {
    /// Computed, so the abstract is rendered in the language of the command that asks for help.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "search",
            abstract:
                Message(
                    "Find cases by name (any script, romanisation or misspelling), phone, e-mail, handle, unit or reference."
                ).description,
            discussion: """
                Examples: hotline search "Petr Ivanov"; hotline search "Іванов Петро" --born 1998;
                hotline search "8 916 123-45-67"; hotline search 12345 (a unit number)
                """)
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions
    @Argument(help: ArgumentHelp(Message("What to look for."))) var text: String
    @Option(help: ArgumentHelp(Message("Only cases of this region."))) var region: String?
    @Option(
        help: ArgumentHelp(Message("Only cases whose date of birth agrees (YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY).")))
    var born: String?
    @Flag(help: ArgumentHelp(Message("Only open cases."))) var open = false
    @Option(parsing: .unconditional, help: ArgumentHelp(Message("At most this many cases (default 20)."))) var limit =
        20
    @Flag(
        help: ArgumentHelp(
            Message("Search the registry's records (lists of the captured, the dead, ...) instead of the cases.")
        ))
    var registry = false

    func execute(_ context: CommandContext) throws {
        if registry { return try RegistrySearchOutput.run(text: text, limit: limit, context: context) }
        let query = SearchQuery(text: text, region: region, born: born, openOnly: open, limit: limit)
        let hits = try context.hotline.search(query, as: try context.operatorName())
        try Render.list(
            hits, format: context.format,
            columns: [
                ("ref", \.ref), ("score", { String(format: "%.2f", $0.score) }), ("status", \.status),
                ("region", \.region), ("person", \.person), ("born", { $0.born ?? "-" }), ("why", \.why),
            ])
        // The family on the phone may have news waiting (issue 13): say so under the hits.
        guard context.format == .table else { return }
        let waiting = try context.hotline.newsWaiting(onCases: hits.map(\.ref), as: try context.operatorName())
        for line in NoticeOutput.waitingLines(waiting, for: Message("the families of these cases")) {
            Console.print(line)
        }
    }
}
