import Foundation
import GRDB
import HotlineTesting
import Testing

@testable import HotlineCore

/// Ctrl-C's interrupt, through a real database file: whatever fails while it stands failed
/// because of it, however SQLite names the failure; once the command has ended, a failure is
/// its own again.
struct InterruptionTests {
    @Test func aFailureWhileCtrlCStandsIsTheInterrupt() throws {
        let directory = TestFiles.directory("interruption")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try HotlineDatabase.open(path: directory.appendingPathComponent("h.sqlite").path)
        let session = database.makeSession()
        // What SQLite answered a Ctrl-C with while opening the FTS table `name_pairs` (a CI run).
        let vtable = DatabaseError(resultCode: .SQLITE_ERROR, message: "vtable constructor failed: name_pairs")
        let failure = HotlineError.databaseFailure("vtable constructor failed: name_pairs")
        #expect(session.mapped(vtable) == failure)
        session.interrupt()  // on the shell session's copy: the database it came from sees it too
        #expect(database.mapped(vtable) == .interrupted)
        #expect(session.mapped(vtable) == .interrupted)
        database.endInterruption()
        #expect(session.mapped(vtable) == failure)
        // The interrupt did not outlive its command: the next statement runs.
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
    }
}
