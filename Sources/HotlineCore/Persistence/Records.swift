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
