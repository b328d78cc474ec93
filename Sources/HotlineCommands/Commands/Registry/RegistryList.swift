import ArgumentParser
import HotlineCore

/// `hotline registry list [--list NAME] [--unmatched]`
struct RegistryList: ContextCommand, ListCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List registry records, newest first.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions
    @Option(help: "Only the records of this list.") var list: String?
    @Flag(help: "Only records with no case proposed or confirmed.") var unmatched = false
    @Option(parsing: .unconditional, help: "At most this many (default 100).") var limit = 100

    func execute(_ context: CommandContext) throws {
        let records = try context.hotline.registryRecords(
            list: list, unmatched: unmatched, limit: limit, as: try context.operatorName())
        try Render.list(
            records, format: context.format,
            columns: [
                ("record", { String($0.id) }), ("list", \.list), ("name", \.name), ("born", { $0.born ?? "-" }),
                ("service number", { $0.serviceNumber ?? "-" }),
                ("says", { $0.says + ($0.withdrawn ? " (withdrawn)" : "") }),
                ("date", { $0.date ?? "-" }), ("region", { $0.region ?? "-" }),
                ("proposed", { String($0.proposed) }), ("confirmed", { String($0.confirmed) }),
            ])
    }
}
