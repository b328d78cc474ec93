import ArgumentParser
import HotlineCore

/// `hotline inbox show ID`: one message, its attachments, and the cases it likely concerns.
struct InboxShow: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an inbox message with its attachments and likely cases.",
        discussion: "Example: hotline inbox show 12")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The message's id, as `inbox list` shows it.") var id: Int64

    func execute(_ context: CommandContext) throws {
        let detail = try context.hotline.inboxItem(id, as: try context.operatorName())
        guard context.format == .table else { return Console.print(try Render.json(detail)) }
        let item = detail.item
        Console.print("Inbox \(item.id) (\(item.channel), \(item.state)\(item.ref.map { ", case \($0)" } ?? ""))")
        Console.print("From:     \(item.sender.map { "\($0) " } ?? "")<\(item.from)>")
        Console.print("Received: \(Render.time(item.receivedAt))")
        if let subject = item.subject { Console.print("Subject:  \(subject)") }
        if let inquiry = detail.inquiry { Console.print("Inquiry:  \(inquiry)") }
        if let reason = detail.discardReason { Console.print("Discarded: \(reason)") }
        Console.print("")
        Console.print(detail.text)
        if !detail.attachments.isEmpty {
            Console.print("")
            Console.print("Attachments:")
            for attachment in detail.attachments {
                Console.print(
                    "  \(attachment.name.map(Message.verbatim) ?? "(unnamed)")  \(attachment.type)  \(attachment.size) bytes  "
                        + "sha256 \(attachment.sha256.prefix(16))…")
            }
        }
        Console.print("")
        guard !detail.likelyCases.isEmpty else {
            return Console.print("No likely case: convert it into an inquiry for a new case, or search.")
        }
        Console.print("Likely cases:")
        for hit in detail.likelyCases {
            Console.print(
                "  \(hit.ref)  \(hit.person)  born \(hit.born ?? "?")  \(hit.region)  \(hit.status)  (\(hit.why))")
        }
    }
}
