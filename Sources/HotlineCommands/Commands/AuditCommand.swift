import ArgumentParser
import HotlineCore

/// `hotline audit`: recent changes across all cases and operators.
struct AuditCommand: ContextCommand, ListCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "List recent changes across all cases, newest first.",
        discussion: "Example: hotline audit --operator maria --since 2026-11-01")

    @OptionGroup var options: GlobalOptions
    @OptionGroup var listOutput: OutputOptions
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
                ("at", { Render.time($0.at, for: context.format) }), ("by", \.by), ("subject", \.subject),
                ("person", { $0.person ?? "" }),
                ("kind", \.kind),
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
