import ArgumentParser
import HotlineCore

/// `hotline inbox discard ID --reason spam|duplicate|other`: the message needs nothing done.
struct InboxDiscard: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard", abstract: "Discard an inbox message, saying why.",
        discussion: "Example: hotline inbox discard 13 --reason duplicate --note \"same letter as 12\"")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The message's id, as `inbox list` shows it.") var id: Int64
    @Option(help: "Why: spam, duplicate or other.") var reason: String
    @Option(help: "More about why.") var note: String?

    func execute(_ context: CommandContext) throws {
        let item = try context.hotline.discardInboxItem(id, reason: reason, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(item))
        case .table, .csv: Console.print("Inbox \(id) discarded (\(reason))\(context.pending).")
        }
    }
}
