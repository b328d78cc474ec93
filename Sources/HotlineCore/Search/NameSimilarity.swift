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
        /// One or two letters (`И.`, `Yu.`): an initial, which stands for any word starting so.
        let isInitial: Bool
        /// The sound a word starts with, alike in every script and reading (И, I, Y; Г, G, H);
        /// worked out only when an initial is compared.
        var initial: String { Initials.sound(of: folded) }
        /// The given names this word is a form of, if any.
        let givenName: GivenNames.Forms?
        /// A surname in the list of common surnames (`KnownSurnames`).
        var isKnownSurname: Bool { surnameKeys != nil }
        /// A common surname's masculine form's skeleton and vowel-blind letters, which tell two
        /// common surnames apart (`areOtherSurnames`); made once with the word, not per pair.
        let surnameKeys: (skeleton: String, vowelBlind: String)?
        /// The gender the name's given name says, when it says one (set for a whole name).
        var nameGender: GivenNames.Gender? = nil

        init(_ folded: String) {
            self.folded = folded
            text = Array(folded.utf8)
            skeleton = NameFolding.skeleton(folded)
            isFeminine = folded.count > 3 && folded.hasSuffix("a")
            surnameStem = NameSimilarity.surnameStem(of: folded)
            isInitial = text.count <= 2 && !text.contains(where: { (48...57).contains($0) })
            let isKnownSurname = !isInitial && KnownSurnames.contains(folded)
            if isKnownSurname {
                let masculine = NameSimilarity.masculine(folded, isFeminine: isFeminine)
                surnameKeys = (NameFolding.skeleton(masculine), NameSimilarity.vowelBlind(masculine))
            } else {
                surnameKeys = nil
            }
            // A common surname is a given name only as spelled in the table (Роман), never by
            // its skeleton alone (Соловьёва is not Слава).
            givenName = isInitial ? nil : GivenNames.forms(of: folded, skeleton: isKnownSurname ? "" : skeleton)
        }
    }

    static func words(_ folded: String) -> [Word] {
        var known: [Substring: Word] = [:]
        return words(folded, known: &known)
    }

    /// `words(folded)`, each word's analysis taken from `known` when it was made before (and
    /// kept there). A search scores up to 500 index entries that share most of their words
    /// (Ivanov, Petr, Sergeevich): making each `Word` (skeleton, stem, given-name forms) was
    /// 57% of the CPU time of `search Ivanov` at 1M cases. A `Word` depends on its text alone,
    /// and the name's gender is set on the copies, so the result is the same.
    ///
    /// Past `known`, a word comes from `WordCache.shared`: searches, intake checks and imports
    /// meet the same few thousand name words again and again.
    static func words(_ folded: String, known: inout [Substring: Word]) -> [Word] {
        var words = folded.split(separator: " ").map { part in
            if let word = known[part] { return word }
            let word = WordCache.shared.word(part)
            known[part] = word
            return word
        }
        let genders = Set(words.compactMap { $0.givenName.flatMap(GivenNames.gender(of:)) })
        if genders.count == 1 {
            for index in words.indices { words[index].nameGender = genders.first }
        }
        return words
    }

    /// How two names match, and what the match rests on.
    struct Match {
        /// The average over the shorter name's words of each word's best partner (times the
        /// coverage: one word is half evidence).
        var average: Double
        /// The weakest of those words.
        var weakest: Double
        /// A word matched only by its initial (`И.` for Иван).
        var byInitials = false
        /// Two different common surnames one or two letters apart (Носов, Носков): other people.
        var otherSurname: (String, String)? = nil

        static let none = Match(average: 0, weakest: 0)
    }

    /// The similarity of two names given as folded words.
    static func score(_ a: [Word], _ b: [Word]) -> Double { match(a, b).average }

    /// How two names match: the average of the shorter name's words' best partners and the weakest.
    static func match(_ a: [Word], _ b: [Word]) -> (average: Double, weakest: Double) {
        let found = matchDetail(a, b)
        return (found.average, found.weakest)
    }

    /// `match`, with what it rests on. Whole words find their partners first, so an initial
    /// cannot take the word a surname needs (`И.С. Иванов`).
    static func matchDetail(_ a: [Word], _ b: [Word]) -> Match {
        guard !a.isEmpty, !b.isEmpty else { return .none }
        let (shorter, longer) = a.count <= b.count ? (a, b) : (b, a)
        var result = Match(average: 0, weakest: 1)
        var total = 0.0
        var used = Set<Int>()
        for word in shorter.filter({ !$0.isInitial }) + shorter.filter(\.isInitial) {
            var best = 0.0
            var bestIndex = -1
            for (index, other) in longer.enumerated() where !used.contains(index) {
                let similarity = wordScore(word, other)
                if similarity > best {
                    best = similarity
                    bestIndex = index
                }
            }
            if bestIndex >= 0 {
                used.insert(bestIndex)
                let other = longer[bestIndex]
                if word.isInitial != other.isInitial { result.byInitials = true }
                if areOtherSurnames(word, other) { result.otherSurname = (word.folded, other.folded) }
            }
            total += best
            result.weakest = min(result.weakest, best)
        }
        let coverage = min(1.0, Double(shorter.count) / 2.0)
        // A word of the longer name left over costs a little, so the case that has every word
        // asked for ranks above one that lacks the patronymic.
        let leftOver = 0.01 * Double(longer.count - shorter.count)
        result.average = max(0, total / Double(shorter.count) * coverage - leftOver)
        return result
    }

    /// Score of a word matched only through being another common surname: far under a typo's.
    static let otherSurnameScore = 0.5

    /// Two words: an initial matches a word starting with its sound (0.9); the same skeleton
    /// (a romanisation variant) scores at least 0.9, unless one is the feminine form of the
    /// other (Кузнецова is not Кузнецов) and the given names do not say both are one person's;
    /// the same given name in its Russian and Ukrainian forms scores 0.95, a familiar form 0.88;
    /// two different common surnames 0.5 at most; otherwise Jaro-Winkler on the folded
    /// letters, discounted, so a typo still scores well.
    static func wordScore(_ a: Word, _ b: Word) -> Double {
        if a.isInitial || b.isInitial {
            let sound = a.initial
            return !sound.isEmpty && sound == b.initial ? 0.9 : 0
        }
        let letters = jaroWinkler(a.text, b.text)
        // One stem with two surname endings is two families: Ivanov and Ivanenko, Savchenko
        // and Savchuk, Melnik and Melnikov.
        if let stemA = a.surnameStem, let stemB = b.surnameStem, stemA.stem == stemB.stem, stemA.ending != stemB.ending,
            a.givenName == nil || b.givenName == nil  // Галя and Галина are no surnames
        {
            return 0.6 * letters
        }
        if areOtherSurnames(a, b) { return min(otherSurnameScore, 0.88 * letters) }
        let sameSkeleton = a.skeleton == b.skeleton && !a.skeleton.isEmpty
        if sameSkeleton && a.isFeminine == b.isFeminine { return 0.9 + 0.1 * letters }
        // Before the feminine rule: Серёга is Сергій, Юра is Юрий, though they end in -a.
        if let nameA = a.givenName, let nameB = b.givenName {
            if GivenNames.same(nameA, nameB) { return 0.95 }
            if GivenNames.familiar(nameA, nameB) { return 0.88 }
        }
        if sameSkeleton {
            // Соколов Ирина is Соколова Ирина: the given names agree on whose name it is.
            let bothSay = a.nameGender != nil && a.nameGender == b.nameGender && a.givenName == nil
            return bothSay ? 0.9 + 0.05 * letters : 0.7 * letters
        }
        return 0.88 * letters
    }

    /// Both words are common surnames, and different ones: not one spelling of the other, even
    /// where the skeletons agree (Бобков and Быков, Жаков and Жуков do; Ковалёв and Ковальов
    /// differ only as ё and ьо are read).
    static func areOtherSurnames(_ a: Word, _ b: Word) -> Bool {
        guard let first = a.surnameKeys, let second = b.surnameKeys, a.folded != b.folded else { return false }
        // Ivanova is Ivanov's surname: the feminine rule in `wordScore` judges that pair.
        return first.skeleton != second.skeleton || first.vowelBlind != second.vowelBlind
    }

    fileprivate static func masculine(_ folded: String, isFeminine: Bool) -> String {
        isFeminine && ["ova", "eva", "ina", "yna"].contains(where: folded.hasSuffix)
            ? String(folded.dropLast()) : folded
    }

    /// A folded word with the letters that the Russian and Ukrainian readings of one name
    /// swap (ё and ьо, и and і, ы and и, Г as g and h) made one: `kovalev` and `kovalov`,
    /// `vergun` and `verhun` agree.
    fileprivate static func vowelBlind(_ word: String) -> String {
        String(
            word.replacing("yo", with: "e").map { letter in
                switch letter {
                case "o": "e"
                case "y": "i"
                case "g": "h"
                default: letter
                }
            })
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
