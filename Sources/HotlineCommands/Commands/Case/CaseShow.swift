import ArgumentParser
import HotlineCore

/// `hotline case show REF`: the person, every inquiry with its inquirer and contacts, the history.
struct CaseShow: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show everything about one case.")

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The case reference.")
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
            Console.print(Self.text(detail))
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

    static func text(_ c: CaseDetail) -> String {
        var lines = [
            "Case \(c.ref): \(c.person)",
            "  status:   \(c.status) (\(c.open ? "open" : "closed")); may move to: \(c.allowedMoves.joined(separator: ", "))",
            "  region:   \(c.region) (\(c.regionName))",
        ]
        if let born = c.born { lines.append("  born:     \(born)") }
        if let unit = c.unit { lines.append("  unit:     \(unit)") }
        lines.append("  opened:   \(Render.time(c.opened)) by \(c.openedBy)")
        if let pending = c.pending {
            lines.append(
                "  WAITING:  move to \(pending.status) asked by \(pending.requestedBy) at \(Render.time(pending.at)), "
                    + "source: \(pending.source); another operator: `case approve \(c.ref)` or `case reject \(c.ref) --note WHY`"
            )
        }
        lines.append("")
        lines.append("Inquiries (\(c.inquiries.count)):")
        for inquiry in c.inquiries {
            lines.append(
                "  #\(inquiry.id) \(Render.time(inquiry.at)) via \(inquiry.channel), taken by \(inquiry.by): "
                    + "\(inquiry.inquirer.name) (\(inquiry.relationship))")
            if !inquiry.inquirer.contacts.isEmpty {
                lines.append(
                    "     contacts: "
                        + inquiry.inquirer.contacts.map { "\($0.kind) \($0.value)" }.joined(separator: ", "))
            }
            if inquiry.person != c.person { lines.append("     asked about: \(inquiry.person)") }
            if let note = inquiry.note { lines.append(indented(note, by: "     note: ")) }
        }
        lines.append("")
        lines.append("History:")
        for entry in c.history {
            var line = "  \(Render.time(entry.at))  \(entry.by)  "
            switch entry.kind {
            case "status": line += "status \(entry.from ?? "?") -> \(entry.to ?? "?")"
            case "opened": line += "opened as \(entry.to ?? "?")"
            case "edit":
                line += "\(entry.field ?? "?"): \(entry.from ?? "(none)") -> \(entry.to ?? "(none)")"
            case "inquiry": line += "inquiry #\(entry.inquiry.map(String.init) ?? "?")"
            case "note" where entry.field?.hasPrefix("notice ") == true:
                line += "\(entry.field ?? "notice"): \(entry.to ?? "?")"
            default: line += entry.kind
            }
            if let source = entry.source { line += "; source: \(source)" }
            if let asOf = entry.asOf { line += "; as of \(asOf)" }
            lines.append(line)
            if let note = entry.note { lines.append(indented(note, by: "      ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// The owner, each family's consent and the notices (issue 13).
    static func familyLines(_ families: CaseFamilies) -> [String] {
        var lines = ["", "Owner: \(families.owner ?? "none (`case assign REF OPERATOR`)")", "", "Families:"]
        for family in families.families {
            lines.append("  \(family.name) (inquirer \(family.inquirer)): \(family.consent.summary)")
        }
        if !families.notices.isEmpty {
            lines.append("")
            lines.append("Notices:")
            for notice in families.notices {
                lines.append(
                    "  \(notice.id)  \(notice.state.rawValue)  \(notice.status) for \(notice.inquirerName)  "
                        + "\(notice.attempts) attempt(s)"
                        + (notice.deliveredAt.map { "; told \(Render.time($0)) by \(notice.deliveredBy ?? "?")" } ?? "")
                )
            }
        }
        return lines
    }

    private static func indented(_ text: String, by prefix: String) -> String {
        let pad = String(repeating: " ", count: prefix.count)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? prefix : pad) + $0.element }.joined(separator: "\n")
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
