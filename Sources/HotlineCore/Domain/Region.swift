import Foundation
import HotlineDefaults
import Synchronization

/// An ISO 3166-2 subdivision: `RU-KRS`, with its names in English, Russian and Ukrainian.
public struct Region: Hashable, Sendable, Codable {
    public let code: String
    public let type: String
    public let en: String
    public let ru: String?
    public let uk: String?
    /// Names people say that ISO does not list (`Moscow`, `Kiev`, `Yekaterinburg`), from
    /// Config/region-aliases.json through the generator.
    public let aliases: [String]?

    /// The region's names in English, Russian and Ukrainian.
    public var names: [String] { [en, ru, uk].compactMap { $0 } }
    /// Every name the region is looked up by: its names and its aliases.
    public var spokenNames: [String] { names + (aliases ?? []) }

    public init(code: String, type: String, en: String, ru: String?, uk: String?, aliases: [String]? = nil) {
        self.code = code
        self.type = type
        self.en = en
        self.ru = ru
        self.uk = uk
        self.aliases = aliases
    }
}

/// The regions a hotline serves, looked up by code or by any name, in any script.
public struct RegionCatalog: Sendable {
    public let regions: [Region]
    private let byCode: [String: Region]
    /// Each region's folded names, with and without words such as "oblast", folded on the
    /// first lookup by name: folding them all through ICU takes 15 ms, a third of a one-shot
    /// command's run, and most commands give a code.
    private let folded: FoldedNames

    /// The shipped regions: Config/regions.json, generated from Debian's iso-codes.
    public static let shipped: RegionCatalog = {
        struct File: Decodable { let regions: [Region] }
        // The file is generated and embedded at build time; a decoding failure is a build defect.
        let file = try! JSONDecoder().decode(File.self, from: Data(ShippedDefaults.regionsJSON))
        return RegionCatalog(regions: file.regions)
    }()

    /// Queries already answered, shared by copies of the catalogue.
    private let found = LookupCache()

    public init(regions: [Region]) {
        self.regions = regions
        byCode = Dictionary(
            regions.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
        folded = FoldedNames(regions)
    }

    /// The region with this code (`RU-KRS`) or name (`Kursk`, `Курская область`, `Kurskaja
    /// oblast'`), case-insensitively. A name may be shortened to its first word, if that is
    /// unambiguous (`Kursk`, `Kyiv`).
    public func region(_ query: String, field: String = "region") throws(HotlineError) -> Region {
        // Names go through ICU transliteration (about 16 µs each): remember what was found.
        if let known = found.withLock({ $0[query] }) { return known }
        let region = try lookUp(query, field: field)
        found.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[query] = region
        }
        return region
    }

    private func lookUp(_ query: String, field: String) throws(HotlineError) -> Region {
        let accepted: Message =
            "an ISO 3166-2 code such as RU-KRS or UA-30, or a region's name in English, Russian or "
            + "Ukrainian (`hotline region list` lists them)"
        let trimmed = query.trimmingWhitespace()
        if let region = byCode[trimmed.uppercased()] { return region }
        let queryKeys = LatinFold.keys(trimmed)
        let queryCores = queryKeys.map(Self.strippingTypeWords).filter { !$0.isEmpty }
        guard !queryCores.isEmpty else {
            throw .invalidField(field: field, value: query, problem: "no such region", accepted: accepted)
        }
        // Exact names first, then names without "oblast" and the like, then a first-word prefix.
        let exact = matches { queryKeys.contains($0.full) }
        let core = matches { queryCores.contains($0.core) }
        let prefix = matches { key in queryCores.contains { $0.count >= 4 && key.core.hasPrefix($0) } }
        for candidates in [exact, core, prefix] where !candidates.isEmpty {
            guard candidates.count == 1 else {
                let listed = candidates.map { "\($0.code) (\($0.en))" }.joined(separator: ", ")
                throw .invalidField(
                    field: field, value: query, problem: "it could be any of \(listed)",
                    accepted: "one of those codes, or a longer name")
            }
            return candidates[0]
        }
        if let nearest = nearest(to: queryCores) {
            let name = nearest.ru ?? nearest.en
            throw .invalidField(
                field: field, value: query, problem: "no such region (did you mean \(nearest.code) \(name)?)",
                accepted: accepted)
        }
        throw .invalidField(field: field, value: query, problem: "no such region", accepted: accepted)
    }

    /// The region whose name (without type words) is fewest edits from the query, if it is
    /// near enough to be a misspelling (two edits, or a third of the query's letters) and the
    /// only one that near.
    private func nearest(to queryCores: [String]) -> Region? {
        // The distance costs the product of the lengths for each of ~1,300 names: a pasted
        // megabyte would hang the command (the stress tool's hostile lane found it). No
        // region's name is near 80 letters.
        guard queryCores.allSatisfy({ $0.utf8.count <= Self.longestNearMiss }) else { return nil }
        var best: (distance: Int, regions: [Region]) = (Int.max, [])
        for key in folded.keys where !key.core.isEmpty {
            for query in queryCores {
                let distance = Self.editDistance(Array(query.utf8), Array(key.core.utf8))
                guard distance <= max(2, query.utf8.count / 3) else { continue }
                if distance < best.distance {
                    best = (distance, [key.region])
                } else if distance == best.distance, !best.regions.contains(key.region) {
                    best.regions.append(key.region)
                }
            }
        }
        return best.regions.count == 1 ? best.regions[0] : nil
    }

    /// The longest query a near miss is looked for.
    static let longestNearMiss = 80

    /// Levenshtein distance over the folded (ASCII) keys.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The region with exactly this code, as stored in the database.
    public func region(code: String) -> Region? { byCode[code.uppercased()] }

    private func matches(_ predicate: ((region: Region, full: String, core: String)) -> Bool)
        -> [Region]
    {
        var found: [Region] = []
        for key in folded.keys where predicate(key) && !found.contains(key.region) { found.append(key.region) }
        return found
    }

    /// Words that say what kind of region it is, not which one, in the folded spellings.
    private static let typeWords: Set<String> = [
        "oblast", "oblasti", "kray", "krai", "respublika", "respublica", "republic", "of", "the",
        "avtonomnyy", "avtonomnaya", "avtonomnyi", "avtonomna", "okrug", "region", "territory",
        "province", "autonomous", "district", "city", "gorod", "misto", "g", "m",
        // Abbreviations as forms and lists write them: обл., респ., АО, авт. окр.
        "obl", "resp", "rep", "ao", "avt", "okr", "oblast'", "kr",
    ]

    fileprivate static func strippingTypeWords(_ key: String) -> String {
        key.split(separator: " ").filter { !typeWords.contains(String($0)) }.joined(separator: " ")
    }
}

/// A lock-protected memo of region queries (a class, so copies of the catalogue share it).
private final class LookupCache: Sendable {
    private let entries = Mutex<[String: Region]>([:])

    func withLock<T>(_ body: (inout [String: Region]) -> T) -> T { entries.withLock { body(&$0) } }
}

/// The regions' folded names, computed once, on first use (a class, so copies share them).
private final class FoldedNames: Sendable {
    typealias Key = (region: Region, full: String, core: String)
    private let regions: [Region]
    private let computed = Mutex<[Key]?>(nil)

    init(_ regions: [Region]) { self.regions = regions }

    var keys: [Key] {
        computed.withLock { keys in
            if let keys { return keys }
            let folded = regions.flatMap { region in
                region.spokenNames.flatMap(LatinFold.keys).map { (region, $0, RegionCatalog.strippingTypeWords($0)) }
            }
            keys = folded
            return folded
        }
    }
}
