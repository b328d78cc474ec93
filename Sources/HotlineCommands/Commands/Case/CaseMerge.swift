import ArgumentParser
import HotlineCore

/// `hotline case merge REF into REF`
struct CaseMerge: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a duplicate case into the surviving one: `case merge DUPLICATE into SURVIVOR`.",
        discussion: """
            Every inquiry, history entry and name of the duplicate moves to the survivor; both
            histories record the merge; the duplicate's reference keeps working and opens the survivor.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The duplicate case.") var duplicate: String
    @Argument(help: "The word `into`.") var into: String
    @Argument(help: "The case that survives.") var survivor: String
    @Option(help: "Why they are one person.") var note: String?

    func validate() throws {
        guard into.lowercased() == "into" else {
            throw ValidationError("write `case merge DUPLICATE into SURVIVOR` (found '\(into)' where `into` belongs)")
        }
    }

    func execute(_ context: CommandContext) throws {
        let merged = try context.hotline.mergeCase(
            duplicate, into: survivor, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(merged))
        case .table, .csv:
            Console.print(
                "Merged \(duplicate) into \(merged.ref): it now has \(merged.inquiries.count) inquiries\(context.pending)."
            )
        }
    }
}
