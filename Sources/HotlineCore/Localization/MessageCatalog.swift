import Foundation
import HotlineDefaults

/// The translations of every message: Config/messages.ru.json and Config/messages.uk.json,
/// embedded at build time. Each maps a message's key (its English wording with `{n}`
/// placeholders) to the wording in that language; a key starting `//` is a comment (the
/// glossary, the recipe for adding a message). English needs no catalog: the key is the text.
public enum MessageCatalog {
    /// The wording of `key` in `language`; the key itself (English) when the catalog lacks it.
    static func template(for key: String, in language: Language) -> String {
        switch language {
        case .en: return key
        case .ru: return russian[key] ?? key
        case .uk: return ukrainian[key] ?? key
        }
    }

    /// A language's catalog as shipped: key to wording, comments left out.
    public static func entries(of language: Language) -> [String: String] {
        switch language {
        case .en: return [:]
        case .ru: return russian
        case .uk: return ukrainian
        }
    }

    private static let russian = parse(ShippedDefaults.messagesRussianJSON)
    private static let ukrainian = parse(ShippedDefaults.messagesUkrainianJSON)

    private static func parse(_ bytes: [UInt8]) -> [String: String] {
        // The catalogs are shipped inside the binary and checked by MessageCatalogTests, so one
        // that does not parse is a defect of the build, not something an operator can fix.
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            preconditionFailure("a shipped message catalog is not a JSON object")
        }
        var entries: [String: String] = [:]
        for (key, value) in object where !key.hasPrefix("//") {
            if let value = value as? String { entries[key] = value }
        }
        return entries
    }
}
