import Foundation
import GRDB
import HotlineCore
import HotlineServer
import HotlineTesting
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization

/// A clock the test moves (token expiry, lock-outs).
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_717_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(hours: Double) { current.withLock { $0 = $0.addingTimeInterval(hours * 3600) } }
}

/// A hotline in a fresh database file with three operators who have passwords: anna (admin),
/// oleg (operator), vera (viewer); and the server over it.
struct ServerFixture {
    static let password = "correct horse battery"
    let path: String
    let hotline: Hotline
    let clock = TestClock()

    init(passwords: Bool = true) throws {
        let directory = TestFiles.directory("server")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("hotline.sqlite").path
        let clock = self.clock
        hotline = try Hotline.open(path: path, rules: .shipped, now: { clock.now })
        let anna = try OperatorName("anna")
        _ = try hotline.addOperator("anna", by: anna)
        _ = try hotline.addOperator("oleg", role: "operator", by: anna)
        _ = try hotline.addOperator("vera", role: "viewer", by: anna)
        if passwords {
            // bcrypt's least work factor: the tests check the rules, not bcrypt's cost.
            for name in ["anna", "oleg", "vera"] {
                try hotline.setPassword(of: name, to: Self.password, by: anna, cost: 4)
            }
        }
    }

    func application(options: HotlineServer.Options = .init()) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "hotline-test")
        logger.logLevel = .warning
        return try await HotlineServer.makeApplication(hotline: hotline, options: options, logger: logger)
    }

    /// Every row of every table, as text: equal before and after only if nothing was written.
    func snapshot() throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }
            }
        }
    }

    func count(_ table: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(table)\"") ?? 0 }
    }
}

/// One answer, with its body as JSON.
struct Answer {
    let status: Int
    let headers: HTTPFields
    let text: String
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
}

extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await execute(
            uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Answer(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }

    /// A token for `name` (with the fixture's password).
    func signIn(_ name: String, password: String = ServerFixture.password) async throws -> String {
        let answer = try await send(
            .post, "/v1/sessions", json: #"{"operator": "\#(name)", "password": "\#(password)"}"#)
        guard answer.status == 201, let token = answer.json["token"] as? String else {
            throw HotlineError.notSignedIn("test sign-in of \(name) answered \(answer.status): \(answer.text)")
        }
        return token
    }
}

/// An inquiry body for a new case; tests change what they look at.
func inquiryJSON(person: String = "Иванов Пётр Сергеевич", extra: String = #", "newCase": true"#) -> String {
    #"{"person": "\#(person)", "region": "RU-KRS", "born": "1998", "inquirer": "Иванова Мария", "relationship": "mother", "channel": "phone", "contacts": ["phone:8 916 123-45-67"]\#(extra)}"#
}
