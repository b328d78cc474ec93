import AsyncHTTPClient
import Foundation
import HotlineCore
import NIOCore
import NIOHTTP1

/// The three Bot API calls hotline makes: `getFile` and the file's download (a photo a family
/// sent), and `sendMessage` (`case reply` to a family who wrote to the bot). Over
/// AsyncHTTPClient, on the NIO the server already runs on, at `telegram.apiBase` (tests point it
/// at a fake Bot API). The token is in every URL, so no URL is ever logged or shown.
public struct TelegramBotAPI: Sendable {
    public let token: String
    /// `https://api.telegram.org`, without a trailing slash.
    public let apiBase: String
    /// How long one call may take: the webhook waits for a photo's download before it answers.
    static let timeout: TimeAmount = .seconds(30)
    /// The most text one `sendMessage` takes (Telegram counts UTF-16 units; 4,096 at most).
    static let maxMessageUTF16 = 4096

    public init(token: String, apiBase: String) {
        self.token = token
        self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
    }

    public init(settings: HotlineSettings.TelegramSettings) {
        self.init(token: settings.token, apiBase: settings.apiBase)
    }

    /// Without a token the bot can neither fetch a photo nor answer.
    static var notConfigured: HotlineError {
        .configuration("telegram.token is not set: give the bot's token from BotFather (env HOTLINE_TELEGRAM_TOKEN)")
    }

    // MARK: - Files

    /// The bytes of the file `fileId` names, at most `limit` of them: `getFile`, then the file's
    /// URL. A file over `limit` is refused before it is read whole.
    func download(fileId: String, limit: Int) async throws -> (path: String, content: Data) {
        guard !token.isEmpty else { throw Self.notConfigured }
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "file_id", value: fileId)]
        let answer = try await call("getFile", query: query.percentEncodedQuery ?? "", limit: 64 * 1024)
        guard let result = answer["result"] as? [String: Any], let path = result["file_path"] as? String,
            !path.isEmpty, !path.contains("..")
        else {
            throw Self.failed("getFile", problem: "the Bot API's answer names no file_path")
        }
        if let size = result["file_size"] as? Int, size > limit { throw Self.tooLarge(size, limit: limit) }
        let request = HTTPClientRequest(url: "\(apiBase)/file/bot\(token)/\(path)")
        let response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
        guard response.status == .ok else {
            throw Self.failed("the file download", problem: "the Bot API answered \(response.status.code)")
        }
        do {
            return (path, Data(try await response.body.collect(upTo: limit).readableBytesView))
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(limit + 1, limit: limit)
        }
    }

    // MARK: - Messages

    /// Sends `reply` into its chat, in messages of at most 4,096 UTF-16 units; blocks until
    /// Telegram answers (for `case reply`, which sends inside its transaction).
    public func sendMessageWaiting(_ reply: TelegramReply) throws {
        guard !token.isEmpty else { throw Self.notConfigured }
        for part in Self.parts(of: reply.text) {
            let body = try JSONSerialization.data(withJSONObject: ["chat_id": reply.chatId, "text": part])
            let request = try HTTPClient.Request(
                url: "\(apiBase)/bot\(token)/sendMessage", method: .POST,
                headers: ["Content-Type": "application/json"], body: .bytes(Array(body)))
            let response: HTTPClient.Response
            do {
                response = try HTTPClient.shared.execute(request: request, deadline: .now() + Self.timeout).wait()
            } catch {
                throw Self.failed("sendMessage", problem: "Telegram cannot be reached (\(Self.describe(error)))")
            }
            _ = try Self.checked("sendMessage", status: response.status.code, body: response.body)
        }
    }

    /// `text` in pieces Telegram takes, cut at a line break where one is near the limit.
    static func parts(of text: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        while rest.utf16.count > maxMessageUTF16 {
            var end = rest.startIndex
            var count = 0
            for index in rest.indices {
                let width = rest[index].utf16.count
                if count + width > maxMessageUTF16 { break }
                count += width
                end = rest.index(after: index)
            }
            let head = rest[..<end]
            if let lineBreak = head.lastIndex(of: "\n"), head.distance(from: head.startIndex, to: lineBreak) > 1000 {
                end = head.index(after: lineBreak)
            }
            parts.append(String(rest[..<end]))
            rest = rest[end...]
        }
        if !rest.isEmpty || parts.isEmpty { parts.append(String(rest)) }
        return parts
    }

    // MARK: - Calls

    /// One method call with a GET query; its JSON answer when `ok`.
    private func call(_ method: String, query: String, limit: Int) async throws -> [String: Any] {
        let request = HTTPClientRequest(url: "\(apiBase)/bot\(token)/\(method)?\(query)")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: Self.timeout)
            body = try await response.body.collect(upTo: limit)
        } catch {
            throw Self.failed(method, problem: "Telegram cannot be reached (\(Self.describe(error)))")
        }
        return try Self.checked(method, status: response.status.code, body: body)
    }

    /// The answer's JSON when Telegram says `ok`, else what it said (its `description`).
    private static func checked(_ method: String, status: UInt, body: ByteBuffer?) throws -> [String: Any] {
        let json =
            body.flatMap { try? JSONSerialization.jsonObject(with: Data($0.readableBytesView)) as? [String: Any] }
            ?? [:]
        guard status == 200, json["ok"] as? Bool == true else {
            let said = (json["description"] as? String).map { String($0.prefix(300)) } ?? "no description"
            throw failed(method, problem: "the Bot API answered \(status): \(said)")
        }
        return json
    }

    /// An error's words without the URL it may quote (the URL holds the token).
    private static func describe(_ error: any Error) -> String {
        String(String(describing: error).prefix(200))
    }

    static func failed(_ call: String, problem: Message) -> HotlineError {
        .invalidField(
            field: "telegram", value: call, problem: problem,
            accepted: "a reachable Bot API (telegram.apiBase) and a valid telegram.token; nothing was recorded")
    }

    static func tooLarge(_ size: Int, limit: Int) -> HotlineError {
        .invalidField(
            field: "attachment", value: "\(size) bytes", problem: "the attachment is too large",
            accepted: "attachments of at most \(limit / 1024 / 1024) MB each")
    }
}
