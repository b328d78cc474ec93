import Foundation
import HotlineCore

// Telling the families (issue 13): the notice list of a large region, and what notices add to
// a status change of a case with 20 inquirers; hotline next to the same SQL on the raw side.

extension HotlineSide {
    /// The first page of a region's undelivered notices, every field touched.
    func noticeList(region: String, limit: Int) throws -> Int {
        let notices = try hotline.notices(NoticeFilter(region: region, limit: limit), as: me)
        var bytes = 0
        for notice in notices {
            bytes &+= notice.case.utf8.count &+ notice.inquirerName.utf8.count &+ notice.person.utf8.count
            bytes &+= notice.status.utf8.count &+ Int(notice.newsAt.timeIntervalSince1970) &+ notice.attempts
            bytes &+= (notice.source?.utf8.count ?? 0) &+ (notice.channels?.count ?? 0)
        }
        blackHole(bytes)
        return notices.count
    }
}

extension RawHotline {
    /// The same page as `notice list --region R`: the same query, every column read.
    func noticeList(region: String, limit: Int) throws -> Int {
        try authorize()
        let statement = try db.statement(
            """
            SELECT n.id, c.ref, n.inquirer_id, i.name, c.person_name, n.region, n.status, n.source, n.as_of, n.news_at,
                n.state, n.attempts, n.retry_after, i.consent_channels, n.delivered_at, n.delivered_by,
                n.delivered_channel
            FROM notice n JOIN person_case c ON c.id = n.case_id JOIN inquirer i ON i.id = n.inquirer_id
            WHERE n.state <> 'delivered' AND n.region = ? ORDER BY n.news_at, n.id LIMIT ?
            """)
        statement.bind(1, region)
        statement.bind(2, Int64(limit))
        var rows = 0
        var bytes = 0
        while try statement.step() {
            bytes &+= Int(statement.int(0)) &+ Int(statement.int(2)) &+ Int(statement.int(11))
            for column: Int32 in [1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16] {
                bytes &+= statement.text(column)?.utf8.count ?? 0
            }
            rows += 1
        }
        statement.reset()
        blackHole(bytes)
        return rows
    }

    /// What a status change that is news writes besides the change (issue 13): for each
    /// inquirer of the case, their undelivered notice updated, or a new one. Inside the
    /// caller's transaction.
    func writeNotices(caseId: Int64, status: String, source: String?, asOf: String?, at: String) throws {
        let inquirers = try db.statement(
            """
            SELECT inquirer_id, EXISTS (SELECT 1 FROM contact WHERE contact.inquirer_id = q.inquirer_id)
            FROM inquiry q WHERE case_id = ? GROUP BY inquirer_id ORDER BY min(id)
            """)
        inquirers.bind(1, caseId)
        var found: [(Int64, Bool)] = []
        while try inquirers.step() { found.append((inquirers.int(0), inquirers.int(1) != 0)) }
        inquirers.reset()
        let region = try db.text("SELECT region FROM person_case WHERE id = ?", [.int(caseId)]) ?? ""
        for (inquirerId, reachable) in found {
            let waiting = try db.statement(
                "SELECT id FROM notice WHERE case_id = ? AND inquirer_id = ? AND state <> 'delivered'")
            waiting.bind(1, caseId)
            waiting.bind(2, inquirerId)
            let existing = try waiting.step() ? waiting.int(0) : nil
            waiting.reset()
            if let existing {
                let update = try db.statement(
                    "UPDATE notice SET status = ?, source = ?, as_of = ?, news_at = ?, retry_after = NULL WHERE id = ?")
                update.bind(1, status)
                update.bind(2, source)
                update.bind(3, asOf)
                update.bind(4, at)
                update.bind(5, existing)
                try update.run()
            } else {
                let insert = try db.statement(
                    """
                    INSERT INTO notice (case_id, inquirer_id, region, status, source, as_of, news_at, state, attempts,
                        created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """)
                insert.bind(1, caseId)
                insert.bind(2, inquirerId)
                insert.bind(3, region)
                insert.bind(4, status)
                insert.bind(5, source)
                insert.bind(6, asOf)
                insert.bind(7, at)
                insert.bind(8, reachable ? "pending" : "unreachable")
                insert.bind(9, at)
                try insert.run()
            }
        }
    }
}

enum NoticeBenchmark {
    /// Opens `count` cases of 20 inquirers each (each with a phone) through hotline's bulk path
    /// on the write copy; their references.
    static func casesWithTwentyInquirers(_ count: Int, work: Workloads, base: Int, writer: HotlineSide) throws
        -> [String]
    {
        var refs: [String] = []
        _ = try writer.hotline.bulk(by: writer.me, batchSize: 10_000) { bulk in
            for index in 0..<count {
                var draft = work.newCaseDraft(base + index)
                draft.forceNewCase = true
                let ref = try bulk.log(draft).ref
                for inquirer in 1..<20 {
                    let number = String(format: "%07d", (base + index) * 20 % 10_000_000 + inquirer)
                    _ = try bulk.log(
                        InquiryDraft(
                            inquirer: "Родственник \(inquirer) Петрович", relationship: "other-relative",
                            channel: "phone", contacts: ["phone:+7 916 \(number)"], caseRef: ref))
                }
                refs.append(ref)
            }
        }
        return refs
    }
}
