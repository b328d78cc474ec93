import Foundation
import GRDB

/// One notice as lists show it: news for one family about one case.
public struct NoticeSummary: Encodable, Sendable, Equatable {
    public let id: Int64
    /// The case reference.
    public let `case`: String
    /// The inquirer's id.
    public let inquirer: Int64
    public let inquirerName: String
    /// The person sought, as the case names them.
    public let person: String
    public let region: String
    /// The news: the status the case reached.
    public let status: String
    public let source: String?
    public let asOf: String?
    /// When the case reached the status.
    public let newsAt: Date
    public let state: NoticeState
    /// Attempts so far, the delivery included.
    public let attempts: Int
    /// Not to be tried again before this.
    public let retryAfter: Date?
    /// The channels the family allowed; `nil` when they were not asked.
    public let channels: [String]?
    public let deliveredAt: Date?
    public let deliveredBy: String?
    public let deliveredChannel: String?

    enum CodingKeys: String, CodingKey {
        case id, `case`, inquirer, inquirerName, person, region, status, source, asOf, newsAt, state, attempts,
            retryAfter, channels, deliveredAt, deliveredBy, deliveredChannel
    }

    /// Every key written, `null` included: `channels: null` says "not asked", not "none".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(`case`, forKey: .case)
        try container.encode(inquirer, forKey: .inquirer)
        try container.encode(inquirerName, forKey: .inquirerName)
        try container.encode(person, forKey: .person)
        try container.encode(region, forKey: .region)
        try container.encode(status, forKey: .status)
        try container.encode(source, forKey: .source)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(newsAt, forKey: .newsAt)
        try container.encode(state, forKey: .state)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(retryAfter, forKey: .retryAfter)
        try container.encode(channels, forKey: .channels)
        try container.encode(deliveredAt, forKey: .deliveredAt)
        try container.encode(deliveredBy, forKey: .deliveredBy)
        try container.encode(deliveredChannel, forKey: .deliveredChannel)
    }
}

/// One entry of a notice's history: an attempt, the delivery, or newer news.
public struct NoticeAttempt: Encodable, Sendable, Equatable {
    public let at: Date
    public let by: String
    /// attempt, delivered or updated.
    public let kind: String
    public let channel: String?
    /// no-answer, busy, wrong-number, refused, left-message, delivered; `nil` for updated news.
    public let result: String?
    /// What was said, to whom; for updated news, what the notice said before.
    public let note: String?

    enum CodingKeys: String, CodingKey { case at, by, kind, channel, result, note }

    /// Every key written, `null` included (the contract lists them).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(by, forKey: .by)
        try container.encode(kind, forKey: .kind)
        try container.encode(channel, forKey: .channel)
        try container.encode(result, forKey: .result)
        try container.encode(note, forKey: .note)
    }
}

/// What a family agreed to; each answer `nil` until asked.
public struct InquirerConsent: Encodable, Sendable, Equatable {
    /// May we call them back.
    public let callback: Bool?
    /// The channels they allowed.
    public let channels: [String]?
    /// May their details be shared with partner organisations.
    public let share: Bool?
    public let recorded: Date?
    public let recordedBy: String?

    enum CodingKeys: String, CodingKey { case callback, channels, share, recorded, recordedBy }

    /// Every key written, `null` for "not asked".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(callback, forKey: .callback)
        try container.encode(channels, forKey: .channels)
        try container.encode(share, forKey: .share)
        try container.encode(recorded, forKey: .recorded)
        try container.encode(recordedBy, forKey: .recordedBy)
    }

    /// The answers in words, in the operator's language, "unknown" where the family was not asked;
    /// the channels' names are data.
    public var summary: Message {
        let yes: Message = "yes"
        let no: Message = "no"
        let unknown: Message = "unknown (not asked)"
        let none: Message = "none"
        func answer(_ value: Bool?) -> Message { value.map { $0 ? yes : no } ?? unknown }
        let channelText = channels.map { $0.isEmpty ? none : .verbatim($0.joined(separator: ", ")) } ?? unknown
        return "call back: \(answer(callback)); channels: \(channelText); share with partners: \(answer(share))"
    }
}

extension Hotline {
    /// Gives every inquirer of the case a notice of the news it just reached, inside the status
    /// change's transaction: a notice not delivered yet takes the newer news (its event keeps the
    /// older); an inquirer who left no contact gets one marked unreachable, shown to whoever
    /// takes their next call. Two cached statements per inquirer.
    func writeNotices(
        for personCase: PersonCaseRecord, status: String, source: String?, asOf: String?, at: Date,
        by operatorName: OperatorName, in db: Database
    ) throws {
        let store = db.notices
        for (inquirerId, reachable) in try store.inquirers(ofCase: personCase.id!) {  // read from the database
            if let waiting = try store.undelivered(caseId: personCase.id!, inquirerId: inquirerId) {
                let before = [
                    waiting.status, waiting.source.map { "source: \($0)" }, waiting.asOf.map { "as of \($0)" },
                ].compactMap { $0 }.joined(separator: "; ")
                try store.appendEvent(
                    noticeId: waiting.id!, at: at, by: operatorName.name, kind: "updated",
                    note: "the news was: \(before) (\(DatabaseTime.text(waiting.newsAt)) UTC); now: \(status)")
                try store.setNews(noticeId: waiting.id!, status: status, source: source, asOf: asOf, newsAt: at)
            } else {
                var notice = NoticeRow(
                    caseId: personCase.id!, inquirerId: inquirerId, region: personCase.region, status: status,
                    source: source, asOf: asOf, newsAt: at, state: reachable ? .pending : .unreachable, createdAt: at)
                try store.insert(&notice)
            }
        }
    }

    /// What an inquiry means for telling the family, inside the inquiry's transaction: we spoke
    /// with them now (the call-back schedule starts again), news waiting for them without a
    /// contact becomes deliverable once they leave one, and a family asking about a case after
    /// its news gets a notice of it too.
    func noteContact(
        inquirerId: Int64, hasContacts: Bool, on personCase: PersonCaseRecord, at: Date, in db: Database
    ) throws {
        let store = db.notices
        try store.setLastContact(inquirerId: inquirerId, at: at)
        if hasContacts { try store.markReachable(inquirerId: inquirerId) }
        guard rules.notices.isNews(personCase.status),
            let news = try db.notices.latestStatusChange(caseId: personCase.id!),  // read from the database
            news.to == personCase.status,
            try store.undelivered(caseId: personCase.id!, inquirerId: inquirerId) == nil,
            try !store.hasNotice(caseId: personCase.id!, inquirerId: inquirerId, newsAt: news.at)
        else { return }
        let reachable = try !store.contacts(ofInquirer: inquirerId).isEmpty
        var notice = NoticeRow(
            caseId: personCase.id!, inquirerId: inquirerId, region: personCase.region, status: personCase.status,
            source: news.source, asOf: news.asOf, newsAt: news.at, state: reachable ? .pending : .unreachable,
            createdAt: at)
        try store.insert(&notice)
    }
}
