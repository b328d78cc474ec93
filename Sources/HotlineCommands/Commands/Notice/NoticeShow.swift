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

    /// The notice on one screen, its labels in the operator's language and its data as typed.
    static func text(_ detail: NoticeDetail) -> String {
        let notice = detail.notice
        var asOf: Message = ""
        if let date = notice.asOf { asOf = Message(" as of \(date)") }
        var source: Message = ""
        if let text = notice.source { source = Message("; source: \(text)") }
        let contacts: Message =
            detail.contacts.isEmpty
            ? "none (no way to reach them: news waits for their next call)"
            : .verbatim(detail.contacts.map { "\($0.kind) \($0.value)" }.joined(separator: ", "))
        var lines = [
            Message("Notice \(notice.id): \(notice.state.rawValue), \(notice.attempts) attempt(s)"),
            Message("  case:     \(notice.case) \(notice.person) (\(notice.region)), now \(detail.caseStatus)"),
            Message("  news:     \(notice.status)\(asOf)\(source); since \(Render.time(notice.newsAt))"),
            Message("  family:   \(notice.inquirerName) (inquirer \(notice.inquirer))"),
            Message("  contacts: \(contacts)"),
            Message("  consent:  \(detail.consent.summary)"),
        ]
        if let retry = notice.retryAfter { lines.append(Message("  next try: after \(Render.time(retry))")) }
        if let at = notice.deliveredAt {
            lines.append(
                Message(
                    "  told:     \(Render.time(at)) by \(notice.deliveredBy ?? "?") via \(notice.deliveredChannel ?? "?")"
                ))
        }
        lines.append("")
        lines.append(Message("History:"))
        if detail.history.isEmpty { lines.append(Message("  no attempt yet")) }
        for entry in detail.history {
            var channel: Message = ""
            if let name = entry.channel { channel = Message(" via \(name)") }
            var result = ""
            if let text = entry.result, entry.kind == "attempt" { result = ": \(text)" }
            lines.append(
                Message("  \(Render.time(entry.at))  \(entry.by)  \(Self.kind(entry.kind))\(channel)\(result)"))
            if let note = entry.note { lines.append(.verbatim("      \(note)")) }
        }
        return lines.map(\.description).joined(separator: "\n")
    }

    /// A notice event's kind in words; an unknown kind is shown as stored.
    static func kind(_ kind: String) -> Message {
        switch kind {
        case "attempt": return "attempt"
        case "delivered": return "delivered"
        case "updated": return "updated"
        default: return .verbatim(kind)
        }
    }
}
