import Foundation
import GRDB

extension Hotline {
    /// What a merge does with the notices (inside the merge's transaction): they all move to
    /// the survivor, under its region. A family with news waiting on both cases would then hold
    /// two undelivered notices about one person, which the schema forbids; they become one. The
    /// notice that has been worked on (attempts, updates) is kept and takes the newer of the two
    /// news; the other, never tried, is removed, and the survivor's history says so. Two that
    /// were both tried are refused: deliver one first (`notice done`), then merge.
    func moveNotices(
        from duplicate: PersonCaseRecord, to survivor: PersonCaseRecord, at: Date, by actor: OperatorName,
        history: inout HistoryWriter, in db: Database
    ) throws {
        let store = db.notices
        for (moving, staying) in try store.undeliveredOfTheSameFamily(fromCase: duplicate.id!, toCase: survivor.id!) {
            let movingWorked = try store.hasEvents(noticeId: moving.id!)
            let stayingWorked = try store.hasEvents(noticeId: staying.id!)
            guard !(movingWorked && stayingWorked) else {
                throw HotlineError.invalidField(
                    field: "case", value: duplicate.ref,
                    problem:
                        "inquirer \(moving.inquirerId) has news waiting on both cases, each already tried "
                        + "(notices \(moving.id!) and \(staying.id!))",
                    accepted: "cases whose news for a family is delivered on one of them first: `notice done "
                        + "\(moving.id!)` or `notice done \(staying.id!)`, then merge")
            }
            let (kept, removed) = movingWorked ? (moving, staying) : (staying, moving)
            if removed.newsAt > kept.newsAt {
                try store.appendEvent(
                    noticeId: kept.id!, at: at, by: actor.name, kind: "updated",
                    note: "the news was: \(Self.newsText(kept)); now: \(removed.status) (from notice \(removed.id!), "
                        + "merged with \(duplicate.ref))")
                try store.setNews(
                    noticeId: kept.id!, status: removed.status, source: removed.source, asOf: removed.asOf,
                    newsAt: removed.newsAt)
            }
            try store.delete(noticeId: removed.id!)
            try history.append(
                kind: "note",
                note:
                    "notice \(removed.id!) (\(Self.newsText(removed))) for inquirer \(removed.inquirerId) folded into "
                    + "notice \(kept.id!) on merging \(duplicate.ref): one notice per family")
        }
        try store.moveNotices(fromCase: duplicate.id!, toCase: survivor.id!, region: survivor.region)
    }

    /// A notice's news in words: `located; source: prisoner list; as of 2026-05 (2026-05-02 10:00:00.000 UTC)`.
    static func newsText(_ notice: NoticeRow) -> String {
        [notice.status, notice.source.map { "source: \($0)" }, notice.asOf.map { "as of \($0)" }]
            .compactMap { $0 }.joined(separator: "; ") + " (\(DatabaseTime.text(notice.newsAt)) UTC)"
    }
}
