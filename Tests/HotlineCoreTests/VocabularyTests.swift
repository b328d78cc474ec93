import Testing

@testable import HotlineCore

/// Channels and relationships: words from a configured list.
@Suite struct VocabularyTests {
    let channels = HotlineRules.shipped.channels
    let relationships = HotlineRules.shipped.relationships

    @Test func shippedWordIsMatchedIgnoringCaseSpacesAndUnderscores() throws {
        #expect(try channels.term("phone").name == "phone")
        #expect(try channels.term("PHONE").name == "phone")
        #expect(try channels.term("In person").name == "in-person")
        #expect(try channels.term("in_person").name == "in-person")
        #expect(try relationships.term("Other relative").name == "other-relative")
    }

    @Test func unknownWordIsRefusedListingEveryAcceptedWord() {
        let error = #expect(throws: HotlineError.self) { try relationships.term("neighbour") }
        #expect(
            error
                == .invalidField(
                    field: "relationship", value: "neighbour", problem: "it is not in the list",
                    accepted: "mother, father, spouse, sibling, child, grandparent, other-relative, friend, other"
                        + " (or a common word for one: mom, dad, wife, brother, …)"))
    }

    @Test func aCommonWordForARelationshipIsTakenAsIt() throws {
        for (word, term) in [("wife", "spouse"), ("Cousin", "other-relative"), ("мать", "mother"), ("Сын", "child")] {
            #expect(try relationships.term(word).name == term, "\(word)")
        }
        // An alias of a word the hotline does not use is left out; one given to two words is refused.
        let own = try Vocabulary(field: "relationship", words: ["parent"], aliases: ["spouse": ["wife"]])
        #expect(throws: HotlineError.self) { try own.term("wife") }
        #expect(throws: HotlineError.self) {
            try Vocabulary(
                field: "relationship", words: ["mother", "father"], aliases: ["mother": ["мама"], "father": ["мама"]])
        }
    }

    @Test func everyWordTheErrorListsIsAccepted() throws {
        // Given a hotline that configured words with capitals, spaces and underscores
        let vocabulary = try Vocabulary(field: "channel", words: ["Hotline", "Walk In", "in_person"])
        // When an operator types a word exactly as the refusal message lists it
        let error = #expect(throws: HotlineError.self) { try vocabulary.term("pigeon") }
        let listed = invalidField(error)?.accepted.components(separatedBy: ", ") ?? []
        #expect(listed.count == 3)
        // Then it is accepted, and so is the word as configured
        for word in listed + ["Hotline", "Walk In", "in_person"] {
            #expect(throws: Never.self, "\(word)") { try vocabulary.term(word) }
        }
        // And it is stored in the same form as the shipped words, `in-person`
        #expect(try vocabulary.term("walk in").name == "walk-in")
    }

    @Test func emptyWordInTheListIsAConfigurationError() {
        // Given a list with an empty word, an inquiry with an empty channel would be accepted
        let error = #expect(throws: HotlineError.self) { try Vocabulary(field: "channel", words: ["phone", ""]) }
        guard case .configuration? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
    }

    @Test func emptyListIsAConfigurationError() {
        #expect(throws: HotlineError.configuration("relationship: the list of accepted values is empty")) {
            try Vocabulary(field: "relationship", words: [])
        }
    }
}
