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
        func row(_ label: Message, _ record: String, _ personCase: String) {
            table.append([label.description, record, personCase])
        }
        row(Message("name"), r.names.joined(separator: " / "), c.person)
        row(Message("born"), r.born ?? "-", c.born ?? "-")
        row(Message("unit"), r.unit ?? "-", c.unit ?? "-")
        row(Message("service number"), r.serviceNumber ?? "-", c.serviceNumber ?? "-")
        row(Message("region"), r.region ?? "-", c.region)
        row(Message("status"), Message("\(r.says) (implies \(r.implies))").description, c.status)
        row(Message("date of the news"), r.date ?? "-", "")
        var lines = [
            Message("Match \(m.id): \(m.state), score \(String(format: "%.2f", m.score))"), .verbatim(table.render()),
            Message("Evidence:"),
        ]
        let agrees: Message = "for    "
        let against: Message = "AGAINST"
        let unknown: Message = "unknown"
        for piece in m.evidence {
            let mark = piece.agrees.map { $0 ? agrees : against } ?? unknown
            lines.append(Message("  \(mark)  \(piece.detail)"))
        }
        if let conflict = m.conflict { lines.append(Message("CONFLICT: \(conflict)")) }
        if let by = m.confirmedBy {
            var approved: Message = ""
            if let approver = m.approvedBy { approved = Message(", approved by \(approver)") }
            lines.append(Message("Confirmed by \(by)\(approved)"))
        }
        if let by = m.rejectedBy { lines.append(Message("Rejected by \(by)")) }
        if let note = m.note { lines.append(Message("Note: \(note)")) }
        if m.state == "proposed" {
            lines.append(
                Message("Decide: hotline match confirm \(m.id)   or   hotline match reject \(m.id) --note WHY"))
        }
        return lines.map(\.description).joined(separator: "\n")
    }
}
