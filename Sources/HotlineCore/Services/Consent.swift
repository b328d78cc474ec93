import Foundation
import GRDB

/// What a family agreed to, as an operator enters it: `yes`/`no` and channels as typed;
/// `nil` for a question not asked now (its earlier answer stays).
public struct ConsentDraft: Sendable, Equatable {
    /// May we call them back: yes or no.
    public var callback: String?
    /// The channels they allow, `phone,telegram`, or `none`.
    public var channels: String?
    /// May their details be shared with partner organisations: yes or no.
    public var share: String?

    public init(callback: String? = nil, channels: String? = nil, share: String? = nil) {
        self.callback = callback
        self.channels = channels
        self.share = share
    }

    /// Whether any question was answered.
    public var isEmpty: Bool { callback == nil && channels == nil && share == nil }
}

/// A consent draft whose answers passed their rules.
struct ValidConsent {
    let callback: Bool?
    let channels: [String]?
    let share: Bool?

    /// `nil` for a draft that answers nothing, unless `required` (then an error).
    init?(_ draft: ConsentDraft, channels vocabulary: Vocabulary, required: Bool) throws(HotlineError) {
        guard !draft.isEmpty else {
            if required {
                throw .invalidField(
                    field: "consent", value: "", problem: "no answer was given",
                    accepted: "--callback yes|no, --channels-allowed phone,telegram (or none), --share yes|no")
            }
            return nil
        }
        callback = try ConsentAnswer.parse(draft.callback, field: "callback")
        channels = try ConsentAnswer.channels(draft.channels, vocabulary: vocabulary)
        share = try ConsentAnswer.parse(draft.share, field: "share")
    }

    /// The answers given now, in words, for the history.
    var summary: String {
        [
            callback.map { "call back: \($0 ? "yes" : "no")" },
            channels.map { "channels: \($0.isEmpty ? "none" : $0.joined(separator: ", "))" },
            share.map { "share with partners: \($0 ? "yes" : "no")" },
        ].compactMap { $0 }.joined(separator: "; ")
    }
}

/// One case an inquirer asked about.
public struct InquirerCase: Encodable, Sendable, Equatable {
    public let ref: String
    public let person: String
    public let status: String
    public let region: String
    public let relationship: String
}

/// Everything about one inquirer: contacts, consent, their cases, their notices.
public struct InquirerProfile: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let created: Date
    public let contacts: [ContactDetail]
    public let consent: InquirerConsent
    /// When we last spoke with them (an inquiry or a delivered notice).
    public let lastContact: Date?
    public let cases: [InquirerCase]
    /// Their notices, newest first.
    public let notices: [NoticeSummary]
}

extension Hotline {
    /// Records what a family agreed to (the answers given; the others stay), with the date and
    /// operator, on the history of each case they asked about.
    public func recordConsent(inquirer id: Int64, _ draft: ConsentDraft, by operatorName: OperatorName) throws
        -> InquirerProfile
    {
        let consent = try ValidConsent(draft, channels: rules.channels, required: true)!  // required: never nil
        let at = now()
        try database.write { db in
            try authorize(operatorName, as: .operator, in: db)
            let inquirer = try existingInquirer(id, in: db)
            try writeConsent(consent, inquirerId: id, name: inquirer.name, by: operatorName, at: at, in: db)
        }
        return try inquirerProfile(id, as: operatorName)
    }

    /// Stores consent answers inside the caller's transaction and notes them on the history of
    /// every case the inquirer asked about.
    func writeConsent(
        _ consent: ValidConsent, inquirerId: Int64, name: String, by operatorName: OperatorName, at: Date,
        in db: Database
    ) throws {
        try db.notices.setConsent(
            inquirerId: inquirerId, callback: consent.callback, channels: consent.channels, share: consent.share,
            at: at, by: operatorName.name)
        for caseId in try db.notices.caseIds(ofInquirer: inquirerId) {
            var history = HistoryWriter(caseId: caseId, at: at, by: operatorName, db: db)
            try history.append(kind: "edit", field: "consent of \(name) (inquirer \(inquirerId))", to: consent.summary)
        }
    }

    /// The inquirer `id`: contacts, consent, last contact, cases and notices.
    public func inquirerProfile(_ id: Int64, as reader: OperatorName) throws -> InquirerProfile {
        try database.read { db in
            try authorize(reader, as: .viewer, in: db)
            let inquirer = try existingInquirer(id, in: db)
            return InquirerProfile(
                id: id, name: inquirer.name, created: inquirer.created,
                contacts: try db.notices.contacts(ofInquirer: id),
                consent: inquirer.consent, lastContact: inquirer.lastContact,
                cases: try db.notices.cases(ofInquirer: id), notices: try db.notices.summaries(inquirerId: id))
        }
    }

    /// The inquirer with this id, or the operator's error naming where ids are shown.
    func existingInquirer(_ id: Int64, in db: Database) throws -> (
        name: String, created: Date, consent: InquirerConsent, lastContact: Date?
    ) {
        guard let inquirer = try db.notices.inquirer(id: id) else {
            throw HotlineError.invalidField(
                field: "inquirer", value: String(id), problem: "there is no such inquirer",
                accepted: "an inquirer id as `case show` (#inquirer) or `inquiry log --format json` shows it")
        }
        return inquirer
    }
}
