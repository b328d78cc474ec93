import ArgumentParser
import HotlineCore

/// `hotline case note REF TEXT`: a line in the case's history, its status unchanged.
struct CaseNote: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to a case's history without changing its status.",
        discussion: "Example: hotline case note 4821-9935 \"Called the ICRC again; no news.\" --source \"ICRC hotline\""
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The case reference.") var ref: String
    @Argument(help: "The note: what was done or learned.") var text: String
    @Option(help: "Where the news came from, if any.") var source: String?

    func execute(_ context: CommandContext) throws {
        let noted = try context.hotline.addNote(ref: ref, note: text, source: source, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(noted))
        case .table, .csv: Console.print("Case \(noted.ref): note added\(context.pending).")
        }
    }
}
