import ArgumentParser
import HotlineCore

/// `hotline registry show ID`
struct RegistryShow: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one registry record and the cases it is linked to.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The record's id (`registry list`).") var id: Int64

    func validate() throws { try CaseShow.refuseCSV(options.format) }

    func execute(_ context: CommandContext) throws {
        try CaseShow.refuseCSV(context.format)
        let record = try context.hotline.registryRecord(id, as: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(record))
        case .csv, .table: Console.print(Self.text(record).joined(separator: "\n"))
        }
    }

    static func text(_ r: RegistryRecordDetail) -> [String] {
        var lines = [
            "Record \(r.id) of list \(r.list) (row \(r.row))\(r.withdrawn ? ", WITHDRAWN by its source" : ""):"
        ]
        lines.append("  names:    \(r.names.joined(separator: " / "))")
        lines.append("  says:     \(r.says) (implies \(r.implies))\(r.date.map { " as of \($0)" } ?? "")")
        for (label, value) in [
            ("born", r.born), ("unit", r.unit), ("service number", r.serviceNumber), ("rank", r.rank),
            ("region", r.region), ("place", r.place), ("note", r.note),
        ] {
            if let value {
                lines.append("  \((label + ":").padding(toLength: 10, withPad: " ", startingAt: 0)) \(value)")
            }
        }
        for evidence in r.evidence {
            lines.append("  evidence: \(evidence.ref)\(evidence.sha256.map { " (sha256 \($0))" } ?? "")")
        }
        lines.append("  may be told to families once confirmed: \(r.tellable ? "yes" : "no")")
        if r.cases.isEmpty {
            lines.append("  cases:    none confirmed")
        } else {
            for linked in r.cases {
                lines.append("  case:     \(linked.ref) \(linked.person) (match \(linked.match), \(linked.state))")
            }
        }
        return lines
    }
}
