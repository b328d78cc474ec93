import Foundation
import GRDB

// Rows of the tables in Schema/, as GRDB records. Column names are the snake_case of the
// properties. These stay internal: the service layer hands out its own result types.

/// Shared by every record: snake_case columns.
protocol SnakeCaseRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension SnakeCaseRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .convertFromSnakeCase
    }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A row of `person_case`: one person sought.
struct PersonCaseRecord: SnakeCaseRecord {
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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `inquirer`.
struct InquirerRecord: SnakeCaseRecord {
    static let databaseTableName = "inquirer"
    var id: Int64?
    var name: String
    var createdAt: Date
    var createdBy: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `contact`.
struct ContactRecord: SnakeCaseRecord {
    static let databaseTableName = "contact"
    var id: Int64?
    var inquirerId: Int64
    var kind: String
    var value: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `inquiry`.
struct InquiryRecord: SnakeCaseRecord {
    static let databaseTableName = "inquiry"
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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `case_history`. Rows are only ever inserted (triggers forbid the rest).
struct HistoryRecord: SnakeCaseRecord {
    static let databaseTableName = "case_history"
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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

// MARK: - Hand-written row coding for the records every inquiry writes
//
// Codable with snake_case conversion costs more than the SQL itself on the bulk path (about a
// fifth of a seeding profile), so the records written per inquiry say their columns directly.

extension PersonCaseRecord {
    init(row: Row) throws {
        id = row["id"]
        ref = row["ref"]
        personName = row["person_name"]
        born = row["born"]
        region = row["region"]
        unit = row["unit"]
        status = row["status"]
        openedAt = row["opened_at"]
        openedBy = row["opened_by"]
        lastActivityAt = row["last_activity_at"]
        lastInquiryAt = row["last_inquiry_at"]
        inquiryCount = row["inquiry_count"]
        mergedInto = row["merged_into"]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ref"] = ref
        container["person_name"] = personName
        container["born"] = born
        container["region"] = region
        container["unit"] = unit
        container["status"] = status
        container["opened_at"] = openedAt
        container["opened_by"] = openedBy
        container["last_activity_at"] = lastActivityAt
        container["last_inquiry_at"] = lastInquiryAt
        container["inquiry_count"] = inquiryCount
        container["merged_into"] = mergedInto
    }
}

extension InquirerRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["name"] = name
        container["created_at"] = createdAt
        container["created_by"] = createdBy
    }
}

extension ContactRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["inquirer_id"] = inquirerId
        container["kind"] = kind
        container["value"] = value
    }
}

extension InquiryRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["case_id"] = caseId
        container["inquirer_id"] = inquirerId
        container["person_name"] = personName
        container["born"] = born
        container["region"] = region
        container["unit"] = unit
        container["relationship"] = relationship
        container["channel"] = channel
        container["note"] = note
        container["received_at"] = receivedAt
        container["operator"] = `operator`
    }
}

extension HistoryRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["case_id"] = caseId
        container["at"] = at
        container["operator"] = `operator`
        container["kind"] = kind
        container["field"] = field
        container["from_value"] = fromValue
        container["to_value"] = toValue
        container["note"] = note
        container["source"] = source
        container["as_of"] = asOf
        container["inquiry_id"] = inquiryId
        container["moved_from"] = movedFrom
    }
}
