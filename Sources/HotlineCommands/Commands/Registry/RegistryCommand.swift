import ArgumentParser

/// `hotline registry …`
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "The registry: lists of the captured, the wounded, the dead and the exchanged, and their records.",
        subcommands: [
            RegistryImport.self, RegistryLists.self, RegistryList.self, RegistryShow.self, RegistryWithdraw.self,
        ])
}
