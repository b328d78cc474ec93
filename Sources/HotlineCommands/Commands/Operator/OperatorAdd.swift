import ArgumentParser
import HotlineCore

extension OperatorCommand {
    struct Add: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an operator.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The name they act under (--as NAME).") var name: String
        @Option(
            help: "viewer, operator or admin (default operator; the first one is admin).",
            completion: .list(Role.allCases.map(\.rawValue)))
        var role: String?
        @Option(help: "Their full name, for display.") var display: String?

        func execute(_ context: CommandContext) throws {
            let added = try context.hotline.addOperator(
                name, role: role, displayName: display, by: try context.operatorName())
            try OperatorCommand.show(added, "added", context)
        }
    }
}
