import Foundation
import GRDB

// Rows of the tables in Schema/. Column names are the snake_case of the properties. These stay
// internal: the service layer hands out its own result types.

/// Shared by the Codable records: snake_case columns.
protocol SnakeCaseRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension SnakeCaseRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .convertFromSnakeCase
    }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A row of `person_case`: one person sought.
struct PersonCaseRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "person_case"
    var id: Int64?
    var ref: String
    var personName: String
    var born: String?
    var region: String
    var unit: String?
    var status: String
    var openedAt: Date
    var openedBy: String
    var lastActivityAt: Date
    var lastInquiryAt: Date
    var inquiryCount: Int
    /// Set when this case was merged into another as a duplicate.
    var mergedInto: Int64? = nil
}

/// A row of `inquirer`.
struct InquirerRecord {
    var id: Int64?
    var name: String
    var createdAt: Date
    var createdBy: String
}

/// A row of `contact`.
struct ContactRecord {
    var id: Int64?
    var inquirerId: Int64
    var kind: String
    var value: String
}

/// A row of `inquiry`.
struct InquiryRecord {
    var id: Int64?
    var caseId: Int64
    var inquirerId: Int64
    var personName: String
    var born: String?
    var region: String
    var unit: String?
    var relationship: String
    var channel: String
    var note: String?
    var receivedAt: Date
    var `operator`: String
}

/// A row of `case_history`. Rows are only ever inserted (triggers forbid the rest).
struct HistoryRecord {
    var id: Int64?
    var caseId: Int64
    var at: Date
    var `operator`: String
    var kind: String
    var field: String?
    var fromValue: String?
    var toValue: String?
    var note: String?
    var source: String?
    var asOf: String?
    var inquiryId: Int64?
    /// The case this entry was written on, when a merge moved it.
    var movedFrom: Int64? = nil
}

// MARK: - Hand-written row coding and statements for the hot paths
//
// Codable with snake_case conversion, GRDB's statement building and its DateFormatter cost
// more than the SQL itself on the write path and in lists, so the records every inquiry
// writes and every list reads say their columns and SQL directly, with cached statements.

extension PersonCaseRecord {
    /// Every fetch of a case is `SELECT *` of person_case, so columns are read by position
    /// (schema order), without GRDB's lookup by name.
    init(row: Row) throws {
        id = row[0]
        ref = row[1]
        personName = row[2]
        born = row[3]
        region = row[4]
        unit = row[5]
        status = row[6]
        openedAt = try DatabaseTime.date(row, 7)
        openedBy = row[8]
        lastActivityAt = try DatabaseTime.date(row, 9)
        lastInquiryAt = try DatabaseTime.date(row, 10)
        inquiryCount = row[11]
        mergedInto = row[12]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ref"] = ref
        container["person_name"] = personName
        container["born"] = born
        container["region"] = region
        container["unit"] = unit
        container["status"] = status
        container["opened_at"] = DatabaseTime.text(openedAt)
        container["opened_by"] = openedBy
        container["last_activity_at"] = DatabaseTime.text(lastActivityAt)
        container["last_inquiry_at"] = DatabaseTime.text(lastInquiryAt)
        container["inquiry_count"] = inquiryCount
        container["merged_into"] = mergedInto
    }

    /// Inserts this new case and sets its id.
    mutating func insertNew(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO person_case (ref, person_name, born, region, unit, status, opened_at, opened_by,
                    last_activity_at, last_inquiry_at, inquiry_count, merged_into)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            ref, personName, born, region, unit, status, DatabaseTime.text(openedAt), openedBy,
            DatabaseTime.text(lastActivityAt), DatabaseTime.text(lastInquiryAt), inquiryCount, mergedInto,
        ])
        id = db.lastInsertedRowID
    }
}

extension InquirerRecord {
    /// Inserts this new inquirer and sets its id.
    mutating func insertNew(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO inquirer (name, created_at, created_by) VALUES (?, ?, ?)")
            .execute(arguments: [name, DatabaseTime.text(createdAt), createdBy])
        id = db.lastInsertedRowID
    }
}

extension ContactRecord {
    /// Inserts this contact unless the inquirer already has it.
    func insertIfNew(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO contact (inquirer_id, kind, value) VALUES (?, ?, ?)")
            .execute(arguments: [inquirerId, kind, value])
    }
}

extension InquiryRecord {
    /// Inserts this new inquiry and sets its id.
    mutating func insertNew(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO inquiry (case_id, inquirer_id, person_name, born, region, unit, relationship, channel,
                    note, received_at, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            caseId, inquirerId, personName, born, region, unit, relationship, channel, note,
            DatabaseTime.text(receivedAt), `operator`,
        ])
        id = db.lastInsertedRowID
    }
}

extension HistoryRecord {
    /// Appends this entry and sets its id.
    mutating func insertNew(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO case_history (case_id, at, operator, kind, field, from_value, to_value, note, source,
                    as_of, inquiry_id, moved_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            caseId, DatabaseTime.text(at), `operator`, kind, field, fromValue, toValue, note, source, asOf,
            inquiryId, movedFrom,
        ])
        id = db.lastInsertedRowID
    }
}
