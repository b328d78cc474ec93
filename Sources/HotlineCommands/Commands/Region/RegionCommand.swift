import ArgumentParser

/// `hotline region …`
struct RegionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "region", abstract: "The regions a case can belong to.",
        subcommands: [RegionList.self])
}
