import ArgumentParser
import HotlineCore

/// `hotline case duplicates`
struct CaseDuplicates: ContextCommand, ListCommand {
    static let configuration = CommandConfiguration(
        commandName: "duplicates", abstract: "List pairs of open cases that probably describe the same person.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions
    @Option(help: "Only cases of this region.") var region: String?
    @Option(parsing: .unconditional, help: "At most this many pairs (default 100).") var limit = 100

    func execute(_ context: CommandContext) throws {
        guard limit >= 1 else {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "it is not positive", accepted: "a number from 1")
        }
        let pairs = try context.hotline.duplicatePairs(region: region, limit: limit, as: try context.operatorName())
        try Render.list(
            pairs, format: context.format,
            columns: [
                ("score", { String(format: "%.2f", $0.score) }), ("case", \.first.ref), ("person", \.first.person),
                ("born", { $0.first.born ?? "-" }), ("case", \.second.ref), ("person", \.second.person),
                ("born", { $0.second.born ?? "-" }),
            ])
    }
}
