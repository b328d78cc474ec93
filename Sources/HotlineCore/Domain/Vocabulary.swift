import Foundation

/// A word from a configured list: an inquiry channel or a relationship. Only a `Vocabulary`
/// makes one, so the core never holds a channel or relationship outside its list.
public struct Term: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String { name }
}

/// One configured list of accepted words (channels, relationships).
public struct Vocabulary: Sendable {
    /// The field the words fill, for error messages.
    public let field: String
    public let terms: [Term]
    /// Other words for a term, normalised (`wife` -> spouse, `мать` -> mother).
    private let byAlias: [String: Term]
    /// A few aliases to name in an error, one per term in the configured order.
    private let aliasExamples: [String]

    /// `aliases`: other words for each word, keyed by the word as configured.
    public init(field: String, words: [String], aliases: [String: [String]] = [:]) throws(HotlineError) {
        guard !words.isEmpty else {
            throw .configuration("\(field): the list of accepted values is empty")
        }
        let names = words.map(Self.normalized)
        if let empty = words.first(where: { Self.normalized($0).isEmpty }) {
            throw .configuration("\(field): the accepted value '\(empty)' is empty")
        }
        guard Set(names).count == names.count else {
            throw .configuration("\(field): a value is listed twice: \(words.joined(separator: ", "))")
        }
        self.field = field
        terms = names.map { Term(name: $0) }
        var byAlias: [String: Term] = [:]
        for (word, others) in aliases {
            // Aliases of a word this hotline does not use are left out, not an error: the
            // shipped aliases must not stop a hotline with its own list from starting.
            guard let term = terms.first(where: { $0.name == Self.normalized(word) }) else { continue }
            for alias in others {
                let key = Self.normalized(alias)
                if let other = byAlias[key] ?? terms.first(where: { $0.name == key }), other != term {
                    throw .configuration("\(field): '\(alias)' is given for both \(other.name) and \(term.name)")
                }
                byAlias[key] = term
            }
        }
        self.byAlias = byAlias
        aliasExamples = words.compactMap { aliases[$0]?.first }.prefix(4).map { $0 }
    }

    /// One spelling for a word, configured or typed: lower case, `-` for spaces and `_`.
    private static func normalized(_ word: String) -> String {
        let lowered = word.trimmingWhitespace().lowercased()
        // `replacing` costs about 9,000 instructions a call even with nothing to replace, and
        // every start normalises the configured words and their aliases (2.6 M instructions).
        guard lowered.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "_") }) else {
            return lowered
        }
        return lowered.replacing(" ", with: "-").replacing("_", with: "-")
    }

    /// The term for `word`, case-insensitively, with `_` and spaces taken as `-`
    /// (`In person` is `in-person`).
    public func term(_ word: String) throws(HotlineError) -> Term {
        if let term = terms.first(where: { $0.name == word }) { return term }  // as listed: most calls
        let wanted = Self.normalized(word)
        guard let term = terms.first(where: { $0.name == wanted }) ?? byAlias[wanted] else {
            throw .invalidField(
                field: field, value: word, problem: "it is not in the list",
                accepted: aliasExamples.isEmpty
                    ? .verbatim(terms.map(\.name).joined(separator: ", "))
                    : "\(terms.map(\.name).joined(separator: ", ")) (or a common word for one: \(aliasExamples.joined(separator: ", ")), …)"
            )
        }
        return term
    }
}
