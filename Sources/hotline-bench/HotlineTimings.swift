import Foundation
import HotlineCore

/// The hot operations through hotline's service layer, in-process, as the CLI and the shell
/// call them: each method is one `Hotline` call, its result consumed.
struct HotlineSide {
    let hotline: Hotline
    let me: OperatorName

    init(path: String) throws {
        hotline = try Hotline.open(path: path, rules: .shipped)
        me = try OperatorName("bench")
    }

    /// The `PRAGMA synchronous` level hotline's writer connection really runs at (0 OFF,
    /// 1 NORMAL, 2 FULL, 3 EXTRA), read through the service layer's own write path.
    func writerSynchronous() throws -> Int {
        try hotline.writerSynchronousLevel()
    }

    static func synchronousName(_ level: Int) -> String {
        ["OFF", "NORMAL", "FULL", "EXTRA"].indices.contains(level) ? ["OFF", "NORMAL", "FULL", "EXTRA"][level] : "?"
    }

    // (1)
    @discardableResult
    func logInquiry(_ draft: InquiryDraft) throws -> LoggedInquiry {
        try hotline.logInquiry(draft, by: me)
    }

    // (2)
    func changeStatus(_ draft: StatusChangeDraft) throws {
        _ = try hotline.changeStatus(draft, by: me)
    }

    // (3) Streams the list and touches every field of every row, as a renderer would.
    func listOpen(region: String, limit: Int?) throws -> Int {
        var rows = 0
        var bytes = 0
        try hotline.listCases(CaseFilter(openOnly: true, region: region, limit: limit), as: me) { summary in
            rows += 1
            bytes &+= summary.ref.utf8.count &+ summary.person.utf8.count &+ (summary.born?.utf8.count ?? 0)
            bytes &+= summary.region.utf8.count &+ (summary.unit?.utf8.count ?? 0) &+ summary.status.utf8.count
            bytes &+= Int(summary.opened.timeIntervalSince1970) &+ Int(summary.lastInquiry.timeIntervalSince1970)
            bytes &+= Int(summary.lastActivity.timeIntervalSince1970) &+ summary.inquiries
        }
        blackHole(bytes)
        return rows
    }

    // (4)
    func caseDetail(ref: String) throws -> Int {
        let detail = try hotline.caseDetail(ref: ref, as: me)
        return detail.inquiries.count + detail.history.count
    }

    // (5) One `Hotline.bulk` over the whole list; follow-ups get the reference their case was
    // given when it was opened earlier in the same load.
    func bulk(_ items: [BulkItem], batchSize: Int) throws -> Int {
        var refs: [Int: String] = [:]
        return try hotline.bulk(by: me, batchSize: batchSize) { writer in
            for item in items {
                var draft = item.draft
                if !item.isNew { draft.caseRef = refs[item.caseIndex]! }  // opened earlier in the list
                let logged = try writer.log(draft)
                if item.isNew { refs[item.caseIndex] = logged.ref }
            }
        }
    }

    // (6)
    func search(_ text: String) throws -> Int {
        try hotline.search(SearchQuery(text: text), as: me).count
    }

    // (7) `oneByOne`: the intake search for every case, as before DuplicateFinder.
    func duplicates(region: String?, limit: Int, oneByOne: Bool = false) throws -> Int {
        oneByOne
            ? try hotline.duplicatePairsOneByOne(region: region, limit: limit, as: me).count
            : try hotline.duplicatePairs(region: region, limit: limit, as: me).count
    }

    enum IntakeOutcome: Equatable {
        case duplicates(Int)
        case logged
    }

    /// `logInquiry` without `forceNewCase`: the duplicate check, and the write when it passes.
    func intake(_ draft: InquiryDraft) throws -> IntakeOutcome {
        do {
            _ = try hotline.logInquiry(draft, by: me)
            return .logged
        } catch HotlineError.likelyDuplicates(let candidates) {
            return .duplicates(candidates.count)
        }
    }
}

/// One inquiry of the bulk-load workload, for both sides.
struct BulkItem {
    /// Which case of the workload it belongs to.
    let caseIndex: Int
    let isNew: Bool
    /// For hotline (a follow-up's `caseRef` is filled in when it runs).
    var draft: InquiryDraft
    /// The same inquiry for the raw side.
    var raw: RawInquiry
}
