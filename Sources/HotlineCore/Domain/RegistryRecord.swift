import Foundation

/// A file name or URL of the evidence behind a record, and the SHA-256 of its bytes when known.
public struct EvidenceReference: Codable, Sendable, Equatable {
    public let ref: String
    public let sha256: String?
}

/// One source list, as `registry lists` shows it.
public struct RegistryListInfo: Encodable, Sendable, Equatable {
    public let name: String
    /// prisoners, wounded, remains, exchange, other.
    public let kind: String
    public let received: String
    public let originator: String?
    /// Whether a confirmed record of it may be told to the family.
    public let tellable: Bool
    public let records: Int
    public let withdrawn: Int
    public let created: Date
    public let createdBy: String
}

/// One registry record, everything about it.
public struct RegistryRecordDetail: Encodable, Sendable, Equatable {
    public let id: Int64
    public let list: String
    /// Every spelling, as written.
    public let names: [String]
    public let born: String?
    public let unit: String?
    public let serviceNumber: String?
    public let rank: String?
    public let region: String?
    public let says: String
    /// The case status it implies once confirmed.
    public let implies: String
    /// When the news dates from.
    public let date: String?
    public let place: String?
    public let note: String?
    public let evidence: [EvidenceReference]
    public let row: Int
    public let withdrawn: Bool
    public let tellable: Bool
    /// The cases it is confirmed for (awaiting a second operator's approval included, marked).
    public let cases: [LinkedCase]

    enum CodingKeys: String, CodingKey {
        case id, list, names, born, unit, serviceNumber, rank, region, says, implies, date, place, note, evidence, row
        case withdrawn, tellable, cases
    }

    /// Every key of the contract is present, `null` when the list does not say.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(list, forKey: .list)
        try container.encode(names, forKey: .names)
        try container.encode(born, forKey: .born)
        try container.encode(unit, forKey: .unit)
        try container.encode(serviceNumber, forKey: .serviceNumber)
        try container.encode(rank, forKey: .rank)
        try container.encode(region, forKey: .region)
        try container.encode(says, forKey: .says)
        try container.encode(implies, forKey: .implies)
        try container.encode(date, forKey: .date)
        try container.encode(place, forKey: .place)
        try container.encode(note, forKey: .note)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(row, forKey: .row)
        try container.encode(withdrawn, forKey: .withdrawn)
        try container.encode(tellable, forKey: .tellable)
        try container.encode(cases, forKey: .cases)
    }
}

/// A case a record is linked to.
public struct LinkedCase: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let match: Int64
    /// `confirmed` or `awaiting-approval`.
    public let state: String
}

/// One line of `registry list`.
public struct RegistryRecordSummary: Encodable, Sendable, Equatable {
    public let id: Int64
    public let list: String
    public let name: String
    public let born: String?
    public let serviceNumber: String?
    public let says: String
    public let date: String?
    public let region: String?
    /// Proposals not yet decided, and confirmed cases.
    public let proposed: Int
    public let confirmed: Int
    public let withdrawn: Bool
}

/// A record linked to a case, as `case show` lists it.
public struct CaseRecordLink: Encodable, Sendable, Equatable {
    public let record: Int64
    public let list: String
    public let name: String
    public let says: String
    public let date: String?
    public let match: Int64
    /// `confirmed` or `awaiting-approval`.
    public let state: String
    public let tellable: Bool
    /// The record was withdrawn by its source after the case came to rest on it: the status
    /// it implied stands until a person looks again (nothing is undone by itself).
    public let withdrawn: Bool
}

/// One piece of evidence for or against a match.
public struct MatchEvidence: Codable, Sendable, Equatable {
    /// name, born, unit, region, service-number.
    public let kind: String
    /// `true` for, `false` against, `nil` when only one side knows it.
    public let agrees: Bool?
    public let detail: String
}

/// What a proposal's state says.
public enum MatchState: String, Codable, Sendable, CaseIterable {
    case proposed
    case awaitingApproval = "awaiting-approval"
    case confirmed
    case rejected
    case conflict
}

/// One line of `match list`.
public struct MatchSummary: Encodable, Sendable, Equatable {
    public let id: Int64
    public let record: Int64
    /// The case reference.
    public let `case`: String
    public let score: Double
    public let why: String
    public let state: String
    public let list: String
    public let name: String
    public let person: String
    public let says: String
    public let region: String
}

/// The case side of a match.
public struct MatchCaseSide: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let born: String?
    public let region: String
    public let unit: String?
    public let serviceNumber: String?
    public let status: String
}

/// Both sides of a match, the evidence, and what was decided.
public struct MatchDetail: Encodable, Sendable, Equatable {
    public let id: Int64
    public let state: String
    public let score: Double
    public let why: String
    public let evidence: [MatchEvidence]
    /// Why the record contradicts the case, when it does.
    public let conflict: String?
    public let record: RegistryRecordDetail
    public let `case`: MatchCaseSide
    public let confirmedBy: String?
    public let approvedBy: String?
    public let rejectedBy: String?
    public let note: String?
}

/// A registry record that matches the person of an inquiry: what an operator can read out
/// after checking.
public struct RegistryHit: Encodable, Sendable, Equatable {
    public let record: Int64
    public let list: String
    public let says: String
    public let date: String?
    public let score: Double
    public let why: String
    public let match: Int64
    public let state: String
    public let name: String
    /// Whether the list may be told to the family once the match is confirmed.
    public let tellable: Bool

    enum CodingKeys: String, CodingKey { case record, list, says, date, score, why, match, state, name, tellable }

    /// Every key of the contract is present, `date` `null` when the list does not say.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record, forKey: .record)
        try container.encode(list, forKey: .list)
        try container.encode(says, forKey: .says)
        try container.encode(date, forKey: .date)
        try container.encode(score, forKey: .score)
        try container.encode(why, forKey: .why)
        try container.encode(match, forKey: .match)
        try container.encode(state, forKey: .state)
        try container.encode(name, forKey: .name)
        try container.encode(tellable, forKey: .tellable)
    }
}

/// A row of an imported list that was refused, and why.
public struct RowRefusal: Encodable, Sendable, Equatable {
    public let row: Int
    /// The column's header as written in the file.
    public let column: String
    public let value: String
    public let reason: String
}

/// A record of the list that a newer file no longer holds. It stays as it was (not withdrawn:
/// a list can leave a person out by mistake); `registry withdraw` withdraws it.
public struct MissingRecord: Encodable, Sendable, Equatable {
    public let record: Int64
    public let name: String
    /// Its row in the file it was last imported from.
    public let row: Int
}

/// What `registry import` did, or (with `--check`) would do.
public struct RegistryImportReport: Encodable, Sendable, Equatable {
    public let list: String
    public let file: String
    public let sha256: String
    public let rows: Int
    public let added: Int
    public let updated: Int
    public let unchanged: Int
    public let refused: [RowRefusal]
    /// How many match proposals the import made.
    public let proposals: Int
    /// Whether anything was written (false for `--check` and a refused file).
    public let written: Bool
    /// Records of the list imported before and not in this file (a refused row's record too,
    /// when its key cannot be read), oldest row first.
    public let missing: [MissingRecord]
}

/// The whole file was refused: some rows broke a rule and `--skip-invalid` was not given.
/// Nothing was written; `report` lists every refused row.
public struct RegistryImportRefused: Error, Sendable, CustomStringConvertible, LocalizedError {
    public let report: RegistryImportReport

    public var description: String {
        let first = report.refused.first.map {
            " (first: row \($0.row), column '\($0.column)' \(HotlineError.quoted($0.value)): \($0.reason))"
        }
        return "\(report.refused.count) of \(report.rows) rows of \(report.file) are refused\(first ?? ""); "
            + "nothing was written. Fix them, or re-run with --skip-invalid to import the others "
            + "(--rejects FILE writes the refused rows to a CSV file)."
    }

    public var errorDescription: String? { description }
}

/// A registry record found by `search --registry`.
public struct RegistrySearchHit: Encodable, Sendable, Equatable {
    public let id: Int64
    public let list: String
    public let name: String
    public let born: String?
    public let says: String
    public let date: String?
    public let score: Double
    public let why: String
}
