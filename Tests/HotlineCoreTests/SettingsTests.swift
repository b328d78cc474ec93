import Foundation
import Testing

@testable import HotlineCore

/// The shipped configuration, and the rules built from a configuration.
@Suite struct SettingsTests {
    @Test func shippedSettingsDecode() {
        // Given Config/hotline.json as embedded in the build
        let settings = HotlineSettings.shipped
        // Then every key has its default
        #expect(settings.version == 1)
        #expect(settings.db == nil)
        #expect(settings.operator == nil)
        #expect(settings.busyTimeoutSeconds == 15)
        #expect(settings.phone.defaultCountry == "RU")
        #expect(settings.lifecycle.initial == "new")
        #expect(settings.lifecycle.open == ["new", "searching", "located", "captured", "deceased"])
        #expect(settings.lifecycle.closed == ["reunited", "closed"])
        #expect(settings.lifecycle.reopenTo == ["searching"])
        #expect(
            settings.channels == [
                "phone", "email", "telegram", "whatsapp", "signal", "viber", "web", "in-person", "letter", "other",
            ])
        #expect(
            settings.relationships == [
                "mother", "father", "spouse", "sibling", "child", "grandparent", "other-relative", "friend", "other",
            ])
    }

    @Test func shippedSettingsSurviveAnEncodingRoundTrip() throws {
        let data = try JSONEncoder().encode(HotlineSettings.shipped)
        #expect(try JSONDecoder().decode(HotlineSettings.self, from: data) == HotlineSettings.shipped)
    }

    @Test func shippedRulesBuild() throws {
        // Given the shipped settings
        let rules = try HotlineRules(settings: .shipped)
        // Then the rules hold the lifecycle, vocabularies, regions and phone country
        #expect(rules.lifecycle.statuses.count == 7)
        #expect(rules.channels.terms.map(\.name).contains("in-person"))
        #expect(rules.relationships.terms.map(\.name).contains("mother"))
        #expect(rules.regions.regions.count == 110)
        #expect(rules.defaultCountry == "RU")
        #expect(HotlineRules.shipped.lifecycle.initial.name == "new")
    }

    @Test func defaultCountryIsUpperCasedAndMustBeKnown() throws {
        var settings = HotlineSettings.shipped
        settings.phone.defaultCountry = "ua"
        #expect(try HotlineRules(settings: settings).defaultCountry == "UA")
        settings.phone.defaultCountry = "XX"
        let error = #expect(throws: HotlineError.self) { try HotlineRules(settings: settings) }
        guard case .configuration(let message)? = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(message.description.contains("'XX'"))
        #expect(message.description.contains("ISO 3166-1"))
    }

    @Test func emptyVocabularyIsAConfigurationError() {
        var noChannels = HotlineSettings.shipped
        noChannels.channels = []
        #expect(throws: HotlineError.configuration("channel: the list of accepted values is empty")) {
            try HotlineRules(settings: noChannels)
        }
        var noRelationships = HotlineSettings.shipped
        noRelationships.relationships = []
        #expect(throws: HotlineError.configuration("relationship: the list of accepted values is empty")) {
            try HotlineRules(settings: noRelationships)
        }
    }

    @Test func configuredLifecycleAndVocabularyAreWhatTheServiceEnforces() throws {
        // Given another hotline's configuration: other statuses and channels
        var settings = HotlineSettings.shipped
        settings.lifecycle = .init(initial: "open", open: ["open", "waiting"], closed: ["done"], reopenTo: ["waiting"])
        settings.channels = ["Hotline", "walk-in"]
        let rules = try HotlineRules(settings: settings)
        let fixture = try Fixture()
        let hotline = Hotline(database: fixture.database, rules: rules, now: { t0 })
        // When an inquiry is logged
        let logged = try hotline.logInquiry(draft(channel: "walk in"), by: OperatorName("anna"))
        // Then the case opens in that lifecycle's initial status, with that vocabulary
        #expect(logged.status == "open")
        #expect(try fixture.strings("SELECT channel FROM inquiry") == ["walk-in"])
        #expect(throws: HotlineError.self) { try hotline.logInquiry(draft(channel: "phone"), by: OperatorName("anna")) }
        // And its moves are that lifecycle's
        _ = try hotline.changeStatus(StatusChangeDraft(ref: logged.ref, status: "done"), by: OperatorName("anna"))
        #expect(
            throws: HotlineError.forbiddenMove(ref: logged.ref, from: "done", to: "open", allowed: ["waiting"])
        ) { try hotline.changeStatus(StatusChangeDraft(ref: logged.ref, status: "open"), by: OperatorName("anna")) }
    }

    /// Was a configuration error (exit 78). The configuration passed its checks; the problem is
    /// the one case's stored value, so it is a database problem now (issue 11: 7), whose message
    /// still says how to fix it from the configuration side.
    @Test func caseWithAStatusTheLifecycleNoLongerListsIsADatabaseProblem() throws {
        // Given a case whose stored status a later configuration dropped
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        var settings = HotlineSettings.shipped
        settings.lifecycle = .init(
            initial: "searching", open: ["searching"], closed: ["closed"], reopenTo: ["searching"])
        let hotline = Hotline(database: fixture.database, rules: try HotlineRules(settings: settings), now: { t0 })
        let before = try fixture.snapshot()
        // When its status is changed
        let error = #expect(throws: HotlineError.self) {
            try hotline.changeStatus(StatusChangeDraft(ref: logged.ref, status: "closed"), by: OperatorName("anna"))
        }
        // Then it is refused as a problem of what the database holds, and nothing is written
        guard case .databaseDamaged(let message)? = error else {
            Issue.record("expected a database problem, got \(String(describing: error))")
            return
        }
        #expect(message.description.contains("'new'"))
        #expect(message.description.contains("lifecycle.open or lifecycle.closed"))
        #expect(try fixture.snapshot() == before)
    }
}
