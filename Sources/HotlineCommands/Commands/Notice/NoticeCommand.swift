import ArgumentParser

/// `hotline notice …`: news to tell the families, and the families due a call-back.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Tell the families: news to deliver, attempts, deliveries, call-backs due.",
        discussion: """
            When a case reaches a status that is news (shipped: located, captured, deceased, reunited),
            every inquirer of the case gets a notice in the same transaction. News of a death is delivered
            only by an operator marked for it (`operator set NAME --death-notices yes`), never by a text
            message the family did not agree to.
            """,
        subcommands: [NoticeList.self, NoticeShow.self, NoticeAttempt.self, NoticeDone.self, NoticeDue.self])
}
