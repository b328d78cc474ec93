import Dispatch
import Foundation
import GRDB

extension HotlineDatabase {
    /// How many of the pool's readers one job may hold at once: all but two, so that other
    /// readers (a server's GETs) still find one while a list is judged; 1 without a pool.
    var spareReaders: Int {
        guard let pool = writer as? DatabasePool else { return 1 }
        return max(1, pool.configuration.maximumReaderCount - 2)
    }

    /// Runs `body` for each of `count` items on up to `workers` (at most `spareReaders`) of the
    /// pool's reader connections at once, each worker in one read transaction with a state of its own
    /// (`makeWorker`, made on its thread: a cache need not be shared), and hands each result
    /// to `consume` on the calling thread, in item order, as soon as it and those before it
    /// are ready: the caller writes them meanwhile, and only the results not yet consumed are
    /// held (an import of 10,000 records held 120,000 proposals, a third of its memory).
    ///
    /// Called inside `write`, the readers see the database as the transaction began: it holds
    /// the write lock, so nothing else commits meanwhile, and its own changes are not theirs to
    /// see. So only work that reads nothing the transaction writes belongs here (a list's import
    /// judges records against the cases, and writes records and proposals).
    ///
    /// `false`, and nothing run, when there are no separate readers (a one-connection queue, an
    /// in-memory database), a session transaction is open (its changes are on its connection
    /// only), or one worker would do: the caller runs the items itself. The first error, of a
    /// worker or of `consume`, stops the workers and is thrown.
    func readConcurrently<Worker, Value: Sendable>(
        items count: Int, workers: Int, makeWorker: @escaping @Sendable () -> Worker,
        _ body: @escaping @Sendable (inout Worker, _ item: Int, Database) throws -> Value,
        consume: (_ item: Int, Value) throws -> Void
    ) throws -> Bool {
        let workers = min(workers, spareReaders, count)
        guard let pool = writer as? DatabasePool, session?.database == nil, workers > 1 else { return false }
        let shared = ConcurrentItems<Value>(count: count)
        let finished = DispatchGroup()
        for _ in 0..<workers {
            finished.enter()
            // Threads of their own, started at once: Dispatch's pool adds a second busy thread
            // only after half a second, and `concurrentPerform` runs work on the calling
            // thread, which is inside the writer's connection here (a read there is reentrant).
            Thread.detachNewThread {
                defer { finished.leave() }
                do {
                    try pool.read { db in
                        var worker = makeWorker()
                        while let item = shared.next() { shared.store(try body(&worker, item, db), at: item) }
                    }
                } catch {
                    shared.fail(error)
                }
            }
        }
        do {
            var next = 0
            while next < count {
                for value in try shared.take(from: next) {
                    try consume(next, value)
                    next += 1
                }
            }
        } catch {
            shared.fail(error)
            finished.wait()
            throw error
        }
        finished.wait()
        return true
    }
}

/// The items of `readConcurrently`: the next one to hand out, the results not yet taken, the
/// first error (after which no worker takes another item).
private final class ConcurrentItems<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var nextItem = 0
    private var values: [Value?]
    private var error: (any Error)?

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func next() -> Int? {
        condition.withLock {
            guard error == nil, nextItem < values.count else { return nil }
            defer { nextItem += 1 }
            return nextItem
        }
    }

    func store(_ value: Value, at item: Int) {
        condition.withLock {
            values[item] = value
            condition.broadcast()
        }
    }

    func fail(_ error: any Error) {
        condition.withLock {
            if self.error == nil { self.error = error }
            condition.broadcast()
        }
    }

    /// The results from `item` on that are ready, in order, taken out (at least one: it waits
    /// for `item`'s); the first error instead, once there is one.
    func take(from item: Int) throws -> [Value] {
        try condition.withLock {
            while values[item] == nil && error == nil { condition.wait() }
            if let error { throw error }
            var ready: [Value] = []
            var index = item
            while index < values.count, let value = values[index] {
                ready.append(value)
                values[index] = nil
                index += 1
            }
            return ready
        }
    }
}
