import ArgumentParser
import HotlineCore

/// `hotline case edit REF --person … --born … --region … --unit …`: corrections, each on the record.
struct CaseEdit: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct a case's name, birth date, region or unit.",
        discussion: """
            Each changed field goes into the case's history with its old and new value; a corrected
            name is indexed, so search finds the case by it (and still by the old spelling).
            Example: hotline case edit 4821-9935 --person "Иванов Пётр Сергеевич" --born 14.03.1998 --note "mother spelled it"
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The case reference.") var ref: String
    @Option(help: "The person's name, spelled right.") var person: String?
    @Option(help: "Date or year of birth: YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY.") var born: String?
    @Option(help: "Their home region: ISO 3166-2 code or name.") var region: String?
    @Option(help: "Military unit or other identifying detail.") var unit: String?
    @Option(help: "Why: who noticed, what the family said.") var note: String?

    func execute(_ context: CommandContext) throws {
        let draft = CaseEditDraft(ref: ref, person: person, born: born, region: region, unit: unit, note: note)
        let edited = try context.hotline.editCase(draft, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(edited))
        case .table, .csv:
            guard !edited.changes.isEmpty else {
                Console.print("Case \(edited.ref): nothing changed (the values were already so).")
                return
            }
            for change in edited.changes {
                Console.print(
                    "Case \(edited.ref): \(change.field) \(change.from.map(Message.verbatim) ?? "(none)") -> "
                        + "\(change.to.map(Message.verbatim) ?? "(none)")"
                        + "\(context.pending).")
            }
        }
    }
}
