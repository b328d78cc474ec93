import Dispatch

extension Hotline {
    /// Runs one of the synchronous service calls (`body`, given this hotline) on a thread of
    /// its own and suspends meanwhile, so a server's event loop and Swift's cooperative threads
    /// never wait on SQLite or its busy timeout. For the services that have no `async` twin
    /// built on `DatabaseWork` (the corrections, registry, matches, notices and inquirers the
    /// API serves): the call, its role check and its one transaction are exactly the CLI's.
    public func offloaded<Value: Sendable>(_ body: @escaping @Sendable (Hotline) throws -> Value) async throws
        -> Value
    {
        try await withCheckedThrowingContinuation { continuation in
            Self.blockingCalls.async {
                continuation.resume(with: Result { try body(self) })
            }
        }
    }

    /// Where offloaded calls run: a concurrent queue, so a slow call (a registry import, a
    /// duplicate walk) never holds up the short reads beside it.
    private static let blockingCalls = DispatchQueue(
        label: "hotline.blocking-service-calls", qos: .userInitiated, attributes: .concurrent)
}
