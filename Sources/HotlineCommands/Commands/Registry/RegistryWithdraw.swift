import ArgumentParser
import HotlineCore

/// `hotline registry withdraw ID --note WHY`
struct RegistryWithdraw: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Mark a record its source withdrew: kept, shown as withdrawn, matched no more.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The record's id.") var id: Int64
    @Option(help: "Who withdrew it and why.") var note: String

    func execute(_ context: CommandContext) throws {
        let record = try context.hotline.withdrawRegistryRecord(id, note: note, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(record))
        case .table, .csv:
            Console.print("Record \(record.id) of list \(record.list) marked withdrawn\(context.pending).")
        }
    }
}
