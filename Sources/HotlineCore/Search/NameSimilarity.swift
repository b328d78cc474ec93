/// How alike two names are, from 0 (nothing in common) to 1 (the same once folded).
/// Words are matched in any order ("Иванов Пётр" is "Petr Ivanov"); the shorter name's words
/// are each matched to their best partner, so a missing patronymic costs nothing, but a name
/// of one word is only half evidence.
enum NameSimilarity {
    struct Word {
        let folded: String
        let text: [UInt8]
        let skeleton: String
        /// Ends like a feminine surname or name (-a, -ya, -ia): Ivanova, Vladislava.
        let isFeminine: Bool
        /// The word's stem and surname ending, to tell Ivanov from Ivanenko.
        let surnameStem: (stem: String, ending: String)?

        init(_ folded: String) {
            self.folded = folded
            text = Array(folded.utf8)
            skeleton = NameFolding.skeleton(folded)
            isFeminine = folded.count > 3 && folded.hasSuffix("a")
            surnameStem = NameSimilarity.surnameStem(of: folded)
        }
    }

    static func words(_ folded: String) -> [Word] {
        folded.split(separator: " ").map { Word(String($0)) }
    }

    /// The similarity of two names given as folded words.
    static func score(_ a: [Word], _ b: [Word]) -> Double { match(a, b).average }

    /// How two names match: the average over the shorter name's words of each word's best
    /// partner (times the coverage: one word is half evidence), and the weakest of those words.
    static func match(_ a: [Word], _ b: [Word]) -> (average: Double, weakest: Double) {
        guard !a.isEmpty, !b.isEmpty else { return (0, 0) }
        let (shorter, longer) = a.count <= b.count ? (a, b) : (b, a)
        var total = 0.0
        var weakest = 1.0
        var used = Set<Int>()
        for word in shorter {
            var best = 0.0
            var bestIndex = -1
            for (index, other) in longer.enumerated() where !used.contains(index) {
                let similarity = wordScore(word, other)
                if similarity > best {
                    best = similarity
                    bestIndex = index
                }
            }
            if bestIndex >= 0 { used.insert(bestIndex) }
            total += best
            weakest = min(weakest, best)
        }
        let coverage = min(1.0, Double(shorter.count) / 2.0)
        return (total / Double(shorter.count) * coverage, weakest)
    }

    /// Two words: the same skeleton (a romanisation variant) scores at least 0.9, unless one is
    /// the feminine form of the other (the skeleton drops the final -a: Кузнецова is not
    /// Кузнецов); the same given name in its Russian and Ukrainian forms scores 0.95;
    /// otherwise Jaro-Winkler on the folded letters, discounted, so a typo still scores well.
    static func wordScore(_ a: Word, _ b: Word) -> Double {
        let letters = jaroWinkler(a.text, b.text)
        // One stem with two surname endings is two families: Ivanov and Ivanenko, Savchenko
        // and Savchuk, Melnik and Melnikov.
        if let stemA = a.surnameStem, let stemB = b.surnameStem, stemA.stem == stemB.stem, stemA.ending != stemB.ending
        {
            return 0.6 * letters
        }
        if a.skeleton == b.skeleton && !a.skeleton.isEmpty {
            return a.isFeminine == b.isFeminine ? 0.9 + 0.1 * letters : 0.7 * letters
        }
        if GivenNames.same(a.folded, b.folded) { return 0.95 }
        return 0.88 * letters
    }

    /// Surname endings, longest first; feminine forms read as their masculine ones.
    private static let surnameEndings: [(String, String)] = [
        ("chenko", "chenko"), ("enko", "enko"), ("chuk", "chuk"), ("yuk", "uk"), ("iuk", "uk"), ("uk", "uk"),
        ("ova", "ov"), ("eva", "ov"), ("yova", "ov"), ("ov", "ov"), ("ev", "ov"), ("yov", "ov"), ("ina", "in"),
        ("yna", "in"), ("in", "in"), ("yn", "in"), ("skaya", "sky"), ("ska", "sky"), ("skiy", "sky"), ("skyi", "sky"),
        ("sky", "sky"), ("ko", "ko"),
    ]

    /// A word split as a surname: the skeleton of its stem and its (masculine) ending; a word
    /// with no known ending is all stem.
    static func surnameStem(of word: String) -> (stem: String, ending: String)? {
        for (ending, normal) in surnameEndings where word.hasSuffix(ending) && word.count - ending.count >= 3 {
            return (NameFolding.skeleton(String(word.dropLast(ending.count))), normal)
        }
        return word.count >= 4 ? (NameFolding.skeleton(word), "") : nil
    }

    /// Jaro-Winkler similarity of two byte strings.
    static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return 1 }
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var aMatched = [Bool](repeating: false, count: a.count)
        var bMatched = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !bMatched[j] && a[i] == b[j] {
                aMatched[i] = true
                bMatched[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in a.indices where aMatched[i] {
            while !bMatched[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
