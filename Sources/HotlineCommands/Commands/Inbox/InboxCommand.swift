import ArgumentParser

/// `hotline inbox …`: the messages families wrote, to sort.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "Sort the messages families wrote by e-mail or Telegram.",
        discussion: """
            Each message is new until an operator converts it into an inquiry, attaches it to a case
            or discards it. Example: hotline inbox list --state new; hotline inbox show 12
            """,
        subcommands: [InboxList.self, InboxShow.self, InboxConvert.self, InboxAttach.self, InboxDiscard.self])
}
