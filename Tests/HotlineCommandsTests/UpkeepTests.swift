import Foundation
import GRDB
import HotlineCore
import Testing

/// db check, backup, restore, version.
struct UpkeepTests {
    @Test func checkPassesOnAHealthyDatabase() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        #expect(await cli.run(["case", "status", ref, "located"]).code == 0)
        let result = await cli.run(["db", "check"])
        #expect(result.code == 0, "\(result.out)\(result.err)")
        #expect(result.out.contains("all checks passed"))
    }

    @Test func checkFindsACaseWithoutInquiryAndAStatusOffTheHistory() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        // Break two invariants behind hotline's back, as a bad import or hand edit would.
        try await DatabaseQueue(path: cli.dbPath).write { db in
            try db.execute(
                sql: """
                    INSERT INTO person_case (ref, person_name, region, status, opened_at, opened_by, last_activity_at,
                        last_inquiry_at, inquiry_count)
                    VALUES ('0000-0000', 'Ghost', 'RU-KRS', 'new', '2026-01-01', 'x', '2026-01-01', '2026-01-01', 0)
                    """)
            try db.execute(sql: "UPDATE person_case SET status = 'located' WHERE ref = ?", arguments: [ref])
        }
        let result = await cli.run(["db", "check"])
        #expect(result.code == 1)
        #expect(result.out.contains("case 0000-0000 has no inquiry"))
        #expect(result.out.contains("case \(ref) is 'located' but its history ends at 'new'"))
    }

    @Test func backupTakenDuringConcurrentWritesRestoresToACheckedDatabase() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry()
        let hotline = try Hotline.open(path: cli.dbPath, rules: .shipped)
        let writer = try OperatorName("writer")
        // Writers keep logging while the backup is taken.
        let writes = Task.detached {
            var logged = 0
            for index in 0..<200 {
                _ = try hotline.logInquiry(
                    InquiryDraft(
                        person: "Person \(index)", region: "UA-30", inquirer: "Family", relationship: "mother",
                        channel: "phone", forceNewCase: true), by: writer)
                logged += 1
            }
            return logged
        }
        try await Task.sleep(for: .milliseconds(20))
        let backup = cli.directory.appendingPathComponent("backup.sqlite").path
        let backedUp = await cli.run(["db", "backup", backup])
        #expect(backedUp.code == 0, "\(backedUp.err)")
        #expect(try await writes.value == 200)
        #expect(try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int == 0o600)

        let target = try CLI()
        _ = try await target.logInquiry(person: "Will be replaced")
        let restored = await target.run(["db", "restore", backup])
        #expect(restored.code == 0, "\(restored.err)")
        #expect(restored.out.contains("before-restore"))
        #expect(await target.run(["db", "check"]).code == 0)
        let count = try target.caseCount()
        #expect(count >= 1 && count <= 201)
        #expect(await cli.run(["db", "backup", backup]).code == 1)  // never overwrites
    }

    @Test func restoreRefusesAFileThatFailsTheCheck() async throws {
        let broken = try CLI()
        _ = try await broken.logInquiry()
        try await DatabaseQueue(path: broken.dbPath).write { db in
            try db.execute(sql: "UPDATE person_case SET inquiry_count = 7")
        }
        let target = try CLI()
        _ = try await target.logInquiry(person: "Keep me")
        let before = try target.snapshot()
        let result = await target.run(["db", "restore", broken.dbPath])
        #expect(result.code == 1)
        #expect(result.err.contains("fails db check"))
        #expect(try target.snapshot() == before)
    }

    @Test func versionListsTheAppliedMigrations() async throws {
        let cli = try CLI()
        let result = await cli.run(["db", "version", "--format", "json"])
        let object = try #require(try result.json as? [String: Any])
        #expect(
            object["applied"] as? [String] == [
                "v001_initial", "v002_operators", "v003_search", "v004_registry", "v007_names",
            ])
        #expect(object["pending"] as? [String] == [])
    }

    @Test func statsCountOpenCasesByRegionAndStatus() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry(region: "RU-KRS")
        _ = try await cli.logInquiry(region: "RU-KRS")
        let closed = try await cli.logInquiry(region: "UA-30")
        #expect(await cli.run(["case", "status", closed, "closed"]).code == 0)
        let stats = try #require(try await cli.run(["stats", "--format", "json"]).json as? [String: Any])
        let regions = try #require(stats["openByRegion"] as? [[String: Any]])
        #expect(
            regions.count == 1 && regions.first?["key"] as? String == "RU-KRS" && regions.first?["count"] as? Int == 2)
        let statuses = try #require(stats["byStatus"] as? [[String: Any]])
        #expect(Set(statuses.compactMap { $0["key"] as? String }) == ["new", "closed"])
    }
}
