import Foundation
import GRDB

/// Appends entries to one case's history inside the current transaction, all stamped with
/// the same time and operator as the change they record.
struct HistoryWriter {
    let caseId: Int64
    let at: Date
    let by: OperatorName
    let db: Database

    mutating func append(
        kind: String, field: String? = nil, from: String? = nil, to: String? = nil, note: String? = nil,
        source: String? = nil, asOf: String? = nil, inquiryId: Int64? = nil
    ) throws {
        var record = HistoryRecord(
            id: nil, caseId: caseId, at: at, operator: by.name, kind: kind, field: field, fromValue: from,
            toValue: to, note: note, source: source, asOf: asOf, inquiryId: inquiryId)
        try record.insertNew(db)
    }
}

extension PersonCaseRecord {
    /// The case with this reference; throws `caseNotFound` when there is none.
    /// A reference of a case merged into another resolves to the surviving case: a reference
    /// given to a family over the phone keeps working.
    static func fetch(ref: CaseReference, in db: Database) throws -> PersonCaseRecord {
        guard let record = try db.cases.record(ref: ref.description) else {
            throw HotlineError.caseNotFound(ref.description)
        }
        return try survivor(of: record, in: db)
    }

    /// The case `record` lives on in: itself, or the end of its chain of merges. Every loop
    /// that follows `merged_into` goes through here. A damaged file (a hand edit, a restored
    /// backup) can hold a cycle or a link to a missing case; the walk stops at the first case
    /// it meets twice and throws, instead of looping forever inside a transaction.
    static func survivor(of record: PersonCaseRecord, in db: Database) throws -> PersonCaseRecord {
        var current = record
        var path = [record.ref]
        var seen: Set<Int64> = [record.id!]  // records read from the database have ids
        while let next = current.mergedInto {
            guard let survivor = try db.cases.record(id: next) else {
                throw HotlineError.brokenMerge(
                    ref: record.ref,
                    problem: "it is merged into \((path + ["case id \(next)"]).joined(separator: " -> ")), "
                        + "which does not exist")
            }
            guard seen.insert(next).inserted else {
                throw HotlineError.brokenMerge(
                    ref: record.ref,
                    problem: "its merges run in a cycle (\((path + [survivor.ref]).joined(separator: " -> ")))")
            }
            path.append(survivor.ref)
            current = survivor
        }
        return current
    }

    /// A random reference no case has yet. References are random, so a new one is drawn
    /// until it is free; with a million cases, one draw in ten is taken.
    static func unusedReference(in db: Database) throws -> CaseReference {
        var generator = SystemRandomNumberGenerator()
        while true {
            let ref = CaseReference.random(using: &generator)
            if try db.cases.isTaken(ref: ref.description) { continue }
            return ref
        }
    }
}
