import Testing

@testable import HotlineCore

@Suite struct RegionTests {
    let catalog = RegionCatalog.shipped

    @Test func shippedCatalogueHasTheRussianAndUkrainianRegionsWithEnglishAndUkrainianNames() {
        // Given the shipped catalogue
        let regions = catalog.regions
        // Then it holds every ISO 3166-2 subdivision of RU (83) and UA (27), each named in en and uk
        #expect(regions.count == 110)
        #expect(regions.filter { $0.code.hasPrefix("RU-") }.count == 83)
        #expect(regions.filter { $0.code.hasPrefix("UA-") }.count == 27)
        #expect(regions.allSatisfy { $0.code.hasPrefix("RU-") || $0.code.hasPrefix("UA-") })
        #expect(Set(regions.map(\.code)).count == 110)
        #expect(regions.filter { $0.en.isEmpty }.map(\.code) == [])
        #expect(regions.filter { ($0.uk ?? "").isEmpty }.map(\.code) == [])
    }

    struct Lookup: Sendable, CustomTestStringConvertible {
        let query: String
        let code: String
        var testDescription: String { "\(query) → \(code)" }
    }

    @Test(arguments: [
        Lookup(query: "RU-KRS", code: "RU-KRS"),
        Lookup(query: "ru-krs", code: "RU-KRS"),
        Lookup(query: "  RU-KRS ", code: "RU-KRS"),
        Lookup(query: "Kurskaja oblast'", code: "RU-KRS"),
        Lookup(query: "kurskaja oblast", code: "RU-KRS"),
        Lookup(query: "Kursk", code: "RU-KRS"),
        Lookup(query: "Курская область", code: "RU-KRS"),
        Lookup(query: "Курська область", code: "RU-KRS"),
        Lookup(query: "Курская", code: "RU-KRS"),
        Lookup(query: "UA-30", code: "UA-30"),
        Lookup(query: "Kyiv", code: "UA-30"),
        Lookup(query: "Київ", code: "UA-30"),
        Lookup(query: "Киев", code: "UA-30"),
        Lookup(query: "Kharkiv", code: "UA-63"),
        Lookup(query: "Харківська область", code: "UA-63"),
        Lookup(query: "Харьковская область", code: "UA-63"),
        Lookup(query: "Kharkivska oblast", code: "UA-63"),
        Lookup(query: "Moskva", code: "RU-MOW"),
        Lookup(query: "Москва", code: "RU-MOW"),
        Lookup(query: "Московская область", code: "RU-MOS"),
        Lookup(query: "Krasnodarskij kraj", code: "RU-KDA"),
        Lookup(query: "Краснодарский край", code: "RU-KDA"),
        Lookup(query: "Красноярский край", code: "RU-KYA"),
        Lookup(query: "Республика Алтай", code: "RU-AL"),
        Lookup(query: "Республика Саха", code: "RU-SA"),
        Lookup(query: "Николаевская область", code: "UA-48"),
    ])
    func regionIsFoundByCodeOrNameInAnyScript(_ lookup: Lookup) throws {
        // When an operator gives a region by code or name
        let region = try catalog.region(lookup.query)
        // Then it is the region meant
        #expect(region.code == lookup.code)
    }

    @Test func eachNameBelongsToOneRegion() {
        // Given the names in each language
        let languages: [(Region) -> String?] = [{ $0.en }, { $0.ru }, { $0.uk }]
        for name in languages {
            var regionsByName: [String: [String]] = [:]
            for region in catalog.regions {
                if let name = name(region) { regionsByName[name, default: []].append(region.code) }
            }
            // Then no two regions share a name
            #expect(regionsByName.filter { $0.value.count > 1 } == [:])
        }
    }

    @Test func everyRegionHasARussianName() {
        // Given families name their region in Russian as often as in Ukrainian
        #expect(catalog.regions.filter { ($0.ru ?? "").isEmpty }.map(\.code) == [])
    }

    @Test func everyRegionIsFoundByItsCodeAndByEachOfItsNames() {
        // Given every region of the shipped catalogue
        var wrong: [String] = []
        for region in catalog.regions {
            // When it is looked up by its code or by any of its names
            for query in [region.code, region.code.lowercased()] + region.names {
                do throws(HotlineError) {
                    let found = try catalog.region(query)
                    // Then it is that region
                    if found.code != region.code { wrong.append("\(query) → \(found.code), not \(region.code)") }
                } catch {
                    wrong.append("\(query) → \(error)")
                }
            }
        }
        #expect(wrong == [])
    }

    @Test func kyivCityIsNotConfusedWithKyivOblast() throws {
        // Given "Kyiv" names the city and "Київська область" the region around it
        #expect(try catalog.region("Kyiv").code == "UA-30")
        #expect(try catalog.region("Київська область").code == "UA-32")
    }

    @Test func lookupByCodeGivesTheStoredRegion() throws {
        let kursk = try #require(catalog.region(code: "ru-krs"))
        #expect(kursk.en == "Kurskaja oblast'")
        #expect(kursk.ru == "Курская область")
        #expect(kursk.uk == "Курська область")
        #expect(catalog.region(code: "RU-XXX") == nil)
    }

    @Test func ambiguousPrefixErrorListsTheCandidates() {
        // Given "Mosk" begins both Moskva (the city) and Moskovskaja oblast'
        // When an operator gives only that
        let error = #expect(throws: HotlineError.self) { try catalog.region("Mosk") }
        // Then the error lists both, with their codes
        let parts = invalidField(error)
        #expect(parts?.field == "region")
        #expect(parts?.value == "Mosk")
        #expect(parts?.problem.contains("RU-MOW (Moskva)") == true, "\(String(describing: parts))")
        #expect(parts?.problem.contains("RU-MOS (Moskovskaja oblast')") == true, "\(String(describing: parts))")
    }

    @Test func prefixShorterThanFourLettersIsNotGuessed() {
        // Given "Kur" begins Kursk and Kurgan, but is too short to be a name
        let error = #expect(throws: HotlineError.self) { try catalog.region("Kur") }
        // Then it is refused as no region
        #expect(invalidField(error)?.problem == "no such region")
    }

    @Test(arguments: ["Atlantis", "RU-ZZZ", "oblast", "", "   ", "Нарния", "Kur"])
    func unknownRegionErrorMentionsTheAcceptedForms(query: String) {
        // When an operator gives something that names no region
        let error = #expect(throws: HotlineError.self) { try catalog.region(query) }
        // Then the error names the field and says what is accepted
        let parts = invalidField(error)
        #expect(parts?.field == "region")
        #expect(parts?.problem == "no such region")
        #expect(parts?.accepted.contains("ISO 3166-2 code") == true)
        #expect(parts?.accepted.contains("English, Russian or Ukrainian") == true)
    }

    @Test func errorNamesTheFieldItWasGivenFor() {
        let error = #expect(throws: HotlineError.self) { try catalog.region("Atlantis", field: "filter region") }
        #expect(invalidField(error)?.field == "filter region")
    }
}
