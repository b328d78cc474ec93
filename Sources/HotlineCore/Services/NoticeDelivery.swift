import Foundation
import GRDB

extension Hotline {
    /// Records an attempt to deliver a notice that did not deliver it (no answer, busy, ...);
    /// `retryAfter` (`2h`, `1d`) keeps it out of `--overdue` until then. The attempt goes to the
    /// notice's history, the case's history and so to `audit`.
    public func attemptNotice(
        _ id: Int64, channel: String, result: String, retryAfter: String? = nil, by operatorName: OperatorName
    ) throws -> NoticeDetail {
        let channel = try rules.channels.term(channel)
        let result = try AttemptResult(parsing: result)
        let delay = try retryAfter.map { text throws(HotlineError) in try RetryDelay(parsing: text) }
        let at = now()
        try database.write { db in
            let notice = try deliverable(id, channel: channel, by: operatorName, in: db)
            let inquirer = try existingInquirer(notice.inquirerId, in: db)
            try db.notices.setAttempted(
                noticeId: id, attempts: notice.attempts + 1, retryAfter: delay.map { at.addingTimeInterval($0.seconds) }
            )
            try db.notices.appendEvent(
                noticeId: id, at: at, by: operatorName.name, kind: "attempt", channel: channel.name,
                result: result.rawValue)
            var history = HistoryWriter(caseId: notice.caseId, at: at, by: operatorName, db: db)
            try history.append(
                kind: "note", field: "notice \(id)", to: result.rawValue,
                note: "\(notice.status) news to \(inquirer.name) via \(channel.name): \(result.rawValue)"
                    + (retryAfter.map { "; try again after \($0)" } ?? ""))
        }
        return try noticeDetail(id, as: operatorName)
    }

    /// Records that the family was told: on which channel, what was said and to whom. We spoke
    /// with them, so their call-back schedule starts again.
    public func deliverNotice(_ id: Int64, channel: String, note: String, by operatorName: OperatorName) throws
        -> NoticeDetail
    {
        let channel = try rules.channels.term(channel)
        let note = try TextRule.note("note").validate(note)
        guard !note.trimmingWhitespace().isEmpty else {
            throw HotlineError.invalidField(
                field: "note", value: note, problem: "it is empty",
                accepted: "what was said, and to whom (\"told his mother; she will call the unit\")")
        }
        let at = now()
        try database.write { db in
            let notice = try deliverable(id, channel: channel, by: operatorName, in: db)
            let inquirer = try existingInquirer(notice.inquirerId, in: db)
            try db.notices.setDelivered(
                noticeId: id, attempts: notice.attempts + 1, at: at, by: operatorName.name, channel: channel.name)
            try db.notices.appendEvent(
                noticeId: id, at: at, by: operatorName.name, kind: "delivered", channel: channel.name,
                result: "delivered", note: note)
            try db.notices.setLastContact(inquirerId: notice.inquirerId, at: at)
            var history = HistoryWriter(caseId: notice.caseId, at: at, by: operatorName, db: db)
            try history.append(
                kind: "note", field: "notice \(id)", to: "delivered",
                note: "\(notice.status) news told to \(inquirer.name) via \(channel.name): \(note)")
        }
        return try noticeDetail(id, as: operatorName)
    }

    /// The notice `id`, once the operator may deliver it on `channel`: an operator at least;
    /// not delivered yet; a channel the family allowed (when they were asked); and for news of
    /// a death, an operator marked for it, never a text message the family did not agree to.
    private func deliverable(_ id: Int64, channel: Term, by operatorName: OperatorName, in db: Database) throws
        -> NoticeRow
    {
        try authorize(operatorName, as: .operator, in: db)
        let notice = try existingNotice(id, in: db)
        if notice.state == .delivered {
            throw HotlineError.invalidField(
                field: "notice", value: String(id), problem: "it was delivered already",
                accepted: "a notice not delivered yet (`notice list`)")
        }
        let consent = try existingInquirer(notice.inquirerId, in: db).consent
        if let allowed = consent.channels, !allowed.contains(channel.name) {
            throw HotlineError.invalidField(
                field: "channel", value: channel.name, problem: "the family did not allow this channel",
                accepted: "\(allowed.isEmpty ? "no channel at all" : .verbatim(allowed.joined(separator: ", ")))"
                    + " (what they agreed to; record new answers with `inquirer consent \(notice.inquirerId)`)")
        }
        if notice.status == RegistryVocabulary.deceasedStatus {
            guard try db.notices.deliversDeathNotices(operatorName.name) else {
                throw HotlineError.refused(
                    operator: operatorName.name, reason: "is not marked to deliver news of a death",
                    remedy: "an admin marks the operators who do with `operator set NAME --death-notices yes`")
            }
            if rules.notices.textChannels.contains(channel.name), consent.channels?.contains(channel.name) != true {
                throw HotlineError.invalidField(
                    field: "channel", value: channel.name,
                    problem: "news of a death is never sent by a text message the family did not agree to",
                    accepted: "a voice channel (phone, in-person), or this channel once the family agreed to it "
                        + "(`inquirer consent \(notice.inquirerId) --channels-allowed ...`)")
            }
        }
        return notice
    }

    func existingNotice(_ id: Int64, in db: Database) throws -> NoticeRow {
        guard let notice = try db.notices.notice(id: id) else {
            throw HotlineError.invalidField(
                field: "notice", value: String(id), problem: "there is no such notice",
                accepted: "a notice id from `notice list`")
        }
        return notice
    }
}
