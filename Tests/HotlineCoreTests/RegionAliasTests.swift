import Testing

@testable import HotlineCore

/// The names people say for a region (Config/region-aliases.json, merged into regions.json).
struct RegionAliasTests {
    let catalog = RegionCatalog.shipped

    /// Every alias finds its own region: none is shadowed by another region's name or prefix.
    @Test func everyAliasFindsItsRegion() throws {
        var checked = 0
        for region in catalog.regions {
            for alias in region.aliases ?? [] {
                #expect(try catalog.region(alias).code == region.code, "\(alias)")
                checked += 1
            }
        }
        #expect(checked > 400)
    }

    /// The ASCII fast path folds exactly as ICU's transforms do, on every name and alias.
    @Test func theASCIIPathFoldsAsICUDoes() {
        let ascii = catalog.regions.flatMap(\.spokenNames).filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(ascii.count > 300)
        for name in ascii + ["Kurskaja oblast'", "St. Petersburg", "  Nizhny   Novgorod ", "Ivano-Frankivsk", "x'y"] {
            #expect(LatinFold.keys(name) == LatinFold.keysThroughICU(name), "\(name)")
        }
    }
}
