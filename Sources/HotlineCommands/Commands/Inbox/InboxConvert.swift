import ArgumentParser
import HotlineCore

/// `hotline inbox convert ID --person … --region … --relationship …`: the message becomes an
/// inquiry through the ordinary intake, with the sender's contact.
struct InboxConvert: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Turn an inbox message into an inquiry, with the sender's contact.",
        discussion: """
            The inquiry goes through the usual duplicate and registry checks; exit 3 lists likely
            existing cases (re-run with --case REF or --new-case).
            Example: hotline inbox convert 12 --person "Иванов Пётр" --born 1998 --region RU-KRS --relationship mother
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The message's id, as `inbox list` shows it.") var id: Int64
    @Option(help: "The person sought, in any script.") var person: String?
    @Option(help: "Their home region: ISO 3166-2 code or name.") var region: String?
    @Option(help: "Date or year of birth.") var born: String?
    @Option(help: "Military unit or other identifying detail.") var unit: String?
    @Option(help: "The sender's relationship to the person sought (mother, spouse, …).") var relationship: String
    @Option(help: "The sender's name, when the message does not give it.") var inquirer: String?
    @Option(name: .customLong("case"), help: "Add the inquiry to this existing case.") var caseRef: String?
    @Flag(help: "Open a new case without the duplicate check.") var newCase = false

    func validate() throws {
        if newCase && caseRef != nil {
            throw ValidationError("give --case REF to add to an existing case, or --new-case, not both")
        }
    }

    func execute(_ context: CommandContext) throws {
        let conversion = InboxConversion(
            person: person, region: region, born: born, unit: unit, relationship: relationship, inquirer: inquirer,
            caseRef: caseRef, forceNewCase: newCase)
        switch try context.hotline.convertInboxItem(id, conversion, by: try context.operatorName()) {
        case .likelyDuplicates(let candidates):
            if context.format == .json { Console.print(try Render.json(["candidates": candidates])) }
            throw HotlineError.likelyDuplicates(candidates)
        case .logged(let logged):
            switch context.format {
            case .json: Console.print(try Render.json(logged))
            case .table, .csv:
                let action = logged.newCase ? "opened case" : "added to case"
                Console.print(
                    "Inbox \(id) logged as inquiry \(logged.inquiry) (inquirer \(logged.inquirer))\(context.pending); "
                        + "\(action) \(logged.ref) (status: \(logged.status)).")
                if let known = logged.knownCaller { Console.print(InquiryLog.line(known)) }
                for line in RegistryHitLines.lines(logged.registry) { Console.print(line) }
                for line in NoticeOutput.waitingLines(logged.newsWaiting) { Console.print(line) }
            }
        case .filed(let filed):  // only an intake key files, and converting needs an operator
            try InquiryLog.print(filed, context)
        }
    }
}
