import ArgumentParser

/// `hotline match …`
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Review the proposed matches between registry records and cases; confirm or reject them.",
        discussion: """
            Nothing from the registry reaches a case until a person confirms the match. A record saying
            deceased needs a second, different operator's `match approve` before the case changes.
            """,
        subcommands: [MatchList.self, MatchShow.self, MatchConfirm.self, MatchApprove.self, MatchReject.self])
}
