import ArgumentParser
import HotlineCore

/// `hotline notice attempt ID --channel C --result R [--retry-after DURATION]`
struct NoticeAttempt: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "attempt", abstract: "Record an attempt to tell a family that did not reach them.",
        discussion: "Example: hotline notice attempt 12 --channel phone --result no-answer --retry-after 2h")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(help: "How: phone, telegram, in-person, ...") var channel: String
    @Option(help: "no-answer, busy, wrong-number, refused or left-message.") var result: String
    @Option(help: "Try again after this wait: 30m, 2h, 1d, 1w.") var retryAfter: String?

    func execute(_ context: CommandContext) throws {
        let detail = try context.hotline.attemptNotice(
            id, channel: channel, result: result, retryAfter: retryAfter, by: try context.operatorName())
        NoticeDeliverOutput.show(detail, verb: Message("attempt recorded"), context: context)
    }
}

/// `hotline notice done ID --channel C --note TEXT`
struct NoticeDone: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Record that the family was told: on which channel, what was said, to whom.",
        discussion:
            "Example: hotline notice done 12 --channel phone --note \"Told his mother; she will call the unit.\"")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The notice's id.") var id: Int64
    @Option(help: "How: phone, in-person, telegram, ...") var channel: String
    @Option(help: "What was said, and to whom.") var note: String

    func execute(_ context: CommandContext) throws {
        let detail = try context.hotline.deliverNotice(id, channel: channel, note: note, by: try context.operatorName())
        NoticeDeliverOutput.show(detail, verb: Message("delivered"), context: context)
    }
}

enum NoticeDeliverOutput {
    static func show(_ detail: NoticeDetail, verb: Message, context: CommandContext) {
        switch context.format {
        case .json: Console.print((try? Render.json(detail)) ?? "{}")
        case .table, .csv:
            let notice = detail.notice
            var retry: Message = ""
            if let after = notice.retryAfter { retry = Message("; next try after \(Render.time(after))") }
            Console.print(
                "Notice \(notice.id) \(verb)\(context.pending): \(notice.status) news of case \(notice.case) "
                    + "for \(notice.inquirerName); \(notice.attempts) attempt(s)\(retry).")
        }
    }
}
