import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// The `case status` job: moving a case through the lifecycle, on the record.
@Suite struct ChangeStatusTests {
    @Test func aChangeDecidedOnAnOlderVersionIsRefusedInItsOwnTransaction() throws {
        // Given a case oleg read (HTTP: its ETag)
        let fixture = try Fixture()
        let logged = try fixture.log(draft(), at: t0, by: "anna")
        let read = try fixture.detail(logged.ref).version
        // When boris moves it meanwhile, then oleg's change, decided on what he read, arrives
        try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "searching"), at: minutes(1), by: "boris")
        let before = try fixture.snapshot()
        let current = try fixture.detail(logged.ref).version
        #expect(
            throws: HotlineError.caseChanged(ref: logged.ref, expected: read, current: current),
            performing: {
                try fixture.changeStatus(
                    StatusChangeDraft(ref: logged.ref, status: "located", expectedVersion: read), at: minutes(2),
                    by: "oleg")
            })
        // Then nothing was written; decided again on the current version, it is
        #expect(try fixture.snapshot() == before)
        let changed = try fixture.changeStatus(
            StatusChangeDraft(ref: logged.ref, status: "located", expectedVersion: current), at: minutes(2), by: "oleg")
        #expect(changed.to == "located")
        #expect(try fixture.detail(logged.ref).version != current)
    }

    @Test func statusChangeRecordsFromToByAtNoteSourceAndAsOfInTheHistory() throws {
        // Given a new case opened by anna at t0
        let fixture = try Fixture()
        let logged = try fixture.log(draft(), at: t0, by: "anna")
        // When boris, an hour later, records that he was located, from a published list
        let changed = try fixture.changeStatus(
            StatusChangeDraft(
                ref: logged.ref, status: "located", note: "Найден в списке\nпленных", source: "список ФСИН",
                asOf: "2024-05"),
            at: minutes(60), by: "boris")

        // Then the change is reported
        #expect(changed == StatusChanged(ref: logged.ref, from: "new", to: "located", at: minutes(60), by: "boris"))
        // And the history holds it with every detail
        let entry = try #require(try fixture.rows("SELECT * FROM case_history WHERE kind = 'status'").first)
        #expect(entry["from_value"] == "new")
        #expect(entry["to_value"] == "located")
        #expect(entry["operator"] == "boris")
        #expect(entry["at"] == "2024-05-29 17:26:40.000")
        #expect(entry["note"] == "Найден в списке\nпленных")
        #expect(entry["source"] == "список ФСИН")
        #expect(entry["as_of"] == "2024-05")
        #expect(entry["field"] as String? == nil)
        #expect(entry["inquiry_id"] as Int64? == nil)
        #expect(try fixture.strings("SELECT kind FROM case_history ORDER BY id") == ["opened", "inquiry", "status"])
        // And the case has the new status and activity time, its last inquiry unchanged
        let row = try #require(try fixture.rows("SELECT * FROM person_case").first)
        #expect(row["status"] == "located")
        #expect(row["last_activity_at"] == "2024-05-29 17:26:40.000")
        #expect(row["last_inquiry_at"] == t0Text)
        #expect(row["inquiry_count"] == 1)
    }

    @Test func statusChangeNeedsNoNoteSourceOrDate() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "Searching"), at: minutes(1))
        let entry = try #require(try fixture.rows("SELECT * FROM case_history WHERE kind = 'status'").first)
        #expect(entry["to_value"] == "searching")
        #expect(entry["note"] as String? == nil)
        #expect(entry["source"] as String? == nil)
        #expect(entry["as_of"] as String? == nil)
    }

    @Test func referenceIsAcceptedInAnyTypedForm() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let typed = "#" + logged.ref.replacingOccurrences(of: "-", with: " ")
        let changed = try fixture.changeStatus(StatusChangeDraft(ref: typed, status: "searching"), at: minutes(1))
        #expect(changed.ref == logged.ref)
    }

    @Test func closedCaseCanBeReopenedToSearching() throws {
        // Given a case that was closed as reunited
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "reunited"), at: minutes(1))
        // When it is reopened to searching
        let changed = try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "searching"), at: minutes(2))
        // Then the move is recorded
        #expect(changed.from == "reunited" && changed.to == "searching")
        #expect(try fixture.strings("SELECT status FROM person_case") == ["searching"])
        #expect(
            try fixture.strings(
                "SELECT from_value || '→' || to_value FROM case_history WHERE kind = 'status' ORDER BY id")
                == ["new→reunited", "reunited→searching"])
    }

    @Test func forbiddenMoveThrowsNamingTheAllowedMovesAndWritesNothing() throws {
        // Given a closed case
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "closed"), at: minutes(1))
        let before = try fixture.snapshot()
        // When someone moves it to 'located'
        #expect(
            throws: HotlineError.forbiddenMove(ref: logged.ref, from: "closed", to: "located", allowed: ["searching"])
        ) {
            try fixture.changeStatus(
                StatusChangeDraft(ref: logged.ref, status: "located", note: "ошибка"), at: minutes(2))
        }
        // Then nothing is written
        #expect(try fixture.snapshot() == before)
    }

    @Test func movingToTheCurrentStatusIsRefused() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let before = try fixture.snapshot()
        let error = #expect(throws: HotlineError.self) {
            try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "new"), at: minutes(1))
        }
        guard case .forbiddenMove(_, "new", "new", let allowed)? = error else {
            Issue.record("expected forbiddenMove, got \(String(describing: error))")
            return
        }
        #expect(allowed == ["searching", "located", "captured", "deceased", "reunited", "closed"])
        #expect(try fixture.snapshot() == before)
    }

    @Test func unknownStatusIsRefusedListingTheStatuses() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let error = #expect(throws: HotlineError.self) {
            try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "found"), at: minutes(1))
        }
        #expect(invalidField(error)?.field == "status")
        #expect(invalidField(error)?.accepted == "new, searching, located, captured, deceased, reunited, closed")
    }

    @Test func asOfDateInTheFutureIsRefused() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let error = #expect(throws: HotlineError.self) {
            try fixture.changeStatus(
                StatusChangeDraft(ref: logged.ref, status: "located", asOf: "2024-05-30"), at: minutes(1))
        }
        #expect(invalidField(error)?.field == "as-of")
        #expect(invalidField(error)?.problem == "it is in the future")
    }

    @Test func unknownButValidReferenceIsCaseNotFound() throws {
        let fixture = try Fixture()
        try fixture.log(draft())
        let unused = try fixture.unusedReference()
        #expect(throws: HotlineError.caseNotFound(unused)) {
            try fixture.changeStatus(StatusChangeDraft(ref: unused, status: "searching"), at: minutes(1))
        }
    }

    @Test func mistypedReferenceIsInvalidReference() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let typo = mistyped(logged.ref)
        #expect(throws: HotlineError.invalidReference(typo, problem: "the check digit does not match")) {
            try fixture.changeStatus(StatusChangeDraft(ref: typo, status: "searching"), at: minutes(1))
        }
    }

    /// A configuration that passed its checks is not at fault when one case holds a status it
    /// does not list: the database is (issue 11: 7; this was a configuration error, exit 78).
    @Test func aStoredStatusTheLifecycleDoesNotListIsADatabaseProblem() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        try fixture.database.write { db in
            try db.execute(sql: "UPDATE person_case SET status = 'lost' WHERE ref = ?", arguments: [logged.ref])
        }
        let before = try fixture.snapshot()
        let error = #expect(throws: HotlineError.self) {
            try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "searching"), at: minutes(1))
        }
        guard case .databaseDamaged(let message)? = error else {
            Issue.record("expected a database problem, got \(String(describing: error))")
            return
        }
        #expect(message.contains("case \(logged.ref) is stored with status 'lost'"))
        #expect(message.contains("db check"))
        #expect(try fixture.snapshot() == before)
    }
}
