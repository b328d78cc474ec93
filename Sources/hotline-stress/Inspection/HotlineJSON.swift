import Foundation

/// hotline's JSON output, as far as the checks read it: the fields a check compares, nothing more.
extension Hotline {
    /// Every case in the database, via `case list --format json`.
    func cases(db: String) throws -> [CaseSummaryJSON] {
        let result = run(["case", "list", "--db", db, "--as", "stress", "--format", "json"], timeout: 600)
        guard result.exitCode == 0 else { throw SpawnError(description: "case list failed: \(result.summary())") }
        return try JSONDecoder().decode([CaseSummaryJSON].self, from: Data(result.stdout))
    }
}

struct CaseSummaryJSON: Decodable, Equatable, Sendable {
    let ref: String
    let person: String
    let status: String
    let inquiries: Int
    let lastActivity: String
}

struct LoggedJSON: Decodable, Sendable {
    let `case`: String
    let inquiry: Int64
    let newCase: Bool
}

struct CaseDetailJSON: Decodable, Sendable {
    let ref: String
    let person: String
    let born: String?
    let region: String
    let unit: String?
    let status: String
    let inquiries: [InquiryJSON]
    let history: [HistoryJSON]
}

struct InquiryJSON: Decodable, Sendable {
    let id: Int64
    let person: String
    let born: String?
    let unit: String?
    let note: String?
    let region: String
    let channel: String
    let relationship: String
    let inquirer: InquirerJSON
}

struct InquirerJSON: Decodable, Sendable {
    let name: String
    let contacts: [ContactJSON]
}

struct ContactJSON: Decodable, Sendable {
    let kind: String
    let value: String
}

struct HistoryJSON: Decodable, Sendable {
    let kind: String
    let from: String?
    let to: String?
    let note: String?
    let source: String?
    let asOf: String?
    let inquiry: Int64?
}

struct OperatorJSON: Decodable, Sendable {
    let name: String
    let displayName: String?
    let role: String
}
