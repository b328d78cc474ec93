import GRDB

/// What correcting an inquiry (`inquiry edit`) needs from storage: the `inquiry` and `contact` rows.
struct SQLiteInquiryStore {
    let db: Database

    /// The inquiry's case, inquirer and relationship; `nil` when no inquiry has this id.
    func inquiry(id: Int64) throws -> (caseId: Int64, inquirerId: Int64, relationship: String)? {
        try Row.fetchOne(
            db, sql: "SELECT case_id, inquirer_id, relationship FROM inquiry WHERE id = ?", arguments: [id]
        ).map { ($0[0], $0[1], $0[2]) }
    }

    func setRelationship(_ relationship: String, inquiryId: Int64) throws {
        try db.execute(sql: "UPDATE inquiry SET relationship = ? WHERE id = ?", arguments: [relationship, inquiryId])
    }

    /// Adds the contact unless the inquirer has it; whether it was added.
    func addContact(_ contact: Contact, inquirerId: Int64) throws -> Bool {
        try db.execute(
            sql: "INSERT OR IGNORE INTO contact (inquirer_id, kind, value) VALUES (?, ?, ?)",
            arguments: [inquirerId, contact.kind.rawValue, contact.value])
        return db.changesCount > 0
    }

    /// Removes the contact; whether the inquirer had it.
    func removeContact(_ contact: Contact, inquirerId: Int64) throws -> Bool {
        try db.execute(
            sql: "DELETE FROM contact WHERE inquirer_id = ? AND kind = ? AND value = ?",
            arguments: [inquirerId, contact.kind.rawValue, contact.value])
        return db.changesCount > 0
    }
}

extension Database {
    /// The inquiry store on this transaction.
    var inquiries: SQLiteInquiryStore { SQLiteInquiryStore(db: self) }
}
