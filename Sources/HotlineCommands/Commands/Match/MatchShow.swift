import ArgumentParser
import HotlineCore

/// `hotline match show ID`
struct MatchShow: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show both sides of a match and each piece of evidence for and against.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The match's id (`match list`).") var id: Int64

    func validate() throws { try CaseShow.refuseCSV(options.format) }

    func execute(_ context: CommandContext) throws {
        try CaseShow.refuseCSV(context.format)
        let match = try context.hotline.matchDetail(id, as: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(match))
        case .csv, .table: Console.print(Self.text(match))
        }
    }

    static func text(_ m: MatchDetail) -> String {
        let r = m.record
        let c = m.case
        var table = TextTable(["", "RECORD \(r.id) (\(r.list))", "CASE \(c.ref)"])
        table.append(["name", r.names.joined(separator: " / "), c.person])
        table.append(["born", r.born ?? "-", c.born ?? "-"])
        table.append(["unit", r.unit ?? "-", c.unit ?? "-"])
        table.append(["service number", r.serviceNumber ?? "-", c.serviceNumber ?? "-"])
        table.append(["region", r.region ?? "-", c.region])
        table.append(["status", "\(r.says) (implies \(r.implies))", c.status])
        table.append(["date of the news", r.date ?? "-", ""])
        var lines = [
            "Match \(m.id): \(m.state), score \(String(format: "%.2f", m.score))", table.render(), "Evidence:",
        ]
        for piece in m.evidence {
            let mark = piece.agrees.map { $0 ? "for    " : "AGAINST" } ?? "unknown"
            lines.append("  \(mark)  \(piece.detail)")
        }
        if let conflict = m.conflict { lines.append("CONFLICT: \(conflict)") }
        if let by = m.confirmedBy {
            lines.append("Confirmed by \(by)\(m.approvedBy.map { ", approved by \($0)" } ?? "")")
        }
        if let by = m.rejectedBy { lines.append("Rejected by \(by)") }
        if let note = m.note { lines.append("Note: \(note)") }
        if m.state == "proposed" {
            lines.append("Decide: hotline match confirm \(m.id)   or   hotline match reject \(m.id) --note WHY")
        }
        return lines.joined(separator: "\n")
    }
}
