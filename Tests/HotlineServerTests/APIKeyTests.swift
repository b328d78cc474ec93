import Foundation
import HotlineCore
import HotlineServer
import Hummingbird
import HummingbirdTesting
import Testing

/// API keys over HTTP: an intake key only files inquiries and learns nothing of other
/// families; viewer and operator keys act as those roles, attributed to `apikey:NAME`; a
/// revoked key stops at once; and the same refusals in the service layer without the router.
@Suite struct APIKeyTests {
    let fixture: ServerFixture
    let anna: OperatorName

    init() throws {
        fixture = try ServerFixture()
        anna = try OperatorName("anna")
    }

    func key(_ name: String, role: String) throws -> String {
        try fixture.hotline.addAPIKey(name: name, role: role, note: "test", by: anna).key
    }

    /// Every operation the served document lists, as (method, path) with the path's parameters
    /// filled in: a route added to the document is in the table without editing it.
    static func documentedRoutes(_ document: String, ref: String) -> [(HTTPRequest.Method, String)] {
        var routes: [(HTTPRequest.Method, String)] = []
        var path: String?
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let current = path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let verb = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if let method = HTTPRequest.Method(verb), ["GET", "POST", "PATCH", "DELETE", "PUT"].contains(verb) {
                    routes.append(
                        (
                            method,
                            current.replacingOccurrences(of: "{ref}", with: ref).replacingOccurrences(
                                of: "{id}", with: "1")
                        ))
                }
            } else if !line.hasPrefix(" ") {
                path = nil
            }
        }
        return routes
    }

    @Test func anIntakeKeyIsRefusedEveryRouteButFilingAnInquiry() async throws {
        let intake = try key("webform", role: "intake")
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            let ref = try #require(
                try await client.send(.post, "/v1/inquiries", token: oleg, json: inquiryJSON()).json["case"] as? String)
            let filed = try await client.send(
                .post, "/v1/inquiries", token: intake, json: inquiryJSON(person: "Сидоров Иван"))
            #expect(filed.status == 201)
            let document = try await client.send(.get, "/openapi.yaml").text
            // Telegram's webhook takes no bearer token: its secret header decides (TelegramWebhookTests).
            let open: Set<String> = ["/healthz", "/openapi.yaml", "/metrics", "/v1/sessions", "/v1/telegram/webhook"]
            let routes = Self.documentedRoutes(document, ref: ref).filter { !open.contains($0.1) }
            #expect(routes.count >= 30)
            let before = try fixture.snapshot()
            for (method, uri) in routes where !(method == .post && uri == "/v1/inquiries") {
                let body: String? = method == .get || method == .delete ? nil : "{}"
                let answer = try await client.send(method, uri, token: intake, json: body)
                #expect(answer.status == 403, "\(method) \(uri): \(answer.text)")
                #expect(answer.json["code"] as? String == "refused", "\(method) \(uri)")
            }
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func theServiceRefusesAnIntakeKeyWithoutTheRouter() async throws {
        _ = try key("webform", role: "intake")
        let principal = try APIKeyName("webform").principal
        let logged = try await fixture.hotline.logInquiry(
            InquiryDraft(
                person: "Иванов Пётр", region: "RU-KRS", born: "1998", unit: nil, inquirer: "Иванова Мария",
                relationship: "mother", channel: "phone", contacts: [], note: nil, caseRef: nil, forceNewCase: true),
            by: anna)
        let before = try fixture.snapshot()
        #expect(throws: HotlineError.self) { _ = try fixture.hotline.caseDetail(ref: logged.ref, as: principal) }
        #expect(throws: HotlineError.self) { _ = try fixture.hotline.audit(AuditFilter(limit: 10), as: principal) }
        await #expect(throws: HotlineError.self) { try await fixture.hotline.checkMayRead(as: principal) }
        // `logInquiry` cannot give a filed answer, so it refuses the key before writing.
        #expect(throws: HotlineError.self) {
            _ = try fixture.hotline.logInquiry(
                InquiryDraft(
                    person: "Петров Иван", region: "RU-KRS", born: nil, unit: nil, inquirer: "Петрова Анна",
                    relationship: "mother", channel: "phone", contacts: [], note: nil, caseRef: nil, forceNewCase: true),
                by: principal)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func anIntakeKeyFilesForReviewAndNoCandidateOrNameLeaks() async throws {
        let intake = try key("webform", role: "intake")
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            let first = try await client.send(.post, "/v1/inquiries", token: oleg, json: inquiryJSON())
            let ref = try #require(first.json["case"] as? String)

            // The same person and family again: an operator would get 409 with the candidates.
            let body = inquiryJSON(person: "Иванов Петр Сергеевич", extra: "")
            #expect(try await client.send(.post, "/v1/inquiries", token: oleg, json: body).status == 409)
            let filed = try await client.send(.post, "/v1/inquiries", token: intake, json: body)
            #expect(filed.status == 201)
            #expect(Set(filed.json.keys) == ["case", "inquiry", "review"])
            #expect(filed.json["review"] as? Bool == true)
            #expect(filed.headers[.location] == nil)
            let filedRef = try #require(filed.json["case"] as? String)
            #expect(filedRef != ref)
            for leak in [ref, "Иванов", "Иванова", "candidates", "inquirer", "knownCaller"] {
                #expect(!filed.text.contains(leak), "the answer holds \(leak)")
            }

            // Naming a case or an inquirer would let the key read them back: refused, nothing written.
            let before = try fixture.snapshot()
            for extra in [#", "case": "\#(ref)""#] {
                let refused = try await client.send(
                    .post, "/v1/inquiries", token: intake, json: inquiryJSON(extra: extra))
                #expect(refused.status == 403)
                #expect(!refused.text.contains("Иванов"))
            }
            #expect(try fixture.snapshot() == before)

            // A retry under one Idempotency-Key gets the same receipt and files once.
            let key: HTTPFields = [HTTPFields.Element.Name("Idempotency-Key")!: "form-42"]
            let other = inquiryJSON(person: "Кузнецов Олег", extra: "")
            let once = try await client.send(.post, "/v1/inquiries", token: intake, json: other, headers: key)
            let twice = try await client.send(.post, "/v1/inquiries", token: intake, json: other, headers: key)
            #expect(once.status == 201 && twice.status == 201)
            #expect(once.text == twice.text)
            #expect(twice.headers[HTTPFields.Element.Name("Idempotent-Replayed")!] == "true")
            #expect(twice.headers[.location] == nil)

            // The operator sees the filed case beside the one it likely repeats, attributed to the key.
            let pairs = try fixture.hotline.duplicatePairs(as: anna)
            #expect(pairs.contains { Set([$0.first.ref, $0.second.ref]) == Set([ref, filedRef]) })
            let detail = try await client.send(.get, "/v1/cases/\(filedRef)", token: oleg)
            #expect(detail.text.contains("apikey:webform"))
        }
    }

    @Test func viewerAndOperatorKeysActAsTheirRolesUnderTheKeysName() async throws {
        let viewer = try key("dashboard", role: "viewer")
        let partner = try key("partner", role: "operator")
        try await fixture.application().test(.router) { client in
            let logged = try await client.send(.post, "/v1/inquiries", token: partner, json: inquiryJSON())
            #expect(logged.status == 201)
            let ref = try #require(logged.json["case"] as? String)
            #expect(logged.json["inquirer"] != nil)  // an operator key gets the operator's answer

            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: viewer).status == 200)
            let before = try fixture.snapshot()
            let writes = [
                try await client.send(.post, "/v1/inquiries", token: viewer, json: inquiryJSON(person: "Other")),
                try await client.send(
                    .post, "/v1/cases/\(ref)/status", token: viewer, json: #"{"status": "searching"}"#),
                try await client.send(.post, "/v1/cases/\(ref)/notes", token: viewer, json: #"{"note": "x"}"#),
            ]
            for answer in writes {
                #expect(answer.status == 403)
                #expect(
                    (answer.json["detail"] as? String)?.contains("is a viewer key and cannot") == true, "\(answer.text)"
                )
            }
            // A key is no session: it cannot sign out, only be revoked.
            #expect(try await client.send(.delete, "/v1/sessions/current", token: partner).status == 403)
            #expect(try fixture.snapshot() == before)

            let changed = try await client.send(
                .post, "/v1/cases/\(ref)/status", token: partner, json: #"{"status": "searching", "note": "from CRM"}"#)
            #expect(changed.status == 200)
            let history = try await fixture.hotline.audit(
                AuditFilter(operatorName: "apikey:partner", limit: 50), as: anna)
            #expect(history.contains { $0.kind == "status" && $0.subject == ref })
            #expect(history.contains { $0.kind == "opened" && $0.subject == ref })
        }
    }

    @Test func aRevokedKeyStopsAtOnceAndAuditShowsItsLife() async throws {
        let partner = try key("partner", role: "operator")
        try await fixture.application().test(.router) { client in
            #expect(try await client.send(.get, "/v1/cases", token: partner).status == 200)
            try fixture.hotline.revokeAPIKey(name: "partner", by: anna)
            for token in [partner, "hlk_" + String(repeating: "A", count: 43), "hlk_short"] {
                let answer = try await client.send(.get, "/v1/cases", token: token)
                #expect(answer.status == 401, "\(token)")
                #expect(answer.json["code"] as? String == "not-signed-in")
            }
        }
        let entries = try await fixture.hotline.audit(AuditFilter(limit: 100), as: anna).filter { $0.kind == "apikey" }
        // One clock tick in the test: compare the entries, not their order.
        #expect(
            Set(entries.map { "\($0.field ?? "") by \($0.by)" }) == [
                "added by anna", "first-used by apikey:partner", "revoked by anna",
            ])
        #expect(entries.count == 3 && entries.allSatisfy { $0.subject == "apikey:partner" })
        // The key itself is nowhere in the file, only its SHA-256.
        let rows = try fixture.snapshot().joined(separator: "\n")
        #expect(!rows.contains(String(partner.dropFirst(4))))
    }

    @Test func onlyAnAdminManagesKeysAndBadInputWritesNothing() throws {
        _ = try key("webform", role: "intake")
        let before = try fixture.snapshot()
        let oleg = try OperatorName("oleg")
        #expect(throws: HotlineError.self) { _ = try fixture.hotline.addAPIKey(name: "x", role: "intake", by: oleg) }
        #expect(throws: HotlineError.self) { _ = try fixture.hotline.apiKeys(as: oleg) }
        #expect(throws: HotlineError.self) { try fixture.hotline.revokeAPIKey(name: "webform", by: oleg) }
        #expect(throws: HotlineError.self) {
            _ = try fixture.hotline.addAPIKey(name: "webform", role: "intake", by: anna)
        }
        #expect(throws: HotlineError.self) { _ = try fixture.hotline.addAPIKey(name: "bot", role: "admin", by: anna) }
        #expect(throws: HotlineError.self) {
            _ = try fixture.hotline.addAPIKey(name: "web form", role: "intake", by: anna)
        }
        #expect(throws: HotlineError.self) { try fixture.hotline.revokeAPIKey(name: "nobody", by: anna) }
        #expect(throws: HotlineError.self) { _ = try fixture.hotline.addOperator("apikey:webform", by: anna) }
        #expect(try fixture.snapshot() == before)
        try fixture.hotline.revokeAPIKey(name: "webform", by: anna)
        let revoked = try fixture.snapshot()
        #expect(throws: HotlineError.self) { try fixture.hotline.revokeAPIKey(name: "webform", by: anna) }
        #expect(try fixture.snapshot() == revoked)
        #expect(try fixture.hotline.apiKeys(as: anna).map(\.name) == ["webform"])
    }

    @Test func anIntakeKeyFilesThroughARealSocket() async throws {
        let intake = try key("webform", role: "intake")
        try await fixture.application().test(.live) { client in
            let filed = try await client.send(.post, "/v1/inquiries", token: intake, json: inquiryJSON())
            #expect(filed.status == 201)
            let ref = try #require(filed.json["case"] as? String)
            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: intake).status == 403)
            #expect(try await client.send(.get, "/v1/cases", token: intake).status == 403)
        }
    }
}
