import ArgumentParser
import HotlineCore

/// `hotline notice due [--region R] [--mine]`: families waiting with no news, due a call-back.
struct NoticeDue: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List the families waiting with no news whose call-back is due, longest waiting first.",
        discussion: """
            A family is due when we have not spoken with them for notices.callbackDays (shipped 14);
            logging any inquiry with them, or telling them news, starts the wait again. A family that
            said no to call-backs (`inquirer consent ID --callback no`) is never listed.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only families of cases in this region.") var region: String?
    @Flag(help: "Only families of cases assigned to me.") var mine = false
    @Option(parsing: .unconditional, help: "At most this many (default 50).") var limit = 50

    func execute(_ context: CommandContext) throws {
        let reader = try context.operatorName()
        let due = try context.hotline.callbacksDue(
            region: region, owner: mine ? reader.name : nil, limit: limit, as: reader)
        let format = context.format
        try Render.list(
            due, format: format,
            columns: [
                ("inquirer", { String($0.inquirer) }), ("name", \.name),
                ("last contact", { Render.time($0.lastContact, for: format) }),
                ("due since", { Render.time($0.due, for: format) }),
                ("cases", { $0.cases.map { "\($0.ref) (\($0.status))" }.joined(separator: " ") }),
                ("contacts", { $0.contacts.map { "\($0.kind):\($0.value)" }.joined(separator: " ") }),
                ("call back", { $0.consent.callback == nil ? "not asked" : "yes" }),
            ])
    }
}
