import ArgumentParser
import Foundation
import HotlineCore

/// `hotline region list`: the regions and their names, to find a code.
struct RegionList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the regions with their codes and names.")

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this country's regions (RU, UA).")
    var country: String?

    func run() async throws {
        let settings = try await CommandContext.loadSettings(
            options, environment: ProcessInfo.processInfo.environment)
        let regions = RegionCatalog.shipped.regions.filter {
            country == nil || $0.code.hasPrefix(country!.uppercased() + "-")
        }
        switch OutputFormat(rawValue: settings.format ?? "table") ?? .table {
        case .json: Console.print(try Render.json(regions))
        case .csv:
            Console.print(Render.csvRecord(["code", "type", "en", "ru", "uk"]))
            for r in regions {
                Console.print(Render.csvRecord([r.code, r.type, r.en, r.ru ?? "", r.uk ?? ""]))
            }
        case .table:
            var table = TextTable("CODE", "ENGLISH", "RUSSIAN", "UKRAINIAN")
            for r in regions { table.append(r.code, r.en, r.ru ?? "-", r.uk ?? "-") }
            Console.print(table.render())
        }
    }
}
