import Foundation
import HotlineCore
import HotlineServer
import Hummingbird
import HummingbirdTesting
import Testing

/// Who may do what over HTTP: no token, a bad one, a viewer's on writes, revoked, expired and
/// disabled operators' tokens, lock-outs, and answers that never tell which names exist.
@Suite struct AuthenticationTests {
    @Test func theServerRefusesToStartWithoutAnAdminPassword() async throws {
        let fixture = try ServerFixture(passwords: false)
        await #expect(throws: HotlineError.self) { _ = try await fixture.application() }
        try fixture.hotline.setPassword(of: "oleg", to: ServerFixture.password, by: try OperatorName("anna"), cost: 4)
        await #expect(throws: HotlineError.self) { _ = try await fixture.application() }  // oleg is no admin
        try fixture.hotline.setPassword(of: "anna", to: ServerFixture.password, by: try OperatorName("anna"), cost: 4)
        _ = try await fixture.application()
    }

    /// Every route but /healthz, /openapi.yaml, /metrics and sign-in, without a token and with one
    /// this server never issued.
    static let protectedRoutes: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/v1/cases", nil), (.get, "/v1/cases/4821-9935", nil),
        (.post, "/v1/cases/4821-9935/status", #"{"status": "searching"}"#),
        (.post, "/v1/inquiries", inquiryJSON()), (.post, "/v1/search", #"{"text": "Ivanov"}"#),
        (.get, "/v1/regions", nil), (.get, "/v1/audit", nil), (.get, "/v1/stats", nil),
        (.delete, "/v1/sessions/current", nil),
    ]

    @Test func everyProtectedRouteAnswers401WithoutAValidToken() async throws {
        let fixture = try ServerFixture()
        let before = try fixture.snapshot()
        try await fixture.application().test(.router) { client in
            for (method, uri, body) in Self.protectedRoutes {
                for token in [nil, "not-a-token", String(repeating: "A", count: 43)] {
                    let answer = try await client.send(method, uri, token: token, json: body)
                    #expect(answer.status == 401, "\(method) \(uri) with \(token ?? "no token")")
                    #expect(answer.headers[.contentType] == "application/problem+json")
                    #expect(answer.headers[.wwwAuthenticate] == "Bearer")
                    #expect(answer.json["code"] as? String == "not-signed-in")
                }
            }
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func aViewerReadsButCannotWriteAndNothingIsWritten() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            let logged = try await client.send(.post, "/v1/inquiries", token: oleg, json: inquiryJSON())
            #expect(logged.status == 201)
            let ref = try #require(logged.json["case"] as? String)
            let vera = try await client.signIn("vera")
            let before = try fixture.snapshot()

            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: vera).status == 200)
            let inquiry = try await client.send(.post, "/v1/inquiries", token: vera, json: inquiryJSON(person: "Other"))
            let status = try await client.send(
                .post, "/v1/cases/\(ref)/status", token: vera, json: #"{"status": "searching"}"#)
            for answer in [inquiry, status] {
                #expect(answer.status == 403)
                #expect(answer.json["code"] as? String == "refused")
                #expect((answer.json["detail"] as? String)?.contains("is a viewer and cannot") == true)
            }
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func revokedExpiredAndDisabledOperatorsTokensStopWorking() async throws {
        let fixture = try ServerFixture()
        let anna = try OperatorName("anna")
        try await fixture.application().test(.router) { client in
            // Revoked by signing out.
            let first = try await client.signIn("oleg")
            #expect(try await client.send(.get, "/v1/cases", token: first).status == 200)
            #expect(try await client.send(.delete, "/v1/sessions/current", token: first).status == 204)
            #expect(try await client.send(.get, "/v1/cases", token: first).status == 401)

            // Revoked by an admin from the CLI, after the server has seen the token work (a GET
            // is then let in without a read of its own: the check inside its reads must stop
            // it, and a GET refused for its parameters before any read is checked before it
            // answers). Making the check inside the reads pass everything fails this test.
            let second = try await client.signIn("oleg")
            let logged = try await client.send(.post, "/v1/inquiries", token: second, json: inquiryJSON())
            let ref = try #require(logged.json["case"] as? String)
            #expect(try await client.send(.get, "/v1/cases", token: second).status == 200)
            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: second).status == 200)
            #expect(try fixture.hotline.revokeSessions(of: "oleg", by: anna) == 1)
            #expect(try await client.send(.get, "/v1/cases", token: second).status == 401)
            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: second).status == 401)
            #expect(try await client.send(.get, "/v1/regions", token: second).status == 401)
            #expect(try await client.send(.get, "/v1/cases?limit=0", token: second).status == 401)
            #expect(try await client.send(.get, "/v1/duplicates", token: second).status == 401)

            // The operator disabled: their live token stops at once.
            let third = try await client.signIn("oleg")
            #expect(try await client.send(.get, "/v1/cases", token: third).status == 200)
            #expect(try await client.send(.get, "/v1/regions", token: third).status == 200)
            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: third).status == 200)
            _ = try fixture.hotline.disableOperator("oleg", by: anna)
            #expect(try await client.send(.get, "/v1/cases", token: third).status == 401)
            #expect(try await client.send(.get, "/v1/cases/\(ref)", token: third).status == 401)
            #expect(try await client.send(.get, "/v1/regions", token: third).status == 401)
            _ = try fixture.hotline.enableOperator("oleg", by: anna)
            #expect(try await client.send(.get, "/v1/cases", token: third).status == 200)

            // Expired after a shift.
            fixture.clock.advance(hours: 11.9)
            #expect(try await client.send(.get, "/v1/cases", token: third).status == 200)
            fixture.clock.advance(hours: 0.2)
            #expect(try await client.send(.get, "/v1/cases", token: third).status == 401)
        }
    }

    @Test func fiveFailuresLockANameAndUnknownNamesGetTheSameAnswers() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            func attempt(_ name: String, _ password: String) async throws -> Answer {
                try await client.send(
                    .post, "/v1/sessions", json: #"{"operator": "\#(name)", "password": "\#(password)"}"#)
            }
            for _ in 0..<5 {
                let known = try await attempt("oleg", "wrong password!")
                let unknown = try await attempt("nobody", "wrong password!")
                #expect(known.status == 401)
                #expect(known.text == unknown.text)  // no user enumeration
            }
            // Locked now, even with the right password; the unknown name too.
            for name in ["oleg", "nobody"] {
                let locked = try await attempt(name, ServerFixture.password)
                #expect(locked.status == 429)
                #expect(locked.headers[.retryAfter] == "900")
            }
            // Another name is not affected; the lock ends after 15 minutes.
            _ = try await client.signIn("vera")
            fixture.clock.advance(hours: 0.26)
            _ = try await client.signIn("oleg")
        }
        #expect(try fixture.count("sign_in_event") > 0)
        let events = try fixture.snapshot().filter { $0.hasPrefix("sign_in_event:") }
        #expect(events.filter { $0.contains("action:\"failed\"") }.count == 10)
        #expect(events.filter { $0.contains("action:\"locked\"") }.count == 2)
        #expect(events.filter { $0.contains("action:\"signed-in\"") }.count == 2)
    }

    @Test func everySignInFailureLockAndRevocationIsInTheAudit() async throws {
        let fixture = try ServerFixture()
        let anna = try OperatorName("anna")
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            for _ in 0..<5 {
                let failed = try await client.send(
                    .post, "/v1/sessions", json: #"{"operator": "nobody", "password": "wrong password!"}"#)
                #expect(failed.status == 401)
            }
            #expect(try await client.send(.delete, "/v1/sessions/current", token: oleg).status == 204)
            _ = try fixture.hotline.revokeSessions(of: "vera", by: anna)

            let answer = try await client.send(.get, "/v1/audit?limit=1000", token: try await client.signIn("anna"))
            #expect(answer.status == 200)
            let items = try #require(answer.json["items"] as? [[String: Any]])
            let signIns = items.filter { $0["kind"] as? String == "sign-in" }.map {
                "\($0["by"] as? String ?? "?") \($0["field"] as? String ?? "?") \($0["subject"] as? String ?? "?")"
            }
            #expect(
                signIns.sorted()
                    == [
                        "anna password anna", "anna password oleg", "anna password vera", "anna revoked vera",
                        "anna signed-in anna", "nobody failed nobody", "nobody failed nobody", "nobody failed nobody",
                        "nobody failed nobody", "nobody failed nobody", "nobody locked nobody", "oleg signed-in oleg",
                        "oleg signed-out oleg",
                    ])
        }
        // `hotline audit --operator` (the same service) finds a name's own sign-ins, and an
        // unknown name's failures, which are in no other log.
        let olegs = try await fixture.hotline.audit(AuditFilter(operatorName: "oleg"), as: anna)
        #expect(olegs.filter { $0.kind == "sign-in" }.compactMap(\.field).sorted() == ["signed-in", "signed-out"])
        let nobody = try await fixture.hotline.audit(AuditFilter(operatorName: "nobody"), as: anna)
        #expect(nobody.compactMap(\.field).sorted() == ["failed", "failed", "failed", "failed", "failed", "locked"])
    }

    /// RFC 6238's own test vectors (SHA-1, its appendix B), cut to six digits: the codes the
    /// server accepts are the standard's, leading zeros kept.
    @Test func theServersCodesAreRFC6238s() {
        let secret = "12345678901234567890"
        #expect(OneTimeCodes.codes(secret: secret, at: Date(timeIntervalSince1970: 59))[1] == "287082")
        #expect(OneTimeCodes.codes(secret: secret, at: Date(timeIntervalSince1970: 1_111_111_109))[1] == "081804")
        #expect(OneTimeCodes.codes(secret: secret, at: Date(timeIntervalSince1970: 2_000_000_000))[1] == "279037")
    }

    @Test func anEnrolledOperatorNeedsTheCodeAndWrongCodesCountTowardTheLock() async throws {
        let fixture = try ServerFixture()
        let anna = try OperatorName("anna")
        let secret = try fixture.hotline.enrolTOTP(of: "oleg", by: anna)
        #expect(secret.count == 32)
        #expect(try fixture.count("operator_totp") == 1)
        try await fixture.application().test(.router) { client in
            func attempt(_ name: String, totp: String?) async throws -> Answer {
                let code = totp.map { #", "totp": "\#($0)""# } ?? ""
                return try await client.send(
                    .post, "/v1/sessions",
                    json: #"{"operator": "\#(name)", "password": "\#(ServerFixture.password)"\#(code)}"#)
            }
            let now = OneTimeCodes.codes(secret: secret, at: fixture.clock.now)
            let old = OneTimeCodes.codes(secret: secret, at: fixture.clock.now.addingTimeInterval(-120))[1]
            let wrong = now.contains("000000") ? "111111" : "000000"
            let wrongPassword = try await client.send(
                .post, "/v1/sessions", json: #"{"operator": "oleg", "password": "wrong password!"}"#)
            // No code, a wrong one and an old one: the same 401 as a wrong password.
            for code in [nil, wrong, old] {
                let refused = try await attempt("oleg", totp: code)
                #expect(refused.status == 401, "code \(code ?? "none")")
                #expect(refused.text == wrongPassword.text)
            }
            #expect(try await attempt("oleg", totp: now[0]).status == 201)  // the phone's clock 30 s slow
            #expect(try await attempt("oleg", totp: now[1]).status == 201)
            // A code works once: the same code again, or an older step's, is refused as a wrong one.
            for replayed in [now[1], now[0]] {
                let refused = try await attempt("oleg", totp: replayed)
                #expect(refused.status == 401, "replayed \(replayed)")
                #expect(refused.text == wrongPassword.text)
            }
            #expect(try await attempt("oleg", totp: now[2]).status == 201)  // the next step's code is new
            // Others sign in as before, a code or not.
            #expect(try await attempt("vera", totp: nil).status == 201)
            // Five wrong codes lock the name, even for the right code (failures count from the
            // last sign-in on, so a moment later).
            fixture.clock.advance(hours: 0.01)
            let later = OneTimeCodes.codes(secret: secret, at: fixture.clock.now)
            for _ in 0..<5 {
                #expect(try await attempt("oleg", totp: later.contains(wrong) ? "222222" : wrong).status == 401)
            }
            #expect(try await attempt("oleg", totp: later[1]).status == 429)
        }
        #expect(try fixture.hotline.removeTOTP(of: "oleg", by: anna))
        #expect(try fixture.count("operator_totp") == 0)
        fixture.clock.advance(hours: 0.5)
        try await fixture.application().test(.router) { client in _ = try await client.signIn("oleg") }
        let events = try await fixture.hotline.audit(AuditFilter(limit: 1000), as: anna).filter { $0.kind == "sign-in" }
        #expect(events.filter { $0.field == "totp" && $0.subject == "oleg" && $0.by == "anna" }.count == 1)
        #expect(events.filter { $0.field == "totp-removed" && $0.subject == "oleg" }.count == 1)
    }

    @Test func anOperatorEnrolsOnlyThemselfAndAViewerCannotEnrolOthers() throws {
        let fixture = try ServerFixture()
        _ = try fixture.hotline.enrolTOTP(of: "vera", by: try OperatorName("vera"))
        let before = try fixture.snapshot()
        #expect(throws: HotlineError.self) {
            _ = try fixture.hotline.enrolTOTP(of: "oleg", by: try OperatorName("vera"))
        }
        #expect(throws: HotlineError.self) {
            _ = try fixture.hotline.removeTOTP(of: "vera", by: try OperatorName("oleg"))
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func withTOTPRequiredForAdminsAnAdminWithoutItCannotSignIn() async throws {
        let fixture = try ServerFixture()
        var options = HotlineServer.Options()
        options.signIn = .server(totpRequiredForAdmins: true)
        try await fixture.application(options: options).test(.router) { client in
            let refused = try await client.send(
                .post, "/v1/sessions", json: #"{"operator": "anna", "password": "\#(ServerFixture.password)"}"#)
            #expect(refused.status == 401)
            _ = try await client.signIn("oleg")  // not an admin
        }
        let secret = try fixture.hotline.enrolTOTP(of: "anna", by: try OperatorName("anna"))
        try await fixture.application(options: options).test(.router) { client in
            let code = OneTimeCodes.codes(secret: secret, at: fixture.clock.now)[1]
            let signedIn = try await client.send(
                .post, "/v1/sessions",
                json: #"{"operator": "anna", "password": "\#(ServerFixture.password)", "totp": "\#(code)"}"#)
            #expect(signedIn.status == 201)
        }
    }

    @Test func aShortPasswordIsRefusedAndNothingWritten() throws {
        let fixture = try ServerFixture()
        let before = try fixture.snapshot()
        #expect(throws: HotlineError.self) {
            try fixture.hotline.setPassword(of: "oleg", to: "short", by: try OperatorName("anna"), cost: 4)
        }
        #expect(throws: HotlineError.self) {  // an operator sets only their own
            try fixture.hotline.setPassword(
                of: "vera", to: ServerFixture.password, by: try OperatorName("oleg"), cost: 4)
        }
        #expect(try fixture.snapshot() == before)
    }
}
