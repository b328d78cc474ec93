import Foundation
import GRDB

/// The states of an inbox item.
public enum InboxState: String, CaseIterable, Sendable {
    case new, converted, attached, discarded
}

/// Why an operator discarded an inbox item.
public enum DiscardReason: String, CaseIterable, Sendable {
    case spam, duplicate, other
}

/// One line of `inbox list`.
public struct InboxItem: Encodable, Sendable, Equatable {
    public let id: Int64
    public let channel: String
    /// The sender's contact: an e-mail address, a Telegram handle or chat.
    public let from: String
    /// The sender's name as they gave it.
    public let sender: String?
    public let subject: String?
    public let receivedAt: Date
    public let state: String
    /// The case it became, or threads onto while new.
    public let ref: String?

    enum CodingKeys: String, CodingKey {
        case id, channel, from, sender, subject, receivedAt, state
        case ref = "case"
    }

    /// Every key always, `null` when empty: a script reads `case` without checking it is there.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(channel, forKey: .channel)
        try container.encode(from, forKey: .from)
        try container.encode(sender, forKey: .sender)
        try container.encode(subject, forKey: .subject)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(state, forKey: .state)
        try container.encode(ref, forKey: .ref)
    }
}

/// One attachment as `inbox show` lists it.
public struct InboxAttachment: Encodable, Sendable, Equatable {
    public let name: String?
    public let type: String
    public let size: Int
    public let sha256: String
}

/// `inbox show`: the item, its text and attachments, and the cases it likely concerns.
public struct InboxDetail: Encodable, Sendable, Equatable {
    public let item: InboxItem
    public let text: String
    public let attachments: [InboxAttachment]
    /// The inquiry it became (converted).
    public let inquiry: Int64?
    public let discardReason: String?
    /// Cases the sender's contact or the names in the subject and text point to, best first.
    public let likelyCases: [SearchHit]

    enum CodingKeys: String, CodingKey {
        case text, attachments, inquiry, discardReason, likelyCases
    }

    public func encode(to encoder: any Encoder) throws {
        try item.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(inquiry, forKey: .inquiry)
        try container.encode(discardReason, forKey: .discardReason)
        try container.encode(likelyCases, forKey: .likelyCases)
    }
}

/// What an operator fills in to turn an inbox item into an inquiry: the inquirer's contact,
/// the channel and the note come from the message.
public struct InboxConversion: Sendable {
    public var person: String?
    public var region: String?
    public var born: String?
    public var unit: String?
    public var relationship: String
    /// The sender's name when empty.
    public var inquirer: String?
    public var caseRef: String?
    public var forceNewCase: Bool

    public init(
        person: String? = nil, region: String? = nil, born: String? = nil, unit: String? = nil, relationship: String,
        inquirer: String? = nil, caseRef: String? = nil, forceNewCase: Bool = false
    ) {
        self.person = person
        self.region = region
        self.born = born
        self.unit = unit
        self.relationship = relationship
        self.inquirer = inquirer
        self.caseRef = caseRef
        self.forceNewCase = forceNewCase
    }
}

extension Hotline {
    /// The most items `inbox list` shows.
    public static let maxInboxList = 1000

    // MARK: - Reads

    /// Inbox items, newest first, of one channel or state when given.
    public func inbox(channel: String? = nil, state: String? = nil, limit: Int = 100, as reader: OperatorName) throws
        -> [InboxItem]
    {
        let channel = try channel.map { text throws(HotlineError) in try Self.inboxChannel(text) }
        let state = try state.map { text throws(HotlineError) in try Self.inboxState(text) }
        guard (1...Self.maxInboxList).contains(limit) else {
            throw HotlineError.invalidField(
                field: "limit", value: String(limit), problem: "out of range", accepted: "1 to \(Self.maxInboxList)")
        }
        return try database.run(
            .reading { db in
                try authorize(reader, as: .viewer, in: db)
                return try db.inbox.messages(channel: channel?.rawValue, state: state?.rawValue, limit: limit)
                    .map(Self.item)
            })
    }

    /// One inbox item with its text, attachments and likely cases.
    public func inboxItem(_ id: Int64, as reader: OperatorName) throws -> InboxDetail {
        let country = rules.defaultCountry
        return try database.run(
            .reading { db in
                try authorize(reader, as: .viewer, in: db)
                let row = try Self.inboxRow(id, in: db)
                let attachments = try db.inbox.attachments(messageId: id).map {
                    InboxAttachment(name: $0.name, type: $0.type, size: $0.size, sha256: $0.sha256)
                }
                return InboxDetail(
                    item: Self.item(row), text: row.body, attachments: attachments, inquiry: row.inquiryId,
                    discardReason: row.discardReason,
                    likelyCases: try Self.likelyCases(of: row, defaultCountry: country, in: db))
            })
    }

    // MARK: - Writes

    /// Turns a new inbox item into an inquiry through the ordinary intake (the duplicate check
    /// and the registry check included), with the sender's contact and the message's channel.
    /// A likely existing case is an answer, as in `intake`: nothing is written.
    public func convertInboxItem(_ id: Int64, _ conversion: InboxConversion, by operatorName: OperatorName) throws
        -> IntakeOutcome
    {
        let at = now()
        return try database.run(
            .writing { db in
                try authorize(operatorName, as: .operator, in: db)
                let row = try Self.newInboxRow(id, in: db)
                var draft = InquiryDraft(
                    person: conversion.person, region: conversion.region, born: conversion.born, unit: conversion.unit,
                    inquirer: conversion.inquirer ?? row.senderName ?? "", relationship: conversion.relationship,
                    channel: row.channel, contacts: [row.senderContact],
                    note: Self.inquiryNote(inboxId: id, subject: row.subject), caseRef: conversion.caseRef,
                    forceNewCase: conversion.forceNewCase)
                draft.inquirerId = nil
                let input = try ValidInquiry(draft, rules: rules, today: at)
                if !conversion.forceNewCase {
                    let candidates = try likelyDuplicates(of: input, in: db)
                    if !candidates.isEmpty { return .likelyDuplicates(candidates) }
                }
                var logged = try writeInquiry(input, by: operatorName, at: at, in: db)
                logged.registry = try registryHits(forCase: logged.ref, at: at, in: db)
                logged.newsWaiting = try db.notices.undeliveredSummaries(inquirerId: logged.inquirer)
                let caseId = try PersonCaseRecord.fetch(ref: CaseReference(parsing: logged.ref), in: db).id
                try db.inbox.setOutcome(
                    id: id, state: "converted", caseId: caseId, inquiryId: logged.inquiry, discardReason: nil)
                try db.inbox.appendEvent(
                    messageId: id, at: at, by: operatorName.name, action: "converted", caseId: caseId,
                    note: "inquiry \(logged.inquiry) on case \(logged.ref)")
                return .logged(logged)
            })
    }

    /// Attaches a new inbox item to a case: the case's history says so, with the message's
    /// sender and subject.
    public func attachInboxItem(_ id: Int64, toCase ref: String, note: String? = nil, by operatorName: OperatorName)
        throws -> InboxItem
    {
        let reference = try CaseReference(parsing: ref)
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.run(
            .writing { db in
                try authorize(operatorName, as: .operator, in: db)
                let row = try Self.newInboxRow(id, in: db)
                let personCase = try PersonCaseRecord.fetch(ref: reference, in: db)
                var history = HistoryWriter(caseId: personCase.id!, at: at, by: operatorName, db: db)
                let what =
                    "\(row.channel) message (inbox \(id)) from \(row.senderContact)"
                    + (row.subject.map { ": \(String($0.prefix(200)))" } ?? "")
                try history.append(
                    kind: "note", note: note.map { "\(what). \($0)" } ?? what, source: row.channel)
                try db.cases.setLastActivity(at, caseId: personCase.id!)
                try db.inbox.setOutcome(
                    id: id, state: "attached", caseId: personCase.id, inquiryId: nil, discardReason: nil)
                try db.inbox.appendEvent(
                    messageId: id, at: at, by: operatorName.name, action: "attached", caseId: personCase.id,
                    note: note)
                return Self.item(try Self.inboxRow(id, in: db))
            })
    }

    /// Discards a new inbox item, saying why.
    public func discardInboxItem(_ id: Int64, reason: String, note: String? = nil, by operatorName: OperatorName)
        throws -> InboxItem
    {
        guard let why = DiscardReason(rawValue: reason.lowercased()) else {
            throw HotlineError.invalidField(
                field: "reason", value: reason, problem: "not a reason to discard",
                accepted: .verbatim(DiscardReason.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        let note = try TextRule.note("note").validate(note)
        let at = now()
        return try database.run(
            .writing { db in
                try authorize(operatorName, as: .operator, in: db)
                let row = try Self.newInboxRow(id, in: db)
                try db.inbox.setOutcome(
                    id: id, state: "discarded", caseId: row.caseId, inquiryId: nil, discardReason: why.rawValue)
                try db.inbox.appendEvent(
                    messageId: id, at: at, by: operatorName.name, action: "discarded", caseId: nil,
                    note: why.rawValue + (note.map { ": \($0)" } ?? ""))
                return Self.item(try Self.inboxRow(id, in: db))
            })
    }

    // MARK: - Helpers

    static func item(_ row: InboxMessageRow) -> InboxItem {
        InboxItem(
            id: row.id, channel: row.channel,
            from: row.senderContact.split(separator: ":", maxSplits: 1).last.map(String.init) ?? row.senderContact,
            sender: row.senderName, subject: row.subject, receivedAt: row.receivedAt, state: row.state, ref: row.ref)
    }

    static func inboxRow(_ id: Int64, in db: Database) throws -> InboxMessageRow {
        guard let row = try db.inbox.message(id: id) else {
            throw HotlineError.invalidField(
                field: "inbox item", value: String(id), problem: "no inbox item has this id",
                accepted: "an id `inbox list` shows")
        }
        return row
    }

    /// The item, which must still be new: converting, attaching or discarding it twice would
    /// file one letter twice.
    static func newInboxRow(_ id: Int64, in db: Database) throws -> InboxMessageRow {
        let row = try inboxRow(id, in: db)
        guard row.state == InboxState.new.rawValue else {
            let problem: Message
            if let ref = row.ref {
                problem = "it is \(row.state) (case \(ref))"
            } else {
                problem = "it is \(row.state)"
            }
            throw HotlineError.invalidField(
                field: "inbox item", value: String(id), problem: problem,
                accepted: "an item that is still new (`inbox list --state new`)")
        }
        return row
    }

    static func inboxChannel(_ text: String) throws(HotlineError) -> InboxChannel {
        guard let channel = InboxChannel(rawValue: text.lowercased()) else {
            throw .invalidField(
                field: "channel", value: text, problem: "not an inbox channel",
                accepted: .verbatim(InboxChannel.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return channel
    }

    static func inboxState(_ text: String) throws(HotlineError) -> InboxState {
        guard let state = InboxState(rawValue: text.lowercased()) else {
            throw .invalidField(
                field: "state", value: text, problem: "not an inbox state",
                accepted: .verbatim(InboxState.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return state
    }

    /// The most likely cases `inbox show` offers.
    static let maxLikelyCases = 5
    /// A name lead weaker than this is noise in a letter's text.
    static let likelyCaseMinimumScore = 0.75

    /// The cases an inbox item likely concerns: its thread, the sender's contact against the
    /// inquirers' contacts, then the names in its subject and text against the name index.
    static func likelyCases(of row: InboxMessageRow, defaultCountry: String, in db: Database) throws -> [SearchHit] {
        let engine = SearchEngine(db: db, defaultCountry: defaultCountry)
        var found: [SearchEngine.Candidate] = []
        if let caseId = row.caseId {
            found.append(SearchEngine.Candidate(caseId: caseId, score: 1, why: "the message's thread"))
        }
        // The sender's contact (stored as `KIND:VALUE`) as a contact only: its words
        // ("family12@families.example") are no name to search.
        if let contact = try? Contact(parsing: row.senderContact, defaultCountry: defaultCountry) {
            found += try engine.byContact(contact)
        }
        for phrase in NamePhrases.phrases(in: [row.subject ?? "", row.body].joined(separator: "\n")) {
            found += try engine.find(phrase).filter { $0.score >= likelyCaseMinimumScore }
        }
        var hits: [SearchHit] = []
        var seen: Set<Int64> = []
        var read: Set<Int64> = []  // a case reached twice (up to 200 contact rows) is read once
        for candidate in found.sorted(by: { $0.score > $1.score }) where hits.count < maxLikelyCases {
            guard read.insert(candidate.caseId).inserted else { continue }
            let record = try candidate.record(db)
            guard seen.insert(record.id!).inserted else { continue }
            hits.append(
                SearchHit(
                    ref: record.ref, person: record.personName, born: record.born, region: record.region,
                    status: record.status, score: (candidate.score * 1000).rounded() / 1000, why: candidate.why))
        }
        return hits
    }
}
