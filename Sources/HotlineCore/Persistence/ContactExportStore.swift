import Foundation
import GRDB

/// What `case list --with-contacts` reads: each inquirer of a case with their relationship
/// and every contact they gave, one line of text per case. Read-only.
extension SQLiteCaseStore {
    /// The inquirers of the case `ref`, first asked first: `Name (relationship): kind:value, …`,
    /// joined by "; ".
    func inquirerContacts(ref: String) throws -> String {
        let sql = """
            SELECT i.name, min(q.relationship),
                (SELECT group_concat(c.kind || ':' || c.value, ', ') FROM contact c WHERE c.inquirer_id = i.id)
            FROM inquiry q JOIN inquirer i ON i.id = q.inquirer_id
            WHERE q.case_id = (SELECT id FROM person_case WHERE ref = ?)
            GROUP BY i.id ORDER BY min(q.id)
            """
        return try Row.fetchAll(db, sql: sql, arguments: [ref]).map { row in
            let name: String = row[0]
            let relationship: String = row[1]
            let contacts: String? = row[2]
            return "\(name) (\(relationship))" + (contacts.map { ": " + $0 } ?? "")
        }.joined(separator: "; ")
    }
}

extension Database {
    /// One row of the export log (Schema/v013_scale.sql): who took which families' contacts.
    func recordContactExport(at: Date, by: String, filter: String, cases: Int, file: String?) throws {
        try execute(
            sql: "INSERT INTO contact_export (at, by, filter, cases, file) VALUES (?, ?, ?, ?, ?)",
            arguments: [DatabaseTime.text(at), by, filter, cases, file])
    }
}
