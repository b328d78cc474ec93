import ArgumentParser
import HotlineCore

/// `hotline case reject REF --note WHY`: drops a move to deceased waiting for approval.
struct CaseReject: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Drop the move to deceased waiting on a case; the case stays as it is.",
        discussion: "Example: hotline case reject 4821-9935 --note \"The list named another Ivanov.\"")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The case reference.") var ref: String
    @Option(help: "Why the move is wrong (required).") var note: String

    func execute(_ context: CommandContext) throws {
        let decision = try context.hotline.rejectStatus(ref: ref, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(decision))
        case .table, .csv:
            Console.print(
                "Case \(decision.ref): the move asked by \(decision.requestedBy) was rejected; it stays "
                    + "\(decision.to)\(context.pending).")
        }
    }
}
