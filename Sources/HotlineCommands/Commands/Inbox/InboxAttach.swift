import ArgumentParser
import HotlineCore

/// `hotline inbox attach ID --case REF`: the message concerns a case; its history says so.
struct InboxAttach: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach", abstract: "Attach an inbox message to a case (a note in its history).",
        discussion: "Example: hotline inbox attach 12 --case 4821-9935 --note \"photo of the unit's letter\"")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The message's id, as `inbox list` shows it.") var id: Int64
    @Option(name: .customLong("case"), help: "The case it concerns.") var caseRef: String
    @Option(help: "Why, or what it adds.") var note: String?

    func execute(_ context: CommandContext) throws {
        let item = try context.hotline.attachInboxItem(id, toCase: caseRef, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(item))
        case .table, .csv: Console.print("Inbox \(id) attached to case \(item.ref ?? caseRef)\(context.pending).")
        }
    }
}
