import Foundation
import GRDB
import Synchronization

/// Asynchronous writes (a server's requests) commit together. While one transaction runs or
/// commits, the writes that arrive wait; then they run one after another in one transaction,
/// each in a savepoint of its own, and commit with one fsync. Nobody is answered before that
/// commit, so what was reported done was fsynced, as before; a write that throws is undone alone
/// (its savepoint) and the others commit; a commit that fails fails every write in it.
///
/// Why: each durable write committed and fsynced on its own, and the commit was a fifth of the
/// server's CPU on `POST /v1/inquiries` and most of its latency. The writes in one transaction
/// run in order on the one writer connection, so each sees those before it, as it would have
/// after their commits.
final class GroupCommit: Sendable {
    /// One caller's write: runs in the batch's transaction, answers after its commit.
    private struct Job: Sendable {
        let run: @Sendable (Database) -> Void
        let finish: @Sendable ((any Error)?) -> Void
    }

    private struct Queue {
        var jobs: [Job] = []
        var draining = false
    }

    private let queue = Mutex(Queue())

    /// How many writes wait for the next batch (a test holds a batch open until the writes it
    /// sent have all queued, however slowly a busy machine runs their tasks).
    var queuedCount: Int { queue.withLock { $0.jobs.count } }

    /// Runs `body` in the next batch on `writer` and returns its result once that batch has
    /// committed. A task cancelled before its write ran gets `CancellationError`, nothing written.
    func write<Value: Sendable>(
        on writer: any DatabaseWriter, _ body: @escaping @Sendable (Database) throws -> Value
    ) async throws -> Value {
        let outcome = Outcome<Value>()
        return try await withTaskCancellationHandler {
            try await enqueue(on: writer, body, outcome: outcome)
        } onCancel: {
            outcome.cancelled.store(true, ordering: .relaxed)
        }
    }

    private func enqueue<Value: Sendable>(
        on writer: any DatabaseWriter, _ body: @escaping @Sendable (Database) throws -> Value, outcome: Outcome<Value>
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let job = Job(
                run: { db in
                    outcome.result =
                        outcome.cancelled.load(ordering: .relaxed)
                        ? .failure(CancellationError()) : Result { try db.inSavepoint(returning: body) }
                },
                finish: { commitError in
                    let result = outcome.result ?? .failure(commitError ?? CancellationError())
                    switch (result, commitError) {
                    case (.success, let error?): continuation.resume(throwing: error)
                    default: continuation.resume(with: result)
                    }
                })
            let starts = queue.withLock { queue in
                queue.jobs.append(job)
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if starts { drainNext(on: writer) }
        }
    }

    /// Commits the writes waiting now, in one access to the writer's queue. Those that arrive
    /// meanwhile go in the next access, behind any synchronous write already waiting for the
    /// writer (a case edit, a list import), which a loop here would starve under steady load.
    private func drainNext(on writer: any DatabaseWriter) {
        writer.asyncWriteWithoutTransaction { db in
            let batch = self.queue.withLock { queue in
                defer { queue.jobs = [] }
                return queue.jobs
            }
            do {
                try db.inTransaction(.immediate) {
                    for job in batch { job.run(db) }
                    return .commit
                }
                for job in batch { job.finish(nil) }
            } catch {
                for job in batch { job.finish(error) }
            }
            let more = self.queue.withLock { queue in
                if queue.jobs.isEmpty { queue.draining = false }
                return queue.draining
            }
            if more { self.drainNext(on: writer) }
        }
    }
}

/// One write's result between its run and its batch's commit. Unchecked: `result` is set and
/// read on the writer's queue, one after the other (`drainNext`), never at once; `cancelled` is atomic.
private final class Outcome<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
    let cancelled = Atomic(false)
}
