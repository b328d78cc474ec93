import Foundation

/// Where a page of a case list ended: the last case's reference and its activity time, the
/// list's order. The next page starts after it, read in a snapshot of its own, so a slow
/// client never holds a read transaction open between pages and writes between pages are
/// neither doubled nor lost: a case opened meanwhile (newer activity) sorts before the cursor.
/// A case whose activity changes between pages moves to the front, as in a fresh list.
///
/// As text (`4821-9935@2026-11-30T11:35:14.123Z`) it travels in a URL or a JSON field.
public struct CaseCursor: Hashable, Sendable, Codable, LosslessStringConvertible {
    /// The reference of the last case of the page.
    public let ref: String
    /// That case's last activity when the page was read, to the millisecond it is stored to.
    public let lastActivity: Date

    init(ref: String, lastActivity: Date) {
        self.ref = ref
        self.lastActivity = lastActivity
    }

    public var description: String {
        let stored = DatabaseTime.text(lastActivity)
        return "\(ref)@\(stored.prefix(10))T\(stored.dropFirst(11))Z"
    }

    /// Reads a cursor as `description` writes it; anything else is `nil`.
    public init?(_ text: String) {
        guard let at = text.firstIndex(of: "@"), let ref = try? CaseReference(parsing: String(text[..<at])) else {
            return nil
        }
        let time = text[text.index(after: at)...]
        guard time.count == 24, time.hasSuffix("Z"), time.dropFirst(10).first == "T",
            let date = DatabaseTime.date(exactly: "\(time.prefix(10)) \(time.dropFirst(11).dropLast())")
        else { return nil }
        self.init(ref: ref.description, lastActivity: date)
    }

    /// `text` as a cursor, or the error that says what one looks like.
    public init(parsing text: String) throws(HotlineError) {
        guard let cursor = CaseCursor(text) else {
            throw .invalidField(
                field: "after", value: text, problem: "it is not a page cursor",
                accepted: "the `next` value of the previous page, as it was given (REF@TIME)")
        }
        self = cursor
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try CaseCursor(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One page of a case list.
public struct CasePage: Encodable, Sendable, Equatable {
    /// At most the page size, newest activity first.
    public let cases: [CaseSummary]
    /// Where the next page starts; `nil` when this page ends the list.
    public let next: CaseCursor?
}

extension Hotline {
    /// The most cases one page holds.
    public static let maxPageSize = 1000

    /// One page of the cases that pass `filter`, newest activity first: `filter.limit` cases
    /// (100 when it is not set) that come after `cursor` (from the first when `nil`). Each
    /// page is its own read, so walking the pages never holds a snapshot open between them.
    public func casePage(_ filter: CaseFilter, after cursor: CaseCursor?, as reader: OperatorName) throws -> CasePage {
        try database.run(casePageWork(filter, after: cursor, as: reader))
    }

    /// `casePage` for asynchronous callers: the read runs on GRDB's queues.
    public func casePage(_ filter: CaseFilter, after cursor: CaseCursor?, as reader: OperatorName) async throws
        -> CasePage
    {
        try await database.run(casePageWork(filter, after: cursor, as: reader))
    }

    private func casePageWork(_ filter: CaseFilter, after cursor: CaseCursor?, as reader: OperatorName) throws
        -> DatabaseWork<CasePage>
    {
        let size = filter.limit ?? 100
        guard (1...Self.maxPageSize).contains(size) else {
            throw HotlineError.invalidField(
                field: "limit", value: String(size), problem: "it is out of range for a page",
                accepted: "a number from 1 to \(Self.maxPageSize)")
        }
        var oneMore = filter
        oneMore.limit = size + 1  // one past the page says whether another page follows
        let list = try caseListWork(oneMore, after: cursor, as: reader).body
        return .reading { db in
            let found = try list(db)
            let page = Array(found.prefix(size))
            let next =
                found.count > size ? page.last.map { CaseCursor(ref: $0.ref, lastActivity: $0.lastActivity) } : nil
            return CasePage(cases: page, next: next)
        }
    }
}
