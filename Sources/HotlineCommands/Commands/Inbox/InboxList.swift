import ArgumentParser
import HotlineCore

/// `hotline inbox list [--channel C] [--state S]`: the inbox, newest first.
struct InboxList: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List inbox messages, newest first.",
        discussion: "Example: hotline inbox list --state new --channel email")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only messages of this channel: email, telegram.") var channel: String?
    @Option(help: "Only messages in this state: new, converted, attached, discarded.") var state: String?
    @Option(parsing: .unconditional, help: "At most this many messages (1 to 1000).") var limit = 100

    func execute(_ context: CommandContext) throws {
        let items = try context.hotline.inbox(
            channel: channel, state: state, limit: limit, as: try context.operatorName())
        try Render.list(
            items, format: context.format,
            columns: [
                ("id", { String($0.id) }), ("channel", \.channel), ("from", \.from),
                ("subject", { $0.subject ?? "" }),
                ("received", { Render.time($0.receivedAt, for: context.format) }), ("state", \.state),
                ("case", { $0.ref ?? "" }),
            ])
    }
}
