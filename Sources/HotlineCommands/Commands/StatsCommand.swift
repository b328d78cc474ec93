import ArgumentParser
import HotlineCore

/// `hotline stats`: counts for coordinators.
struct StatsCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Open cases by region and by status, inquiries per day.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Inquiries per day over this many days (default 30).") var days: Int = 30

    func validate() throws { try Self.refuseCSV(options.format) }

    func execute(_ context: CommandContext) throws {
        try Self.refuseCSV(context.format)  // the session's or the configuration's format
        let stats = try context.hotline.stats(days: days, as: try context.operatorName())
        guard context.format == .table else { return Console.print(try Render.json(stats)) }
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
        for line in Self.familyLines(stats.families) { Console.print(line) }
    }

    /// Counts are not a list: CSV is refused before any work.
    static func refuseCSV(_ format: OutputFormat?) throws {
        guard format != .csv else { throw ValidationError("--format csv is for lists; use table or json") }
    }

    /// Telling the families (issue 13), in words.
    static func familyLines(_ families: FamilyFigures) -> [String] {
        func hours(_ value: Double?) -> String { value.map { String(format: "%.1f h", $0) } ?? "-" }
        var lines = [
            "Families:",
            "  informed                      \(families.informed)",
            "  waiting for news to be told   \(families.waiting)",
        ]
        for bucket in families.waitingFor {
            lines.append("    \(bucket.key.padding(toLength: 26, withPad: " ", startingAt: 0))\(bucket.count)")
        }
        lines += [
            "  median time news -> told      \(hours(families.medianHoursToInform))",
            "  attempts per delivered notice \(families.attemptsPerDelivered.map { String(format: "%.2f", $0) } ?? "-")",
            "  call-backs overdue            \(families.callbacksOverdue)",
        ]
        if !families.byRegion.isEmpty {
            var table = TextTable("  REGION", "INFORMED", "WAITING", "MEDIAN")
            for region in families.byRegion {
                table.append(
                    "  " + region.region, String(region.informed), String(region.waiting),
                    hours(region.medianHoursToInform))
            }
            lines += ["", "Families by region:", table.render()]
        }
        if !families.byOperator.isEmpty {
            var table = TextTable("  OPERATOR", "DELIVERED", "ATTEMPTS", "MEDIAN")
            for row in families.byOperator {
                table.append(
                    "  " + row.operator, String(row.delivered), String(row.attempts), hours(row.medianHoursToInform))
            }
            lines += ["", "Families by operator:", table.render()]
        }
        return lines
    }
}
