import Foundation
import GRDB

/// Which cases `listCases` returns.
public struct CaseFilter: Sendable {
    /// Only cases whose status is open.
    public var openOnly: Bool
    /// Only cases with this status.
    public var status: String?
    /// Only cases of this region: code or name.
    public var region: String?
    /// At most this many, newest activity first.
    public var limit: Int?

    public init(
        openOnly: Bool = false, status: String? = nil, region: String? = nil, limit: Int? = nil
    ) {
        self.openOnly = openOnly
        self.status = status
        self.region = region
        self.limit = limit
    }
}

/// One line of a case list.
public struct CaseSummary: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    /// The region's ISO 3166-2 code.
    public let region: String
    public let unit: String?
    public let status: String
    public let open: Bool
    public let opened: Date
    public let lastInquiry: Date
    public let lastActivity: Date
    /// How many inquiries the case has.
    public let inquiries: Int
}

/// Everything about one case.
public struct CaseDetail: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    public let region: String
    public let regionName: String
    public let unit: String?
    public let status: String
    public let open: Bool
    public let opened: Date
    public let openedBy: String
    public let lastActivity: Date
    /// The statuses the case may move to now.
    public let allowedMoves: [String]
    public let inquiries: [InquiryDetail]
    public let history: [HistoryItem]
}

/// One inquiry of a case, with its inquirer and their contacts.
public struct InquiryDetail: Encodable, Sendable, Equatable {
    public let id: Int64
    public let at: Date
    public let by: String
    public let channel: String
    public let relationship: String
    public let note: String?
    /// The person sought as this inquirer named and described them.
    public let person: String
    public let born: String?
    public let region: String
    public let unit: String?
    public let inquirer: InquirerDetail
}

public struct InquirerDetail: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let contacts: [ContactDetail]
}

public struct ContactDetail: Encodable, Sendable, Equatable {
    public let kind: String
    public let value: String
}

/// One entry of a case's history: who, when, what changed (from, to), why.
public struct HistoryItem: Encodable, Sendable, Equatable {
    public let id: Int64
    /// opened, inquiry, status, edit or note.
    public let kind: String
    public let at: Date
    public let by: String
    public let field: String?
    public let from: String?
    public let to: String?
    public let note: String?
    public let source: String?
    public let asOf: String?
    public let inquiry: Int64?
}

extension Hotline {
    /// Streams the cases that pass `filter`, newest activity first, to `body`, one at a time:
    /// a list of a million cases never sits in memory.
    public func listCases(_ filter: CaseFilter, as reader: OperatorName, _ body: (CaseSummary) throws -> Void) throws {
        let status = try filter.status.map { name throws(HotlineError) in
            try rules.lifecycle.status(named: name)
        }
        let region = try filter.region.map { name throws(HotlineError) in try rules.regions.region(name)
        }
        if let limit = filter.limit, limit < 1 {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "it is not positive",
                accepted: "a number from 1")
        }
        let openNames = rules.lifecycle.openStatuses.map(\.name)
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            // A cached statement per shape of filter, columns read by position: this is the
            // command coordinators run all day, on lists of any length.
            var conditions = ["merged_into IS NULL"]
            var arguments: StatementArguments = []
            if let region {
                conditions.append("region = ?")
                arguments += [region.code]
            }
            if let status {
                conditions.append("status = ?")
                arguments += [status.name]
            }
            if filter.openOnly {
                conditions.append("status IN (\(openNames.map { _ in "?" }.joined(separator: ", ")))")
                arguments += StatementArguments(openNames)
            }
            let statement = try db.cachedStatement(
                sql: """
                    SELECT ref, person_name, born, region, unit, status, opened_at, last_inquiry_at, last_activity_at,
                        inquiry_count FROM person_case WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY last_activity_at DESC, id DESC LIMIT ?
                    """)
            arguments += [filter.limit ?? -1]
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            while let row = try rows.next() {
                let status: String = row[5]
                try body(
                    CaseSummary(
                        ref: row[0], person: row[1], born: row[2], region: row[3], unit: row[4], status: status,
                        open: openNames.contains(status), opened: try DatabaseTime.date(row, 6),
                        lastInquiry: try DatabaseTime.date(row, 7), lastActivity: try DatabaseTime.date(row, 8),
                        inquiries: row[9]))
            }
        }
    }

    /// All the cases that pass `filter`, for callers that want an array.
    public func cases(_ filter: CaseFilter, as reader: OperatorName) throws -> [CaseSummary] {
        var found: [CaseSummary] = []
        try listCases(filter, as: reader) { found.append($0) }
        return found
    }

    /// The case `ref` with its inquiries, inquirers, contacts and history.
    public func caseDetail(ref text: String, as reader: OperatorName) throws -> CaseDetail {
        let ref = try CaseReference(parsing: text)
        return try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let record = try PersonCaseRecord.fetch(ref: ref, in: db)
            // Four cached statements whatever the number of inquirers, rows read by position from
            // the statement (no copies): the screen an operator opens on every call.
            var contacts: [Int64: [ContactDetail]] = [:]
            let contactRows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT inquirer_id, kind, value FROM contact
                        WHERE inquirer_id IN (SELECT inquirer_id FROM inquiry WHERE case_id = ?) ORDER BY id
                        """), arguments: [record.id])
            while let row = try contactRows.next() {
                contacts[row[0], default: []].append(ContactDetail(kind: row[1], value: row[2]))
            }
            var inquiries: [InquiryDetail] = []
            let inquiryRows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT inquiry.id, inquiry.inquirer_id, inquiry.person_name, inquiry.born, inquiry.region,
                            inquiry.unit, inquiry.relationship, inquiry.channel, inquiry.note, inquiry.received_at,
                            inquiry.operator, inquirer.name
                        FROM inquiry JOIN inquirer ON inquirer.id = inquiry.inquirer_id
                        WHERE inquiry.case_id = ? ORDER BY inquiry.received_at, inquiry.id
                        """), arguments: [record.id])
            while let row = try inquiryRows.next() {
                let inquirerId: Int64 = row[1]
                inquiries.append(
                    InquiryDetail(
                        id: row[0], at: try DatabaseTime.date(row, 9), by: row[10], channel: row[7],
                        relationship: row[6], note: row[8], person: row[2], born: row[3], region: row[4], unit: row[5],
                        inquirer: InquirerDetail(id: inquirerId, name: row[11], contacts: contacts[inquirerId] ?? [])))
            }
            var history: [HistoryItem] = []
            let historyRows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT id, kind, at, operator, field, from_value, to_value, note, source, as_of, inquiry_id
                        FROM case_history WHERE case_id = ? ORDER BY id
                        """), arguments: [record.id])
            while let row = try historyRows.next() {
                history.append(
                    HistoryItem(
                        id: row[0], kind: row[1], at: try DatabaseTime.date(row, 2), by: row[3], field: row[4],
                        from: row[5], to: row[6], note: row[7], source: row[8], asOf: row[9], inquiry: row[10]))
            }
            let status = rules.lifecycle.statuses.first { $0.name == record.status }
            return CaseDetail(
                ref: record.ref, person: record.personName, born: record.born, region: record.region,
                regionName: rules.regions.region(code: record.region)?.en ?? record.region,
                unit: record.unit,
                status: record.status, open: status?.isOpen ?? false, opened: record.openedAt,
                openedBy: record.openedBy, lastActivity: record.lastActivityAt,
                allowedMoves: status.map { rules.lifecycle.allowedMoves(from: $0).map(\.name) } ?? [],
                inquiries: inquiries, history: history)
        }
    }
}

extension Hotline {
    /// Up to `limit` case references starting with `prefix`, for completion.
    public func caseReferences(startingWith prefix: String, limit: Int) throws -> [String] {
        try database.read { db in
            try String.fetchAll(
                db, sql: "SELECT ref FROM person_case WHERE ref >= ? AND ref < ? || '~' ORDER BY ref LIMIT ?",
                arguments: [prefix, prefix, limit])
        }
    }
}
