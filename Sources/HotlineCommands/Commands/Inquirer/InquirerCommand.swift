import ArgumentParser
import HotlineCore

/// `hotline inquirer …`: the families who ask, what they agreed to, their cases and news.
struct InquirerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inquirer", abstract: "Show an inquirer (a family member who asks) and record their consent.",
        subcommands: [InquirerShow.self, InquirerConsentCommand.self])
}

/// `hotline inquirer show ID`
struct InquirerShow: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an inquirer: contacts, consent, their cases and notices.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The inquirer's id.") var id: Int64

    func validate() throws { try CaseShow.refuseCSV(options.format) }

    func execute(_ context: CommandContext) throws {
        try CaseShow.refuseCSV(context.format)
        let profile = try context.hotline.inquirerProfile(id, as: try context.operatorName())
        guard context.format == .table else { return Console.print(try Render.json(profile)) }
        Console.print(Self.text(profile))
    }

    /// The inquirer on one screen, its labels in the operator's language and its data as typed.
    static func text(_ profile: InquirerProfile) -> String {
        let contacts: Message =
            profile.contacts.isEmpty
            ? "none" : .verbatim(profile.contacts.map { "\($0.kind) \($0.value)" }.joined(separator: ", "))
        var recorded: Message = ""
        if let at = profile.consent.recorded {
            recorded = Message("; recorded \(Render.time(at)) by \(profile.consent.recordedBy ?? "?")")
        }
        let lastContact: Message = profile.lastContact.map { .verbatim(Render.time($0)) } ?? "never"
        var lines = [
            Message("Inquirer \(profile.id): \(profile.name)"),
            Message("  contacts: \(contacts)"),
            Message("  consent:  \(profile.consent.summary)\(recorded)"),
            Message("  last contact: \(lastContact)"),
            "",
            Message("Cases (\(profile.cases.count)):"),
        ]
        for item in profile.cases {
            lines.append(
                .verbatim("  \(item.ref)  \(item.status)  \(item.region)  \(item.person) (\(item.relationship))"))
        }
        lines.append("")
        lines.append(Message("Notices (\(profile.notices.count)):"))
        for notice in profile.notices {
            lines.append(
                Message(
                    "  \(notice.id)  \(notice.state.rawValue)  \(notice.status)  case \(notice.case)  "
                        + "since \(Render.time(notice.newsAt))  \(notice.attempts) attempt(s)"))
        }
        return lines.map(\.description).joined(separator: "\n")
    }
}

/// `hotline inquirer consent ID [--callback yes|no] [--channels-allowed LIST] [--share yes|no]`
struct InquirerConsentCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Record what a family agreed to: call-backs, channels, sharing.",
        discussion: "Example: hotline inquirer consent 7 --callback yes --channels-allowed phone,telegram --share no")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The inquirer's id.") var id: Int64
    @OptionGroup var consent: ConsentOptions

    func execute(_ context: CommandContext) throws {
        let profile = try context.hotline.recordConsent(
            inquirer: id, consent.draft ?? ConsentDraft(), by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(profile))
        case .table, .csv:
            Console.print(
                "Consent of inquirer \(profile.id) (\(profile.name)) recorded\(context.pending): \(profile.consent.summary)."
            )
        }
    }
}

/// The consent questions, at intake and later.
struct ConsentOptions: ParsableArguments {
    @Option(help: "May we call the family back: yes or no.") var callback: String?
    @Option(help: "The channels they allow, comma-separated (phone,telegram), or none.") var channelsAllowed: String?
    @Option(help: "May their details be shared with partner organisations: yes or no.") var share: String?

    /// The answers given; `nil` when no question was asked.
    var draft: ConsentDraft? {
        let draft = ConsentDraft(callback: callback, channels: channelsAllowed, share: share)
        return draft.isEmpty ? nil : draft
    }
}
