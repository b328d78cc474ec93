import ArgumentParser
import HotlineCore

/// `hotline match list [--list NAME] [--region R] [--min-score S]`
struct MatchList: ContextCommand, ListCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List matches waiting for a decision (or of --state), best first.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions
    @Option(help: "Only records of this list.") var list: String?
    @Option(help: "Only cases or records of this region.") var region: String?
    @Option(help: "Only matches scoring at least this (0 to 1).") var minScore: Double = 0
    @Option(
        help: "Only matches in this state (repeatable): proposed, awaiting-approval, confirmed, rejected, conflict.")
    var state: [String] = []
    @Option(parsing: .unconditional, help: "At most this many (default 100).") var limit = 100

    func execute(_ context: CommandContext) throws {
        let matches = try context.hotline.matches(
            MatchFilter(list: list, region: region, minScore: minScore, states: state, limit: limit),
            as: try context.operatorName())
        try Render.list(
            matches, format: context.format,
            columns: [
                ("match", { String($0.id) }), ("score", { String(format: "%.2f", $0.score) }), ("state", \.state),
                ("record", { String($0.record) }), ("list", \.list), ("name", \.name), ("says", \.says),
                ("case", \.case), ("person", \.person), ("why", \.why),
            ])
    }
}
