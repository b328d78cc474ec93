import ArgumentParser
import HotlineCore

/// `hotline apikey …`: keys for integrations (a web form, a messenger bot, a partner system)
/// to call `hotline serve` without a person signing in.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey",
        abstract: "Manage API keys for integrations with `hotline serve` (admins only).",
        discussion: """
            A key is sent as `Authorization: Bearer KEY`. It never expires; it stops working at once
            when revoked. Requests made with it are recorded as apikey:NAME. Roles: intake (files
            inquiries for an operator to review, nothing else), viewer, operator.
            """,
        subcommands: [Add.self, List.self, Revoke.self])
}
