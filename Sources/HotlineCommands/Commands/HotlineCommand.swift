import ArgumentParser

/// The root of the command tree, shared by the CLI and the shell.
public struct HotlineCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "Case management for family inquiry hotlines.",
        discussion: """
            Log a family's inquiry, move a case through its statuses, list the open cases of a region.
            Exit codes: 0 done; 3 a likely existing case was found (inquiry log; re-run with --case REF or
            --new-case); 1 refused (bad input, unknown case, forbidden move; nothing written);
            64 bad command line; 74 database file unusable; 75 database busy (nothing written);
            77 refused by the operator's role; 78 configuration error.
            """,
        version: HotlineCommand.version,
        subcommands: [
            InquiryCommand.self, CaseCommand.self, NoticeCommand.self, InquirerCommand.self, SearchCommand.self,
            InboxCommand.self, MailCommand.self,
            RegistryCommand.self, MatchCommand.self,
            RegionCommand.self, OperatorCommand.self, APIKeyCommand.self,
            AuditCommand.self,
            StatsCommand.self, DatabaseCommand.self, ShellCommand.self, DemoCommand.self, ServeCommand.self,
        ]
    )

    /// What `hotline --version` prints; raised with each release.
    public static let version = "0.11.0"

    public init() {}
}
