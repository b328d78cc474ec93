import ArgumentParser
import HotlineCore

/// `hotline inquiry edit ID --relationship … --contact … --remove-contact …`: corrections, each on the record.
struct InquiryEdit: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Correct an inquiry's relationship or its inquirer's contacts.",
        discussion: """
            Each change goes into the case's history with its old and new value.
            Example: hotline inquiry edit 12 --relationship spouse --contact "phone:+380 50 123 45 67" \\
              --remove-contact "phone:8 916 123-45-67" --note "she gave her new number"
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The inquiry's number, as `case show` lists it (#12).") var id: Int64
    @Option(help: "The inquirer's relationship to the person sought (mother, spouse, wife, сын, …).")
    var relationship: String?
    @Option(name: .customLong("contact"), help: "A contact to add to the inquirer, KIND:VALUE (repeatable).")
    var contacts: [String] = []
    @Option(name: .customLong("remove-contact"), help: "A contact to remove, KIND:VALUE (repeatable).")
    var removeContacts: [String] = []
    @Option(help: "Why: who noticed, what the family said.") var note: String?

    func execute(_ context: CommandContext) throws {
        let draft = InquiryEditDraft(
            id: id, relationship: relationship, addContacts: contacts, removeContacts: removeContacts, note: note)
        let edited = try context.hotline.editInquiry(draft, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(edited))
        case .table, .csv:
            guard !edited.changes.isEmpty else {
                Console.print("Inquiry \(id): nothing changed (the values were already so).")
                return
            }
            for change in edited.changes {
                Console.print(
                    "Inquiry \(id) (case \(edited.ref)): \(change.field) \(change.from.map(Message.verbatim) ?? "(none)") -> "
                        + "\(change.to.map(Message.verbatim) ?? "(none)")\(context.pending).")
            }
        }
    }
}
