import ArgumentParser
import HotlineCore

/// `hotline case show REF`: the person, every inquiry with its inquirer and contacts, the history.
struct CaseShow: ContextCommand {
    /// Computed, so the abstract is rendered in the language of the command that asks for help.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "show", abstract: Message("Show everything about one case.").description)
    }

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp(Message("The case reference.")))
    var ref: String

    func validate() throws { try Self.refuseCSV(options.format) }

    func execute(_ context: CommandContext) throws {
        try Self.refuseCSV(context.format)  // the session's or the configuration's format
        let detail = try context.hotline.caseDetail(ref: ref, as: try context.operatorName())
        let registry = try context.hotline.caseRecords(ref: ref, as: try context.operatorName())
        let families = try context.hotline.caseFamilies(ref: ref, as: try context.operatorName())
        switch context.format {
        case .json:
            Console.print(
                try Render.json(
                    CaseWithFamilies(
                        base: CaseWithRecords(
                            detail: detail, serviceNumber: registry.serviceNumber, records: registry.records),
                        families: families)))
        case .csv, .table:
            Console.print(Self.text(detail, regions: context.hotline.rules.regions))
            for line in CaseWithRecords.lines(serviceNumber: registry.serviceNumber, records: registry.records) {
                Console.print(line)
            }
            for line in Self.familyLines(families) { Console.print(line) }
        }
    }

    /// One case is not a list: CSV is refused before any work.
    static func refuseCSV(_ format: OutputFormat?) throws {
        guard format != .csv else { throw ValidationError("--format csv is for lists; use table or json for one case") }
    }

    /// The case on one screen, its labels in the operator's language and its data as typed.
    static func text(_ c: CaseDetail, regions: RegionCatalog) -> String {
        let regionName = regions.region(code: c.region).map(Render.name(of:)) ?? c.regionName
        let state: Message = c.open ? "open" : "closed"
        var lines = [
            Message("Case \(c.ref): \(c.person)"),
            Message("  status:   \(c.status) (\(state)); may move to: \(c.allowedMoves.joined(separator: ", "))"),
            Message("  region:   \(c.region) (\(regionName))"),
        ]
        if let born = c.born { lines.append(Message("  born:     \(born)")) }
        if let unit = c.unit { lines.append(Message("  unit:     \(unit)")) }
        lines.append(Message("  opened:   \(Render.time(c.opened)) by \(c.openedBy)"))
        if let pending = c.pending {
            lines.append(
                Message(
                    "  WAITING:  move to \(pending.status) asked by \(pending.requestedBy) at \(Render.time(pending.at)), "
                        + "source: \(pending.source); another operator: `case approve \(c.ref)` or `case reject \(c.ref) --note WHY`"
                ))
        }
        lines.append("")
        lines.append(Message("Inquiries (\(c.inquiries.count)):"))
        for inquiry in c.inquiries {
            lines.append(
                Message(
                    "  #\(inquiry.id) \(Render.time(inquiry.at)) via \(inquiry.channel), taken by \(inquiry.by): "
                        + "\(inquiry.inquirer.name) (\(inquiry.relationship))"))
            if !inquiry.inquirer.contacts.isEmpty {
                let contacts = inquiry.inquirer.contacts.map { "\($0.kind) \($0.value)" }.joined(separator: ", ")
                lines.append(Message("     contacts: \(contacts)"))
            }
            if inquiry.person != c.person { lines.append(Message("     asked about: \(inquiry.person)")) }
            if let note = inquiry.note { lines.append(indented(note, by: Message("     note: "))) }
        }
        lines.append("")
        lines.append(Message("History:"))
        for entry in c.history {
            lines.append(Message("  \(Render.time(entry.at))  \(entry.by)  \(Self.change(entry))"))
            if let note = entry.note { lines.append(indented(note, by: .verbatim("      "))) }
        }
        return lines.map(\.description).joined(separator: "\n")
    }

    /// What one history entry changed, in words; fields, values and sources are data.
    private static func change(_ entry: HistoryItem) -> Message {
        let none: Message = "(none)"
        let change: Message
        switch entry.kind {
        case "status": change = Message("status \(entry.from ?? "?") -> \(entry.to ?? "?")")
        case "opened": change = Message("opened as \(entry.to ?? "?")")
        case "edit":
            change = Message(
                "\(entry.field ?? "?"): \(entry.from.map(Message.verbatim) ?? none) -> \(entry.to.map(Message.verbatim) ?? none)"
            )
        case "inquiry": change = Message("inquiry #\(entry.inquiry.map(String.init) ?? "?")")
        case "note" where entry.field?.hasPrefix("notice ") == true:
            let notice = entry.field?.dropFirst("notice ".count) ?? ""
            change = Message("notice \(notice): \(entry.to ?? "?")")
        case "note": change = Message("note")
        case "merged": change = Message("merged")
        case "distinct": change = Message("distinct")
        default: change = .verbatim(entry.kind)
        }
        var source: Message = ""
        if let text = entry.source { source = Message("; source: \(text)") }
        var asOf: Message = ""
        if let date = entry.asOf { asOf = Message("; as of \(date)") }
        return "\(change)\(source)\(asOf)"
    }

    /// The owner, each family's consent and the notices (issue 13).
    static func familyLines(_ families: CaseFamilies) -> [String] {
        let owner: Message = families.owner.map(Message.verbatim) ?? "none (`case assign REF OPERATOR`)"
        var lines = ["", Message("Owner: \(owner)"), "", Message("Families:")]
        for family in families.families {
            lines.append(Message("  \(family.name) (inquirer \(family.inquirer)): \(family.consent.summary)"))
        }
        if !families.notices.isEmpty {
            lines.append("")
            lines.append(Message("Notices:"))
            for notice in families.notices {
                var told: Message = ""
                if let at = notice.deliveredAt {
                    told = Message("; told \(Render.time(at)) by \(notice.deliveredBy ?? "?")")
                }
                lines.append(
                    Message(
                        "  \(notice.id)  \(notice.state.rawValue)  \(notice.status) for \(notice.inquirerName)  "
                            + "\(notice.attempts) attempt(s)\(told)"))
            }
        }
        return lines.map(\.description)
    }

    /// A note under a label in the operator's language, its later lines lined up under its first.
    private static func indented(_ text: String, by label: Message) -> Message {
        let prefix = label.description
        let pad = String(repeating: " ", count: prefix.count)
        return .verbatim(
            text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .map { ($0.offset == 0 ? prefix : pad) + $0.element }.joined(separator: "\n"))
    }
}

/// `case show`'s JSON: the case with its records, plus `owner`, `families` (each inquirer's
/// consent) and `notices` (issue 13).
struct CaseWithFamilies: Encodable {
    let base: CaseWithRecords
    let families: CaseFamilies

    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        try families.encode(to: encoder)
    }
}
