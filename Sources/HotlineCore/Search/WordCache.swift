import Foundation

/// Name words analysed in this process (`NameSimilarity.Word`: skeleton, stem, given-name
/// forms), shared by every search, intake check and import on any thread. A word's analysis
/// depends on its text alone, and names are made of few words: a million seeded cases have a
/// few thousand distinct ones, a real population tens of thousands. Analysing them afresh
/// for each call was a sixth of a likely-case lookup.
final class WordCache: @unchecked Sendable {
    static let shared = WordCache()
    /// Beyond this many words the cache starts again, so memory stays bounded (a word and its
    /// analysis take a few hundred bytes).
    static let limit = 50_000

    private let lock = NSLock()
    private var words: [Substring: NameSimilarity.Word] = [:]

    func word(_ text: Substring) -> NameSimilarity.Word {
        if let word = lock.withLock({ words[text] }) { return word }
        let word = NameSimilarity.Word(String(text))  // made outside the lock: it is the slow part
        lock.withLock {
            if words.count >= Self.limit { words.removeAll(keepingCapacity: true) }
            words[Substring(word.folded)] = word  // not `text`: it would keep the whole name it is cut from
        }
        return word
    }
}
