import ArgumentParser
import HotlineCore

/// `hotline region list`: the regions and their names, to find a code.
struct RegionList: RulesCommand, ListCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the regions with their codes and names.")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions

    @Option(help: "Only this country's regions (RU, UA).")
    var country: String?

    func execute(rules: HotlineRules, format: OutputFormat) throws {
        let regions = rules.regions.regions.filter {
            country == nil || $0.code.hasPrefix(country!.uppercased() + "-")
        }
        try Render.list(
            regions, format: format,
            columns: [
                ("code", \.code), ("english", \.en), ("russian", { $0.ru ?? "-" }), ("ukrainian", { $0.uk ?? "-" }),
            ])
    }
}
