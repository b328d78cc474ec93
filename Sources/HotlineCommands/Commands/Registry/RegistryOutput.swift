import ArgumentParser
import HotlineCore

/// The registry records `inquiry log` found for the person sought: lines an operator can read
/// out once they have checked them.
enum RegistryHitLines {
    static func lines(_ hits: [RegistryHit]) -> [String] {
        guard !hits.isEmpty else { return [] }
        var lines = [Message("The registry has records that may be this person (check before telling the family):")]
        for hit in hits {
            let state: Message
            switch hit.state {
            case "confirmed": state = Message("confirmed")
            case "awaiting-approval": state = Message("confirmed, awaiting a second operator's approval")
            case "conflict": state = Message("CONFLICTS with the case")
            default: state = Message("not yet confirmed")
            }
            var asOf: Message = ""
            if let date = hit.date { asOf = Message(" as of \(date)") }
            let untellable: Message = hit.tellable ? "" : "; the list may not be told to families"
            lines.append(
                Message(
                    "  record \(hit.record) (\(hit.list)): \(hit.name), \(hit.says)\(asOf); "
                        + "score \(String(format: "%.2f", hit.score)), \(state); match \(hit.match)\(untellable)"))
            lines.append(Message("      why: \(hit.why)"))
        }
        return lines.map(\.description)
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
        var lines: [Message] = []
        if let serviceNumber { lines += ["", Message("Service number: \(serviceNumber)")] }
        guard !records.isEmpty else { return lines.map(\.description) }
        lines += ["", Message("Registry records:")]
        for record in records {
            var asOf: Message = ""
            if let date = record.date { asOf = Message(" as of \(date)") }
            let untellable: Message = record.tellable ? "" : "; the list may not be told to families"
            lines.append(
                Message(
                    "  record \(record.record) (\(record.list)): \(record.name), \(record.says)"
                        + "\(asOf); match \(record.match) \(record.state)\(untellable)"))
            if record.withdrawn {
                lines.append(
                    Message(
                        "    WITHDRAWN by its source since: the case's status rests on it; check the case "
                            + "(hotline registry show \(record.record))"))
            }
        }
        return lines.map(\.description)
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
