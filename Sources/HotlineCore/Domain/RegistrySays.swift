import Foundation

/// What a source says about a person (captured, wounded, deceased, ...): a word of the
/// configured registry vocabulary. Only a `RegistryVocabulary` makes one.
public struct RegistrySays: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The case status a confirmed record of this kind moves its case to.
    public let implies: String
    /// Why the word cannot be used with the configured lifecycle (it implies a status the
    /// lifecycle lacks); `nil` when it can. A hotline with its own lifecycle that does not use
    /// the registry must still start, so this is refused only when the word is used.
    let problem: Message?
    public var description: String { name }

    /// Whether confirming it needs a second operator's approval: a wrong "your son is dead" is
    /// the worst mistake the hotline can make.
    public var needsSecondOperator: Bool { implies == RegistryVocabulary.deceasedStatus }
}

/// The registry's vocabulary: each word, the case status it implies, and the other ways lists
/// write it (`в плену`, `загинув`, `KIA`). Shipped in Config/hotline.json under `registry`.
public struct RegistryVocabulary: Sendable {
    /// The case status that the two-person rule guards, and that contradicts a closed case.
    public static let deceasedStatus = "deceased"

    public let says: [RegistrySays]
    /// Folded alias (and name) -> the word.
    private let byAlias: [String: RegistrySays]

    /// `implies` maps each word to a status of `lifecycle`; `aliases` lists other spellings.
    public init(words: [String], implies: [String: String], aliases: [String: [String]], lifecycle: Lifecycle)
        throws(HotlineError)
    {
        guard !words.isEmpty else { throw .configuration("registry.says: the list of accepted values is empty") }
        var says: [RegistrySays] = []
        var byAlias: [String: RegistrySays] = [:]
        for word in words {
            let name = Self.folded(word)
            guard !name.isEmpty, !says.contains(where: { $0.name == name }) else {
                throw .configuration("registry.says: '\(word)' is empty or listed twice")
            }
            guard let status = implies[word] ?? implies[name] else {
                throw .configuration("registry.implies has no status for '\(word)'")
            }
            let problem: Message? =
                lifecycle.statuses.contains(where: { $0.name == status })
                ? nil
                : "registry.implies.\(word) '\(status)' is not a status of the lifecycle (\(lifecycle.statuses.map(\.name).joined(separator: ", "))); set registry.implies to one"
            let term = RegistrySays(name: name, implies: status, problem: problem)
            says.append(term)
            for alias in [word] + (aliases[word] ?? []) {
                let key = Self.folded(alias)
                if let other = byAlias[key], other != term {
                    throw .configuration("registry.aliases: '\(alias)' is given for both \(other.name) and \(name)")
                }
                byAlias[key] = term
            }
        }
        self.says = says
        self.byAlias = byAlias
    }

    /// The word for `text` (a name or an alias, case, spaces and `_` ignored).
    public func says(_ text: String, field: String = "says") throws(HotlineError) -> RegistrySays {
        guard let term = byAlias[Self.folded(text)] else {
            throw .invalidField(
                field: field, value: text, problem: "it is not a word the registry knows",
                accepted: "\(says.map(\.name).joined(separator: ", ")) (or an alias from the configuration)")
        }
        if let problem = term.problem { throw .configuration(problem) }
        return term
    }

    /// The word called exactly `name`, as stored; `nil` when the configuration dropped it.
    public func stored(_ name: String) -> RegistrySays? { says.first { $0.name == name } }

    private static func folded(_ text: String) -> String {
        let lowered = text.trimmingWhitespace().lowercased()
        // A word without `_` or white space is its own folding: skip `replacing` and the split,
        // about 10,000 instructions a word, paid for every configured word at every start.
        guard lowered.unicodeScalars.contains(where: { $0 == "_" || $0.properties.isWhitespace }) else {
            return lowered
        }
        return lowered.replacing("_", with: "-").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
