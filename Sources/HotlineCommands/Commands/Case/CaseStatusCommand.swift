import ArgumentParser
import HotlineCore

/// `hotline case status REF STATUS`: move a case through its lifecycle.
struct CaseStatusCommand: ContextCommand {
    /// Computed, so the abstract is rendered in the language of the command that asks for help.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "status",
            abstract: Message("Move a case to another status, as the lifecycle allows.").description,
            discussion: """
                Statuses (shipped lifecycle): new, searching, located, captured, deceased (open);
                reunited, closed (closed). Any open status may move to any other; a closed case may
                only be reopened to searching. A move to deceased needs --source and waits for a second
                operator's `case approve REF` (or `case reject REF --note WHY`).
                Example: hotline case status 4821-9935 located --source "exchange list of 2024-05-01" --as-of 2024-05-01
                """)
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp(Message("The case reference.")))
    var ref: String

    @Argument(help: ArgumentHelp(Message("The new status.")))
    var status: String

    @Option(help: ArgumentHelp(Message("Why: what happened.")))
    var note: String?

    @Option(help: ArgumentHelp(Message("Where the news came from: a call, a published list, a video.")))
    var source: String?

    @Option(help: ArgumentHelp(Message("When the news dates from: YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY.")))
    var asOf: String?

    func execute(_ context: CommandContext) throws {
        let change = StatusChangeDraft(ref: ref, status: status, note: note, source: source, asOf: asOf)
        let changed = try context.hotline.changeStatus(change, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(changed))
        case .table, .csv:
            guard changed.awaitingApproval else {
                Console.print("Case \(changed.ref): \(changed.from) -> \(changed.to)\(context.pending).")
                return
            }
            Console.print(
                "Case \(changed.ref): \(changed.from) -> \(changed.to) waits for a second operator\(context.pending): "
                    + "`case approve \(changed.ref)` applies it, `case reject \(changed.ref) --note WHY` drops it.")
        }
    }
}
