import Foundation
import HotlineCore
import Hummingbird
import Logging

/// `POST /v1/telegram/webhook`: the updates Telegram delivers for the bot (`setWebhook` with a
/// `secret_token`), into the inbox. Only when `telegram.secret` is set; otherwise the route does
/// not exist (404), so a server without a bot offers nothing to guess at.
///
/// Telegram retries every update it gets no 2xx for, and holds the later ones back meanwhile:
/// an update that can never be stored (a sticker, a file over the cap) is answered 200 and the
/// reason logged, so one bad update never blocks a family's next message. Only the server's own
/// trouble (the database busy or failing) is a 5xx, which Telegram then retries.
enum TelegramRoutes {
    static let path = "/v1/telegram/webhook"

    static func add(to router: Router<ServerContext>, hotline: Hotline, settings: HotlineSettings.TelegramSettings) {
        let bot = TelegramBotAPI(settings: settings)
        let secret = Array(settings.secret.utf8)
        router.post(RouterPath(path)) { request, context in
            guard secretMatches(request.headers[.telegramSecretToken], secret: secret) else {
                return Problem(
                    status: .forbidden, code: "refused",
                    detail: "the X-Telegram-Bot-Api-Secret-Token header is missing or wrong; nothing was written"
                ).response
            }
            let body = try await request.body.collect(upTo: JSONCoding.maxBodyBytes)
            let update: TelegramUpdate
            do {
                update = try decoder.decode(TelegramUpdate.self, from: Data(body.readableBytesView))
            } catch {
                return ignored("the body is not a Bot API Update with an update_id", logger: context.logger)
            }
            return try await receive(update, hotline: hotline, bot: bot, logger: context.logger)
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    /// Whether `given` is the secret, in time that depends on the secret's length alone: an
    /// attacker learns nothing from how long a wrong guess took.
    static func secretMatches(_ given: String?, secret: [UInt8]) -> Bool {
        guard let given, !secret.isEmpty else { return false }
        let guess = Array(given.utf8)
        var difference: UInt8 = guess.count == secret.count ? 0 : 1
        for index in secret.indices {
            difference |= secret[index] ^ (index < guess.count ? guess[index] : 0)
        }
        return difference == 0
    }

    /// What the webhook answers Telegram (which reads only the status).
    struct Answer: Encodable {
        var inbox: Int64?
        var duplicate: Bool?
        var ignored: String?
    }

    static func ignored(_ reason: String, update: Int64? = nil, logger: Logger) -> Response {
        logger.warning(
            "telegram update not stored",
            metadata: ["reason": "\(reason)", "update_id": "\(update.map(String.init) ?? "-")"])
        return (try? JSONCoding.response(Answer(ignored: reason))) ?? Response(status: .ok)
    }

    /// Stores the update's message with its photo or file, once per update_id.
    static func receive(_ update: TelegramUpdate, hotline: Hotline, bot: TelegramBotAPI, logger: Logger) async throws
        -> Response
    {
        guard let message = update.message else {
            return ignored(
                "not a new message (an edit, a channel post, a button)", update: update.updateId, logger: logger)
        }
        let externalId = String(update.updateId)
        let contact = try Contact(
            kind: .telegram, value: "chat:\(message.chat.id)", defaultCountry: hotline.rules.defaultCountry)
        var incoming = IncomingMessage(
            channel: .telegram, externalId: externalId, senderName: message.senderName, senderContact: contact,
            subject: nil, text: message.text ?? message.caption ?? "")
        // A redelivery: the first delivery's photo is stored; do not fetch it again.
        let stored = try await hotline.hasReceived(channel: .telegram, externalId: externalId)
        if !stored {
            var notes: [String] = []
            if let photo = message.largestPhoto {
                await fetch(
                    photo.fileId, size: photo.fileSize, name: nil, type: "image/jpeg", what: "photo", bot: bot,
                    into: &incoming, notes: &notes, logger: logger)
            }
            if let document = message.document {
                await fetch(
                    document.fileId, size: document.fileSize, name: document.fileName,
                    type: document.mimeType ?? "application/octet-stream", what: "file", bot: bot, into: &incoming,
                    notes: &notes, logger: logger)
            }
            // The family's message is kept even when its photo is not: the note says why.
            incoming.text = ([incoming.text] + notes).filter { !$0.isEmpty }.joined(separator: "\n\n")
            guard !incoming.text.isEmpty || !incoming.attachments.isEmpty else {
                return ignored(
                    "a message with neither text nor a photo or file (a sticker, a voice message, a location)",
                    update: update.updateId, logger: logger)
            }
        }
        do {
            let received = try await hotline.receive(incoming)
            return try JSONCoding.response(Answer(inbox: received.id, duplicate: received.duplicate))
        } catch let error as HotlineError {
            switch error {
            case .invalidField, .invalidFields:
                return ignored(error.description, update: update.updateId, logger: logger)
            default: throw error
            }
        }
    }

    /// Downloads one file into `incoming`'s attachments; a file over the cap, or one Telegram
    /// would not give, becomes a note in the text instead.
    static func fetch(
        _ fileId: String, size: Int?, name: String?, type: String, what: String, bot: TelegramBotAPI,
        into incoming: inout IncomingMessage, notes: inout [String], logger: Logger
    ) async {
        let limit = Hotline.maxAttachmentBytes
        if let size, size > limit {
            notes.append(
                "[The \(what) sent with this message, \(size) bytes, is over the \(limit / 1024 / 1024) MB cap and was not kept.]"
            )
            return
        }
        do {
            let (path, content) = try await bot.download(fileId: fileId, limit: limit)
            let fileName = name ?? path.split(separator: "/").last.map(String.init)
            incoming.attachments.append(IncomingAttachment(name: fileName, type: type, content: content))
        } catch {
            let reason = (error as? HotlineError)?.description ?? String(describing: error)
            logger.warning("telegram file not fetched", metadata: ["reason": "\(reason)"])
            notes.append("[The \(what) sent with this message could not be fetched from Telegram: \(reason)]")
        }
    }
}

extension HTTPFields.Element.Name {
    /// The `secret_token` given to `setWebhook`, which Telegram sends with every update.
    static let telegramSecretToken = Self("X-Telegram-Bot-Api-Secret-Token")!
}
