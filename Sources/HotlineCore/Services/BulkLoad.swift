import Foundation
import GRDB

/// Writes many inquiries and status changes through the same validation and write path as
/// the single commands, committing every `batchSize` operations instead of each one: for
/// imports and for seeding benchmark databases. Batches already committed stay if a later
/// operation fails; the failing batch is rolled back whole.
public final class BulkWriter {
    private let hotline: Hotline
    private let db: Database
    private let operatorName: OperatorName
    private let batchSize: Int
    private var pending = 0
    /// Operations written so far.
    public private(set) var count = 0

    init(hotline: Hotline, db: Database, operatorName: OperatorName, batchSize: Int) {
        self.hotline = hotline
        self.db = db
        self.operatorName = operatorName
        self.batchSize = batchSize
    }

    /// Logs one inquiry as `logInquiry` would, at `at` (default now). The duplicate check runs
    /// unless the draft says `forceNewCase`.
    @discardableResult
    public func log(_ draft: InquiryDraft, at: Date? = nil) throws -> LoggedInquiry {
        let input = try ValidInquiry(draft, rules: hotline.rules, today: hotline.now())
        if !draft.forceNewCase {
            let candidates = try hotline.likelyDuplicates(of: input, in: db)
            if !candidates.isEmpty { throw HotlineError.likelyDuplicates(candidates) }
        }
        let logged = try hotline.writeInquiry(input, by: operatorName, at: at ?? hotline.now(), in: db)
        try step()
        return logged
    }

    /// Changes a case's status as `changeStatus` would, at `at` (default now).
    @discardableResult
    public func changeStatus(_ draft: StatusChangeDraft, at: Date? = nil) throws -> StatusChanged {
        let change = try ValidStatusChange(draft, rules: hotline.rules, today: hotline.now())
        let changed = try hotline.writeStatusChange(change, by: operatorName, at: at ?? hotline.now(), in: db)
        try step()
        return changed
    }

    private func step() throws {
        count += 1
        pending += 1
        if pending >= batchSize {
            try db.commit()
            try db.beginTransaction(.immediate)
            pending = 0
        }
    }
}

extension Hotline {
    /// Runs `body` with a bulk writer: the same rules and write path as the single commands,
    /// committed in batches of `batchSize`. Returns the number of operations written.
    @discardableResult
    public func bulk(by operatorName: OperatorName, batchSize: Int = 10_000, _ body: (BulkWriter) throws -> Void)
        throws -> Int
    {
        try database.writeBatches { db in
            try authorize(operatorName, as: .operator, in: db)
            let writer = BulkWriter(hotline: self, db: db, operatorName: operatorName, batchSize: max(1, batchSize))
            try body(writer)
            return writer.count
        }
    }
}
