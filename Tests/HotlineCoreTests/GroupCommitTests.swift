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

        /// Holds the writer (called inside a write) until `count` more writes wait for the next
        /// batch: the writes a test sent all go in one batch, however slowly a busy machine (the
        /// whole suite at once) gets round to their tasks. A minute at most.
        func holdUntilQueued(_ count: Int) {
            let deadline = Date().addingTimeInterval(60)
            while database.groupCommit.queuedCount < count && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.005)
            }
        }

        func stored() throws -> [Int] {
            try database.read { db in try Int.fetchAll(db, sql: "SELECT n FROM scratch ORDER BY n") }
        }
    }

    struct Refused: Error {}

    /// Set by a write that holds the writer, once it runs: the writes started after it queue.
    final class Running: Sendable {
        private let flag = Atomic(false)
        func start() { flag.store(true, ordering: .releasing) }
        func wait() async {
            while !flag.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(5)) }
        }
    }

    /// How many of a stream's writes have not started yet.
    final class Waiting: Sendable {
        let count = Atomic(0)
    }

    /// 40 writes at once, every fifth of which inserts its row and then throws: each answer is
    /// its own (its value, or its error), exactly the others' rows are stored, and the 40 took
    /// two commits, not 40 (the first write holds the writer until the other 39 have queued).
    @Test func writesThatArriveTogetherCommitTogetherAndAFailureIsUndoneAlone() async throws {
        let scratch = try Scratch()
        let commitsBefore = scratch.commits
        let first = Running()
        let answers = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            group.addTask {
                (
                    0,
                    await outcome {
                        try await scratch.database.run(
                            .writing { db in
                                first.start()
                                scratch.holdUntilQueued(39)
                                try db.execute(sql: "INSERT INTO scratch (n) VALUES (0)")
                                return 0
                            })
                    }
                )
            }
            await first.wait()
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
        #expect(commits == 2, "40 writes took \(commits) commits")
    }

    /// A steady stream of asynchronous writes (as a server's clients send them: a new one as soon
    /// as fewer than four wait, each holding the writer 2 ms, for 2.5 s) does not keep a
    /// synchronous write (a case edit, a list import) from the writer until the stream ends: it
    /// waits for the batch running when it asked. Draining every batch in one access of the writer
    /// held it for the whole stream. The stream waits for its own writes to start, so it never
    /// outruns the writer, however busy the machine; only the synchronous write's wait for the
    /// writer is timed, not the wait for a thread to run it on.
    @Test func aSynchronousWriteIsNotStarvedByAStreamOfAsynchronousOnes() async throws {
        let scratch = try Scratch()
        let waiting = Waiting()
        let end = Date().addingTimeInterval(2.5)
        async let stream: Void = withTaskGroup(of: Void.self) { group in
            while Date() < end {
                if waiting.count.load(ordering: .relaxed) < 4 {
                    waiting.count.add(1, ordering: .relaxed)
                    group.addTask {
                        _ = try? await scratch.database.run(
                            .writing { db in
                                waiting.count.subtract(1, ordering: .relaxed)
                                Thread.sleep(forTimeInterval: 0.002)
                                try db.execute(sql: "INSERT INTO scratch (n) VALUES (-1)")
                            })
                    }
                }
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        try await Task.sleep(for: .milliseconds(300))  // the stream is flowing
        let waited = try await Task.detached {
            let asked = Date()
            return try scratch.database.write { db in
                let started = Date()
                try db.execute(sql: "INSERT INTO scratch (n) VALUES (1)")
                return started.timeIntervalSince(asked)
            }
        }.value
        await stream
        #expect(waited < 1.0, "the synchronous write waited \(waited) s for the stream to end")
        #expect(try scratch.stored().filter { $0 == 1 } == [1])
    }

    /// A write that makes SQLite roll the batch's transaction back (here by saying ROLLBACK; a
    /// full disk or an I/O error can do it too) fails the whole batch: the write before it is not
    /// told it was stored (its row went with the rollback), and the write after it does not run
    /// in a transaction of its own (GRDB refuses every statement after such a rollback until
    /// the batch's transaction block ends).
    @Test func aWriteThatRollsTheBatchBackFailsEveryWriteInIt() async throws {
        let scratch = try Scratch()
        let first = Running()
        let writes: [@Sendable (Database) throws -> Void] = [
            { db in
                first.start()
                scratch.holdUntilQueued(3)  // the others, in any order
                try db.execute(sql: "INSERT INTO scratch (n) VALUES (0)")
            },
            { db in try db.execute(sql: "INSERT INTO scratch (n) VALUES (1)") },
            { db in try db.execute(sql: "ROLLBACK") },
            { db in try db.execute(sql: "INSERT INTO scratch (n) VALUES (3)") },
        ]
        let answers = await withTaskGroup(of: (Int, Result<Void, any Error>).self) { group in
            for (n, write) in writes.enumerated() {
                group.addTask { (n, await outcome { try await scratch.database.run(.writing(write)) }) }
                if n == 0 { await first.wait() }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(throws: Never.self) { try answers[0]!.get() }
        for n in 1...3 { #expect(throws: (any Error).self, "write \(n)") { try answers[n]!.get() } }
        #expect(try scratch.stored() == [0])
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
