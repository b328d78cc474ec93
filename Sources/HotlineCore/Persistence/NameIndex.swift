import GRDB

/// The name index store. Keeps the name index (name_entry and its FTS5 table name_search) in step with the names a
/// case is known by. Called inside the transaction that writes the name.
enum NameIndex {
    enum Kind: String {
        case person, inquirer
    }

    /// Indexes `name` for the case unless the case already has an entry of this kind that
    /// folds to the same key (the same spelling adds nothing). `laterTables: false` only for
    /// the rebuilds of migrations before v012, which knew no name_pairs or name_term table.
    static func add(
        caseId: Int64, kind: Kind, name: String, unit: String? = nil, laterTables: Bool = true, in db: Database
    ) throws {
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
        if laterTables {
            try addPairs(entryId: id, skeletons: skeletons, in: db)
            try addTerms(words: words + initials, skeletons: skeletons, in: db)
        }
    }

    /// The vocabulary (`name_term`, migration v015) gains the terms it lacks.
    private static func addTerms(words: [String], skeletons: [String], in db: Database) throws {
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO name_term (col, term) SELECT ?, value FROM json_each(?) WHERE value <> ''")
        try insert.execute(arguments: ["words", try SQLList.json(words)])
        try insert.execute(arguments: ["skeletons", try SQLList.json(skeletons)])
    }

    /// The pair terms (`NamePairs`) of the entry `entryId` with these skeletons.
    private static func addPairs(entryId: Int64, skeletons: [String], in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO name_pairs (rowid, pairs) VALUES (?, ?)")
            .execute(arguments: [entryId, NamePairs.terms(skeletons).joined(separator: " ")])
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
        try addPairs(entryId: id, skeletons: skeletons, in: db)
        try addTerms(words: words, skeletons: skeletons, in: db)
    }

    /// Indexes every case's names from scratch: for databases written before the index
    /// existed (migration v003), before it folded decomposed letters and held initials
    /// (v007), and after a restore of such a file.
    /// No pair terms or vocabulary (`laterTables: false`): v012 and v015 add them after.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM name_entry")
        try db.execute(sql: "INSERT INTO name_search(name_search) VALUES ('delete-all')")
        let cases = try Row.fetchCursor(db, sql: "SELECT id, person_name, unit FROM person_case")
        while let row = try cases.next() {
            try add(caseId: row[0], kind: .person, name: row[1], unit: row[2], laterTables: false, in: db)
        }
        let asked = try Row.fetchCursor(
            db,
            sql: """
                SELECT inquiry.case_id, inquiry.person_name, inquirer.name AS inquirer_name
                FROM inquiry JOIN inquirer ON inquirer.id = inquiry.inquirer_id ORDER BY inquiry.id
                """)
        while let row = try asked.next() {
            try add(caseId: row[0], kind: .person, name: row[1], laterTables: false, in: db)
            try add(caseId: row[0], kind: .inquirer, name: row[2], laterTables: false, in: db)
        }
    }

    /// Writes every index entry's pair terms from scratch, from its name as `add` folds it
    /// (migration v012). An entry's skeletons depend on its name alone, so the rest of the
    /// index stays as it is.
    static func rebuildPairs(in db: Database) throws {
        try db.execute(sql: "INSERT INTO name_pairs(name_pairs) VALUES ('delete-all')")
        let entries = try Row.fetchCursor(db, sql: "SELECT id, name FROM name_entry ORDER BY id")
        while let row = try entries.next() {
            let words = Set(NameFolding.readings(row[1]).flatMap { $0 })
            try addPairs(entryId: row[0], skeletons: words.map(NameFolding.skeleton), in: db)
        }
    }
}
