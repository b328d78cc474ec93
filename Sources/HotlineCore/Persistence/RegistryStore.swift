import Foundation
import GRDB

/// A row of `registry_list`.
struct RegistryListRow {
    let id: Int64
    let name: String
    let kind: String
    let received: String
    let originator: String?
    let tellable: Bool
}

/// A registry record as stored (`registry_record`), its names decoded.
struct RegistryRecordRow: Equatable {
    var id: Int64?
    var listId: Int64
    var rowKey: String
    var rowNumber: Int
    var names: [String]
    var born: String?
    var unit: String?
    var serviceNumber: String?
    var serviceNumberKey: String?
    var rank: String?
    var region: String?
    var says: String
    var newsDate: String?
    var place: String?
    var note: String?
    var evidence: [EvidenceReference]
    var withdrawn: Bool

    /// Whether the two say the same about the person (the row number and id aside).
    func sameContent(as other: RegistryRecordRow) -> Bool {
        var a = self
        var b = other
        (a.id, b.id, a.rowNumber, b.rowNumber) = (nil, nil, 0, 0)
        return a == b
    }
}

/// A row of `registry_match`.
struct MatchRow {
    let id: Int64
    let recordId: Int64
    let caseId: Int64
    let score: Double
    let why: String
    let evidence: [MatchEvidence]
    let state: MatchState
    let conflict: String?
    let confirmedBy: String?
    let approvedBy: String?
    let rejectedBy: String?
    let note: String?
}

/// A proposal to store.
struct MatchProposal {
    let recordId: Int64
    let caseId: Int64
    let score: Double
    let why: String
    let evidence: [MatchEvidence]
    let state: MatchState
    let conflict: String?
}

/// What the registry services need from storage: lists, records, their name index, matches,
/// the registry log, and the case's service number. All the registry's SQL is here.
struct SQLiteRegistryStore {
    let db: Database

    // MARK: - Lists

    func list(named name: String) throws -> RegistryListRow? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT id, name, kind, received, originator, tellable FROM registry_list WHERE name = ?"),
            arguments: [name]
        ).map(Self.listRow)
    }

    func list(id: Int64) throws -> RegistryListRow? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT id, name, kind, received, originator, tellable FROM registry_list WHERE id = ?"),
            arguments: [id]
        ).map(Self.listRow)
    }

    private static func listRow(_ row: Row) -> RegistryListRow {
        RegistryListRow(
            id: row[0], name: row[1], kind: row[2], received: row[3], originator: row[4], tellable: row[5])
    }

    func insertList(
        name: String, kind: String, received: String, originator: String?, tellable: Bool, at: Date, by: String
    ) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO registry_list (name, kind, received, originator, tellable, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, kind, received, originator, tellable, DatabaseTime.text(at), by])
        return db.lastInsertedRowID
    }

    /// A later import of the list may correct what is known of it.
    func updateList(id: Int64, kind: String, received: String, originator: String?, tellable: Bool) throws {
        try db.execute(
            sql: "UPDATE registry_list SET kind = ?, received = ?, originator = ?, tellable = ? WHERE id = ?",
            arguments: [kind, received, originator, tellable, id])
    }

    func lists() throws -> [RegistryListInfo] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT l.name, l.kind, l.received, l.originator, l.tellable, l.created_at, l.created_by,
                    (SELECT count(*) FROM registry_record r WHERE r.list_id = l.id),
                    (SELECT count(*) FROM registry_record r WHERE r.list_id = l.id AND r.withdrawn_at IS NOT NULL)
                FROM registry_list l ORDER BY l.received DESC, l.id DESC
                """
        ).map { row in
            RegistryListInfo(
                name: row[0], kind: row[1], received: row[2], originator: row[3], tellable: row[4], records: row[7],
                withdrawn: row[8], created: try DatabaseTime.date(row, 5), createdBy: row[6])
        }
    }

    // MARK: - Records

    private static let recordColumns = """
        id, list_id, row_key, row_number, names, born, unit, service_number, service_number_key, rank, region, says,
        news_date, place, note, evidence, withdrawn_at IS NOT NULL
        """

    private static func recordRow(_ row: Row) throws -> RegistryRecordRow {
        RegistryRecordRow(
            id: row[0], listId: row[1], rowKey: row[2], rowNumber: row[3],
            names: try JSONDecoder().decode([String].self, from: Data((row[4] as String).utf8)),
            born: row[5], unit: row[6], serviceNumber: row[7], serviceNumberKey: row[8], rank: row[9], region: row[10],
            says: row[11], newsDate: row[12], place: row[13], note: row[14],
            evidence: try JSONDecoder().decode([EvidenceReference].self, from: Data((row[15] as String).utf8)),
            withdrawn: row[16])
    }

    func record(listId: Int64, key: String) throws -> RegistryRecordRow? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT \(Self.recordColumns) FROM registry_record WHERE list_id = ? AND row_key = ?"),
            arguments: [listId, key]
        ).map(Self.recordRow)
    }

    /// The records of a list, not withdrawn, whose key is none of `keys`, by row number.
    func records(listId: Int64, notIn keys: [String]) throws -> [MissingRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT id, names, row_number FROM registry_record
                WHERE list_id = ? AND withdrawn_at IS NULL AND row_key NOT IN (SELECT value FROM json_each(?))
                ORDER BY row_number, id
                """, arguments: [listId, try SQLList.json(keys)]
        ).map { row in
            let names = try JSONDecoder().decode([String].self, from: Data((row[1] as String).utf8))
            return MissingRecord(record: row[0], name: names.first ?? "", row: row[2])
        }
    }

    func record(id: Int64) throws -> RegistryRecordRow? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM registry_record WHERE id = ?"), arguments: [id]
        ).map(Self.recordRow)
    }

    private func arguments(_ record: RegistryRecordRow) throws -> StatementArguments {
        [
            record.listId, record.rowKey, record.rowNumber, try SQLList.json(record.names), record.born, record.unit,
            record.serviceNumber, record.serviceNumberKey, record.rank, record.region, record.says, record.newsDate,
            record.place, record.note, try SQLList.json(record.evidence),
        ]
    }

    /// Inserts a new record and indexes its names; returns its id.
    func insert(_ record: RegistryRecordRow, at: Date) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO registry_record (list_id, row_key, row_number, names, born, unit, service_number,
                    service_number_key, rank, region, says, news_date, place, note, evidence, imported_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: try arguments(record) + [DatabaseTime.text(at), DatabaseTime.text(at)])
        let id = db.lastInsertedRowID
        try index(names: record.names, recordId: id)
        return id
    }

    /// Rewrites a record with what a corrected list says; its names are indexed afresh.
    func update(id: Int64, to record: RegistryRecordRow, at: Date) throws {
        try db.cachedStatement(
            sql: """
                UPDATE registry_record SET list_id = ?, row_key = ?, row_number = ?, names = ?, born = ?, unit = ?,
                    service_number = ?, service_number_key = ?, rank = ?, region = ?, says = ?, news_date = ?,
                    place = ?, note = ?, evidence = ?, updated_at = ? WHERE id = ?
                """
        ).execute(arguments: try arguments(record) + [DatabaseTime.text(at), id])
        try unindexNames(recordId: id)
        try index(names: record.names, recordId: id)
    }

    /// The source withdrew the record: it stays, marked, and is matched no more.
    func setWithdrawn(id: Int64, at: Date) throws {
        try db.execute(
            sql: "UPDATE registry_record SET withdrawn_at = ? WHERE id = ?", arguments: [DatabaseTime.text(at), id])
    }

    /// Only the row number changed (the list was re-sorted): nothing else is rewritten.
    func setRowNumber(_ number: Int, id: Int64) throws {
        try db.cachedStatement(sql: "UPDATE registry_record SET row_number = ? WHERE id = ?")
            .execute(arguments: [number, id])
    }

    private func index(names: [String], recordId: Int64) throws {
        var seen = Set<String>()
        for name in names {
            let folded = NameFolding.key(name)
            guard seen.insert(folded).inserted else { continue }
            try db.cachedStatement(sql: "INSERT INTO registry_name (record_id, name, folded) VALUES (?, ?, ?)")
                .execute(arguments: [recordId, name, folded])
            let (words, skeletons) = Self.indexText(name)
            try db.cachedStatement(sql: "INSERT INTO registry_search (rowid, words, skeletons) VALUES (?, ?, ?)")
                .execute(arguments: [db.lastInsertedRowID, words, skeletons])
        }
    }

    /// A contentless FTS5 row is deleted by giving the values it was indexed with: the folding
    /// is deterministic, so they are computed again from the stored name.
    private func unindexNames(recordId: Int64) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, name FROM registry_name WHERE record_id = ?", arguments: [recordId])
        for row in rows {
            let (words, skeletons) = Self.indexText(row[1])
            try db.execute(
                sql:
                    "INSERT INTO registry_search (registry_search, rowid, words, skeletons) VALUES ('delete', ?, ?, ?)",
                arguments: [row[0] as Int64, words, skeletons])
        }
        try db.execute(sql: "DELETE FROM registry_name WHERE record_id = ?", arguments: [recordId])
    }

    /// The words and skeletons of a name, as name_search indexes a case's.
    private static func indexText(_ name: String) -> (String, String) {
        let words = Array(Set(NameFolding.readings(name).flatMap { $0 })).sorted()
        let skeletons = Array(Set(words.map(NameFolding.skeleton))).sorted()
        return (words.joined(separator: " "), skeletons.joined(separator: " "))
    }

    /// The records (not withdrawn) with a name entry matching an FTS5 query, at most `limit`.
    func recordIds(matching query: String, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT DISTINCT registry_name.record_id FROM registry_search
                    JOIN registry_name ON registry_name.id = registry_search.rowid
                    WHERE registry_search MATCH ? LIMIT ?
                    """), arguments: [query, limit])
    }

    /// The name entries (their record and folded name) matching an FTS5 query, at most `limit`.
    func nameEntries(matching query: String, limit: Int) throws -> [(recordId: Int64, folded: String)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT registry_name.record_id, registry_name.folded FROM registry_search
                    JOIN registry_name ON registry_name.id = registry_search.rowid
                    WHERE registry_search MATCH ? LIMIT ?
                    """), arguments: [query, limit]
        ).map { ($0[0], $0[1]) }
    }

    /// Whether any record was ever imported: until a list arrives, intake skips the registry
    /// check (one indexed probe instead of folding and searching the person's names).
    func isEmpty() throws -> Bool {
        try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM registry_record)")) ?? false)
    }

    /// The records with this service number key.
    func recordIds(serviceNumberKey key: String) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM registry_record WHERE service_number_key = ? LIMIT 100"),
            arguments: [key])
    }

    /// Record summaries, newest first: of one list, only those with no case confirmed or proposed.
    func summaries(listId: Int64?, unmatchedOnly: Bool, limit: Int) throws -> [RegistryRecordSummary] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, l.name, r.names, r.born, r.service_number, r.says, r.news_date, r.region,
                    (SELECT count(*) FROM registry_match m WHERE m.record_id = r.id
                        AND m.state IN ('proposed', 'awaiting-approval', 'conflict')),
                    (SELECT count(*) FROM registry_match m WHERE m.record_id = r.id AND m.state = 'confirmed'),
                    r.withdrawn_at IS NOT NULL
                FROM registry_record r JOIN registry_list l ON l.id = r.list_id
                WHERE (?1 IS NULL OR r.list_id = ?1)
                AND (?2 = 0 OR NOT EXISTS (SELECT 1 FROM registry_match m WHERE m.record_id = r.id
                    AND m.state IN ('proposed', 'awaiting-approval', 'conflict', 'confirmed')))
                ORDER BY r.id DESC LIMIT ?3
                """, arguments: [listId, unmatchedOnly, limit])
        return try rows.map { row in
            let names = try JSONDecoder().decode([String].self, from: Data((row[2] as String).utf8))
            return RegistryRecordSummary(
                id: row[0], list: row[1], name: names.first ?? "", born: row[3], serviceNumber: row[4], says: row[5],
                date: row[6], region: row[7], proposed: row[8], confirmed: row[9], withdrawn: row[10])
        }
    }

    /// Every record id of a list, for the ones a new version of the list no longer names.
    func recordCount(listId: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM registry_record WHERE list_id = ?", arguments: [listId]) ?? 0
    }

    /// The highest record id, for shell completion.
    func recordIds(startingWith prefix: String, limit: Int) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT CAST(id AS TEXT) AS t FROM registry_record WHERE t LIKE ? || '%' ORDER BY id DESC LIMIT ?",
            arguments: [prefix, limit])
    }

    // MARK: - Matches

    /// Stores a proposal unless the pair was proposed before (whatever was decided then);
    /// returns its id when new.
    func propose(_ proposal: MatchProposal, at: Date) throws -> Int64? {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO registry_match (record_id, case_id, score, why, evidence, state, conflict,
                    proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            proposal.recordId, proposal.caseId, proposal.score, proposal.why, try SQLList.json(proposal.evidence),
            proposal.state.rawValue, proposal.conflict, DatabaseTime.text(at),
        ])
        return db.changesCount > 0 ? db.lastInsertedRowID : nil
    }

    /// A still-undecided proposal is brought up to date with a corrected record.
    func refresh(_ proposal: MatchProposal) throws {
        try db.execute(
            sql: """
                UPDATE registry_match SET score = ?, why = ?, evidence = ?, state = ?, conflict = ?
                WHERE record_id = ? AND case_id = ? AND state IN ('proposed', 'conflict')
                """,
            arguments: [
                proposal.score, proposal.why, try SQLList.json(proposal.evidence), proposal.state.rawValue,
                proposal.conflict, proposal.recordId, proposal.caseId,
            ])
    }

    private static let matchColumns = """
        id, record_id, case_id, score, why, evidence, state, conflict, confirmed_by, approved_by, rejected_by, note
        """

    private static func matchRow(_ row: Row) throws -> MatchRow {
        MatchRow(
            id: row[0], recordId: row[1], caseId: row[2], score: row[3], why: row[4],
            evidence: try JSONDecoder().decode([MatchEvidence].self, from: Data((row[5] as String).utf8)),
            state: try StoredState.value(row, 6), conflict: row[7], confirmedBy: row[8],
            approvedBy: row[9], rejectedBy: row[10], note: row[11])
    }

    func match(id: Int64) throws -> MatchRow? {
        try Row.fetchOne(db, sql: "SELECT \(Self.matchColumns) FROM registry_match WHERE id = ?", arguments: [id])
            .map(Self.matchRow)
    }

    /// The person sought (not inquirer) entries of the cases' name index among `ids`. The ids
    /// go as a JSON array written by hand: JSONEncoder cost a tenth of the name lookup.
    func personEntries(ids: [Int64]) throws -> [(caseId: Int64, name: String, folded: String)] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT case_id, name, folded FROM name_entry
                    WHERE id IN (SELECT value FROM json_each(?)) AND kind = 'person'
                    """),
            arguments: [SQLList.json(ids)]
        ).map { ($0[0], $0[1], $0[2]) }
    }

    /// Whether the pair was ever proposed (in any state).
    func hasMatch(recordId: Int64, caseId: Int64) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM registry_match WHERE record_id = ? AND case_id = ?"),
            arguments: [recordId, caseId]) ?? false
    }

    /// The matches of a case, best first (rejected ones left out unless asked for).
    func matches(caseId: Int64) throws -> [MatchRow] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.matchColumns) FROM registry_match WHERE case_id = ? AND state != 'rejected'
                    ORDER BY score DESC, id
                    """), arguments: [caseId]
        ).map(Self.matchRow)
    }

    /// The confirmed (or awaiting approval) matches of a record.
    func links(recordId: Int64) throws -> [LinkedCase] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT c.ref, c.person_name, m.id, m.state FROM registry_match m JOIN person_case c ON c.id = m.case_id
                WHERE m.record_id = ? AND m.state IN ('confirmed', 'awaiting-approval') ORDER BY m.id
                """, arguments: [recordId]
        ).map { LinkedCase(ref: $0[0], person: $0[1], match: $0[2], state: $0[3]) }
    }

    /// The records confirmed (or awaiting approval) for a case.
    func links(caseId: Int64) throws -> [CaseRecordLink] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, l.name, r.names, r.says, r.news_date, m.id, m.state, l.tellable,
                    r.withdrawn_at IS NOT NULL
                FROM registry_match m JOIN registry_record r ON r.id = m.record_id
                JOIN registry_list l ON l.id = r.list_id
                WHERE m.case_id = ? AND m.state IN ('confirmed', 'awaiting-approval') ORDER BY m.id
                """, arguments: [caseId]
        ).map { row in
            let names = try JSONDecoder().decode([String].self, from: Data((row[2] as String).utf8))
            return CaseRecordLink(
                record: row[0], list: row[1], name: names.first ?? "", says: row[3], date: row[4], match: row[5],
                state: row[6], tellable: row[7], withdrawn: row[8])
        }
    }

    /// Match summaries, best first, filtered.
    func summaries(listId: Int64?, region: String?, minScore: Double, states: [String], limit: Int) throws
        -> [MatchSummary]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT m.id, m.record_id, c.ref, m.score, m.why, m.state, l.name, r.names, c.person_name, r.says,
                    c.region
                FROM registry_match m JOIN registry_record r ON r.id = m.record_id
                JOIN registry_list l ON l.id = r.list_id JOIN person_case c ON c.id = m.case_id
                WHERE (?1 IS NULL OR r.list_id = ?1) AND (?2 IS NULL OR c.region = ?2 OR r.region = ?2)
                AND m.score >= ?3 AND m.state IN (SELECT value FROM json_each(?4))
                AND (r.withdrawn_at IS NULL OR m.state IN ('confirmed', 'rejected'))
                ORDER BY m.score DESC, m.id LIMIT ?5
                """, arguments: [listId, region, minScore, try SQLList.json(states), limit]
        ).map { row in
            let names = try JSONDecoder().decode([String].self, from: Data((row[7] as String).utf8))
            return MatchSummary(
                id: row[0], record: row[1], case: row[2], score: row[3], why: row[4], state: row[5], list: row[6],
                name: names.first ?? "", person: row[8], says: row[9], region: row[10])
        }
    }

    func setAwaitingApproval(matchId: Int64, by: String, at: Date, note: String?) throws {
        try db.execute(
            sql: """
                UPDATE registry_match SET state = 'awaiting-approval', confirmed_by = ?, confirmed_at = ?, note = ?
                WHERE id = ?
                """, arguments: [by, DatabaseTime.text(at), note, matchId])
    }

    func setConfirmed(matchId: Int64, by: String, at: Date, note: String?) throws {
        try db.execute(
            sql:
                "UPDATE registry_match SET state = 'confirmed', confirmed_by = ?, confirmed_at = ?, note = ? WHERE id = ?",
            arguments: [by, DatabaseTime.text(at), note, matchId])
    }

    func setApproved(matchId: Int64, by: String, at: Date) throws {
        try db.execute(
            sql: "UPDATE registry_match SET state = 'confirmed', approved_by = ?, approved_at = ? WHERE id = ?",
            arguments: [by, DatabaseTime.text(at), matchId])
    }

    func setRejected(matchId: Int64, by: String, at: Date, note: String) throws {
        try db.execute(
            sql:
                "UPDATE registry_match SET state = 'rejected', rejected_by = ?, rejected_at = ?, note = ? WHERE id = ?",
            arguments: [by, DatabaseTime.text(at), note, matchId])
    }

    func matchIds(startingWith prefix: String, limit: Int) throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT CAST(id AS TEXT) AS t FROM registry_match WHERE t LIKE ? || '%' ORDER BY id DESC LIMIT ?",
            arguments: [prefix, limit])
    }

    // MARK: - Cases

    /// The case's service number as written, and its key.
    func serviceNumber(caseId: Int64) throws -> (text: String, key: String)? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT service_number, service_number_key FROM person_case WHERE id = ?"),
                arguments: [caseId]), let text = row[0] as String?, let key = row[1] as String?
        else { return nil }
        return (text, key)
    }

    /// Every spelling of the person sought on the case (name index entries), oldest first.
    func personNames(caseId: Int64) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT name FROM name_entry WHERE case_id = ? AND kind = 'person' ORDER BY id"),
            arguments: [caseId])
    }

    func setServiceNumber(_ number: ServiceNumber, caseId: Int64) throws {
        try db.cachedStatement(sql: "UPDATE person_case SET service_number = ?, service_number_key = ? WHERE id = ?")
            .execute(arguments: [number.text, number.key, caseId])
    }

    /// The unmerged cases with this service number key.
    func caseIds(serviceNumberKey key: String) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(
                sql: "SELECT id FROM person_case WHERE service_number_key = ? AND merged_into IS NULL LIMIT 100"),
            arguments: [key])
    }

    // MARK: - The registry log

    func appendEvent(at: Date, by: String, action: String, subject: String, detail: String?) throws {
        try db.execute(
            sql: "INSERT INTO registry_event (at, by, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [DatabaseTime.text(at), by, action, subject, detail])
    }
}

extension Database {
    /// The registry store on this transaction.
    var registry: SQLiteRegistryStore { SQLiteRegistryStore(db: self) }
}
