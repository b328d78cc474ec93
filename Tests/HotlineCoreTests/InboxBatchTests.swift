import Foundation
import Testing

@testable import HotlineCore

/// `receive(batch:)`: a Maildir run's messages in one transaction, each answered on its own.
struct InboxBatchTests {
    func letter(_ id: String, from address: String = "maria@families.example", subject: String = "Ищу сына")
        throws -> IncomingMessage
    {
        IncomingMessage(
            channel: .email, externalId: id, senderName: "Мария",
            senderContact: try Contact(parsing: "email:" + address, defaultCountry: "RU"), subject: subject,
            text: "Иванов Пётр Сергеевич, 1998 г.р., связь пропала в марте.")
    }

    @Test func aRefusedMessageIsLeftOutAloneAndARepeatedOneIsStoredOnce() throws {
        let f = try Fixture()
        let results = try f.hotline().receive(batch: [
            try letter("<a@families.example>"), try letter(" "), try letter("<a@families.example>"),
            try letter("<c@families.example>", from: "olena@families.example"),
        ])
        #expect(results.count == 4)
        let first = try results[0].get()
        #expect(!first.duplicate && first.state == "new")
        #expect(throws: HotlineError.self) { try results[1].get() }
        if case .failure(let error) = results[1] { #expect(error.isRefusal) }
        #expect(
            try results[2].get() == ReceivedMessage(id: first.id, duplicate: true, state: "new", ref: nil, inquiry: nil)
        )
        #expect(try results[3].get().id == first.id + 1)
        #expect(try f.count("inbox_message") == 2)
        #expect(try f.count("inbox_event") == 2)
    }
}
