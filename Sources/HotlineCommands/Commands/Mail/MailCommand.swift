import ArgumentParser

/// `hotline mail …`: e-mail into the inbox.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Take families' e-mail into the inbox.",
        subcommands: [MailIngest.self])
}
