import ArgumentParser
import HotlineCore

/// `hotline case distinct REF REF`
struct CaseDistinct: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "distinct",
        abstract: "Record that two cases are different people, so they are never proposed again.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "One case.") var first: String
    @Argument(help: "The other case.") var second: String
    @Option(help: "How you know.") var note: String?

    func execute(_ context: CommandContext) throws {
        try context.hotline.markDistinct(first, second, note: note, by: try context.operatorName())
        Console.print("Recorded: \(first) and \(second) are different people\(context.pending).")
    }
}
