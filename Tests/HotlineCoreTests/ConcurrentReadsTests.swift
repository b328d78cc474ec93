import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// `readConcurrently`: work on the pool's readers while a write transaction is open (a list's
/// import judges its records there), through a real database file.
struct ConcurrentReadsTests {
    struct Stop: Error {}

    @Test func readersSeeTheStateTheWriteBeganFromAndResultsComeInItemOrder() throws {
        let f = try Fixture()
        let ref = try f.log(draft()).ref
        let seen = try f.database.write { db in
            try db.execute(sql: "UPDATE person_case SET unit = 'uncommitted' WHERE ref = ?", arguments: [ref])
            return try f.database.readConcurrently(items: 40, workers: 2, makeWorker: { [Int]() }) { mine, item, db in
                mine.append(item)
                let unit = try String.fetchOne(
                    db, sql: "SELECT coalesce(unit, 'none') FROM person_case WHERE ref = ?", arguments: [ref])
                return "\(item) \(unit ?? "no case")"
            }
        }
        #expect(seen == (0..<40).map { "\($0) none" })
        #expect(try f.strings("SELECT unit FROM person_case WHERE ref = ?", [ref]) == ["uncommitted"])
    }

    @Test func aWorkersErrorIsThrownAndTheWriteLeavesNothing() throws {
        let f = try Fixture()
        let ref = try f.log(draft()).ref
        #expect(throws: Stop.self) {
            try f.database.write { db in
                try db.execute(sql: "UPDATE person_case SET unit = 'rolled back' WHERE ref = ?", arguments: [ref])
                _ = try f.database.readConcurrently(items: 100, workers: 2, makeWorker: { 0 }) { _, item, _ in
                    if item == 7 { throw Stop() }
                    return item
                }
            }
        }
        #expect(try f.strings("SELECT unit FROM person_case WHERE ref = ?", [ref]) == [nil])
    }

    @Test func withoutSeparateReadersOrWithOneItemTheCallerRunsThem() throws {
        let memory = try HotlineDatabase.inMemory()
        #expect(try memory.readConcurrently(items: 5, workers: 2, makeWorker: { 0 }) { _, item, _ in item } == nil)
        let f = try Fixture()
        #expect(try f.database.readConcurrently(items: 1, workers: 2, makeWorker: { 0 }) { _, item, _ in item } == nil)
        #expect(try f.database.readConcurrently(items: 5, workers: 1, makeWorker: { 0 }) { _, item, _ in item } == nil)
        #expect(
            try f.database.readConcurrently(items: 5, workers: 2, makeWorker: { 0 }) { _, item, _ in item } == [
                0, 1, 2, 3, 4,
            ])
    }
}
