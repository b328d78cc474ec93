import ArgumentParser
import HotlineCore

extension APIKeyCommand {
    /// `hotline apikey add NAME --role ROLE [--note TEXT]`: prints the key this once.
    struct Add: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Make an API key and print it, this once.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key's name (webform, telegram-bot): history records apikey:NAME.") var name: String
        @Option(help: "intake (only files inquiries), viewer or operator.") var role: String
        @Option(help: "What the key is for, who holds it.") var note: String?

        func execute(_ context: CommandContext) throws {
            let made = try context.hotline.addAPIKey(name: name, role: role, note: note, by: try context.operatorName())
            switch context.format {
            case .json: Console.print(try Render.json(made))
            case .table, .csv:
                // One-line literals: the catalog scan reads those (a multi-line one stayed English).
                Console.print(.verbatim(made.key))
                Console.print(
                    "API key \(made.name) (\(made.role)) made\(context.pending). Shown this once: the database keeps only its hash."
                )
                Console.print("Send it as `Authorization: Bearer KEY`; its changes are recorded as \(made.principal).")
            }
        }
    }
}
