import Foundation
import Testing

@testable import HotlineCore

/// The `case show` job: everything about one case.
@Suite struct CaseDetailTests {
    @Test func caseDetailReturnsInquiriesWithInquirersAndContactsAndTheHistory() throws {
        // Given a case opened by anna from the mother's call, a call from the father taken by
        // boris, and a status change
        let fixture = try Fixture()
        let mother = try fixture.log(
            draft(born: "1998-03", contacts: ["8 916 123-45-67", "email:Maria@Example.org"], note: "первый звонок"),
            at: t0, by: "anna")
        let father = try fixture.log(
            draft(
                person: "Ivanov Petr", region: nil, unit: "в/ч 12345", inquirer: "Иванов Сергей",
                relationship: "father", channel: "telegram", contacts: ["@ivanov_s"], caseRef: mother.ref),
            at: minutes(10), by: "boris")
        try fixture.changeStatus(
            StatusChangeDraft(ref: mother.ref, status: "located", note: "в списке", source: "МККК", asOf: "2024-05-20"),
            at: minutes(20), by: "anna")

        // When the case is shown, by its reference typed without the dash
        let detail = try fixture.detail(mother.ref.replacingOccurrences(of: "-", with: ""))

        // Then it has the case's details, with the region's name and the moves allowed now
        #expect(detail.ref == mother.ref)
        #expect(detail.person == "Иванов Пётр Сергеевич")
        #expect(detail.born == "1998-03")
        #expect(detail.region == "RU-KRS")
        #expect(detail.regionName == "Kurskaja oblast'")
        #expect(detail.unit == "в/ч 12345")
        #expect(detail.status == "located")
        #expect(detail.open)
        #expect(detail.opened == t0)
        #expect(detail.openedBy == "anna")
        #expect(detail.lastActivity == minutes(20))
        #expect(detail.allowedMoves == ["new", "searching", "captured", "deceased", "reunited", "closed"])

        // And both inquiries in order, each with its inquirer and their contacts
        #expect(
            detail.inquiries == [
                InquiryDetail(
                    id: mother.inquiry, at: t0, by: "anna", channel: "phone", relationship: "mother",
                    note: "первый звонок",
                    person: "Иванов Пётр Сергеевич", born: "1998-03", region: "RU-KRS", unit: nil,
                    inquirer: InquirerDetail(
                        id: mother.inquirer, name: "Иванова Мария",
                        contacts: [
                            ContactDetail(kind: "phone", value: "+79161234567"),
                            ContactDetail(kind: "email", value: "maria@example.org"),
                        ])),
                InquiryDetail(
                    id: father.inquiry, at: minutes(10), by: "boris", channel: "telegram", relationship: "father",
                    note: nil, person: "Ivanov Petr", born: "1998-03", region: "RU-KRS", unit: "в/ч 12345",
                    inquirer: InquirerDetail(
                        id: father.inquirer, name: "Иванов Сергей",
                        contacts: [ContactDetail(kind: "telegram", value: "@ivanov_s")])),
            ])

        // And the whole history, oldest first
        #expect(detail.history.map(\.kind) == ["opened", "inquiry", "edit", "inquiry", "status"])
        #expect(detail.history.map(\.by) == ["anna", "anna", "boris", "boris", "anna"])
        #expect(detail.history.map(\.at) == [t0, t0, minutes(10), minutes(10), minutes(20)])
        #expect(detail.history.map(\.inquiry) == [mother.inquiry, mother.inquiry, father.inquiry, father.inquiry, nil])
        let edit = detail.history[2]
        #expect(edit.field == "unit" && edit.from == nil && edit.to == "в/ч 12345")
        let status = try #require(detail.history.last)
        #expect(status.from == "new" && status.to == "located")
        #expect(status.note == "в списке" && status.source == "МККК" && status.asOf == "2024-05-20")
        #expect(detail.history.map(\.id) == detail.history.map(\.id).sorted())
    }

    @Test func closedCaseShowsOnlyTheReopeningMove() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        try fixture.changeStatus(StatusChangeDraft(ref: logged.ref, status: "reunited"), at: minutes(1))
        let detail = try fixture.detail(logged.ref)
        #expect(!detail.open)
        #expect(detail.allowedMoves == ["searching"])
    }

    @Test func detailShowsOnlyItsOwnCase() throws {
        let fixture = try Fixture()
        let one = try fixture.log(draft(person: "One"))
        let other = try fixture.log(draft(person: "Other", inquirer: "Someone Else", contacts: []), at: minutes(1))
        let detail = try fixture.detail(one.ref)
        #expect(detail.inquiries.map(\.id) == [one.inquiry])
        #expect(detail.history.allSatisfy { $0.inquiry == one.inquiry })
        #expect(try fixture.detail(other.ref).inquiries.map(\.id) == [other.inquiry])
    }

    @Test func unknownButValidReferenceIsCaseNotFound() throws {
        let fixture = try Fixture()
        try fixture.log(draft())
        let unused = try fixture.unusedReference()
        #expect(throws: HotlineError.caseNotFound(unused)) { try fixture.detail(unused) }
        #expect(HotlineError.caseNotFound(unused).description == "no case has reference \(unused).")
    }

    @Test func mistypedReferenceIsInvalidReference() throws {
        let fixture = try Fixture()
        let logged = try fixture.log(draft())
        let typo = mistyped(logged.ref)
        #expect(throws: HotlineError.invalidReference(typo, problem: "the check digit does not match")) {
            try fixture.detail(typo)
        }
        #expect(throws: HotlineError.invalidReference("12345", problem: "expected 8 digits")) {
            try fixture.detail("12345")
        }
    }
}
