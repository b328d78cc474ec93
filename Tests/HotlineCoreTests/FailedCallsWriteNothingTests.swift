import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// Every refused or failed call leaves the database exactly as it was: every row of every
/// table, byte for byte.
@Suite struct FailedCallsWriteNothingTests {
    /// A database with an open case (with an inquirer and contacts) and a closed one.
    struct Given {
        let fixture: Fixture
        let open: LoggedInquiry
        let closed: LoggedInquiry

        init() throws {
            fixture = try Fixture()
            open = try fixture.log(draft(born: "1998", contacts: ["8 916 123-45-67", "email:maria@example.org"]))
            closed = try fixture.log(
                draft(person: "Петренко Іван", region: "UA-63", contacts: ["@petrenko_o"]), at: minutes(1))
            try fixture.changeStatus(StatusChangeDraft(ref: closed.ref, status: "reunited"), at: minutes(2))
        }
    }

    enum FailingCall: String, CaseIterable, Sendable {
        case badRegion, badContact, badBorn, futureBorn, badPerson, badUnit, badNote, badRelationship, badChannel
        case tooManyContacts, missingPerson, unknownCaseForInquiry, mistypedCaseForInquiry
        case unknownCaseForStatus, mistypedCaseForStatus, forbiddenMove, sameStatus, unknownStatus, badAsOf
        case badStatusNote, badSource
        case combiningMarkFlood, combiningMarkNote, foreignNationalPhone, markFloodEmail

        /// Makes the call, which must fail.
        func run(on given: Given) throws {
            let f = given.fixture
            let later = minutes(30)
            switch self {
            case .badRegion: try f.log(draft(region: "Atlantis"), at: later)
            case .badContact: try f.log(draft(contacts: ["8 916 123-45-67", "phone:8 916 ABC"]), at: later)
            case .badBorn: try f.log(draft(born: "1998-02-30"), at: later)
            case .futureBorn: try f.log(draft(born: "2030"), at: later)
            case .badPerson: try f.log(draft(person: "Ivanov\u{0007}"), at: later)
            case .badUnit: try f.log(draft(unit: String(repeating: "x", count: 501)), at: later)
            case .badNote: try f.log(draft(note: "\u{FFFD}"), at: later)
            case .badRelationship: try f.log(draft(relationship: "neighbour"), at: later)
            case .badChannel: try f.log(draft(channel: "fax"), at: later)
            case .tooManyContacts:
                try f.log(draft(contacts: (0..<11).map { "8 916 123-45-\(20 + $0)" }), at: later)
            case .missingPerson: try f.log(draft(person: nil), at: later)
            case .unknownCaseForInquiry:
                try f.log(draft(person: nil, region: nil, caseRef: try f.unusedReference()), at: later)
            case .mistypedCaseForInquiry:
                try f.log(draft(person: nil, region: nil, born: "1997", caseRef: mistyped(given.open.ref)), at: later)
            case .unknownCaseForStatus:
                try f.changeStatus(StatusChangeDraft(ref: try f.unusedReference(), status: "searching"), at: later)
            case .mistypedCaseForStatus:
                try f.changeStatus(StatusChangeDraft(ref: mistyped(given.open.ref), status: "searching"), at: later)
            case .forbiddenMove:
                try f.changeStatus(StatusChangeDraft(ref: given.closed.ref, status: "located", note: "x"), at: later)
            case .sameStatus: try f.changeStatus(StatusChangeDraft(ref: given.open.ref, status: "new"), at: later)
            case .unknownStatus: try f.changeStatus(StatusChangeDraft(ref: given.open.ref, status: "lost"), at: later)
            case .badAsOf:
                try f.changeStatus(
                    StatusChangeDraft(ref: given.open.ref, status: "located", asOf: "2024-13"), at: later)
            case .badStatusNote:
                try f.changeStatus(
                    StatusChangeDraft(ref: given.open.ref, status: "located", note: "\u{001B}[2J"), at: later)
            case .badSource:
                try f.changeStatus(StatusChangeDraft(ref: given.open.ref, status: "located", source: " "), at: later)
            case .combiningMarkFlood:
                try f.log(draft(person: "Petr" + String(repeating: "\u{0301}", count: 4_000_000)), at: later)
            case .combiningMarkNote:
                try f.log(
                    draft(
                        note: "Last call " + String(repeating: "a\u{0301}\u{0302}\u{0303}\u{0304}\u{0306}", count: 3)),
                    at: later)
            case .foreignNationalPhone: try f.log(draft(contacts: ["phone:0501234567"]), at: later)
            case .markFloodEmail:
                try f.log(
                    draft(contacts: ["email:maria@e" + String(repeating: "\u{0301}", count: 100_000) + "x.org"]),
                    at: later)
            }
        }
    }

    @Test(arguments: FailingCall.allCases)
    func failingCallLeavesTheDatabaseUnchanged(_ call: FailingCall) throws {
        // Given a database with cases in it
        let given = try Given()
        let before = try given.fixture.snapshot()
        #expect(before.counts["person_case"] == 2)
        // When a call fails
        #expect(throws: HotlineError.self) { try call.run(on: given) }
        // Then every table holds exactly what it held
        let after = try given.fixture.snapshot()
        #expect(after == before, "before:\n\(before)\nafter:\n\(after)")
    }

    @Test func failureAfterPartOfAnInquiryWasWrittenUndoesAllOfIt() throws {
        // Given a database that will fail the last insert of logging an inquiry (its history entry)
        let given = try Given()
        try given.fixture.database.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_inquiry_history BEFORE INSERT ON case_history WHEN NEW.kind = 'inquiry'
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """)
        }
        let before = try given.fixture.snapshot()
        // When an inquiry is logged: case, inquirer, contacts, inquiry and 'opened' entry are written first
        let error = #expect(throws: HotlineError.self) {
            try given.fixture.log(draft(person: "Новый", contacts: ["8 903 000-00-00"]), at: minutes(30))
        }
        #expect(error?.databaseMessage == "injected failure")
        // Then none of it remains
        #expect(try given.fixture.snapshot() == before)
        // And the same for an inquiry on an existing case, which also fills in its unit
        let refused = #expect(throws: HotlineError.self) {
            try given.fixture.log(
                draft(person: nil, region: nil, unit: "в/ч 1", caseRef: given.open.ref), at: minutes(31))
        }
        #expect(refused?.databaseMessage != nil, "SQLite refused it: \(String(describing: refused))")
        #expect(try given.fixture.snapshot() == before)
    }

    @Test func failureAfterTheHistoryEntryOfAStatusChangeUndoesIt() throws {
        // Given a database that will fail the case update of a status change, after its history entry
        let given = try Given()
        try given.fixture.database.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_status_update BEFORE UPDATE OF status ON person_case
                    BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                    """)
        }
        let before = try given.fixture.snapshot()
        // When the status is changed
        let refused = #expect(throws: HotlineError.self) {
            try given.fixture.changeStatus(StatusChangeDraft(ref: given.open.ref, status: "located"), at: minutes(30))
        }
        #expect(refused?.databaseMessage != nil, "SQLite refused it: \(String(describing: refused))")
        // Then the history entry is gone with it
        #expect(try given.fixture.snapshot() == before)
    }

    @Test func snapshotSeesEveryChange() throws {
        // Given the snapshot these tests compare, it must see a successful call's writes
        let given = try Given()
        let before = try given.fixture.snapshot()
        try given.fixture.changeStatus(StatusChangeDraft(ref: given.open.ref, status: "searching"), at: minutes(30))
        #expect(try given.fixture.snapshot() != before)
        // And tell apart text that differs only in its bytes (composed and decomposed é)
        #expect(Snapshot(counts: [:], lines: ["\u{E9}"]) != Snapshot(counts: [:], lines: ["e\u{301}"]))
    }

    @Test func databaseStaysUsableAfterAFailedCall() throws {
        let given = try Given()
        #expect(throws: HotlineError.self) { try given.fixture.log(draft(region: "Atlantis"), at: minutes(30)) }
        let logged = try given.fixture.log(draft(person: "После ошибки"), at: minutes(31))
        #expect(try given.fixture.detail(logged.ref).person == "После ошибки")
        #expect(try given.fixture.count("person_case") == 3)
    }
}
