import ArgumentParser
import HotlineCore

/// `hotline registry lists`
struct RegistryLists: ContextCommand, ListCommand {
    static let configuration = CommandConfiguration(
        commandName: "lists", abstract: "List the source lists imported into the registry.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions

    func execute(_ context: CommandContext) throws {
        let lists = try context.hotline.registryLists(as: try context.operatorName())
        try Render.list(
            lists, format: context.format,
            columns: [
                ("list", \.name), ("kind", \.kind), ("received", \.received), ("originator", { $0.originator ?? "-" }),
                ("records", { String($0.records) }), ("withdrawn", { String($0.withdrawn) }),
                ("tellable", { $0.tellable ? "yes" : "no" }), ("imported by", \.createdBy),
            ])
    }
}
