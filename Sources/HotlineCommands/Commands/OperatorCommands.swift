import ArgumentParser
import HotlineCore

/// `hotline operator …`: who may use this hotline, and with which role.
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Manage operators and their roles (viewer, operator, admin).",
        discussion: """
            The first operator added to a database is an admin; until then anyone may act (set-up
            mode). After that, only admins manage operators, and every command checks the acting
            operator (--as, HOTLINE_OPERATOR, else the login name).
            """,
        subcommands: [Add.self, List.self, Disable.self, Enable.self, SetRole.self])

    struct Add: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an operator.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The name they act under (--as NAME).") var name: String
        @Option(help: "viewer, operator or admin (default operator; the first one is admin).") var role: String?
        @Option(help: "Their full name, for display.") var display: String?

        func execute(_ context: CommandContext) throws {
            let added = try context.hotline.addOperator(
                name, role: role, displayName: display, by: try context.operatorName())
            try OperatorCommand.show(added, "added", context)
        }
    }

    struct List: ContextCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the operators.")
        @OptionGroup var options: GlobalOptions

        func execute(_ context: CommandContext) throws {
            let operators = try context.hotline.operators(as: try context.operatorName())
            try Render.list(
                operators, format: context.format,
                columns: [
                    ("name", \.name), ("role", \.role), ("state", { $0.disabled ? "disabled" : "active" }),
                    ("display", { $0.displayName ?? "" }), ("added", { Render.time($0.created) }),
                    ("added by", \.createdBy),
                ])
        }
    }

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

    static func show(_ info: OperatorInfo, _ verb: String, _ context: CommandContext) throws {
        switch context.format {
        case .json: Console.print(try Render.json(info))
        case .table, .csv:
            Console.print(
                "Operator \(info.name) \(verb): \(info.role)\(info.disabled ? ", disabled" : "")\(context.pending).")
        }
    }
}
