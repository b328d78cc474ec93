import ArgumentParser
import HotlineCore

/// `hotline notice show ID`: the case, the news, the family, their contacts and consent, past attempts.
struct NoticeShow: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one notice: the news, the family, their contacts, past attempts.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64

    func validate() throws { try CaseShow.refuseCSV(options.format) }

    func execute(_ context: CommandContext) throws {
        try CaseShow.refuseCSV(context.format)
        let detail = try context.hotline.noticeDetail(id, as: try context.operatorName())
        guard context.format == .table else { return Console.print(try Render.json(detail)) }
        Console.print(Self.text(detail))
    }

    static func text(_ detail: NoticeDetail) -> String {
        let notice = detail.notice
        let asOf = notice.asOf.map { " as of \($0)" } ?? ""
        let source = notice.source.map { "; source: \($0)" } ?? ""
        let contacts: String =
            detail.contacts.isEmpty
            ? "none (no way to reach them: news waits for their next call)"
            : detail.contacts.map { "\($0.kind) \($0.value)" }.joined(separator: ", ")
        var lines: [String] = [
            "Notice \(notice.id): \(notice.state.rawValue), \(notice.attempts) attempt(s)",
            "  case:     \(notice.case) \(notice.person) (\(notice.region)), now \(detail.caseStatus)",
            "  news:     \(notice.status)\(asOf)\(source); since \(Render.time(notice.newsAt))",
            "  family:   \(notice.inquirerName) (inquirer \(notice.inquirer))",
            "  contacts: \(contacts)",
            "  consent:  \(detail.consent.summary)",
        ]
        if let retry = notice.retryAfter { lines.append("  next try: after \(Render.time(retry))") }
        if let at = notice.deliveredAt {
            lines.append(
                "  told:     \(Render.time(at)) by \(notice.deliveredBy ?? "?") via \(notice.deliveredChannel ?? "?")")
        }
        lines.append("")
        lines.append("History:")
        if detail.history.isEmpty { lines.append("  no attempt yet") }
        for entry in detail.history {
            var line = "  \(Render.time(entry.at))  \(entry.by)  \(entry.kind)"
            if let channel = entry.channel { line += " via \(channel)" }
            if let result = entry.result, entry.kind == "attempt" { line += ": \(result)" }
            lines.append(line)
            if let note = entry.note { lines.append("      \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}
