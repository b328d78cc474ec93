import ArgumentParser
import HotlineCore

/// `hotline case approve REF`: a second operator applies a move to deceased another one asked for.
struct CaseApprove: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve the move to deceased another operator asked for; it applies now.",
        discussion: "Example: hotline case approve 4821-9935 --note \"Checked the list with the family.\"")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The case reference.") var ref: String
    @Option(help: "What you checked.") var note: String?

    func execute(_ context: CommandContext) throws {
        let decision = try context.hotline.approveStatus(ref: ref, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(decision))
        case .table, .csv:
            Console.print(
                "Case \(decision.ref): \(decision.from) -> \(decision.to), asked by \(decision.requestedBy), "
                    + "approved\(context.pending).")
        }
    }
}
