import ArgumentParser
import HotlineCore

/// `hotline match confirm ID [--note]`
struct MatchConfirm: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract:
            "Confirm that a match's record and case are one person: the case moves to the status the record implies.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The match's id.") var id: Int64
    @Option(help: "What was checked.") var note: String?

    func execute(_ context: CommandContext) throws {
        let decision = try context.hotline.confirmMatch(id, note: note, by: try context.operatorName())
        MatchDecisionOutput.show(decision, context: context)
    }
}

/// `hotline match approve ID`
struct MatchApprove: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve, as a second operator, a confirmed match whose record says deceased.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The match's id.") var id: Int64
    @Option(help: "What was checked.") var note: String?

    func execute(_ context: CommandContext) throws {
        let decision = try context.hotline.approveMatch(id, note: note, by: try context.operatorName())
        MatchDecisionOutput.show(decision, context: context)
    }
}

/// `hotline match reject ID --note WHY`
struct MatchReject: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject a match: a different person; the pair is never proposed again.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The match's id.") var id: Int64
    @Option(help: "Why they are different people.") var note: String

    func execute(_ context: CommandContext) throws {
        let decision = try context.hotline.rejectMatch(id, note: note, by: try context.operatorName())
        MatchDecisionOutput.show(decision, context: context)
    }
}

enum MatchDecisionOutput {
    static func show(_ decision: MatchDecision, context: CommandContext) {
        switch context.format {
        case .json: Console.print((try? Render.json(decision)) ?? "{}")
        case .table, .csv:
            Console.print(
                "Match \(decision.id) \(decision.state), case \(decision.case): \(decision.said)\(context.pending).")
        }
    }
}
