import Foundation
import GRDB
import HotlineTesting
import Synchronization
import Testing

@testable import HotlineCore

/// Asynchronous writes that arrive while another commits are committed together, each in a
/// savepoint of its own, through a real database file.
struct GroupCommitTests {
    /// A file-backed database with a scratch table, and a count of its commits.
    final class Scratch: TransactionObserver, Sendable {
        let database: HotlineDatabase
        private let commitCount = Mutex(0)
        var commits: Int { commitCount.withLock { $0 } }

        init() throws {
            let directory = TestFiles.directory("group-commit")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            database = try HotlineDatabase.open(path: directory.appendingPathComponent("h.sqlite").path)
            try database.write { db in try db.execute(sql: "CREATE TABLE scratch (n INTEGER NOT NULL)") }
            database.writer.add(transactionObserver: self, extent: .databaseLifetime)
        }

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { commitCount.withLock { $0 += 1 } }
        func databaseDidRollback(_ db: Database) {}

        func stored() throws -> [Int] {
            try database.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") }
        }
    }

    struct Refused: Error {}

    /// 40 writes at once, every fifth of which inserts its row and then throws: each answer is
    /// its own (its value, or its error), exactly the others' rows are stored, and the 40 took
    /// far fewer than 40 commits (the first write holds the writer for 0.2 s, so the rest queue).
    @Test func writesThatArriveTogetherCommitTogetherAndAFailureIsUndoneAlone() async throws {
        let scratch = try Scratch()
        let commitsBefore = scratch.commits
        let answers = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            group.addTask {
                (
                    0,
                    await outcome {
                        try await scratch.database.run(
                            .writing { db in
                                Thread.sleep(forTimeInterval: 0.2)
                                try db.execute(sql: "INSERT INTO scratch (n) VALUES (0)")
                                return 0
                            })
                    }
                )
            }
            try? await Task.sleep(for: .milliseconds(50))  // the first write is running
            for n in 1..<40 {
                group.addTask {
                    (
                        n,
                        await outcome {
                            try await scratch.database.run(
                                .writing { db in
                                    try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                                    if n % 5 == 0 { throw Refused() }
                                    return n
                                })
                        }
                    )
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for n in 0..<40 {
            if n % 5 == 0 && n > 0 {
                #expect(throws: Refused.self) { try answers[n]!.get() }
            } else {
                #expect(try answers[n]!.get() == n)
            }
        }
        #expect(try scratch.stored() == (0..<40).filter { $0 == 0 || $0 % 5 != 0 })
        let commits = scratch.commits - commitsBefore
        #expect(commits <= 4, "40 writes took \(commits) commits")
    }

    /// A batch whose commit fails answers every write in it with the failure: none is told it
    /// was stored. Here the batch's BEGIN IMMEDIATE meets another connection's write lock.
    @Test func aBatchThatCannotCommitAnswersEveryWriteWithTheError() async throws {
        let scratch = try Scratch()
        var holdsTheLock = Configuration()
        holdsTheLock.allowsUnsafeTransactions = true  // BEGIN here, ROLLBACK after the writes
        let other = try DatabaseQueue(path: scratch.database.path, configuration: holdsTheLock)
        try other.inDatabase { db in try db.execute(sql: "PRAGMA busy_timeout = 0") }
        let locked = try HotlineDatabase.open(path: scratch.database.path, busyTimeout: 0.05)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let answers = await withTaskGroup(of: Result<Int, any Error>.self) { group in
            for n in 0..<5 {
                group.addTask {
                    await outcome {
                        try await locked.run(
                            .writing { db in
                                try db.execute(sql: "INSERT INTO scratch (n) VALUES (?)", arguments: [n])
                                return n
                            })
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(answers.count == 5)
        for answer in answers { #expect(throws: HotlineError.self) { try answer.get() } }
        #expect(try scratch.stored() == [])
    }
}

/// What an async call returned or threw.
private func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
