import ArgumentParser
import HotlineCore

/// `hotline audit`: recent changes across all cases and operators.
struct AuditCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "List recent changes across all cases, newest first.",
        discussion: "Example: hotline audit --operator maria --since 2026-11-01")

    @OptionGroup var options: GlobalOptions
    @Option(name: .customLong("operator"), help: "Only changes made by this operator.") var operatorName: String?
    @Option(help: "From this date (YYYY, YYYY-MM or YYYY-MM-DD, UTC).") var since: String?
    @Option(help: "Up to and including this date.") var until: String?
    @Option(parsing: .unconditional, help: "At most this many changes (default 100).") var limit: Int = 100

    func execute(_ context: CommandContext) throws {
        let filter = AuditFilter(operatorName: operatorName, since: since, until: until, limit: limit)
        let entries = try context.hotline.audit(filter, as: try context.operatorName())
        try Render.list(
            entries, format: context.format,
            columns: [
                ("at", { Render.time($0.at) }), ("by", \.by), ("subject", \.subject), ("kind", \.kind),
                ("change", Self.change), ("note", { $0.note?.replacing("\n", with: " ") ?? "" }),
            ])
    }

    static func change(_ entry: AuditEntry) -> String {
        let field = entry.field.map { "\($0): " } ?? ""
        switch (entry.from, entry.to) {
        case (nil, nil): return field
        case (nil, let to?): return field + to
        case (let from?, let to): return field + "\(from) -> \(to ?? "")"
        }
    }
}

/// `hotline stats`: counts for coordinators.
struct StatsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Open cases by region and by status, inquiries per day.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Inquiries per day over this many days (default 30).") var days: Int = 30

    func execute(_ context: CommandContext) throws {
        let stats = try context.hotline.stats(days: days, as: try context.operatorName())
        guard context.format == .table else {
            if context.format == .csv { throw ValidationError("--format csv is for lists; use table or json") }
            return Console.print(try Render.json(stats))
        }
        let regions = context.hotline.rules.regions
        for (title, counts, name) in [
            ("Open cases by region", stats.openByRegion, { (code: String) in regions.region(code: code)?.en ?? "" }),
            ("Cases by status", stats.byStatus, { _ in "" }),
            ("Inquiries per day (UTC), last \(days) days", stats.inquiriesPerDay, { _ in "" }),
        ] {
            Console.print(title + ":")
            var table = TextTable("", "", "")
            for count in counts { table.append("  " + count.key, String(count.count), name(count.key)) }
            Console.print(counts.isEmpty ? "  none" : String(table.render().drop { $0 != "\n" }.dropFirst()))
            Console.print()
        }
    }
}
