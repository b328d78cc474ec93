import Foundation

/// The service layer: the hotline's jobs over one database, under one set of rules.
/// Every method that writes is one transaction; every input is validated here, whatever the
/// front end, before anything is written.
public struct Hotline: Sendable {
    public let database: HotlineDatabase
    public let rules: HotlineRules
    /// The clock, injectable so tests can pin times.
    let now: @Sendable () -> Date

    public init(
        database: HotlineDatabase, rules: HotlineRules, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.database = database
        self.rules = rules
        self.now = now
    }
}
