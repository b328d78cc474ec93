import Foundation

/// What an API key may do: `intake` only files inquiries (a web form, a messenger bot); an
/// `operator` or `viewer` key may do what an operator of that role may (a partner system).
/// Keys are never admins: managing the hotline needs a person who signs in.
public enum APIKeyRole: String, CaseIterable, Sendable, Codable {
    case intake
    case viewer
    case `operator`

    /// Parses a key's role; throws listing the roles.
    public init(parsing text: String) throws(HotlineError) {
        guard let role = APIKeyRole(rawValue: text.lowercased()) else {
            throw .invalidField(
                field: "role", value: text, problem: "there is no such role for an API key",
                accepted: .verbatim(APIKeyRole.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        self = role
    }

    /// The operator role the key acts with, or `nil` for `intake`, which has none.
    var operatorRole: Role? {
        switch self {
        case .intake: return nil
        case .viewer: return .viewer
        case .operator: return .operator
        }
    }
}

/// An API key's name (`webform`), and the principal requests made with the key act as
/// (`apikey:webform`): what case histories and `audit` record.
public struct APIKeyName: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String { name }
    /// The prefix of every key's principal. Operators' names cannot begin with it.
    static let principalPrefix = "apikey:"

    static let accepted: Message = "1 to 40 characters: lower-case Latin letters, digits, '-', '_' and '.'"

    public init(_ typed: String) throws(HotlineError) {
        let name = typed.trimmingCharacters(in: .whitespaces).lowercased()
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)
        }
        guard (1...40).contains(name.count), allowed else {
            throw .invalidField(
                field: "name", value: typed, problem: "it is not an API key name", accepted: Self.accepted)
        }
        self.name = name
    }

    /// The key a principal stands for, or `nil` for an operator's name.
    init?(principal: OperatorName) {
        guard principal.name.hasPrefix(Self.principalPrefix),
            let name = try? APIKeyName(String(principal.name.dropFirst(Self.principalPrefix.count)))
        else { return nil }
        self = name
    }

    /// The principal requests made with this key act as.
    public var principal: OperatorName {
        // A name of lower-case Latin letters, digits and punctuation is always a valid operator name.
        try! OperatorName(Self.principalPrefix + name)
    }
}
