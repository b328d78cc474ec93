import Foundation
import GRDB
import Testing

@testable import HotlineCommands

/// `hotline operator totp NAME [--remove]` through the real command tree.
@Suite struct OperatorTOTPCommandTests {
    @Test func enrolPrintsTheURIOnceAndRemoveUndoesIt() async throws {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "anna"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "add", "oleg", "--role", "operator"], operatorName: "anna").code == 0)

        let enrolled = await cli.run(["operator", "totp", "oleg"], operatorName: "anna")
        #expect(enrolled.code == 0, "\(enrolled.err)")
        let uri = try #require(enrolled.out.split(separator: "\n").first.map(String.init))
        #expect(uri.hasPrefix("otpauth://totp/hotline:oleg?secret="))
        #expect(uri.contains("issuer=hotline"))
        let stored = try await DatabaseQueue(path: cli.dbPath).read { db in
            try String.fetchOne(db, sql: "SELECT secret FROM operator_totp WHERE operator = 'oleg'")
        }
        #expect(stored?.count == 32)

        // An operator may not enrol another; nothing is written.
        #expect(await cli.run(["operator", "add", "vera", "--role", "operator"], operatorName: "anna").code == 0)
        let refused = await cli.run(["operator", "totp", "oleg"], operatorName: "vera")
        #expect(refused.code == 77, "\(refused.err)")
        let after = try await DatabaseQueue(path: cli.dbPath).read { db in
            try String.fetchOne(db, sql: "SELECT secret FROM operator_totp WHERE operator = 'oleg'")
        }
        #expect(after == stored)

        let removed = await cli.run(["operator", "totp", "oleg", "--remove"], operatorName: "oleg")
        #expect(removed.code == 0, "\(removed.err)")
        #expect(removed.out.contains("Removed"))
        let count = try await DatabaseQueue(path: cli.dbPath).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM operator_totp")
        }
        #expect(count == 0)
    }
}
