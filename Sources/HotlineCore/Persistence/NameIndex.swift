import GRDB

/// The name index store. Keeps the name index (name_entry and its FTS5 table name_search) in step with the names a
/// case is known by. Called inside the transaction that writes the name.
enum NameIndex {
    enum Kind: String {
        case person, inquirer
    }

    /// Indexes `name` for the case unless the case already has an entry of this kind that
    /// folds to the same key (the same spelling adds nothing).
    static func add(caseId: Int64, kind: Kind, name: String, unit: String? = nil, in db: Database) throws {
        let readings = NameFolding.readings(name)
        let folded = NameFolding.key(name)
        // Cached statements: this runs twice for every inquiry, bulk loads included.
        let known = try Bool.fetchOne(
            db.cachedStatement(
                sql: "SELECT EXISTS (SELECT 1 FROM name_entry WHERE case_id = ? AND kind = ? AND folded = ?)"),
            arguments: [caseId, kind.rawValue, folded])
        guard known != true else { return }
        try db.cachedStatement(sql: "INSERT INTO name_entry (case_id, kind, name, folded) VALUES (?, ?, ?, ?)")
            .execute(arguments: [caseId, kind.rawValue, name, folded])
        let id = db.lastInsertedRowID
        let words = Array(Set(readings.flatMap { $0 })).sorted()
        let skeletons = Array(Set(words.map(NameFolding.skeleton))).sorted()
        // Each word's initial as a token of its own, for a search by initials (`Петров И.С.`).
        let initials = Array(Set(words.map(Initials.token))).sorted()
        try db.cachedStatement(sql: "INSERT INTO name_search (rowid, words, skeletons, details) VALUES (?, ?, ?, ?)")
            .execute(arguments: [
                id, (words + initials).joined(separator: " "), skeletons.joined(separator: " "),
                unit.map { NameFolding.words($0).joined(separator: " ") },
            ])
    }

    /// Indexes a corrected unit (`case edit --unit`) so search finds the case by it: a new
    /// entry for the person's name carrying the unit, since an entry's words cannot be changed
    /// in the contentless FTS table. The old unit stays findable, as every spelling does.
    static func addUnit(caseId: Int64, name: String, unit: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT INTO name_entry (case_id, kind, name, folded) VALUES (?, 'person', ?, ?)",
            arguments: [caseId, name, NameFolding.key(name)])
        let id = db.lastInsertedRowID
        let words = Array(Set(NameFolding.readings(name).flatMap { $0 })).sorted()
        let skeletons = Array(Set(words.map(NameFolding.skeleton))).sorted()
        try db.execute(
            sql: "INSERT INTO name_search (rowid, words, skeletons, details) VALUES (?, ?, ?, ?)",
            arguments: [
                id, words.joined(separator: " "), skeletons.joined(separator: " "),
                NameFolding.words(unit).joined(separator: " "),
            ])
    }

    /// Indexes every case's names from scratch: for databases written before the index
    /// existed (migration v003), before it folded decomposed letters and held initials
    /// (v007), and after a restore of such a file.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM name_entry")
        try db.execute(sql: "INSERT INTO name_search(name_search) VALUES ('delete-all')")
        let cases = try Row.fetchCursor(db, sql: "SELECT id, person_name, unit FROM person_case")
        while let row = try cases.next() {
            try add(caseId: row[0], kind: .person, name: row[1], unit: row[2], in: db)
        }
        let asked = try Row.fetchCursor(
            db,
            sql: """
                SELECT inquiry.case_id, inquiry.person_name, inquirer.name AS inquirer_name
                FROM inquiry JOIN inquirer ON inquirer.id = inquiry.inquirer_id ORDER BY inquiry.id
                """)
        while let row = try asked.next() {
            try add(caseId: row[0], kind: .person, name: row[1], in: db)
            try add(caseId: row[0], kind: .inquirer, name: row[2], in: db)
        }
    }
}
