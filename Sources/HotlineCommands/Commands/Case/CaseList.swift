import ArgumentParser
import Foundation
import HotlineCore

/// `hotline case list`: the cases, newest activity first, streamed as they are read.
struct CaseList: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List cases, newest activity first.",
        discussion: "Example: hotline case list --open --region Kursk")

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Only open cases.")
    var open = false

    @Option(help: "Only cases with this status.")
    var status: String?

    @Option(help: "Only cases of this region: code or name.")
    var region: String?

    @Option(parsing: .unconditional, help: "At most this many cases.")
    var limit: Int?

    @Option(help: "Only cases assigned to this operator (`case assign`).")
    var owner: String?

    @Flag(help: "Only cases assigned to me.")
    var mine = false

    func validate() throws {
        if mine && owner != nil { throw ValidationError("give --owner NAME or --mine, not both") }
    }

    func execute(_ context: CommandContext) throws {
        let reader = try context.operatorName()
        let filter = CaseFilter(
            openOnly: open, status: status, region: region, limit: limit, owner: mine ? reader.name : owner)
        switch context.format {
        case .json:
            // Streamed: one object at a time, so a million cases never sit in memory. The "["
            // waits for the first row, so a refused filter prints nothing on stdout.
            var first = true
            try context.hotline.listCases(filter, as: reader) { summary in
                Console.write((first ? "[\n" : ",\n") + (try Render.json(summary)))
                first = false
            }
            Console.print(first ? "[]" : "\n]")
        case .csv:
            let header = Render.csvRecord([
                "ref", "person", "born", "region", "unit", "status", "opened", "lastInquiry", "inquiries",
            ])
            var headerPrinted = false  // after validation, like the JSON "["
            try context.hotline.listCases(filter, as: reader) { c in
                if !headerPrinted { Console.print(header) }
                headerPrinted = true
                Console.print(
                    Render.csvRecord([
                        c.ref, Render.csvText(c.person), c.born ?? "", c.region, Render.csvText(c.unit ?? ""),
                        c.status, Render.timestamp(c.opened), Render.timestamp(c.lastInquiry), String(c.inquiries),
                    ]))
            }
            if !headerPrinted { Console.print(header) }
        case .table:
            // Streamed like the other formats, so the columns are as wide as their longest
            // possible value (a longer name just pushes its line out) rather than measured.
            let rules = context.hotline.rules
            let widths = [
                9, rules.lifecycle.statuses.map(\.name.count).max() ?? 6,
                rules.regions.regions.map(\.code.count).max() ?? 6, 30, 10, 3, 16, 16,
            ]
            func line(_ cells: [String]) -> String {
                zip(cells, widths).enumerated().map { index, pair in
                    index == cells.count - 1
                        ? pair.0 : pair.0.padding(toLength: max(pair.1, pair.0.count), withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
            }
            var count = 0
            try context.hotline.listCases(filter, as: reader) { c in
                if count == 0 {
                    Console.print(line(["REF", "STATUS", "REGION", "PERSON", "BORN", "INQ", "LAST INQUIRY", "OPENED"]))
                }
                count += 1
                Console.print(
                    line([
                        c.ref, c.status, c.region, c.person, c.born ?? "-", String(c.inquiries),
                        Render.time(c.lastInquiry), Render.time(c.opened),
                    ]))
            }
            Console.print(count == 0 ? "No cases match." : "\(count) case(s).")
        }
    }
}
