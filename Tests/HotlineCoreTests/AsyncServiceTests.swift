import Foundation
import Testing

@testable import HotlineCore

/// The asynchronous entry points a server calls: the same work as the synchronous ones, run on
/// GRDB's queues, from many tasks at once.
@Suite struct AsyncServiceTests {
    /// Two hotlines over one file, each with its own connections, as two server processes would
    /// have; 16 tasks, 8 on each, log, change statuses, read pages, details, search, stats and
    /// the audit at once.
    @Test func manyConcurrentTasksOnTwoConnectionsSeeNoLockedDatabase() async throws {
        let fixture = try Fixture()
        let seeded = try fixture.log(draft(person: "Иванов Пётр"))
        let other = Hotline(database: try HotlineDatabase.open(path: fixture.path), rules: .shipped)
        let hotlines = [fixture.hotline(), other]
        let anna = try OperatorName("anna")

        let failures = await withTaskGroup(of: [String].self) { group in
            for task in 0..<16 {
                let hotline = hotlines[task % 2]
                group.addTask {
                    var failures: [String] = []
                    for round in 0..<4 {
                        do {
                            let logged = try await hotline.logInquiry(
                                draft(person: "Task \(task) round \(round)", region: "RU-KRS"), by: anna)
                            _ = try await hotline.changeStatus(
                                StatusChangeDraft(ref: logged.ref, status: "searching"), by: anna)
                            _ = try await hotline.casePage(CaseFilter(limit: 10), after: nil, as: anna)
                            _ = try await hotline.caseDetail(ref: seeded.ref, as: anna)
                            _ = try await hotline.search(SearchQuery(text: "Ivanov Petr"), as: anna)
                            _ = try await hotline.stats(as: anna)
                            _ = try await hotline.audit(AuditFilter(limit: 5), as: anna)
                        } catch {
                            failures.append("task \(task) round \(round): \(error)")
                        }
                    }
                    return failures
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }

        #expect(failures == [])
        #expect(try fixture.count("inquiry") == 1 + 16 * 4)
        #expect(try fixture.count("case_history") == 2 + 16 * 4 * 3)  // opened, inquiry, status
    }

    @Test func anAsyncRefusalWritesNothing() async throws {
        let fixture = try Fixture()
        try fixture.log(draft())
        let before = try fixture.snapshot()
        await #expect(throws: HotlineError.self) {
            try await fixture.hotline().logInquiry(draft(born: "1850"), by: OperatorName("anna"))
        }
        await #expect(throws: HotlineError.self) {
            try await fixture.hotline().changeStatus(
                StatusChangeDraft(ref: try fixture.unusedReference(), status: "searching"), by: OperatorName("anna"))
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func anAsyncCallCannotJoinAShellTransaction() async throws {
        let fixture = try Fixture()
        let session = fixture.hotline().makeSession()
        // The shell's transaction is open on a thread of its own (as the shell's is) while the
        // async call is made; that thread waits for it, never a thread of the task pool.
        let error: (any Error)? = await withCheckedContinuation { done in
            Thread.detachNewThread {
                nonisolated(unsafe) var caught: (any Error)?
                try? session.inSessionTransaction(by: OperatorName("anna")) {
                    let semaphore = DispatchSemaphore(value: 0)
                    Task {
                        do { _ = try await session.logInquiry(draft(), by: OperatorName("anna")) } catch {
                            caught = error
                        }
                        semaphore.signal()
                    }
                    semaphore.wait()
                    return false
                }
                done.resume(returning: caught)
            }
        }
        #expect(invalidField(error as? HotlineError)?.field == "begin")
        #expect(try fixture.count("inquiry") == 0)
    }
}
