import Dispatch
import Foundation
import GRDB

extension HotlineDatabase {
    /// Runs `body` for each of `count` items on up to `workers` of the pool's reader
    /// connections at once, each worker in one read transaction with a state of its own
    /// (`makeWorker`, made on its thread: a cache need not be shared), and returns the results
    /// in item order. `progress` is told, on the calling thread, how many items are done.
    ///
    /// Called inside `write`, the readers see the database as the transaction began: it holds
    /// the write lock, so nothing else commits meanwhile, and its own changes are not theirs to
    /// see. So only work that reads nothing the transaction writes belongs here (a list's import
    /// judges records against the cases, and writes records and proposals).
    ///
    /// `nil`, and nothing run, when there are no separate readers (a one-connection queue, an
    /// in-memory database), a session transaction is open (its changes are on its connection
    /// only), or one worker would do: the caller runs the items itself.
    func readConcurrently<Worker, Value: Sendable>(
        items count: Int, workers: Int, makeWorker: @escaping @Sendable () -> Worker,
        progress: (_ done: Int) -> Void = { _ in },
        _ body: @escaping @Sendable (inout Worker, _ item: Int, Database) throws -> Value
    ) throws -> [Value]? {
        guard let pool = writer as? DatabasePool, session?.database == nil, workers > 1, count > 1 else { return nil }
        let shared = ConcurrentItems<Value>(count: count)
        let finished = DispatchGroup()
        for _ in 0..<min(workers, count) {
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
        while finished.wait(timeout: .now() + .milliseconds(200)) == .timedOut { progress(shared.done) }
        return try shared.results()
    }
}

/// The items of `readConcurrently`: the next one to take, the results, the first error (after
/// which no worker takes another item).
private final class ConcurrentItems<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextItem = 0
    private var values: [Value?]
    private var error: (any Error)?
    private var finished = 0

    var done: Int { lock.withLock { finished } }

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.withLock {
            guard error == nil, nextItem < values.count else { return nil }
            defer { nextItem += 1 }
            return nextItem
        }
    }

    func store(_ value: Value, at item: Int) {
        lock.withLock {
            values[item] = value
            finished += 1
        }
    }

    func fail(_ error: any Error) {
        lock.withLock { if self.error == nil { self.error = error } }
    }

    func results() throws -> [Value] {
        try lock.withLock {
            if let error { throw error }
            return values.map { $0! }  // every item stored, or an error thrown above
        }
    }
}
