import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// The `inquiry` job: logging one call, letter or visit.
@Suite struct LogInquiryTests {
    struct CaseRow: Decodable, FetchableRecord, Equatable {
        var ref: String
        var personName: String
        var born: String?
        var region: String
        var unit: String?
        var status: String
        var openedAt: String
        var openedBy: String
        var lastActivityAt: String
        var lastInquiryAt: String
        var inquiryCount: Int
    }

    struct InquiryRow: Decodable, FetchableRecord, Equatable {
        var id: Int64
        var caseId: Int64
        var inquirerId: Int64
        var personName: String
        var born: String?
        var region: String
        var unit: String?
        var relationship: String
        var channel: String
        var note: String?
        var receivedAt: String
        var operatorName: String
    }

    struct HistoryRow: Decodable, FetchableRecord, Equatable {
        var caseId: Int64
        var at: String
        var operatorName: String
        var kind: String
        var field: String?
        var fromValue: String?
        var toValue: String?
        var note: String?
        var source: String?
        var asOf: String?
        var inquiryId: Int64?
    }

    static let caseColumns = """
        ref, person_name AS personName, born, region, unit, status, opened_at AS openedAt, opened_by AS openedBy,
        last_activity_at AS lastActivityAt, last_inquiry_at AS lastInquiryAt, inquiry_count AS inquiryCount
        """
    static let inquiryColumns = """
        id, case_id AS caseId, inquirer_id AS inquirerId, person_name AS personName, born, region, unit,
        relationship, channel, note, received_at AS receivedAt, operator AS operatorName
        """
    static let historyColumns = """
        case_id AS caseId, at, operator AS operatorName, kind, field, from_value AS fromValue, to_value AS toValue,
        note, source, as_of AS asOf, inquiry_id AS inquiryId
        """

    func caseRows(_ fixture: Fixture) throws -> [CaseRow] {
        try fixture.database.read { db in
            try CaseRow.fetchAll(db, sql: "SELECT \(Self.caseColumns) FROM person_case ORDER BY id")
        }
    }

    func inquiryRows(_ fixture: Fixture) throws -> [InquiryRow] {
        try fixture.database.read { db in
            try InquiryRow.fetchAll(db, sql: "SELECT \(Self.inquiryColumns) FROM inquiry ORDER BY id")
        }
    }

    func historyRows(_ fixture: Fixture) throws -> [HistoryRow] {
        try fixture.database.read { db in
            try HistoryRow.fetchAll(db, sql: "SELECT \(Self.historyColumns) FROM case_history ORDER BY id")
        }
    }

    @Test func loggingAnInquiryOpensACaseWithItsInquirerContactsInquiryAndHistory() throws {
        // Given an empty database
        let fixture = try Fixture()
        // When operator anna logs a mother's call about her son
        let logged = try fixture.log(
            draft(
                born: "1998-03", unit: "в/ч 12345", contacts: ["8 916 123-45-67", "email:Maria@Example.org"],
                note: "Звонила с работы"),
            at: t0, by: "anna")

        // Then a new case is opened in the initial status, with a valid reference
        #expect(logged.newCase)
        #expect(logged.status == "new")
        #expect(try CaseReference(parsing: logged.ref).description == logged.ref)
        #expect(
            try caseRows(fixture) == [
                CaseRow(
                    ref: logged.ref, personName: "Иванов Пётр Сергеевич", born: "1998-03", region: "RU-KRS",
                    unit: "в/ч 12345", status: "new", openedAt: t0Text, openedBy: "anna", lastActivityAt: t0Text,
                    lastInquiryAt: t0Text, inquiryCount: 1)
            ])
        let caseId = try #require(try fixture.rows("SELECT id FROM person_case").first?["id"] as Int64?)

        // And the inquirer, recorded as created by anna, with both contacts normalised
        let inquirers = try fixture.rows("SELECT id, name, created_at, created_by FROM inquirer")
        #expect(inquirers.count == 1)
        #expect(inquirers.first?["id"] == logged.inquirer)
        #expect(inquirers.first?["name"] == "Иванова Мария")
        #expect(inquirers.first?["created_at"] == t0Text)
        #expect(inquirers.first?["created_by"] == "anna")
        let contacts = try fixture.rows("SELECT inquirer_id, kind, value FROM contact ORDER BY id")
        #expect(contacts.map { $0["inquirer_id"] as Int64 } == [logged.inquirer, logged.inquirer])
        #expect(
            contacts.map { "\($0["kind"] as String):\($0["value"] as String)" } == [
                "phone:+79161234567", "email:maria@example.org",
            ])

        // And the inquiry, as this family described the person, taken by anna
        #expect(
            try inquiryRows(fixture) == [
                InquiryRow(
                    id: logged.inquiry, caseId: caseId, inquirerId: logged.inquirer,
                    personName: "Иванов Пётр Сергеевич",
                    born: "1998-03", region: "RU-KRS", unit: "в/ч 12345", relationship: "mother", channel: "phone",
                    note: "Звонила с работы", receivedAt: t0Text, operatorName: "anna")
            ])

        // And the history says the case was opened, then the inquiry came
        #expect(
            try historyRows(fixture) == [
                HistoryRow(
                    caseId: caseId, at: t0Text, operatorName: "anna", kind: "opened", field: nil, fromValue: nil,
                    toValue: "new", note: nil, source: nil, asOf: nil, inquiryId: logged.inquiry),
                HistoryRow(
                    caseId: caseId, at: t0Text, operatorName: "anna", kind: "inquiry", field: nil, fromValue: nil,
                    toValue: nil, note: "Иванова Мария (mother) via phone", source: nil, asOf: nil,
                    inquiryId: logged.inquiry),
            ])
    }

    @Test func regionIsStoredAsItsCodeWhateverTheOperatorTyped() throws {
        let fixture = try Fixture()
        try fixture.log(draft(region: "Харківська область"))
        try fixture.log(draft(person: "Петренко Іван", region: "kursk"))
        #expect(try fixture.strings("SELECT region FROM person_case ORDER BY id") == ["UA-63", "RU-KRS"])
        #expect(try fixture.strings("SELECT region FROM inquiry ORDER BY id") == ["UA-63", "RU-KRS"])
    }

    @Test func loggingOnAnExistingCaseAddsTheInquiryAndFillsWhatTheCaseLacked() throws {
        // Given a case opened at t0 without date of birth or unit
        let fixture = try Fixture()
        let first = try fixture.log(draft(born: nil, unit: nil), at: t0, by: "anna")
        // When, ten minutes later, boris logs the father's call on it, and the father knows both
        let second = try fixture.log(
            draft(
                person: nil, region: nil, born: "1998", unit: "в/ч 12345", inquirer: "Иванов Сергей",
                relationship: "father", channel: "telegram", contacts: ["telegram:@ivanov_s"],
                caseRef: first.ref),
            at: minutes(10), by: "boris")

        // Then the inquiry is on the same case, which now has two
        #expect(!second.newCase)
        #expect(second.ref == first.ref)
        #expect(second.status == "new")
        #expect(second.inquirer != first.inquirer)
        let later = "2024-05-29 16:36:40.000"
        #expect(
            try caseRows(fixture) == [
                CaseRow(
                    ref: first.ref, personName: "Иванов Пётр Сергеевич", born: "1998", region: "RU-KRS",
                    unit: "в/ч 12345", status: "new", openedAt: t0Text, openedBy: "anna", lastActivityAt: later,
                    lastInquiryAt: later, inquiryCount: 2)
            ])
        // And the new inquiry describes the person by the case's name and region, with the father's details
        let inquiries = try inquiryRows(fixture)
        #expect(inquiries.count == 2)
        #expect(inquiries.last?.id == second.inquiry)
        #expect(inquiries.last?.personName == "Иванов Пётр Сергеевич")
        #expect(inquiries.last?.region == "RU-KRS")
        #expect(inquiries.last?.born == "1998")
        #expect(inquiries.last?.unit == "в/ч 12345")
        #expect(inquiries.last?.relationship == "father")
        #expect(inquiries.last?.channel == "telegram")
        #expect(inquiries.last?.operatorName == "boris")
        #expect(inquiries.first?.born == nil)

        // And each filled detail is an 'edit' entry, by boris, tied to his inquiry
        let history = try historyRows(fixture)
        #expect(history.map(\.kind) == ["opened", "inquiry", "edit", "edit", "inquiry"])
        let edits = history.filter { $0.kind == "edit" }
        #expect(edits.map(\.field) == ["born", "unit"])
        #expect(edits.map(\.fromValue) == [nil, nil])
        #expect(edits.map(\.toValue) == ["1998", "в/ч 12345"])
        #expect(
            history.suffix(3).allSatisfy {
                $0.operatorName == "boris" && $0.at == later && $0.inquiryId == second.inquiry
            })
        #expect(history.last?.note == "Иванов Сергей (father) via telegram")
    }

    @Test func detailsTheCaseHasAreNotOverwrittenByALaterInquiry() throws {
        // Given a case with a date of birth and a unit
        let fixture = try Fixture()
        let first = try fixture.log(draft(born: "1998-03-14", unit: "в/ч 12345"))
        // When a sister gives another date and unit for him
        try fixture.log(
            draft(
                person: "Ivanov Petr", region: nil, born: "1997", unit: "в/ч 54321", inquirer: "Иванова Ольга",
                relationship: "sibling", contacts: [], caseRef: first.ref),
            at: minutes(5))
        // Then the case keeps its details, with no edit, and her inquiry keeps what she said
        let cases = try caseRows(fixture)
        #expect(cases.first?.born == "1998-03-14")
        #expect(cases.first?.unit == "в/ч 12345")
        #expect(cases.first?.personName == "Иванов Пётр Сергеевич")
        #expect(try historyRows(fixture).map(\.kind) == ["opened", "inquiry", "inquiry"])
        let second = try inquiryRows(fixture).last
        #expect(second?.personName == "Ivanov Petr")
        #expect(second?.born == "1997")
        #expect(second?.unit == "в/ч 54321")
    }

    @Test func sameInquirerNameAndPhoneReusesTheInquirer() throws {
        // Given a mother who called about one son
        let fixture = try Fixture()
        let first = try fixture.log(draft(contacts: ["8 916 123-45-67"]))
        // When she calls about another son, her name typed differently in case and spacing, the same
        // phone number in another format, and an e-mail address
        let second = try fixture.log(
            draft(
                person: "Иванов Андрей Сергеевич", inquirer: "  иванова   МАРИЯ ",
                contacts: ["+7 (916) 123-45-67", "email:maria@example.org"]),
            at: minutes(1))
        // Then she is the same inquirer, now with both contacts, each stored once
        #expect(second.inquirer == first.inquirer)
        #expect(second.ref != first.ref)
        #expect(try fixture.count("inquirer") == 1)
        #expect(
            try fixture.strings(
                "SELECT kind || ':' || value FROM contact WHERE inquirer_id = ? ORDER BY id", [first.inquirer])
                == ["phone:+79161234567", "email:maria@example.org"])
        // And her name stays as she first gave it
        #expect(try fixture.strings("SELECT name FROM inquirer") == ["Иванова Мария"])
    }

    @Test func sameInquirerIsFoundByAnyOfHerContacts() throws {
        let fixture = try Fixture()
        let first = try fixture.log(draft(contacts: ["email:maria@example.org"]))
        let second = try fixture.log(draft(contacts: ["8 916 000-00-00", "Maria@Example.org"]), at: minutes(1))
        #expect(second.inquirer == first.inquirer)
        #expect(try fixture.count("contact") == 2)
    }

    @Test func anotherNameWithTheSamePhoneIsAnotherInquirer() throws {
        // Given a mother and then her husband calling from the family's one phone
        let fixture = try Fixture()
        let mother = try fixture.log(draft(inquirer: "Иванова Мария", contacts: ["8 916 123-45-67"]))
        let father = try fixture.log(
            draft(
                inquirer: "Иванов Сергей", relationship: "father", contacts: ["8 916 123-45-67"], caseRef: mother.ref),
            at: minutes(1))
        // Then they are two inquirers, each with the phone
        #expect(father.inquirer != mother.inquirer)
        #expect(try fixture.count("inquirer") == 2)
        #expect(try fixture.count("contact") == 2)
    }

    @Test func sameNameWithAnotherPhoneIsAnotherInquirer() throws {
        let fixture = try Fixture()
        let first = try fixture.log(draft(contacts: ["8 916 123-45-67"]))
        let second = try fixture.log(draft(contacts: ["8 903 765-43-21"]), at: minutes(1))
        #expect(second.inquirer != first.inquirer)
    }

    @Test func sameNameWithoutAnyContactIsAnotherInquirer() throws {
        // Given a name alone does not identify a person
        let fixture = try Fixture()
        let first = try fixture.log(draft(contacts: []))
        let second = try fixture.log(draft(contacts: []), at: minutes(1))
        #expect(second.inquirer != first.inquirer)
        #expect(try fixture.count("contact") == 0)
    }

    @Test func sameContactTwiceInOneInquiryIsStoredOnce() throws {
        let fixture = try Fixture()
        try fixture.log(draft(contacts: ["8 916 123-45-67", "+79161234567", "phone:9161234567"]))
        #expect(try fixture.strings("SELECT value FROM contact") == ["+79161234567"])
    }

    @Test func relationshipAndChannelAreMatchedLeniently() throws {
        let fixture = try Fixture()
        try fixture.log(draft(relationship: "Other relative", channel: "IN_PERSON"))
        let inquiry = try fixture.rows("SELECT relationship, channel FROM inquiry").first
        #expect(inquiry?["relationship"] == "other-relative")
        #expect(inquiry?["channel"] == "in-person")
    }

    @Test func unknownRelationshipOrChannelIsRefusedListingTheAccepted() throws {
        let fixture = try Fixture()
        let relationship = #expect(throws: HotlineError.self) { try fixture.log(draft(relationship: "neighbour")) }
        #expect(invalidField(relationship)?.field == "relationship")
        #expect(invalidField(relationship)?.accepted.contains("mother, father, spouse") == true)
        let channel = #expect(throws: HotlineError.self) { try fixture.log(draft(channel: "pigeon")) }
        #expect(invalidField(channel)?.field == "channel")
        #expect(invalidField(channel)?.accepted.contains("in-person") == true)
        #expect(try fixture.count("person_case") == 0)
    }

    @Test func newCaseWithoutPersonOrRegionIsRefused() throws {
        let fixture = try Fixture()
        let noPerson = #expect(throws: HotlineError.self) { try fixture.log(draft(person: nil)) }
        #expect(invalidField(noPerson)?.field == "person")
        let noRegion = #expect(throws: HotlineError.self) { try fixture.log(draft(region: nil)) }
        #expect(invalidField(noRegion)?.field == "region")
        #expect(try fixture.count("person_case") == 0)
    }

    @Test func tenContactsAreAcceptedAndElevenRefused() throws {
        let fixture = try Fixture()
        let ten = (0..<10).map { "8 916 123-45-\(10 + $0)" }
        try fixture.log(draft(contacts: ten))
        #expect(try fixture.count("contact") == 10)
        let error = #expect(throws: HotlineError.self) { try fixture.log(draft(contacts: ten + ["8 916 123-45-99"])) }
        #expect(invalidField(error)?.problem == "too many contacts")
    }

    @Test func everyNewCaseGetsItsOwnValidReference() throws {
        let fixture = try Fixture()
        var refs: Set<String> = []
        for index in 0..<40 {
            let logged = try fixture.log(draft(person: "Person \(index)", contacts: []), at: minutes(index))
            #expect(try CaseReference(parsing: logged.ref).description == logged.ref)
            refs.insert(logged.ref)
        }
        #expect(refs.count == 40)
    }

    @Test func unknownButValidReferenceIsCaseNotFound() throws {
        let fixture = try Fixture()
        try fixture.log(draft())
        let unused = try fixture.unusedReference()
        #expect(throws: HotlineError.caseNotFound(unused)) {
            try fixture.log(draft(person: nil, region: nil, caseRef: unused), at: minutes(1))
        }
    }

    @Test func mistypedReferenceIsInvalidReference() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let typo = mistyped(logged.ref)
        let error = #expect(throws: HotlineError.self) {
            try fixture.log(draft(person: nil, region: nil, caseRef: typo), at: minutes(1))
        }
        guard case .invalidReference(let text, _)? = error else {
            Issue.record("expected invalidReference, got \(String(describing: error))")
            return
        }
        #expect(text == typo)
    }
}
