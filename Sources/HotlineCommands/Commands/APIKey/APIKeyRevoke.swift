import ArgumentParser
import HotlineCore

extension APIKeyCommand {
    /// `hotline apikey revoke NAME`: the key stops working at once; its name stays taken.
    struct Revoke: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke an API key: requests made with it are refused from now on.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key's name, from `apikey list`.") var name: String

        func execute(_ context: CommandContext) throws {
            try context.hotline.revokeAPIKey(name: name, by: try context.operatorName())
            Console.print("API key \(name) revoked\(context.pending).")
        }
    }
}
