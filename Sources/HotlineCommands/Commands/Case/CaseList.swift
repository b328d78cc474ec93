import ArgumentParser
import Foundation
import HotlineCore

/// `hotline case list`: the cases, newest activity first, streamed as they are read.
struct CaseList: ContextCommand, ListCommand {
    /// Computed, so the abstract is rendered in the language of the command that asks for help.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: Message("List cases, newest activity first.").description,
            discussion: "Example: hotline case list --open --region Kursk")
    }

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions

    @Flag(help: ArgumentHelp(Message("Only open cases.")))
    var open = false

    @Option(help: ArgumentHelp(Message("Only cases with this status.")))
    var status: String?

    @Option(help: ArgumentHelp(Message("Only cases of this region: code or name.")))
    var region: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(Message("At most this many cases.")))
    var limit: Int?

    @Flag(
        help: ArgumentHelp(
            Message(
                "Add the inquirers' names, relationships and contacts (operators and admins only; "
                    + "recorded in the audit)."
            )))
    var withContacts = false

    @Option(help: ArgumentHelp(Message("Only cases assigned to this operator (`case assign`).")))
    var owner: String?

    @Flag(help: ArgumentHelp(Message("Only cases assigned to me.")))
    var mine = false

    func validate() throws {
        if mine && owner != nil { throw ValidationError("give --owner NAME or --mine, not both") }
    }

    /// The table's headers; the last only `--with-contacts` shows.
    static let tableHeaders: [Message] = [
        "REF", "STATUS", "REGION", "PERSON", "BORN", "INQ", "LAST INQUIRY", "OPENED", "CONTACTS",
    ]

    func execute(_ context: CommandContext) throws {
        let reader = try context.operatorName()
        let filter = CaseFilter(
            openOnly: open, status: status, region: region, limit: limit, owner: mine ? reader.name : owner)
        /// Streams the cases, with their contacts when asked for.
        func each(_ body: (CaseSummary, String?) throws -> Void) throws {
            guard withContacts else { return try context.hotline.listCases(filter, as: reader) { try body($0, nil) } }
            let described = [
                "case list --with-contacts", open ? "--open" : nil, status.map { "--status \($0)" },
                region.map { "--region \($0)" }, owner.map { "--owner \($0)" }, mine ? "--mine" : nil,
                limit.map { "--limit \($0)" },
            ].compactMap { $0 }.joined(separator: " ")
            // The file as a full path: the audit is read later, from another directory.
            let file = listOutput.output.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            try context.hotline.listCasesWithContacts(filter, as: reader, described: described, file: file) {
                try body($0, $1)
            }
        }
        switch context.format {
        case .json:
            // Streamed: one object at a time, so a million cases never sit in memory. The "["
            // waits for the first row, so a refused filter prints nothing on stdout.
            var first = true
            try each { summary, contacts in
                let object = try contacts.map { try Render.json(WithContacts(summary: summary, contacts: $0)) }
                Console.write((first ? "[\n" : ",\n") + (try object ?? Render.json(summary)))
                first = false
            }
            Console.print(first ? "[]" : "\n]")
        case .csv:
            let header = Render.csvRecord(
                ["ref", "person", "born", "region", "unit", "status", "opened", "lastInquiry", "inquiries"]
                    + (withContacts ? ["contacts"] : []))
            var headerPrinted = false  // after validation, like the JSON "["
            try each { c, contacts in
                if !headerPrinted { Console.print(header) }
                headerPrinted = true
                Console.print(
                    Render.csvRecord(
                        [
                            c.ref, Render.csvText(c.person), c.born ?? "", c.region, Render.csvText(c.unit ?? ""),
                            c.status, Render.timestamp(c.opened), Render.timestamp(c.lastInquiry), String(c.inquiries),
                        ] + (contacts.map { [Render.csvText($0)] } ?? [])))
            }
            if !headerPrinted { Console.print(header) }
        case .table:
            // Streamed like the other formats, so the columns are as wide as their longest
            // possible value (a longer name just pushes its line out) rather than measured.
            let rules = context.hotline.rules
            let widths = [
                9, rules.lifecycle.statuses.map(\.name.count).max() ?? 6,
                rules.regions.regions.map(\.code.count).max() ?? 6, 30, 10, 3, 16, 16, 0,
            ]
            func line(_ cells: [String]) -> String {
                zip(cells, widths).enumerated().map { index, pair in
                    index == cells.count - 1
                        ? pair.0 : pair.0.padding(toLength: max(pair.1, pair.0.count), withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }
            var count = 0
            try each { c, contacts in
                if count == 0 {
                    Console.print(
                        line(
                            Self.tableHeaders.prefix(withContacts ? 9 : 8).map(\.description)))
                }
                count += 1
                Console.print(
                    line(
                        [
                            c.ref, c.status, c.region, c.person, c.born ?? "-", String(c.inquiries),
                            Render.time(c.lastInquiry), Render.time(c.opened),
                        ] + (contacts.map { [$0] } ?? [])))
            }
            Console.print(count == 0 ? "No cases match." : "\(count) case(s).")
        }
    }
}

/// A case of the list with its inquirers' contacts: the case's JSON keys, then `contacts`.
private struct WithContacts: Encodable {
    let summary: CaseSummary
    let contacts: String

    private enum Key: String, CodingKey { case contacts }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(contacts, forKey: .contacts)
    }
}
