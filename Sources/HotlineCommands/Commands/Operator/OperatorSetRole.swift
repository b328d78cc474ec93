import ArgumentParser
import HotlineCore

extension OperatorCommand {
    struct SetRole: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "role", abstract: "Give an operator another role.")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String
        @Argument(help: "viewer, operator or admin.") var role: String

        func execute(_ context: CommandContext) throws {
            try OperatorCommand.show(
                try context.hotline.setRole(of: name, to: role, by: try context.operatorName()), "changed", context)
        }
    }
}
