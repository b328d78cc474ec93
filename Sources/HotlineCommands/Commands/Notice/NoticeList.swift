import ArgumentParser
import HotlineCore

/// `hotline notice list [--region R] [--status S] [--overdue] [--mine]`
struct NoticeList: ContextCommand {
    /// Computed, so the abstract is rendered in the language of the command that asks for help.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list",
            abstract: Message("List news not delivered yet (or of --state), oldest news first.").description,
            discussion: "Example: hotline notice list --region Kursk --overdue")
    }

    @OptionGroup var options: GlobalOptions
    @Option(help: ArgumentHelp(Message("Only cases of this region: code or name."))) var region: String?
    @Option(help: ArgumentHelp(Message("Only news of this status (located, captured, ...)."))) var status: String?
    @Option(
        help: ArgumentHelp(
            Message("Only notices in this state: pending, delivered, unreachable (default: not delivered).")
        ))
    var state: String?
    @Flag(help: ArgumentHelp(Message("Only news older than notices.deliverWithinHours whose retry time has come.")))
    var overdue = false
    @Flag(help: ArgumentHelp(Message("Only notices of cases assigned to me."))) var mine = false
    @Option(parsing: .unconditional, help: ArgumentHelp(Message("At most this many (default 50)."))) var limit = 50

    func execute(_ context: CommandContext) throws {
        let reader = try context.operatorName()
        let notices = try context.hotline.notices(
            NoticeFilter(
                region: region, status: status, state: state, overdue: overdue, owner: mine ? reader.name : nil,
                limit: limit), as: reader)
        try Render.list(notices, format: context.format, columns: NoticeOutput.columns(context.format))
    }
}

/// How notices are shown in lists and on one screen.
enum NoticeOutput {
    static func columns(_ format: OutputFormat) -> [(String, (NoticeSummary) -> String)] {
        [
            ("notice", { String($0.id) }), ("news", \.status), ("since", { Render.time($0.newsAt, for: format) }),
            ("state", \.state.rawValue), ("tries", { String($0.attempts) }), ("case", \.case), ("person", \.person),
            ("family", { "\($0.inquirerName) (#\($0.inquirer))" }), ("channels", channels),
            ("next try", { $0.retryAfter.map { Render.time($0, for: format) } ?? "" }),
        ]
    }

    /// The channels a family allowed, or that they were not asked.
    static func channels(_ notice: NoticeSummary) -> String {
        notice.channels.map { $0.isEmpty ? "none" : $0.joined(separator: ",") } ?? "not asked"
    }

    /// One line per notice waiting for a family, for the operator who has them on the phone.
    static func waitingLines(_ notices: [NoticeSummary], for whom: Message = "this family") -> [Message] {
        guard !notices.isEmpty else { return [] }
        var lines = [Message("News is waiting for \(whom) (tell them, then `notice done ID --channel C --note TEXT`):")]
        for notice in notices {
            var asOf: Message = ""
            if let date = notice.asOf { asOf = Message(" as of \(date)") }
            var source: Message = ""
            if let text = notice.source { source = Message(" (source: \(text))") }
            let unreachable: Message =
                notice.state == .unreachable ? " (no way to reach them: tell them on this call)" : ""
            lines.append(
                Message(
                    "  notice \(notice.id): case \(notice.case) \(notice.person) is \(notice.status)\(asOf)\(source)"
                        + "; for \(notice.inquirerName)\(unreachable)"))
        }
        return lines
    }
}
