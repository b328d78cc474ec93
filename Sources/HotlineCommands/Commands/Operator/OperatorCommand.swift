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
        subcommands: [
            Add.self, List.self, Disable.self, Enable.self, SetRole.self, SetDetails.self, Password.self, Sessions.self,
            TOTP.self,
        ])

    static func show(_ info: OperatorInfo, _ verb: String, _ context: CommandContext) throws {
        switch context.format {
        case .json: Console.print(try Render.json(info))
        case .table, .csv:
            Console.print(
                "Operator \(info.name) \(verb): \(info.role)\(info.disabled ? ", disabled" : "")\(context.pending).")
        }
    }
}
