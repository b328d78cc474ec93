import Foundation
import GRDB
import HotlineTesting
import Testing

@testable import HotlineCore

/// A fixed instant, 2024-05-29 16:26:40 UTC, that every service test's clock starts from.
let t0 = Date(timeIntervalSince1970: 1_717_000_000)

/// How `t0` is stored in the database.
let t0Text = "2024-05-29 16:26:40.000"

/// `minutes` minutes after `t0`.
func minutes(_ minutes: Int) -> Date { t0.addingTimeInterval(Double(minutes) * 60) }

/// A date at midnight UTC, for `today:` arguments.
func utcDate(_ year: Int, _ month: Int, _ day: Int) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day))!
}

/// The parts of an `invalidField` error, or `nil` for any other error.
func invalidField(_ error: HotlineError?) -> (field: String, value: String, problem: String, accepted: String)? {
    guard case .invalidField(let field, let value, let problem, let accepted)? = error else { return nil }
    return (field, value, problem.description, accepted.description)
}

/// An inquiry draft with typical values; tests override what they look at.
func draft(
    person: String? = "Иванов Пётр Сергеевич", region: String? = "RU-KRS", born: String? = nil,
    unit: String? = nil, inquirer: String = "Иванова Мария", relationship: String = "mother",
    channel: String = "phone", contacts: [String] = ["phone:8 916 123-45-67"], note: String? = nil,
    caseRef: String? = nil, forceNewCase: Bool = true
) -> InquiryDraft {
    // Fixtures open a new case unless told otherwise: the duplicate check has its own tests.
    InquiryDraft(
        person: person, region: region, born: born, unit: unit, inquirer: inquirer, relationship: relationship,
        channel: channel, contacts: contacts, note: note, caseRef: caseRef, forceNewCase: forceNewCase)
}

/// Every row of every table, rendered as text: two snapshots are equal only when every
/// stored value is byte for byte the same.
struct Snapshot: Equatable, CustomStringConvertible {
    /// Rows per table, by table name.
    let counts: [String: Int]
    /// One line per row, `table: [column:value …]`, in table then row order.
    let lines: [String]

    var description: String { lines.joined(separator: "\n") }

    static func == (a: Snapshot, b: Snapshot) -> Bool {
        a.counts == b.counts && a.lines.map { Array($0.utf8) } == b.lines.map { Array($0.utf8) }
    }
}

/// A fresh database file in its own temporary directory, and the service over it with a
/// clock the test sets for each call.
struct Fixture {
    /// Where every fixture's directory goes: one folder per test process, removed when it exits.
    static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-core-tests-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: Fixture.root) }
        return root
    }()

    let directory: URL
    let database: HotlineDatabase
    var path: String { database.path }

    /// A new empty folder under `root`, for a test that makes its own files.
    static func freshDirectory() throws -> URL {
        let directory = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    init() throws {
        directory = try Self.freshDirectory()
        database = try HotlineDatabase.open(path: directory.appendingPathComponent("hotline.sqlite").path)
    }

    /// The service, with its clock stopped at `now`.
    func hotline(at now: Date = t0) -> Hotline {
        Hotline(database: database, rules: .shipped, now: { now })
    }

    // The service calls, in one place so a change of signature is one edit.

    @discardableResult
    func log(_ draft: InquiryDraft, at now: Date = t0, by name: String = "anna") throws -> LoggedInquiry {
        try hotline(at: now).logInquiry(draft, by: OperatorName(name))
    }

    @discardableResult
    func changeStatus(_ draft: StatusChangeDraft, at now: Date = t0, by name: String = "anna") throws
        -> StatusChanged
    {
        try hotline(at: now).changeStatus(draft, by: OperatorName(name))
    }

    /// Moves a case to deceased by hand: anna asks (with a source), oleg approves.
    func markDeceased(_ ref: String, at now: Date = t0) throws {
        try changeStatus(StatusChangeDraft(ref: ref, status: "deceased", source: "a list"), at: now)
        try hotline(at: now).approveStatus(ref: ref, by: OperatorName("oleg"))
    }

    func cases(_ filter: CaseFilter = CaseFilter(), by name: String = "anna") throws -> [CaseSummary] {
        try hotline().cases(filter, as: OperatorName(name))
    }

    func detail(_ ref: String, by name: String = "anna") throws -> CaseDetail {
        try hotline().caseDetail(ref: ref, as: OperatorName(name))
    }

    // Looking into the database.

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try database.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments) }
    }

    func strings(_ sql: String, _ arguments: StatementArguments = []) throws -> [String?] {
        try database.read { db in try String?.fetchAll(db, sql: sql, arguments: arguments) }
    }

    func count(_ table: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? -1 }
    }

    func snapshot() throws -> Snapshot {
        try database.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            var counts: [String: Int] = [:]
            var lines: [String] = []
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
                counts[table] = rows.count
                lines += rows.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            }
            return Snapshot(counts: counts, lines: lines)
        }
    }

    /// A well-formed reference that no case in this database has.
    func unusedReference() throws -> String {
        var generator = SplitMix64(seed: 99)
        let used = Set(try strings("SELECT ref FROM person_case").compactMap { $0 })
        while true {
            let ref = CaseReference.random(using: &generator).description
            if !used.contains(ref) { return ref }
        }
    }
}

/// `ref` with one digit changed, so its check digit no longer matches.
func mistyped(_ ref: String) -> String {
    var characters = Array(ref)
    let index = characters.firstIndex { $0.isNumber }!
    characters[index] = characters[index] == "1" ? "2" : "1"
    return String(characters)
}

extension HotlineError {
    /// SQLite's message, when this is a statement SQLite refused (a trigger, a constraint).
    var databaseMessage: String? {
        guard case .databaseFailure(let message) = self else { return nil }
        return message
    }
}
