import Foundation
import GRDB
import HotlineCore

/// A name as the index stores it, computed before timing with the core's public folding:
/// the name_entry key and the name_search columns, exactly as `NameIndex.add` writes them.
struct RawName {
    let name: String
    let folded: String
    let words: String
    let skeletons: String
    let details: String?
    /// The words and skeletons as JSON arrays, for the vocabulary table (`name_term`).
    let wordsJSON: String
    let skeletonsJSON: String

    init(_ name: String, unit: String? = nil) {
        self.name = name
        folded = NameFolding.key(name)
        let all = Array(Set(NameFolding.readings(name).flatMap { $0 })).sorted()
        words = all.joined(separator: " ")
        skeletons = Array(Set(all.map(NameFolding.skeleton))).sorted().joined(separator: " ")
        details = unit.map { NameFolding.words($0).joined(separator: " ") }
        let json = { (terms: [String]) in String(decoding: try! JSONEncoder().encode(terms), as: UTF8.self) }
        wordsJSON = json(all)
        skeletonsJSON = json(Array(Set(all.map(NameFolding.skeleton))).sorted())
    }
}

/// One inquiry with every value validated, normalised and folded before timing: what the raw
/// side writes.
struct RawInquiry {
    /// A new case's reference (drawn beforehand), or the case to add to.
    var ref: String
    let isNew: Bool
    let person: String?
    let born: String?
    let region: String?
    let unit: String?
    let inquirer: String
    let relationship: String
    let channel: String
    let contacts: [(kind: String, value: String)]
    let note: String?
    let at: String
    /// The person's name as indexed (for a follow-up without a name: the case's name).
    let personName: RawName
    let inquirerName: RawName
    let historyNote: String

    /// Validates and folds `draft` with the core's public rules. `caseName` and `caseUnit` are
    /// what the case holds, for a follow-up that leaves them out.
    init(
        _ draft: InquiryDraft, ref: String, rules: HotlineRules, at: Date, caseName: String? = nil,
        caseUnit: String? = nil
    ) throws {
        self.ref = ref
        isNew = draft.caseRef == nil
        person = draft.person
        born = try draft.born.map { try PartialDate(parsing: $0, field: "born").description }
        region = try draft.region.map { try rules.regions.region($0).code }
        unit = draft.unit
        inquirer = draft.inquirer
        let relationship = try rules.relationships.term(draft.relationship).name
        let channel = try rules.channels.term(draft.channel).name
        self.relationship = relationship
        self.channel = channel
        var contacts: [(kind: String, value: String)] = []
        for text in draft.contacts {
            let contact = try Contact(parsing: text, defaultCountry: rules.defaultCountry)
            if !contacts.contains(where: { $0.kind == contact.kind.rawValue && $0.value == contact.value }) {
                contacts.append((contact.kind.rawValue, contact.value))
            }
        }
        self.contacts = contacts
        note = draft.note
        self.at = SQLiteTime.text(at)
        personName = RawName(draft.person ?? caseName ?? "", unit: draft.unit ?? caseUnit)
        inquirerName = RawName(draft.inquirer)
        historyNote = "\(draft.inquirer) (\(relationship)) via \(channel)"
    }
}

/// The hot operations done with raw SQL through the SQLite C API: the same rows, the same
/// checks a correct implementation needs (role check, a free reference, the inquirer who
/// called before), prepared statements reused, values computed before timing. Rows read are
/// turned into Swift strings and integers, as an app would; dates stay text.
final class RawHotline {
    let db: RawDatabase
    let openStatuses: [String]
    let lifecycle: Lifecycle
    let operatorName = "bench"
    /// The statuses that are news for the families: a change to one writes notices (issue 13).
    let news: Set<String>

    init(path: String, rules: HotlineRules, synchronous: String = "FULL") throws {
        db = try RawDatabase(path: path, synchronous: synchronous)
        lifecycle = rules.lifecycle
        news = rules.notices.news
        openStatuses = rules.lifecycle.openStatuses.map(\.name)
    }

    // MARK: - Transactions

    func begin(immediate: Bool) throws {
        try db.statement(immediate ? "BEGIN IMMEDIATE" : "BEGIN").run()
    }

    func commit() throws { try db.statement("COMMIT").run() }
    func rollback() throws { try db.statement("ROLLBACK").run() }

    /// The role check every command makes (set-up mode while there are no operators).
    func authorize() throws {
        let statement = try db.statement("SELECT count(*) FROM operator")
        _ = try statement.step()
        let operators = statement.int(0)
        statement.reset()
        if operators > 0 {
            let role = try db.statement("SELECT role, disabled_at FROM operator WHERE name = ?")
            role.bind(1, operatorName)
            guard try role.step(), role.isNull(1) else { throw BenchError("operator bench may not act") }
            role.reset()
        }
    }

    // MARK: - (1) Log one inquiry

    func logInquiry(_ inquiry: RawInquiry) throws {
        try begin(immediate: true)
        do {
            try authorize()
            try write(inquiry)
            try commit()
        } catch {
            try? rollback()
            throw error
        }
    }

    /// One inquiry inside the current transaction: the statements a hand-written
    /// implementation needs for the same rows.
    func write(_ inquiry: RawInquiry) throws {
        let now = inquiry.at
        var caseId: Int64
        var caseBorn: String?
        var caseUnit: String?
        var casePerson: String
        var caseRegion: String
        if inquiry.isNew {
            var ref = inquiry.ref
            let taken = try db.statement("SELECT 1 FROM person_case WHERE ref = ? LIMIT 1")
            taken.bind(1, ref)
            while try taken.step() {
                var generator = SystemRandomNumberGenerator()
                ref = CaseReference.random(using: &generator).description
                taken.reset()
                taken.bind(1, ref)
            }
            taken.reset()
            let insert = try db.statement(
                """
                INSERT INTO person_case (ref, person_name, born, region, unit, status, opened_at, opened_by,
                    last_activity_at, last_inquiry_at, inquiry_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """)
            insert.bind(1, ref)
            insert.bind(2, inquiry.person)
            insert.bind(3, inquiry.born)
            insert.bind(4, inquiry.region)
            insert.bind(5, inquiry.unit)
            insert.bind(6, lifecycle.initial.name)
            insert.bind(7, now)
            insert.bind(8, operatorName)
            insert.bind(9, now)
            insert.bind(10, now)
            try insert.run()
            caseId = db.lastInsertedRowID
            (caseBorn, caseUnit, casePerson, caseRegion) = (
                inquiry.born, inquiry.unit, inquiry.person!, inquiry.region!
            )
        } else {
            let fetch = try db.statement(
                "SELECT id, person_name, born, region, unit, merged_into FROM person_case WHERE ref = ?")
            fetch.bind(1, inquiry.ref)
            guard try fetch.step() else { throw BenchError("no case \(inquiry.ref)") }
            caseId = fetch.int(0)
            casePerson = fetch.text(1)!
            caseBorn = fetch.text(2)
            caseRegion = fetch.text(3)!
            caseUnit = fetch.text(4)
            let merged = fetch.isNull(5) ? nil : fetch.int(5)
            fetch.reset()
            if merged != nil { throw BenchError("merged cases are not part of the benchmark") }
        }
        let inquirerId = try findOrCreateInquirer(inquiry)

        let insertInquiry = try db.statement(
            """
            INSERT INTO inquiry (case_id, inquirer_id, person_name, born, region, unit, relationship, channel,
                note, received_at, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertInquiry.bind(1, caseId)
        insertInquiry.bind(2, inquirerId)
        insertInquiry.bind(3, inquiry.person ?? casePerson)
        insertInquiry.bind(4, inquiry.born ?? caseBorn)
        insertInquiry.bind(5, inquiry.region ?? caseRegion)
        insertInquiry.bind(6, inquiry.unit ?? caseUnit)
        insertInquiry.bind(7, inquiry.relationship)
        insertInquiry.bind(8, inquiry.channel)
        insertInquiry.bind(9, inquiry.note)
        insertInquiry.bind(10, now)
        insertInquiry.bind(11, operatorName)
        try insertInquiry.run()
        let inquiryId = db.lastInsertedRowID

        // A new case has no names yet: nothing to compare with.
        try index(caseId: caseId, kind: "person", inquiry.personName, checkKnown: !inquiry.isNew)
        try index(caseId: caseId, kind: "inquirer", inquiry.inquirerName, checkKnown: !inquiry.isNew)

        if inquiry.isNew {
            try history(caseId: caseId, at: now, kind: "opened", to: lifecycle.initial.name, inquiryId: inquiryId)
        } else {
            if caseBorn == nil, let born = inquiry.born {
                caseBorn = born
                try history(caseId: caseId, at: now, kind: "edit", field: "born", to: born, inquiryId: inquiryId)
            }
            if caseUnit == nil, let unit = inquiry.unit {
                caseUnit = unit
                try history(caseId: caseId, at: now, kind: "edit", field: "unit", to: unit, inquiryId: inquiryId)
            }
        }
        try history(caseId: caseId, at: now, kind: "inquiry", note: inquiry.historyNote, inquiryId: inquiryId)
        // What telling the families needs of every inquiry (issue 13), as hotline does it: we
        // spoke with the family now (the call-back schedule), and news waiting for them without
        // a contact becomes deliverable once they leave one.
        let lastContact = try db.statement("UPDATE inquirer SET last_contact_at = ? WHERE id = ?")
        lastContact.bind(1, now)
        lastContact.bind(2, inquirerId)
        try lastContact.run()
        if !inquiry.contacts.isEmpty {
            let reachable = try db.statement(
                "UPDATE notice SET state = 'pending' WHERE inquirer_id = ? AND state = 'unreachable'")
            reachable.bind(1, inquirerId)
            try reachable.run()
        }
        if !inquiry.isNew {
            let update = try db.statement(
                """
                UPDATE person_case SET born = ?, unit = ?, inquiry_count = inquiry_count + 1, last_inquiry_at = ?,
                    last_activity_at = ? WHERE id = ?
                """)
            update.bind(1, caseBorn)
            update.bind(2, caseUnit)
            update.bind(3, now)
            update.bind(4, now)
            update.bind(5, caseId)
            try update.run()
        }
    }

    private func findOrCreateInquirer(_ inquiry: RawInquiry) throws -> Int64 {
        var found: Int64?
        if !inquiry.contacts.isEmpty {
            let lookup = try db.statement(
                """
                SELECT inquirer.id, inquirer.name FROM contact JOIN inquirer ON inquirer.id = contact.inquirer_id
                WHERE contact.value = ? AND contact.kind = ? ORDER BY inquirer.id LIMIT 100
                """)
            for contact in inquiry.contacts where found == nil {
                lookup.reset()
                lookup.bind(1, contact.value)
                lookup.bind(2, contact.kind)
                while try lookup.step() {
                    if Self.sameName(lookup.text(1)!, inquiry.inquirer) {
                        found = lookup.int(0)
                        break
                    }
                }
                lookup.reset()
            }
        }
        let inquirerId: Int64
        if let found {
            inquirerId = found
        } else {
            let insert = try db.statement("INSERT INTO inquirer (name, created_at, created_by) VALUES (?, ?, ?)")
            insert.bind(1, inquiry.inquirer)
            insert.bind(2, inquiry.at)
            insert.bind(3, operatorName)
            try insert.run()
            inquirerId = db.lastInsertedRowID
        }
        let insertContact = try db.statement(
            "INSERT OR IGNORE INTO contact (inquirer_id, kind, value) VALUES (?, ?, ?)")
        for contact in inquiry.contacts {
            insertContact.bind(1, inquirerId)
            insertContact.bind(2, contact.kind)
            insertContact.bind(3, contact.value)
            try insertContact.run()
        }
        return inquirerId
    }

    static func sameName(_ a: String, _ b: String) -> Bool {
        func fold(_ s: String) -> String { s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return a == b || fold(a) == fold(b)
    }

    private func index(caseId: Int64, kind: String, _ name: RawName, checkKnown: Bool) throws {
        if checkKnown {
            let known = try db.statement(
                "SELECT EXISTS (SELECT 1 FROM name_entry WHERE case_id = ? AND kind = ? AND folded = ?)")
            known.bind(1, caseId)
            known.bind(2, kind)
            known.bind(3, name.folded)
            _ = try known.step()
            let exists = known.int(0) != 0
            known.reset()
            if exists { return }
        }
        let entry = try db.statement("INSERT INTO name_entry (case_id, kind, name, folded) VALUES (?, ?, ?, ?)")
        entry.bind(1, caseId)
        entry.bind(2, kind)
        entry.bind(3, name.name)
        entry.bind(4, name.folded)
        try entry.run()
        let search = try db.statement("INSERT INTO name_search (rowid, words, skeletons, details) VALUES (?, ?, ?, ?)")
        search.bind(1, db.lastInsertedRowID)
        search.bind(2, name.words)
        search.bind(3, name.skeletons)
        search.bind(4, kind == "person" ? name.details : nil)
        try search.run()
        let term = try db.statement(
            "INSERT OR IGNORE INTO name_term (col, term) SELECT ?, value FROM json_each(?) WHERE value <> ''")
        for (column, terms) in [("words", name.wordsJSON), ("skeletons", name.skeletonsJSON)] {
            term.bind(1, column)
            term.bind(2, terms)
            try term.run()
        }
    }

    private func history(
        caseId: Int64, at: String, kind: String, field: String? = nil, from: String? = nil, to: String? = nil,
        note: String? = nil, source: String? = nil, asOf: String? = nil, inquiryId: Int64? = nil
    ) throws {
        let insert = try db.statement(
            """
            INSERT INTO case_history (case_id, at, operator, kind, field, from_value, to_value, note, source, as_of,
                inquiry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(1, caseId)
        insert.bind(2, at)
        insert.bind(3, operatorName)
        insert.bind(4, kind)
        insert.bind(5, field)
        insert.bind(6, from)
        insert.bind(7, to)
        insert.bind(8, note)
        insert.bind(9, source)
        insert.bind(10, asOf)
        insert.bind(11, inquiryId)
        try insert.run()
    }

    // MARK: - (2) Change a case's status

    func changeStatus(ref: String, to next: String, note: String?, source: String?, asOf: String?, at: String)
        throws
    {
        try begin(immediate: true)
        do {
            try authorize()
            let fetch = try db.statement("SELECT id, status FROM person_case WHERE ref = ?")
            fetch.bind(1, ref)
            guard try fetch.step() else { throw BenchError("no case \(ref)") }
            let caseId = fetch.int(0)
            let current = fetch.text(1)!
            fetch.reset()
            guard let from = lifecycle.statuses.first(where: { $0.name == current }),
                lifecycle.allowedMoves(from: from).contains(where: { $0.name == next })
            else { throw BenchError("case \(ref) cannot move from \(current) to \(next)") }
            try history(
                caseId: caseId, at: at, kind: "status", from: current, to: next, note: note, source: source,
                asOf: asOf)
            let update = try db.statement("UPDATE person_case SET status = ?, last_activity_at = ? WHERE id = ?")
            update.bind(1, next)
            update.bind(2, at)
            update.bind(3, caseId)
            try update.run()
            if news.contains(next) {
                try writeNotices(caseId: caseId, status: next, source: source, asOf: asOf, at: at)
            }
            try commit()
        } catch {
            try? rollback()
            throw error
        }
    }

    // MARK: - (3) List open cases of a region

    /// Reads every column of every row, as hotline's list does; returns the rows read.
    func listOpen(region: String, limit: Int?) throws -> Int {
        try authorize()
        let placeholders = openStatuses.map { _ in "?" }.joined(separator: ", ")
        let statement = try db.statement(
            """
            SELECT id, ref, person_name, born, region, unit, status, opened_at, opened_by, last_activity_at,
                last_inquiry_at, inquiry_count, merged_into FROM person_case
            WHERE merged_into IS NULL AND region = ? AND status IN (\(placeholders))
            ORDER BY last_activity_at DESC, id DESC LIMIT ?
            """)
        statement.bind(1, region)
        for (offset, status) in openStatuses.enumerated() { statement.bind(Int32(offset + 2), status) }
        statement.bind(Int32(openStatuses.count + 2), Int64(limit ?? -1))
        var rows = 0
        var bytes = 0
        while try statement.step() {
            bytes &+= Int(statement.int(0))
            for column in 1...10 as ClosedRange<Int32> { bytes &+= statement.text(column)?.utf8.count ?? 0 }
            bytes &+= Int(statement.int(11))
            rows += 1
        }
        statement.reset()
        blackHole(bytes)
        return rows
    }

    // MARK: - (7) Probable duplicates among the open cases

    /// The rows `case duplicates` reads when it walks the whole database (its in-memory index):
    /// the person names of every open case, then the open cases; no folding, no scoring.
    /// Returns the names read.
    func duplicateScan(region: String?) throws -> Int {
        try begin(immediate: false)
        defer { try? commit() }
        let placeholders = openStatuses.map { _ in "?" }.joined(separator: ", ")
        let names = try db.statement(
            """
            SELECT name_entry.id, name_entry.case_id, name_entry.name FROM name_entry
            JOIN person_case ON person_case.id = name_entry.case_id
            WHERE name_entry.kind = 'person' AND person_case.merged_into IS NULL
            AND person_case.status IN (\(placeholders)) ORDER BY name_entry.id
            """)
        for (offset, status) in openStatuses.enumerated() { names.bind(Int32(offset + 1), status) }
        var rows = 0
        var bytes = 0
        while try names.step() {
            bytes &+= Int(names.int(1)) &+ (names.text(2)?.utf8.count ?? 0)
            rows += 1
        }
        names.reset()
        let cases = try db.statement(
            """
            SELECT id, ref, person_name, born, region, unit, status FROM person_case
            WHERE merged_into IS NULL AND status IN (\(placeholders)) AND (? IS NULL OR region = ?) ORDER BY id
            """)
        for (offset, status) in openStatuses.enumerated() { cases.bind(Int32(offset + 1), status) }
        cases.bind(Int32(openStatuses.count + 1), region)
        cases.bind(Int32(openStatuses.count + 2), region)
        while try cases.step() {
            for column in 1...6 as ClosedRange<Int32> { bytes &+= cases.text(column)?.utf8.count ?? 0 }
        }
        cases.reset()
        blackHole(bytes)
        return rows
    }

    /// The least SQL a region's `case duplicates` does: the region's open cases, and for each
    /// the index entries holding every skeleton of its name (the strict FTS5 query, no limit),
    /// with their names and their cases' birth dates and statuses; no left-out words, no
    /// folding of the names found, no scoring. Returns the entries read.
    func duplicateRegionSQL(region: String) throws -> Int {
        try begin(immediate: false)
        defer { try? commit() }
        let placeholders = openStatuses.map { _ in "?" }.joined(separator: ", ")
        let cases = try db.statement(
            """
            SELECT person_name FROM person_case
            WHERE merged_into IS NULL AND status IN (\(placeholders)) AND region = ? ORDER BY id
            """)
        for (offset, status) in openStatuses.enumerated() { cases.bind(Int32(offset + 1), status) }
        cases.bind(Int32(openStatuses.count + 1), region)
        var names: [String] = []
        while try cases.step() { names.append(cases.text(0) ?? "") }
        cases.reset()
        let match = try db.statement("SELECT rowid FROM name_search WHERE name_search MATCH ?")
        let entries = try db.statement(
            """
            SELECT name_entry.name, person_case.born, person_case.status FROM name_entry
            JOIN person_case ON person_case.id = name_entry.case_id
            WHERE name_entry.id IN (SELECT value FROM json_each(?))
            """)
        var rows = 0
        var bytes = 0
        for name in names {
            guard let strict = NameMatchPlan(readings: NameFolding.readings(name)).strict else { continue }
            match.bind(1, strict)
            var ids: [Int64] = []
            while try match.step() { ids.append(match.int(0)) }
            match.reset()
            entries.bind(1, "[" + ids.map(String.init).joined(separator: ",") + "]")
            while try entries.step() {
                for column in 0...2 as ClosedRange<Int32> { bytes &+= entries.text(column)?.utf8.count ?? 0 }
                rows += 1
            }
            entries.reset()
        }
        blackHole(bytes)
        return rows
    }

    // MARK: - (4) One case with its inquiries, inquirers, contacts and history

    func caseDetail(ref: String) throws -> Int {
        try begin(immediate: false)
        defer { try? commit() }
        try authorize()
        var bytes = 0
        let fetch = try db.statement(
            """
            SELECT id, ref, person_name, born, region, unit, status, opened_at, opened_by, last_activity_at,
                last_inquiry_at, inquiry_count, merged_into FROM person_case WHERE ref = ?
            """)
        fetch.bind(1, ref)
        guard try fetch.step() else { throw BenchError("no case \(ref)") }
        let caseId = fetch.int(0)
        for column in 1...10 as ClosedRange<Int32> { bytes &+= fetch.text(column)?.utf8.count ?? 0 }
        fetch.reset()
        let inquiries = try db.statement(
            """
            SELECT id, case_id, inquirer_id, person_name, born, region, unit, relationship, channel, note,
                received_at, operator FROM inquiry WHERE case_id = ? ORDER BY received_at, id
            """)
        inquiries.bind(1, caseId)
        var inquirerIds: [Int64] = []
        var rows = 0
        while try inquiries.step() {
            let inquirer = inquiries.int(2)
            if !inquirerIds.contains(inquirer) { inquirerIds.append(inquirer) }
            for column in 3...11 as ClosedRange<Int32> { bytes &+= inquiries.text(column)?.utf8.count ?? 0 }
            rows += 1
        }
        inquiries.reset()
        let inquirer = try db.statement("SELECT id, name, created_at, created_by FROM inquirer WHERE id = ?")
        let contacts = try db.statement(
            "SELECT id, inquirer_id, kind, value FROM contact WHERE inquirer_id = ? ORDER BY id")
        for id in inquirerIds {
            inquirer.bind(1, id)
            guard try inquirer.step() else { throw BenchError("no inquirer \(id)") }
            for column in 1...3 as ClosedRange<Int32> { bytes &+= inquirer.text(column)?.utf8.count ?? 0 }
            inquirer.reset()
            contacts.bind(1, id)
            while try contacts.step() {
                bytes &+= (contacts.text(2)?.utf8.count ?? 0) + (contacts.text(3)?.utf8.count ?? 0)
            }
            contacts.reset()
        }
        let history = try db.statement(
            """
            SELECT id, case_id, at, operator, kind, field, from_value, to_value, note, source, as_of, inquiry_id,
                moved_from FROM case_history WHERE case_id = ? ORDER BY id
            """)
        history.bind(1, caseId)
        while try history.step() {
            for column in 2...10 as ClosedRange<Int32> { bytes &+= history.text(column)?.utf8.count ?? 0 }
            rows += 1
        }
        history.reset()
        blackHole(bytes)
        return rows
    }

    // MARK: - (5) Bulk load

    /// Writes `inquiries` in transactions of `batchSize`, as `Hotline.bulk` commits them.
    func bulk(_ inquiries: [RawInquiry], batchSize: Int) throws {
        try begin(immediate: true)
        try authorize()
        var pending = 0
        for inquiry in inquiries {
            try write(inquiry)
            pending += 1
            if pending >= batchSize {
                try commit()
                try begin(immediate: true)
                pending = 0
            }
        }
        try commit()
    }

    // MARK: - (6) Search and the intake check

    /// The FTS5 queries `Search` runs for a name, planned before timing with the core's public
    /// folding and `NameMatchPlan`.
    struct NameQuery {
        let plan: NameMatchPlan

        init(_ text: String) { plan = NameMatchPlan(readings: NameFolding.readings(text)) }
    }

    /// The SQL part of a name search: the index queries, the entries' rows, and the rows of
    /// the first `limit` cases found (no similarity scoring). Returns the entries read.
    func searchSQL(_ query: NameQuery, limit: Int) throws -> Int {
        let ids = try query.plan.run(limit: 500, entryIds)
        guard !ids.isEmpty else { return 0 }
        let unique = Array(Set(ids))
        let entries = try db.statement(
            "SELECT case_id, kind, name, folded FROM name_entry WHERE id IN (SELECT value FROM json_each(?))")
        var caseIds: [Int64] = []
        var seen = Set<Int64>()
        var bytes = 0
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = unique[start..<min(start + 500, unique.count)]
            entries.bind(1, "[" + chunk.map(String.init).joined(separator: ",") + "]")
            while try entries.step() {
                let caseId = entries.int(0)
                if seen.insert(caseId).inserted { caseIds.append(caseId) }
                bytes &+= (entries.text(1)?.utf8.count ?? 0) + (entries.text(2)?.utf8.count ?? 0)
                bytes &+= entries.text(3)?.utf8.count ?? 0
            }
            entries.reset()
        }
        let record = try db.statement(
            "SELECT id, ref, person_name, born, region, unit, status, merged_into FROM person_case WHERE id = ?")
        for caseId in caseIds.prefix(limit) {
            record.bind(1, caseId)
            if try record.step() {
                for column in 1...6 as ClosedRange<Int32> { bytes &+= record.text(column)?.utf8.count ?? 0 }
            }
            record.reset()
        }
        blackHole(bytes)
        return ids.count
    }

    private func entryIds(_ match: String) throws -> [Int64] {
        let statement = try db.statement("SELECT rowid FROM name_search WHERE name_search MATCH ? LIMIT 500")
        statement.bind(1, match)
        var ids: [Int64] = []
        while try statement.step() { ids.append(statement.int(0)) }
        statement.reset()
        return ids
    }

    func search(_ query: NameQuery) throws -> Int {
        try begin(immediate: false)
        defer { try? commit() }
        try authorize()
        return try searchSQL(query, limit: 20)
    }

    /// The intake check: the search's SQL inside the write transaction; when nothing matches,
    /// the inquiry is written (`logs`), else nothing is.
    func intake(_ query: NameQuery, logs inquiry: RawInquiry?) throws {
        try begin(immediate: true)
        do {
            try authorize()
            _ = try searchSQL(query, limit: 50)
            if let inquiry {
                try write(inquiry)
                try commit()
            } else {
                try rollback()
            }
        } catch {
            try? rollback()
            throw error
        }
    }
}

/// Keeps a computed value alive so the optimiser cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// A date as hotline stores it: GRDB's own text format (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), used
/// before timing so the raw side writes the very same text.
enum SQLiteTime {
    static func text(_ date: Date) -> String { String.fromDatabaseValue(date.databaseValue)! }
}
