import ArgumentParser
import HotlineCore

extension OperatorCommand {
    /// `hotline operator set NAME [--death-notices yes|no] [--display TEXT]` (admins)
    struct SetDetails: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Mark an operator to deliver news of a death, or change the name shown for them.",
            discussion: "Example: hotline operator set oleg --death-notices yes --display \"Oleg P.\"")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String
        @Option(help: "May deliver news of a death: yes or no.") var deathNotices: String?
        @Option(help: "The name shown for the operator.") var display: String?

        func execute(_ context: CommandContext) throws {
            let info = try context.hotline.setOperator(
                name, deathNotices: deathNotices, displayName: display, by: try context.operatorName())
            switch context.format {
            case .json: Console.print(try Render.json(info))
            case .table, .csv:
                let notices = info.deathNotices ? "yes" : "no"
                if let shown = info.displayName {
                    Console.print(
                        "Operator \(info.name) changed\(context.pending): death notices \(notices), shown as \"\(shown)\"."
                    )
                } else {
                    Console.print("Operator \(info.name) changed\(context.pending): death notices \(notices).")
                }
            }
        }
    }
}
