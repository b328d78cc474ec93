import ArgumentParser
import HotlineCore

extension OperatorCommand {
    struct List: ContextCommand, ListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the operators.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var listOutput: OutputOptions

        func execute(_ context: CommandContext) throws {
            let operators = try context.hotline.operators(as: try context.operatorName())
            try Render.list(
                operators, format: context.format,
                columns: [
                    ("name", \.name), ("role", \.role), ("state", { $0.disabled ? "disabled" : "active" }),
                    ("display", { $0.displayName ?? "" }), ("added", { Render.time($0.created, for: context.format) }),
                    ("added by", \.createdBy),
                ])
        }
    }
}
