import ArgumentParser
import HotlineCore

extension OperatorCommand {
    struct Enable: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable", abstract: "Let a disabled operator act again.")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String

        func execute(_ context: CommandContext) throws {
            try OperatorCommand.show(
                try context.hotline.enableOperator(name, by: try context.operatorName()), "enabled", context)
        }
    }
}
