import Testing

@testable import HotlineCore

@Suite struct LifecycleTests {
    let lifecycle = HotlineRules.shipped.lifecycle
    let ref = try! CaseReference(parsing: "4821-9935")

    var openNames: [String] { lifecycle.openStatuses.map(\.name) }
    var closedNames: [String] { lifecycle.statuses.filter { !$0.isOpen }.map(\.name) }

    @Test func shippedLifecycleHasItsStatusesOpenOnesFirst() {
        // Given the shipped lifecycle
        // Then it has the configured statuses, open ones first, and new cases start as 'new'
        #expect(
            lifecycle.statuses.map(\.name) == [
                "new", "searching", "located", "captured", "deceased", "reunited", "closed",
            ])
        #expect(openNames == ["new", "searching", "located", "captured", "deceased"])
        #expect(closedNames == ["reunited", "closed"])
        #expect(lifecycle.initial.name == "new" && lifecycle.initial.isOpen)
    }

    @Test func anyOpenStatusMayMoveToAnyOtherStatus() throws {
        // Given a case in any open status
        for from in lifecycle.openStatuses {
            // Then it may move to every other status, open or closed
            let others = lifecycle.statuses.filter { $0 != from }
            #expect(lifecycle.allowedMoves(from: from) == others)
            for to in others {
                #expect(throws: Never.self) { try lifecycle.checkMove(of: ref, from: from, to: to) }
            }
        }
    }

    @Test func closedCaseMayOnlyReopenToSearching() throws {
        let searching = try lifecycle.status(named: "searching")
        // Given a case in any closed status
        for from in lifecycle.statuses where !from.isOpen {
            #expect(lifecycle.allowedMoves(from: from) == [searching])
            // Then it may move to 'searching' only
            #expect(throws: Never.self) { try lifecycle.checkMove(of: ref, from: from, to: searching) }
            for to in lifecycle.statuses where to != searching {
                #expect(
                    throws: HotlineError.forbiddenMove(
                        ref: "4821-9935", from: from.name, to: to.name, allowed: ["searching"])
                ) { try lifecycle.checkMove(of: ref, from: from, to: to) }
            }
        }
    }

    @Test func movingToTheSameStatusIsRefused() {
        // Given a case in any status
        for status in lifecycle.statuses {
            // When it is moved to the status it has
            // Then the move is refused, naming the moves that are allowed
            #expect(
                throws: HotlineError.forbiddenMove(
                    ref: "4821-9935", from: status.name, to: status.name,
                    allowed: lifecycle.allowedMoves(from: status).map(\.name))
            ) { try lifecycle.checkMove(of: ref, from: status, to: status) }
        }
    }

    @Test func statusNamesAreMatchedIgnoringLetterCase() throws {
        #expect(try lifecycle.status(named: "Searching").name == "searching")
        #expect(try lifecycle.status(named: "CLOSED").isOpen == false)
    }

    @Test func unknownStatusErrorListsEveryStatus() {
        // When an operator names a status the lifecycle does not have
        let error = #expect(throws: HotlineError.self) { try lifecycle.status(named: "lost") }
        // Then the error names the field and lists every status
        #expect(
            error
                == .invalidField(
                    field: "status", value: "lost", problem: "there is no such status",
                    accepted: "new, searching, located, captured, deceased, reunited, closed"))
    }

    @Test func forbiddenMoveErrorNamesTheAllowedMoves() throws {
        // Given a reunited (closed) case
        let reunited = try lifecycle.status(named: "reunited")
        let located = try lifecycle.status(named: "located")
        // When it is moved to 'located'
        let error = #expect(throws: HotlineError.self) { try lifecycle.checkMove(of: ref, from: reunited, to: located) }
        // Then the message says what is allowed from there
        #expect(
            error?.description
                == "case 4821-9935 cannot move from 'reunited' to 'located'. Allowed from 'reunited': searching.")
    }

    @Test func closedStatusWithNowhereToReopenSaysNone() throws {
        // Given a lifecycle whose closed cases cannot be reopened
        let final = try Lifecycle(initial: "open", open: ["open"], closed: ["done"], reopenTo: [])
        let done = try final.status(named: "done")
        let open = try final.status(named: "open")
        // Then no move is allowed from a closed case, and the message says so
        #expect(final.allowedMoves(from: done).isEmpty)
        let error = #expect(throws: HotlineError.self) { try final.checkMove(of: ref, from: done, to: open) }
        #expect(error?.description.hasSuffix("Allowed from 'done': none.") == true)
    }

    struct BadLifecycle: Sendable, CustomTestStringConvertible {
        let label: String
        let initial: String
        let open: [String]
        let closed: [String]
        let reopenTo: [String]
        /// A word the message must contain.
        let mentions: String
        var testDescription: String { label }
    }

    @Test(arguments: [
        BadLifecycle(
            label: "no open status", initial: "new", open: [], closed: ["closed"], reopenTo: [],
            mentions: "lifecycle.open"),
        BadLifecycle(
            label: "status both open and closed", initial: "new", open: ["new", "closed"], closed: ["closed"],
            reopenTo: [], mentions: "twice"),
        BadLifecycle(
            label: "status twice in open", initial: "new", open: ["new", "new"], closed: [], reopenTo: [],
            mentions: "twice"),
        BadLifecycle(
            label: "upper-case status", initial: "new", open: ["new", "Searching"], closed: [], reopenTo: [],
            mentions: "Searching"),
        BadLifecycle(
            label: "status of two words", initial: "new", open: ["new", "in progress"], closed: [], reopenTo: [],
            mentions: "in progress"),
        BadLifecycle(
            label: "empty status", initial: "new", open: ["new", ""], closed: [], reopenTo: [], mentions: "lower-case"),
        BadLifecycle(
            label: "initial not a status", initial: "fresh", open: ["new"], closed: ["closed"], reopenTo: [],
            mentions: "fresh"),
        BadLifecycle(
            label: "initial is closed", initial: "closed", open: ["new"], closed: ["closed"], reopenTo: [],
            mentions: "lifecycle.initial"),
        BadLifecycle(
            label: "reopenTo not a status", initial: "new", open: ["new"], closed: ["closed"], reopenTo: ["searching"],
            mentions: "searching"),
    ])
    func badLifecycleIsAConfigurationError(_ bad: BadLifecycle) {
        // When a lifecycle is configured badly
        let error = #expect(throws: HotlineError.self) {
            try Lifecycle(initial: bad.initial, open: bad.open, closed: bad.closed, reopenTo: bad.reopenTo)
        }
        // Then it is a configuration error that says what is wrong
        guard case .configuration(let message)? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(message.description.contains(bad.mentions), "\(message)")
    }

    @Test func badLifecycleInSettingsStopsTheRulesBeingBuilt() {
        // Given the shipped settings with a lifecycle whose initial status is closed
        var settings = HotlineSettings.shipped
        settings.lifecycle.initial = "closed"
        // Then the rules cannot be built
        let error = #expect(throws: HotlineError.self) { try HotlineRules(settings: settings) }
        guard case .configuration? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
    }
}
