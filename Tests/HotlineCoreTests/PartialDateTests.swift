import Foundation
import Testing

@testable import HotlineCore

@Suite struct PartialDateTests {
    /// "Today" for every test here: 15 June 2024.
    let today = utcDate(2024, 6, 15)

    func parse(_ text: String) throws(HotlineError) -> PartialDate {
        try PartialDate(parsing: text, field: "born", today: today)
    }

    @Test func yearAloneIsAccepted() throws {
        let date = try parse("1998")
        #expect(date.year == 1998 && date.month == nil && date.day == nil)
        #expect(date.description == "1998")
    }

    @Test func yearAndMonthIsAccepted() throws {
        let date = try parse("1998-03")
        #expect(date.year == 1998 && date.month == 3 && date.day == nil)
        #expect(date.description == "1998-03")
    }

    @Test func fullDateIsAccepted() throws {
        let date = try parse("1998-03-14")
        #expect(date.year == 1998 && date.month == 3 && date.day == 14)
        #expect(date.description == "1998-03-14")
    }

    @Test(arguments: ["1900", "1900-01", "1900-01-01", "2000-02-29", "2024-02-29", "2024", "2024-06", "2024-06-15"])
    func datesFrom1900UpToTodayAreAccepted(text: String) throws {
        #expect(try parse(text).description == text)
    }

    /// As paperwork and lists in the region write dates: day first, with dots.
    @Test(arguments: [
        ("14.03.1998", "1998-03-14"), ("4.3.1998", "1998-03-04"), ("03.1998", "1998-03"), ("3.1998", "1998-03"),
        ("29.02.2000", "2000-02-29"), ("15.06.2024", "2024-06-15"),
    ])
    func dottedDayFirstDatesAreAcceptedAndStoredAsISO(text: String, stored: String) throws {
        #expect(try parse(text).description == stored)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let text: String
        let problem: String
        var testDescription: String { "'\(text)': \(problem)" }
    }

    @Test(arguments: [
        Refusal(text: "1899", problem: "it is before 1900"),
        Refusal(text: "1899-12", problem: "it is before 1900"),
        Refusal(text: "1899-12-31", problem: "it is before 1900"),
        Refusal(text: "0000", problem: "it is before 1900"),
        Refusal(text: "2025", problem: "it is in the future"),
        Refusal(text: "2024-07", problem: "it is in the future"),
        Refusal(text: "2024-06-16", problem: "it is in the future"),
        Refusal(text: "2030-01-01", problem: "it is in the future"),
        Refusal(text: "1998-02-30", problem: "there is no such day in the calendar"),
        Refusal(text: "2023-02-29", problem: "there is no such day in the calendar"),
        Refusal(text: "1900-02-29", problem: "there is no such day in the calendar"),
        Refusal(text: "1998-04-31", problem: "there is no such day in the calendar"),
        Refusal(text: "1998-03-00", problem: "there is no such day in the calendar"),
        Refusal(text: "1998-03-32", problem: "there is no such day in the calendar"),
        Refusal(text: "1998-13", problem: "there is no month 13"),
        Refusal(text: "1998-00", problem: "there is no month 0"),
        Refusal(text: "1998-13-01", problem: "there is no month 13"),
        Refusal(text: "98", problem: "not a date"),
        Refusal(text: "1998/03/01", problem: "not a date"),
        Refusal(text: "01.03.98", problem: "not a date"),
        Refusal(text: "001.03.1998", problem: "not a date"),
        Refusal(text: "1.3.1998.", problem: "not a date"),
        Refusal(text: "31.02.2000", problem: "there is no such day in the calendar"),
        Refusal(text: "01.13.1998", problem: "there is no month 13"),
        Refusal(text: "16.06.2024", problem: "it is in the future"),
        Refusal(text: "1998-3-1", problem: "not a date"),
        Refusal(text: "1998-03-01-01", problem: "not a date"),
        Refusal(text: "1998-", problem: "not a date"),
        Refusal(text: "", problem: "not a date"),
        Refusal(text: " 1998", problem: "not a date"),
        Refusal(text: "１９９８", problem: "not a date"),
        Refusal(text: "+998", problem: "not a date"),
        Refusal(text: "19980314", problem: "not a date"),
    ])
    func impossibleOrFutureDateIsRejected(_ refusal: Refusal) {
        // When a date is malformed, not in the calendar, before 1900 or after today
        let error = #expect(throws: HotlineError.self) { try parse(refusal.text) }
        // Then it is refused, naming the field and the problem, and saying what is accepted
        #expect(
            error
                == .invalidField(
                    field: "born", value: refusal.text, problem: .verbatim(refusal.problem),
                    accepted: "YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY or MM.YYYY, from 1900 to today"))
    }

    @Test func todayIsTakenInUTC() throws {
        // Given "today" is 23:30 UTC on 15 June
        let lateEvening = utcDate(2024, 6, 15).addingTimeInterval(23.5 * 3600)
        // Then 15 June is accepted and 16 June is not
        #expect(try PartialDate(parsing: "2024-06-15", field: "as-of", today: lateEvening).day == 15)
        #expect(throws: HotlineError.self) {
            try PartialDate(parsing: "2024-06-16", field: "as-of", today: lateEvening)
        }
    }

    @Test func datesOrderByWhatIsKnown() throws {
        #expect(try parse("1998") < parse("1998-01"))
        #expect(try parse("1998-03") < parse("1998-03-01"))
        #expect(try parse("1998-03-14") < parse("1999"))
    }
}
