import Foundation
import GRDB
import HotlineCore
import HotlineServer
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A Bot API on loopback, started by the test: `getFile`, the file download and `sendMessage`,
/// each call recorded.
final class FakeBotAPI: Sendable {
    static let token = "4242424242-TESTTOKEN"
    /// The photo Telegram holds: bytes no text encoding would survive.
    let photo = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) })
    private let recorded = Mutex<[String]>([])
    private let sentBodies = Mutex<[Data]>([])

    var calls: [String] { recorded.withLock { $0 } }
    /// The JSON bodies of `sendMessage`, decoded.
    var sent: [[String: Any]] {
        sentBodies.withLock { $0 }.compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    func application() -> some ApplicationProtocol {
        let router = Router()
        let token = Self.token
        router.get("bot\(token)/getFile") { request, _ -> Response in
            let fileId = request.uri.queryParameters["file_id"].map(String.init) ?? ""
            self.recorded.withLock { $0.append("getFile \(fileId)") }
            let json =
                #"{"ok": true, "result": {"file_id": "\#(fileId)", "file_size": \#(self.photo.count), "file_path": "photos/file_7.jpg"}}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: json)))
        }
        router.get("file/bot\(token)/photos/{name}") { _, context -> Response in
            self.recorded.withLock { $0.append("download \(context.parameters.get("name") ?? "")") }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: self.photo)))
        }
        router.post("bot\(token)/sendMessage") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            self.recorded.withLock { $0.append("sendMessage") }
            self.sentBodies.withLock { $0.append(Data(body.readableBytesView)) }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"ok": true, "result": {"message_id": 99}}"#)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

/// `POST /v1/telegram/webhook` against the fake Bot API, and `case reply` to a Telegram chat.
@Suite struct TelegramWebhookTests {
    static let secret = "s3cret-token_for-the-webhook"
    static let webhook = "/v1/telegram/webhook"

    func options(apiBase: String, secret: String = Self.secret) -> HotlineServer.Options {
        var options = HotlineServer.Options()
        options.telegram = .init(secret: secret, token: FakeBotAPI.token, apiBase: apiBase)
        return options
    }

    /// Runs `body` with the fake Bot API listening and the hotline's server over `fixture`.
    func withServers(
        _ fixture: ServerFixture, secret: String = Self.secret,
        _ body: @Sendable @escaping (FakeBotAPI, String, any TestClientProtocol) async throws -> Void
    ) async throws {
        let fake = FakeBotAPI()
        try await fake.application().test(.live) { fakeClient in
            let apiBase = "http://127.0.0.1:\(try #require(fakeClient.port))"
            try await fixture.application(options: options(apiBase: apiBase, secret: secret)).test(.router) {
                client in try await body(fake, apiBase, client)
            }
        }
    }

    static func update(_ id: Int, chat: Int64 = 555_001, message: String) -> String {
        #"""
        {"update_id": \#(id), "message": {"message_id": \#(id + 1000), "date": 1717000000,
         "from": {"id": \#(chat), "is_bot": false, "first_name": "Мария", "last_name": "Иванова", "username": "maria_iv"},
         "chat": {"id": \#(chat), "type": "private"}, \#(message)}}
        """#
    }

    /// An inquiry by a family who left their chat with the bot as their contact.
    static func inquiry(chat: Int64) -> String {
        #"{"person": "Петров Иван", "region": "RU-KRS", "inquirer": "Петрова Анна", "relationship": "mother", "channel": "telegram", "contacts": ["telegram:chat:\#(chat)"], "newCase": true}"#
    }

    func post(_ client: any TestClientProtocol, _ json: String, secret: String? = Self.secret) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let secret { headers[HTTPFields.Element.Name("X-Telegram-Bot-Api-Secret-Token")!] = secret }
        return try await client.send(.post, Self.webhook, json: json, headers: headers)
    }

    func inbox(_ fixture: ServerFixture) throws -> [Row] {
        try DatabaseQueue(path: fixture.path).read {
            try Row.fetchAll($0, sql: "SELECT * FROM inbox_message ORDER BY id")
        }
    }

    @Test func aMissingOrWrongSecretIsRefusedAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture) { fake, _, client in
            let before = try fixture.snapshot()
            let update = Self.update(1, message: #""text": "Здравствуйте""#)
            for secret in [nil, "", "wrong", Self.secret + "x", String(Self.secret.dropLast())] {
                let answer = try await post(client, update, secret: secret)
                #expect(answer.status == 403, "secret \(secret ?? "none"): \(answer.text)")
                #expect(answer.headers[.contentType] == "application/problem+json")
            }
            #expect(try fixture.snapshot() == before)
            #expect(fake.calls.isEmpty)
        }
    }

    @Test func withoutASecretTheRouteDoesNotExist() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture, secret: "") { _, _, client in
            let answer = try await post(client, Self.update(1, message: #""text": "x""#), secret: "")
            #expect(answer.status == 404)
        }
    }

    @Test func aTextIsStoredOnceWithItsCyrillicIntact() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture) { _, _, client in
            let text = "Ищу сына: Иванов Пётр Сергеевич, 1998 г.р., в/ч 12345. Ґанок, їжак — ё"
            let update = Self.update(7, message: #""text": "\#(text)""#)
            let first = try await post(client, update)
            #expect(first.status == 200, "\(first.text)")
            #expect(first.json["duplicate"] as? Bool == false)
            let again = try await post(client, update)  // Telegram redelivers
            #expect(again.status == 200)
            #expect(again.json["duplicate"] as? Bool == true)
            #expect(again.json["inbox"] as? Int == first.json["inbox"] as? Int)

            let rows = try inbox(fixture)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["channel"] as String == "telegram")
            #expect(row["external_id"] as String == "7")
            #expect(row["body"] as String == text)
            #expect(row["sender_contact"] as String == "telegram:chat:555001")
            #expect(row["sender_name"] as String == "Мария Иванова (@maria_iv)")
            #expect(row["state"] as String == "new")
        }
    }

    @Test func aPhotoIsFetchedInItsLargestSizeAndStoredOnce() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture) { fake, _, client in
            let update = Self.update(
                8,
                message: #"""
                    "caption": "Это он, фото 2023 года",
                    "photo": [{"file_id": "small-id", "file_unique_id": "a", "width": 90, "height": 120, "file_size": 1200},
                              {"file_id": "large-id", "file_unique_id": "b", "width": 960, "height": 1280, "file_size": 300000},
                              {"file_id": "medium-id", "file_unique_id": "c", "width": 320, "height": 427, "file_size": 30000}]
                    """#)
            let answer = try await post(client, update)
            #expect(answer.status == 200, "\(answer.text)")
            #expect(fake.calls == ["getFile large-id", "download file_7.jpg"])
            // Redelivered: stored once, and the photo is not fetched again.
            let again = try await post(client, update)
            #expect(again.json["duplicate"] as? Bool == true)
            #expect(fake.calls.count == 2)

            let stored = try DatabaseQueue(path: fixture.path).read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.body, a.name, a.type, a.sha256, b.content FROM inbox_message m
                        JOIN inbox_attachment a ON a.message_id = m.id JOIN inbox_blob b ON b.sha256 = a.sha256
                        """)
            }
            #expect(stored.count == 1)
            let row = try #require(stored.first)
            #expect(row["body"] as String == "Это он, фото 2023 года")
            #expect(row["name"] as String == "file_7.jpg")
            #expect(row["type"] as String == "image/jpeg")
            #expect(row["content"] as Data == fake.photo)
            #expect(row["sha256"] as String == (try sha256sum(fake.photo)))
        }
    }

    @Test func aMessageWithNothingToKeepIsAnswered200AndStoresNothing() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture) { _, _, client in
            let before = try fixture.snapshot()
            let sticker = try await post(client, Self.update(9, message: #""sticker": {"file_id": "x"}"#))
            #expect(sticker.status == 200)
            #expect((sticker.json["ignored"] as? String)?.contains("sticker") == true)
            let edit = try await post(client, #"{"update_id": 10, "edited_message": {"message_id": 1}}"#)
            #expect(edit.status == 200)
            let garbage = try await post(client, #"{"hello": "world"}"#)
            #expect(garbage.status == 200)
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aKnownChatThreadsOntoItsCaseAndAReplyGoesToThatChat() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture) { fake, apiBase, client in
            let token = try await client.signIn("oleg")
            let logged = try await client.send(
                .post, "/v1/inquiries", token: token,
                json: Self.inquiry(chat: 777_001))
            #expect(logged.status == 201, "\(logged.text)")
            let ref = try #require(logged.json["case"] as? String)
            let inquirer = try #require(logged.json["inquirer"] as? Int)

            let answer = try await post(client, Self.update(11, chat: 777_001, message: #""text": "Есть новости?""#))
            #expect(answer.status == 200, "\(answer.text)")
            let row = try #require(try inbox(fixture).first)
            #expect(row["state"] as String == "converted")
            #expect(row["inquiry_id"] as Int64? != nil)

            let bot = TelegramBotAPI(token: FakeBotAPI.token, apiBase: apiBase)
            let text = "Мы получили ваше сообщение. Ищем, ждите звонка."
            let hotline = fixture.hotline
            let sent = try await onOwnThread {
                try hotline.reply(
                    toCase: ref, inquirer: Int64(inquirer), text: text, from: "", by: try OperatorName("oleg"),
                    senders: ReplySenders(
                        mail: { _ in Issue.record("a Telegram inquirer was sent e-mail") },
                        telegram: { try bot.sendMessageWaiting($0) }))
            }
            #expect(sent.channel == "telegram")
            #expect(sent.to == "telegram:chat:777001")
            let message = try #require(fake.sent.first)
            #expect(message["chat_id"] as? Int == 777_001)
            #expect(message["text"] as? String == text)
            let history = try await DatabaseQueue(path: fixture.path).read { db in
                try String.fetchAll(db, sql: "SELECT note FROM case_history WHERE source = 'telegram'")
            }
            #expect(history.contains { $0.contains("Telegram reply to inquirer \(inquirer)") }, "\(history)")
        }
    }

    @Test func theRealBinaryRepliesInTheFamilysChat() async throws {
        let fixture = try ServerFixture()
        try await withServers(fixture) { fake, apiBase, client in
            let token = try await client.signIn("oleg")
            let logged = try await client.send(.post, "/v1/inquiries", token: token, json: Self.inquiry(chat: 777_003))
            let ref = try #require(logged.json["case"] as? String)
            let inquirer = try #require(logged.json["inquirer"] as? Int)
            let text = "Здравствуйте! Ваше обращение по делу \(ref) принято."
            let arguments = [
                "case", "reply", ref, "--inquirer", String(inquirer), "--text", text, "--db", fixture.path, "--as",
                "oleg", "--format", "json",
            ]
            let (code, out, err) = try await onOwnThread {
                try runHotline(
                    arguments,
                    environment: ["HOTLINE_TELEGRAM_TOKEN": FakeBotAPI.token, "HOTLINE_TELEGRAM_API_BASE": apiBase])
            }
            #expect(code == 0, "\(err)")
            #expect(out.contains("telegram:chat:777003"), "\(out)")
            let message = try #require(fake.sent.first)
            #expect(message["chat_id"] as? Int == 777_003)
            #expect(message["text"] as? String == text)
        }
    }

    @Test func aReplyTelegramRefusesRecordsNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let token = try await client.signIn("oleg")
            let logged = try await client.send(
                .post, "/v1/inquiries", token: token,
                json: Self.inquiry(chat: 777_002))
            let ref = try #require(logged.json["case"] as? String)
            let before = try fixture.snapshot()
            // Nothing listens there: the Bot API cannot be reached.
            let bot = TelegramBotAPI(token: FakeBotAPI.token, apiBase: "http://127.0.0.1:9")
            #expect(throws: HotlineError.self) {
                try fixture.hotline.reply(
                    toCase: ref, inquirer: 1, text: "x", from: "", by: try OperatorName("oleg"),
                    senders: ReplySenders(mail: { _ in }, telegram: { try bot.sendMessageWaiting($0) }))
            }
            #expect(try fixture.snapshot() == before)
        }
    }
}

/// `work` on a thread of its own: `case reply` blocks until Telegram answers, and the fake Bot
/// API's handlers need the few threads Swift's concurrency pool has (two on a 2-core machine).
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Runs the built `hotline` (beside the test bundle) with `environment` added; its exit code,
/// standard output and standard error.
func runHotline(_ arguments: [String], environment: [String: String]) throws -> (Int32, String, String) {
    let folder = Bundle.main.bundleURL
    let binary = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("hotline") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    let process = Process()
    process.executableURL = binary ?? folder.appendingPathComponent("hotline")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

/// The SHA-256 of `data` as coreutils' sha256sum computes it.
func sha256sum(_ data: Data) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    try input.fileHandleForWriting.write(contentsOf: data)
    try input.fileHandleForWriting.close()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: printed, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}
