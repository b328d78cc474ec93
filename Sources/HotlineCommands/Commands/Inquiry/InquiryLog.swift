import ArgumentParser
import Foundation
import HotlineCore

/// `hotline inquiry log`: one family's inquiry, on a new case or an existing one.
struct InquiryLog: ContextCommand {
    /// Computed, so the abstract is rendered in the language of the command that asks for help.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "log",
            abstract: Message("Log one inquiry: who is asking, about whom, through which channel.").description,
            discussion: """
                Without --case the inquiry opens a new case; with --case REF it is added to that case
                (then --person and --region may be left out).
                Example:
                  hotline inquiry log --person "Иванов Пётр Сергеевич" --born 1998 --region RU-KRS \\
                    --inquirer "Иванова Мария" --relationship mother --channel phone \\
                    --contact "phone:8 916 123-45-67" --note "Last call 2024-03-02"
                """)
    }

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp(Message("The person sought, in any script.")))
    var person: String?

    @Option(help: ArgumentHelp(Message("Their home region: ISO 3166-2 code or name (RU-KRS, Kursk, Курская область).")))
    var region: String?

    @Option(help: ArgumentHelp(Message("Date or year of birth: YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY.")))
    var born: String?

    @Option(help: ArgumentHelp(Message("Military unit or other identifying detail.")))
    var unit: String?

    @Option(help: ArgumentHelp(Message("Their service number (личный номер), in any script: АБ-123456 or AB 123456.")))
    var serviceNumber: String?

    @Option(
        help: ArgumentHelp(
            Message("Who is asking (may be left out for a caller known by a contact given or --inquirer-id).")
        ))
    var inquirer: String?

    @Option(help: ArgumentHelp(Message("An inquirer who called before, by id (`case show` lists them).")))
    var inquirerId: Int64?

    @Option(
        help: ArgumentHelp(Message("The inquirer's relationship to the person sought (mother, spouse, sibling, …).")))
    var relationship: String

    @Option(help: ArgumentHelp(Message("How the inquiry came in (phone, email, telegram, web, in-person, letter, …).")))
    var channel: String

    @Option(
        name: .customLong("contact"),
        help: ArgumentHelp(
            Message("How to reach the inquirer back, KIND:VALUE (repeatable): phone:…, email:…, telegram:@…")
        ))
    var contacts: [String] = []

    @Option(help: ArgumentHelp(Message("A short note: what the family said.")))
    var note: String?

    @Option(name: .customLong("case"), help: ArgumentHelp(Message("Add the inquiry to this existing case.")))
    var caseRef: String?

    @Flag(help: ArgumentHelp(Message("Open a new case without the duplicate check.")))
    var newCase = false

    @OptionGroup(title: "What the family agreed to")
    var consent: ConsentOptions

    func validate() throws {
        if newCase && caseRef != nil {
            throw ValidationError("give --case REF to add to an existing case, or --new-case, not both")
        }
    }

    func execute(_ context: CommandContext) throws {
        var draft = InquiryDraft(
            person: person, region: region, born: born, unit: unit, inquirer: inquirer ?? "",
            relationship: relationship,
            channel: channel, contacts: contacts, note: note, caseRef: caseRef, forceNewCase: newCase,
            serviceNumber: serviceNumber)
        draft.consent = consent.draft
        draft.inquirerId = inquirerId
        let logged: LoggedInquiry
        switch try context.hotline.intake(draft, by: try context.operatorName()) {
        case .logged(let done):
            logged = done
        case .filed(let filed):  // `--as apikey:NAME` of an intake key: filed for review
            return try Self.print(filed, context)
        case .likelyDuplicates(let candidates):
            // In the interactive shell the operator decides on the spot; elsewhere the caller
            // gets the candidates and a distinct exit code, and re-runs with --case or --new-case.
            guard let ask = context.ask, let choice = Self.choose(among: candidates, ask: ask) else {
                if context.format == .json {
                    Console.print(try Render.json(["candidates": candidates]))
                }
                throw HotlineError.likelyDuplicates(candidates)
            }
            draft.caseRef = choice
            draft.forceNewCase = choice == nil
            logged = try context.hotline.logInquiry(draft, by: try context.operatorName())
        }
        switch context.format {
        case .json:
            Console.print(try Render.json(logged))
        case .table, .csv:
            let action: Message = logged.newCase ? "opened case" : "added to case"
            Console.print(
                "Inquiry \(logged.inquiry) logged\(context.pending); \(action) \(logged.ref) (status: \(logged.status))."
            )
            if let known = logged.knownCaller { Console.print(Self.line(known)) }
            for line in RegistryHitLines.lines(logged.registry) { Console.print(line) }
            for line in NoticeOutput.waitingLines(logged.newsWaiting) { Console.print(line) }
        }
    }

    /// What an intake key is told of the inquiry it filed: nothing of other families' cases.
    static func print(_ filed: FiledInquiry, _ context: CommandContext) throws {
        switch context.format {
        case .json: Console.print(try Render.json(filed))
        case .table, .csv:
            Console.print(
                "Inquiry \(filed.inquiry) filed\(context.pending); opened case \(filed.ref) for an operator to review.")
        }
    }

    /// What the operator is told about a caller hotline recognised.
    static func line(_ known: KnownCaller) -> Message {
        let thisContact: Message = "this contact"
        let how: Message = known.contact.map { .verbatim($0) } ?? "id"
        guard known.reused else {
            return
                "Note: \(known.contact.map(Message.verbatim) ?? thisContact) also belongs to inquirer \(known.inquirer), \(known.name); "
                + "logged as a new inquirer (if it is them, log with --inquirer-id \(known.inquirer))."
        }
        return "Known caller by \(how): inquirer \(known.inquirer), \(known.name)."
    }

    /// Asks which candidate to add the inquiry to. Returns `.some(ref)` to attach, `.some(nil)`
    /// for a new case, `nil` to cancel.
    private static func choose(among candidates: [DuplicateCandidate], ask: (String) -> String?) -> String?? {
        Console.print("This person may already have a case:")
        for (index, candidate) in candidates.enumerated() {
            Console.print(
                "  \(index + 1). \(candidate.ref)  \(candidate.person)  born \(candidate.born ?? "?")  "
                    + "\(candidate.region)  \(candidate.status)  (score \(candidate.score))")
        }
        let range = candidates.count == 1 ? "1" : "1-\(candidates.count)"
        guard
            let answer = ask(
                Message("Add the inquiry to case [\(range)], open a new case [n], or cancel [Enter]: ").description)?
                .trimmingCharacters(in: .whitespaces).lowercased(), !answer.isEmpty
        else { return nil }
        if answer == "n" || answer == "new" { return .some(nil) }
        if let number = Int(answer), candidates.indices.contains(number - 1) {
            return .some(candidates[number - 1].ref)
        }
        return nil
    }
}
