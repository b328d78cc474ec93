import ArgumentParser
import HotlineCore

/// The registry records `inquiry log` found for the person sought: lines an operator can read
/// out once they have checked them.
enum RegistryHitLines {
    static func lines(_ hits: [RegistryHit]) -> [String] {
        guard !hits.isEmpty else { return [] }
        var lines = ["The registry has records that may be this person (check before telling the family):"]
        for hit in hits {
            let state: String
            switch hit.state {
            case "confirmed": state = "confirmed"
            case "awaiting-approval": state = "confirmed, awaiting a second operator's approval"
            case "conflict": state = "CONFLICTS with the case"
            default: state = "not yet confirmed"
            }
            lines.append(
                "  record \(hit.record) (\(hit.list)): \(hit.name), \(hit.says)\(hit.date.map { " as of \($0)" } ?? ""); "
                    + "score \(String(format: "%.2f", hit.score)), \(state); match \(hit.match)"
                    + (hit.tellable ? "" : "; the list may not be told to families"))
            lines.append("      why: \(hit.why)")
        }
        return lines
    }
}

/// `case show`'s JSON: the case's keys, plus its service number and the registry records linked to it.
struct CaseWithRecords: Encodable {
    let detail: CaseDetail
    let serviceNumber: String?
    let records: [CaseRecordLink]

    enum CodingKeys: String, CodingKey { case serviceNumber, records }

    func encode(to encoder: any Encoder) throws {
        try detail.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(serviceNumber, forKey: .serviceNumber)
        try container.encode(records, forKey: .records)
    }

    static func lines(serviceNumber: String?, records: [CaseRecordLink]) -> [String] {
        var lines: [String] = []
        if let serviceNumber { lines += ["", "Service number: \(serviceNumber)"] }
        guard !records.isEmpty else { return lines }
        lines += ["", "Registry records:"]
        for record in records {
            lines.append(
                "  record \(record.record) (\(record.list)): \(record.name), \(record.says)"
                    + "\(record.date.map { " as of \($0)" } ?? ""); match \(record.match) \(record.state)"
                    + (record.tellable ? "" : "; the list may not be told to families"))
            if record.withdrawn {
                lines.append(
                    "    WITHDRAWN by its source since: the case's status rests on it; check the case "
                        + "(hotline registry show \(record.record))")
            }
        }
        return lines
    }
}

/// `search --registry`: records found by name or service number.
enum RegistrySearchOutput {
    static func run(text: String, limit: Int, context: CommandContext) throws {
        let hits = try context.hotline.searchRegistry(text, limit: limit, as: try context.operatorName())
        try Render.list(
            hits, format: context.format,
            columns: [
                ("record", { String($0.id) }), ("score", { String(format: "%.2f", $0.score) }), ("list", \.list),
                ("name", \.name), ("born", { $0.born ?? "-" }), ("says", \.says), ("date", { $0.date ?? "-" }),
                ("why", \.why),
            ])
    }
}
