/// The part of a Bot API `Update` the inbox reads (core.telegram.org/bots/api#update); every
/// other field is ignored, so a newer Bot API's additions change nothing.
struct TelegramUpdate: Decodable {
    let updateId: Int64
    let message: Message?

    struct Message: Decodable {
        let messageId: Int64
        let from: User?
        let chat: Chat
        let text: String?
        let caption: String?
        /// One photo in several sizes, smallest first.
        let photo: [PhotoSize]?
        /// A file sent as a file: a scan, or a photo sent uncompressed.
        let document: Document?
    }

    struct User: Decodable {
        let id: Int64
        let firstName: String?
        let lastName: String?
        let username: String?
    }

    struct Chat: Decodable {
        let id: Int64
    }

    struct PhotoSize: Decodable {
        let fileId: String
        let width: Int
        let height: Int
        let fileSize: Int?
    }

    struct Document: Decodable {
        let fileId: String
        let fileName: String?
        let mimeType: String?
        let fileSize: Int?
    }
}

extension TelegramUpdate.Message {
    /// The photo's largest size: the one a family meant to send.
    var largestPhoto: TelegramUpdate.PhotoSize? {
        photo?.max { ($0.width * $0.height, $0.fileSize ?? 0) < ($1.width * $1.height, $1.fileSize ?? 0) }
    }

    /// Who wrote, as an operator reads it: `Мария Иванова (@maria_iv)`.
    var senderName: String? {
        guard let from else { return nil }
        let name = [from.firstName, from.lastName].compactMap { $0 }.joined(separator: " ")
        let handle = from.username.map { "@\($0)" }
        let parts = [name.isEmpty ? nil : name, handle.map { name.isEmpty ? $0 : "(\($0))" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
