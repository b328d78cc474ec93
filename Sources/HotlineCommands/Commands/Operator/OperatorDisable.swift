import ArgumentParser
import HotlineCore

extension OperatorCommand {
    struct Disable: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable", abstract: "Stop an operator from acting (their history stays).")
        @OptionGroup var options: GlobalOptions
        @Argument var name: String

        func execute(_ context: CommandContext) throws {
            try OperatorCommand.show(
                try context.hotline.disableOperator(name, by: try context.operatorName()), "disabled", context)
        }
    }
}
