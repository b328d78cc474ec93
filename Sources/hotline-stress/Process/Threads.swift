import Foundation
import Synchronization

/// Runs `body(0..<count)` on `count` threads at once and waits for all of them. Real threads,
/// not the dispatch pool: each body blocks on a child process for a long time.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for index in 0..<count {
        let thread = Thread {
            body(index)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<count { done.wait() }
}

/// Hands out 0, 1, 2, … to the lanes.
final class Counter: Sendable {
    private let value = Mutex(0)
    func take() -> Int {
        value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
