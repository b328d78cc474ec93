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
        let regionTitle = Message("Open cases by region:")
        let statusTitle = Message("Cases by status:")
        let dayTitle = Message("Inquiries per day (UTC), last \(days) days:")
        for (title, counts, name) in [
            (
                regionTitle, stats.openByRegion,
                { (code: String) in regions.region(code: code).map(Render.name(of:)) ?? "" }
            ),
            (statusTitle, stats.byStatus, { _ in "" }),
            (dayTitle, stats.inquiriesPerDay, { _ in "" }),
        ] {
            Console.print(title)
            var table = TextTable("", "", "")
            for count in counts { table.append("  " + count.key, String(count.count), name(count.key)) }
            if counts.isEmpty {
                Console.print("  none")
            } else {
                Console.print(String(table.render().drop { $0 != "\n" }.dropFirst()))
            }
            Console.print()
        }
        for line in Self.familyLines(stats.families) { Console.print(line) }
    }

    /// Counts are not a list: CSV is refused before any work.
    static func refuseCSV(_ format: OutputFormat?) throws {
        guard format != .csv else { throw ValidationError("--format csv is for lists; use table or json") }
    }

    /// A waiting time's bucket in words; the key itself is JSON's and stays as it is.
    static func waitingName(_ key: String) -> Message {
        switch key {
        case "< 1 day": return "< 1 day"
        case "< 1 week": return "< 1 week"
        case "< 1 month": return "< 1 month"
        case "more": return "more"
        default: return .verbatim(key)
        }
    }

    /// Telling the families (issue 13), in words.
    static func familyLines(_ families: FamilyFigures) -> [String] {
        func hours(_ value: Double?) -> String {
            guard let value else { return "-" }
            return Message("\(String(format: "%.1f", value)) h").description
        }
        let attempts = families.attemptsPerDelivered.map { String(format: "%.2f", $0) } ?? "-"
        var lines = [
            Message("Families:"),
            Message("  informed                      \(families.informed)"),
            Message("  waiting for news to be told   \(families.waiting)"),
        ]
        for bucket in families.waitingFor {
            let name = waitingName(bucket.key).description.padding(toLength: 26, withPad: " ", startingAt: 0)
            lines.append(.verbatim("    \(name)\(bucket.count)"))
        }
        lines += [
            Message("  median time news -> told      \(hours(families.medianHoursToInform))"),
            Message("  attempts per delivered notice \(attempts)"),
            Message("  call-backs overdue            \(families.callbacksOverdue)"),
        ]
        if !families.byRegion.isEmpty {
            var table = TextTable("  REGION", "INFORMED", "WAITING", "MEDIAN")
            for region in families.byRegion {
                table.append(
                    "  " + region.region, String(region.informed), String(region.waiting),
                    hours(region.medianHoursToInform))
            }
            lines += ["", Message("Families by region:"), .verbatim(table.render())]
        }
        if !families.byOperator.isEmpty {
            var table = TextTable("  OPERATOR", "DELIVERED", "ATTEMPTS", "MEDIAN")
            for row in families.byOperator {
                table.append(
                    "  " + row.operator, String(row.delivered), String(row.attempts), hours(row.medianHoursToInform))
            }
            lines += ["", Message("Families by operator:"), .verbatim(table.render())]
        }
        return lines.map(\.description)
    }
}
