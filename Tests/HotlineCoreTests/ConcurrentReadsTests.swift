import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// `readConcurrently`: work on the pool's readers while a write transaction is open (a list's
/// import judges its records there, and stores each record's proposals as they come), through
/// a real database file.
struct ConcurrentReadsTests {
    struct Stop: Error {}

    @Test func readersSeeTheStateTheWriteBeganFromAndResultsComeInItemOrder() throws {
        let f = try Fixture()
        let ref = try f.log(draft()).ref
        var consumed: [String] = []
        let ran = try f.database.write { db in
            try db.execute(sql: "UPDATE person_case SET unit = 'uncommitted' WHERE ref = ?", arguments: [ref])
            return try f.database.readConcurrently(items: 40, workers: 2, makeWorker: { [Int]() }) { mine, item, db in
                mine.append(item)
                if item % 7 == 0 { usleep(2_000) }  // out of order: later items finish first
                let unit = try String.fetchOne(
                    db, sql: "SELECT coalesce(unit, 'none') FROM person_case WHERE ref = ?", arguments: [ref])
                return "\(item) \(unit ?? "no case")"
            } consume: { item, value in
                // On the writer's connection: what the transaction wrote is its to see.
                let unit = try String.fetchOne(db, sql: "SELECT unit FROM person_case WHERE ref = ?", arguments: [ref])
                consumed.append("\(item): \(value), \(unit ?? "none")")
            }
        }
        #expect(ran)
        #expect(consumed == (0..<40).map { "\($0): \($0) none, uncommitted" })
        #expect(try f.strings("SELECT unit FROM person_case WHERE ref = ?", [ref]) == ["uncommitted"])
    }

    @Test(arguments: ["worker", "consumer"])
    func theFirstErrorIsThrownAndTheWriteLeavesNothing(failing side: String) throws {
        let f = try Fixture()
        let ref = try f.log(draft()).ref
        #expect(throws: Stop.self) {
            try f.database.write { db in
                try db.execute(sql: "UPDATE person_case SET unit = 'rolled back' WHERE ref = ?", arguments: [ref])
                _ = try f.database.readConcurrently(items: 100, workers: 2, makeWorker: { 0 }) { _, item, _ in
                    if side == "worker" && item == 7 { throw Stop() }
                    return item
                } consume: { item, _ in
                    if side == "consumer" && item == 7 { throw Stop() }
                }
            }
        }
        #expect(try f.strings("SELECT unit FROM person_case WHERE ref = ?", [ref]) == [nil])
    }

    @Test func withoutSeparateReadersOrWithOneItemTheCallerRunsThem() throws {
        func runs(_ database: HotlineDatabase, items: Int, workers: Int) throws -> Bool {
            try database.readConcurrently(items: items, workers: workers, makeWorker: { 0 }) { _, item, _ in
                item
            } consume: { _, _ in
            }
        }
        #expect(try !runs(try HotlineDatabase.inMemory(), items: 5, workers: 2))
        let f = try Fixture()
        #expect(try !runs(f.database, items: 1, workers: 2))
        #expect(try !runs(f.database, items: 5, workers: 1))
        #expect(try runs(f.database, items: 5, workers: 2))
    }
}
