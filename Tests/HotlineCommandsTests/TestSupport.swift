import Foundation
import GRDB
import HotlineTesting
import Testing

@testable import HotlineCommands

/// A fresh database file per test, and a way to run `hotline` words against it in-process.
struct CLI {
    let directory: URL
    var dbPath: String { directory.appendingPathComponent("hotline.sqlite").path }

    init() throws {
        directory = TestFiles.directory("cli")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    struct Result {
        let code: Int32
        let out: String
        let err: String
        var json: Any { get throws { try JSONSerialization.jsonObject(with: Data(out.utf8)) } }
    }

    /// Runs `hotline WORDS --db <this test's file> --as tester` through the real command tree.
    func run(_ words: [String], operatorName: String = "tester") async -> Result {
        let captured = CapturedOutput()
        let code = await Console.$current.withValue(captured.console) {
            await CommandRunner.run(words + ["--db", dbPath, "--as", operatorName])
        }
        return Result(code: code, out: captured.out, err: captured.err)
    }

    /// Logs a typical inquiry and returns its case reference.
    func logInquiry(
        person: String = "Иванов Пётр Сергеевич", region: String = "RU-KRS", extra: [String] = []
    )
        async throws -> String
    {
        let result = await run(
            [
                "inquiry", "log", "--person", person, "--region", region, "--inquirer", "Иванова Мария",
                "--relationship", "mother", "--channel", "phone", "--contact", "phone:8 916 123-45-67",
                "--format", "json", "--new-case",
            ] + extra)
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(try result.json as? [String: Any])
        return try #require(object["case"] as? String)
    }

    /// Every row of every table, to show a failed command wrote nothing.
    func snapshot() throws -> [String] {
        let queue = try DatabaseQueue(path: dbPath)
        return try queue.read { db in
            try ["person_case", "inquirer", "contact", "inquiry", "case_history"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map { "\(table): \($0)" }
            }
        }
    }
}
