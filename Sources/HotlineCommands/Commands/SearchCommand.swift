import ArgumentParser
import HotlineCore

/// `hotline search TEXT`: find the person, whatever the spelling, or the family by a contact.
struct SearchCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract:
            "Find cases by name (any script, romanisation or misspelling), phone, e-mail, handle, unit or reference.",
        discussion: """
            Examples: hotline search "Petr Ivanov"; hotline search "Іванов Петро" --born 1998;
            hotline search "8 916 123-45-67"; hotline search 12345 (a unit number)
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "What to look for.") var text: String
    @Option(help: "Only cases of this region.") var region: String?
    @Option(help: "Only cases whose date of birth agrees (YYYY, YYYY-MM or YYYY-MM-DD).") var born: String?
    @Flag(help: "Only open cases.") var open = false
    @Option(parsing: .unconditional, help: "At most this many cases (default 20).") var limit = 20

    func execute(_ context: CommandContext) throws {
        let query = SearchQuery(text: text, region: region, born: born, openOnly: open, limit: limit)
        let hits = try context.hotline.search(query, as: try context.operatorName())
        try Render.list(
            hits, format: context.format,
            columns: [
                ("ref", \.ref), ("score", { String(format: "%.2f", $0.score) }), ("status", \.status),
                ("region", \.region), ("person", \.person), ("born", { $0.born ?? "-" }), ("why", \.why),
            ])
    }
}

/// `hotline case merge REF into REF`
struct CaseMerge: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a duplicate case into the surviving one: `case merge DUPLICATE into SURVIVOR`.",
        discussion: """
            Every inquiry, history entry and name of the duplicate moves to the survivor; both
            histories record the merge; the duplicate's reference keeps working and opens the survivor.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The duplicate case.") var duplicate: String
    @Argument(help: "The word `into`.") var into: String
    @Argument(help: "The case that survives.") var survivor: String
    @Option(help: "Why they are one person.") var note: String?

    func validate() throws {
        guard into.lowercased() == "into" else {
            throw ValidationError("write `case merge DUPLICATE into SURVIVOR` (found '\(into)' where `into` belongs)")
        }
    }

    func execute(_ context: CommandContext) throws {
        let merged = try context.hotline.mergeCase(
            duplicate, into: survivor, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(merged))
        case .table, .csv:
            Console.print(
                "Merged \(duplicate) into \(merged.ref): it now has \(merged.inquiries.count) inquiries\(context.pending)."
            )
        }
    }
}

/// `hotline case duplicates`
struct CaseDuplicates: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates", abstract: "List pairs of open cases that probably describe the same person.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only cases of this region.") var region: String?
    @Option(parsing: .unconditional, help: "At most this many pairs (default 100).") var limit = 100

    func execute(_ context: CommandContext) throws {
        guard limit >= 1 else {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "it is not positive", accepted: "a number from 1")
        }
        let pairs = try context.hotline.duplicatePairs(region: region, limit: limit, as: try context.operatorName())
        try Render.list(
            pairs, format: context.format,
            columns: [
                ("score", { String(format: "%.2f", $0.score) }), ("case", \.first.ref), ("person", \.first.person),
                ("born", { $0.first.born ?? "-" }), ("case", \.second.ref), ("person", \.second.person),
                ("born", { $0.second.born ?? "-" }),
            ])
    }
}

/// `hotline case distinct REF REF`
struct CaseDistinct: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "distinct",
        abstract: "Record that two cases are different people, so they are never proposed again.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "One case.") var first: String
    @Argument(help: "The other case.") var second: String
    @Option(help: "How you know.") var note: String?

    func execute(_ context: CommandContext) throws {
        try context.hotline.markDistinct(first, second, note: note, by: try context.operatorName())
        Console.print("Recorded: \(first) and \(second) are different people\(context.pending).")
    }
}
