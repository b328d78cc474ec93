import Foundation
import HotlineCore
import HotlineServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The resources: what they answer, and that refusals are problem+json with the CLI's words
/// and write nothing.
@Suite struct ApiTests {
    @Test func anInquiryIsLoggedThenReadListedAndFound() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let token = try await client.signIn("oleg")
            let logged = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON())
            #expect(logged.status == 201)
            #expect(logged.json["newCase"] as? Bool == true)
            let ref = try #require(logged.json["case"] as? String)
            #expect(logged.headers[.location] == "/v1/cases/\(ref)")

            let shown = try await client.send(.get, "/v1/cases/\(ref)", token: token)
            #expect(shown.status == 200)
            #expect(shown.json["person"] as? String == "Иванов Пётр Сергеевич")
            #expect(shown.json["openedBy"] as? String == "oleg")  // from the token, not the body
            #expect(shown.headers[.eTag]?.hasPrefix("\"\(ref)@") == true)

            let found = try await client.send(.post, "/v1/search", token: token, json: #"{"text": "Ivanov Petr"}"#)
            #expect((found.json["items"] as? [[String: Any]])?.first?["ref"] as? String == ref)

            let changed = try await client.send(
                .post, "/v1/cases/\(ref)/status", token: token, json: #"{"status": "searching", "note": "called back"}"#
            )
            #expect(changed.status == 200)
            #expect(changed.json["to"] as? String == "searching")
            #expect(changed.json["by"] as? String == "oleg")
        }
    }

    @Test func caseListPagesWalkWithTheCursorUpTo200() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let token = try await client.signIn("oleg")
            for person in ["Alpha Aa", "Bravo Bb", "Charlie Cc"] {
                #expect(
                    try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON(person: person))
                        .status == 201)
                fixture.clock.advance(hours: 0.01)
            }
            var seen: [String] = []
            var uri = "/v1/cases?limit=2"
            while true {
                let page = try await client.send(.get, uri, token: token)
                #expect(page.status == 200)
                seen += (page.json["items"] as? [[String: Any]] ?? []).compactMap { $0["person"] as? String }
                guard let next = page.json["next"] as? String else {
                    #expect(page.json["next"] is NSNull)  // present, null on the last page
                    break
                }
                uri = "/v1/cases?limit=2&after=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            }
            #expect(seen == ["Charlie Cc", "Bravo Bb", "Alpha Aa"])
            let tooMany = try await client.send(.get, "/v1/cases?limit=201", token: token)
            #expect(tooMany.status == 400)
            #expect(tooMany.json["field"] as? String == "limit")
        }
    }

    @Test func badInputIsAProblemNamingTheFieldAndWritesNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let token = try await client.signIn("oleg")
            let before = try fixture.snapshot()
            let missing = try await client.send(.post, "/v1/inquiries", token: token, json: #"{"person": "X"}"#)
            #expect(missing.status == 400)
            #expect(missing.json["field"] as? String == "inquirer")
            let region = try await client.send(
                .post, "/v1/inquiries", token: token,
                json: inquiryJSON().replacingOccurrences(of: "RU-KRS", with: "Atlantis"))
            #expect(region.status == 400)
            #expect(region.json["field"] as? String == "region")
            #expect((region.json["detail"] as? String)?.hasPrefix("invalid region 'Atlantis'") == true)
            let notJSON = try await client.send(.post, "/v1/inquiries", token: token, json: "{", headers: [:])
            #expect(notJSON.status == 400)
            let wrongType = try await client.send(
                .post, "/v1/inquiries", token: token, json: inquiryJSON(), headers: [.contentType: "text/plain"])
            #expect(wrongType.status == 415)
            let huge = try await client.send(
                .post, "/v1/inquiries", token: token,
                json: inquiryJSON(extra: #", "note": "\#(String(repeating: "x", count: 300_000))""#))
            #expect(huge.status == 413)
            let badRef = try await client.send(.get, "/v1/cases/1234-5678", token: token)
            #expect(badRef.status == 400)
            #expect(badRef.json["code"] as? String == "invalid-reference")
            for answer in [missing, region, notJSON, wrongType, huge, badRef] {
                #expect(answer.headers[.contentType] == "application/problem+json")
                #expect(answer.json["status"] as? Int == answer.status)
            }
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func aLikelyDuplicateIs409WithCandidatesThenNewCaseDecides() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let token = try await client.signIn("oleg")
            let first = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON())
            let ref = try #require(first.json["case"] as? String)
            let before = try fixture.snapshot()
            let again = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON(extra: ""))
            #expect(again.status == 409)
            #expect((again.json["candidates"] as? [[String: Any]])?.first?["ref"] as? String == ref)
            #expect(try fixture.snapshot() == before)
            let attached = try await client.send(
                .post, "/v1/inquiries", token: token, json: inquiryJSON(extra: #", "case": "\#(ref)""#))
            #expect(attached.status == 201)
            #expect(attached.json["newCase"] as? Bool == false)
            let both = try await client.send(
                .post, "/v1/inquiries", token: token, json: inquiryJSON(extra: #", "case": "\#(ref)", "newCase": true"#)
            )
            #expect(both.status == 400)
        }
    }

    @Test func aStaleIfMatchIs412AndWritesNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let token = try await client.signIn("oleg")
            let ref = try #require(
                try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON()).json["case"] as? String
            )
            let tag = try #require(try await client.send(.get, "/v1/cases/\(ref)", token: token).headers[.eTag])
            fixture.clock.advance(hours: 0.1)
            // Another operator moves the case meanwhile.
            _ = try await fixture.hotline.changeStatus(
                StatusChangeDraft(ref: ref, status: "searching"), by: try OperatorName("anna"))
            let before = try fixture.snapshot()
            let stale = try await client.send(
                .post, "/v1/cases/\(ref)/status", token: token, json: #"{"status": "located"}"#,
                headers: [.ifMatch: tag])
            #expect(stale.status == 412)
            #expect(try fixture.snapshot() == before)
            let fresh = try #require(try await client.send(.get, "/v1/cases/\(ref)", token: token).headers[.eTag])
            let current = try await client.send(
                .post, "/v1/cases/\(ref)/status", token: token, json: #"{"status": "located"}"#,
                headers: [.ifMatch: fresh])
            #expect(current.status == 200)
        }
    }

    @Test func healthDocumentMetricsAndReports() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            #expect(try await client.send(.get, "/healthz").json["status"] as? String == "ok")
            let document = try await client.send(.get, "/openapi.yaml")
            #expect(document.text.hasPrefix("openapi: 3.1.0"))
            let token = try await client.signIn("vera")
            #expect(
                (try await client.send(.get, "/v1/regions?country=UA", token: token).json["items"] as? [Any])?.count
                    ?? 0 > 20)
            #expect(try await client.send(.get, "/v1/stats", token: token).status == 200)
            #expect(try await client.send(.get, "/v1/audit?limit=5", token: token).status == 200)
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("http_route=\"/v1/regions\""))
            #expect(!metrics.text.contains("Иванов"))
        }
    }
}

/// The same server through a real socket and HTTP/1.1 client.
@Suite struct LiveSocketTests {
    /// A phone on a bad network: the answer is lost, the client sends the same request again.
    @Test func aRetryWithTheSameIdempotencyKeyCreatesOneInquiry() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.live) { client in
            let token = try await client.signIn("oleg")
            let key: HTTPFields = [HTTPFields.Element.Name("Idempotency-Key")!: "9f6c2a1e-0d7b-4e55-a1b2-3c4d5e6f7a80"]
            let first = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON(), headers: key)
            #expect(first.status == 201)
            #expect(try fixture.count("inquiry") == 1)
            #expect(try fixture.count("idempotency_key") == 1)  // committed with the inquiry
            let before = try fixture.snapshot()

            let retry = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON(), headers: key)
            #expect(retry.status == 201)
            #expect(retry.text == first.text)
            #expect(retry.headers[.location] == first.headers[.location])
            #expect(retry.headers[HTTPFields.Element.Name("Idempotent-Replayed")!] == "true")
            #expect(try fixture.snapshot() == before)

            // The same key with another body: 422 naming the header, nothing written.
            let other = try await client.send(
                .post, "/v1/inquiries", token: token, json: inquiryJSON(person: "Петров Иван"), headers: key)
            #expect(other.status == 422)
            #expect(other.headers[.contentType] == "application/problem+json")
            #expect(other.json["field"] as? String == "Idempotency-Key")
            #expect(try fixture.snapshot() == before)

            // Keys are each operator's own, and forgotten after a day.
            let anna = try await client.signIn("anna")
            #expect(
                try await client.send(.post, "/v1/inquiries", token: anna, json: inquiryJSON(), headers: key).status
                    == 201)
            #expect(try fixture.count("inquiry") == 2)
            fixture.clock.advance(hours: 25)
            let fresh = try await client.signIn("oleg")
            let later = try await client.send(.post, "/v1/inquiries", token: fresh, json: inquiryJSON(), headers: key)
            #expect(later.status == 201)
            #expect(later.text != first.text)
            #expect(try fixture.count("inquiry") == 3)
            #expect(try fixture.count("idempotency_key") == 1)  // the expired ones were forgotten

            // A key that is no key: 400 naming it, nothing written.
            let after = try fixture.snapshot()
            let bad = try await client.send(
                .post, "/v1/inquiries", token: fresh, json: inquiryJSON(),
                headers: [HTTPFields.Element.Name("Idempotency-Key")!: String(repeating: "k", count: 256)])
            #expect(bad.status == 400)
            #expect(bad.json["field"] as? String == "Idempotency-Key")
            #expect(try fixture.snapshot() == after)
        }
    }

    @Test func signInLogAndReadThroughASocket() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.live) { client in
            let token = try await client.signIn("oleg")
            let logged = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON())
            #expect(logged.status == 201)
            let ref = try #require(logged.json["case"] as? String)
            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: token).status == 200)
            #expect(try await client.send(.get, "/v1/cases/\(ref)").status == 401)
        }
    }
}
