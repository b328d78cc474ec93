import Foundation
import HotlineCore
import HotlineServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The routes that mirror the CLI's corrections, registry, matches, notices and inquirers: the
/// CLI's JSON, the CLI's roles (a viewer reads and is refused every write, nothing written),
/// and 404 for an id that names nothing.
@Suite struct MirroredRouteTests {
    /// A list as registries send them: the person of `inquiryJSON()`, captured.
    static let listCSV = "ФИО;Дата рождения;Регион\nИванов Пётр Сергеевич;1998;RU-KRS\nПетров Иван;1990;RU-BEL\n"
    static let importURI = "/v1/registry/imports?list=ICRC%202024&received=12.05.2024&says=captured&file=list.csv"

    /// Two cases of one person (a likely duplicate pair), a registry list imported over HTTP
    /// that proposes a match with the first: everything the routes read.
    struct World {
        let first: String
        let second: String
        let inquirer: Int
        let match: Int
        let record: Int
    }

    static func makeWorld(_ client: some TestClientProtocol, token: String) async throws -> World {
        let first = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON())
        let second = try await client.send(
            .post, "/v1/inquiries", token: token, json: inquiryJSON(person: "Иванов Петр Сергеевич"))
        let imported = try await client.send(
            .post, importURI, token: token, headers: [.contentType: "text/csv"], body: listCSV)
        #expect(imported.status == 201, "\(imported.text)")
        let matches = try await client.send(.get, "/v1/matches", token: token)
        let match = try #require((matches.json["items"] as? [[String: Any]])?.first)
        return World(
            first: try #require(first.json["case"] as? String), second: try #require(second.json["case"] as? String),
            inquirer: try #require(first.json["inquirer"] as? Int), match: try #require(match["id"] as? Int),
            record: try #require(match["record"] as? Int))
    }

    @Test func aViewerReadsEveryNewResourceAndIsRefusedEveryWriteWithNothingWritten() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let world = try await Self.makeWorld(client, token: try await client.signIn("oleg"))
            let vera = try await client.signIn("vera")
            for uri in [
                "/v1/duplicates", "/v1/duplicates?region=RU-KRS&limit=5", "/v1/registry/lists", "/v1/registry/records",
                "/v1/registry/records?unmatched=true", "/v1/registry/records/\(world.record)", "/v1/matches",
                "/v1/matches/\(world.match)", "/v1/notices", "/v1/notices/due", "/v1/inquirers/\(world.inquirer)",
            ] {
                let read = try await client.send(.get, uri, token: vera)
                #expect(read.status == 200, "\(uri): \(read.text)")
            }
            let pairs = try await client.send(.get, "/v1/duplicates", token: vera)
            let pair = try #require((pairs.json["items"] as? [[String: Any]])?.first)
            #expect(
                Set([world.first, world.second])
                    == Set([pair["first"], pair["second"]].compactMap { ($0 as? [String: Any])?["ref"] as? String }))

            let before = try fixture.snapshot()
            let writes: [(HTTPRequest.Method, String, String)] = [
                (.post, "/v1/cases/\(world.second)/merge", #"{"into": "\#(world.first)"}"#),
                (.post, "/v1/cases/\(world.second)/distinct", #"{"other": "\#(world.first)"}"#),
                (.post, "/v1/cases/\(world.first)/notes", #"{"note": "called"}"#),
                (.patch, "/v1/cases/\(world.first)", #"{"born": "1997"}"#),
                (.post, "/v1/cases/\(world.first)/assign", #"{"owner": "oleg"}"#),
                (.post, "/v1/cases/\(world.first)/approve", "{}"),
                (.post, "/v1/cases/\(world.first)/reject", #"{"note": "no"}"#),
                (.post, "/v1/matches/\(world.match)/confirm", "{}"),
                (.post, "/v1/matches/\(world.match)/approve", "{}"),
                (.post, "/v1/matches/\(world.match)/reject", #"{"note": "not him"}"#),
                (.post, "/v1/inquirers/\(world.inquirer)/consent", #"{"callback": "no"}"#),
            ]
            for (method, uri, json) in writes {
                let refused = try await client.send(method, uri, token: vera, json: json)
                #expect(refused.status == 403, "\(uri): \(refused.text)")
                #expect(refused.json["code"] as? String == "refused")
            }
            let imported = try await client.send(
                .post, Self.importURI, token: vera, headers: [.contentType: "text/csv"], body: Self.listCSV)
            #expect(imported.status == 403)
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func idsThatNameNothingAre404AndWriteNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            _ = try await Self.makeWorld(client, token: oleg)
            let before = try fixture.snapshot()
            for uri in ["/v1/registry/records/9999", "/v1/matches/9999", "/v1/notices/9999", "/v1/inquirers/9999"] {
                let missing = try await client.send(.get, uri, token: oleg)
                #expect(missing.status == 404, "\(uri): \(missing.text)")
                #expect(missing.json["code"] as? String == "not-found")
            }
            for (uri, json) in [
                ("/v1/matches/9999/confirm", "{}"),
                ("/v1/notices/9999/delivery", #"{"channel": "phone", "note": "told"}"#),
                ("/v1/notices/9999/attempts", #"{"channel": "phone", "result": "busy"}"#),
                ("/v1/inquirers/9999/consent", #"{"callback": "yes"}"#),
            ] {
                let missing = try await client.send(.post, uri, token: oleg, json: json)
                #expect(missing.status == 404, "\(uri): \(missing.text)")
            }
            let notAnId = try await client.send(.get, "/v1/matches/first", token: oleg)
            #expect(notAnId.status == 400)
            #expect(notAnId.json["field"] as? String == "match")
            #expect(try fixture.snapshot() == before)
        }
    }

    @Test func anOperatorCorrectsMergesAndDecidesWithTheCLIsJSONAndHistory() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            let world = try await Self.makeWorld(client, token: oleg)

            let noted = try await client.send(
                .post, "/v1/cases/\(world.first)/notes", token: oleg,
                json: #"{"note": "Звонили в МККК", "source": "ICRC"}"#)
            #expect(noted.status == 201)
            #expect(noted.json["ref"] as? String == world.first)
            let edited = try await client.send(
                .patch, "/v1/cases/\(world.first)", token: oleg, json: #"{"born": "14.03.1998", "note": "mother"}"#)
            #expect(edited.status == 200)
            #expect((edited.json["changes"] as? [[String: Any]])?.first?["field"] as? String == "born")
            let assigned = try await client.send(
                .post, "/v1/cases/\(world.first)/assign", token: oleg, json: #"{"owner": "oleg"}"#)
            #expect(assigned.status == 200, "\(assigned.text)")
            let confirmed = try await client.send(.post, "/v1/matches/\(world.match)/confirm", token: oleg, json: "{}")
            #expect(confirmed.status == 200, "\(confirmed.text)")

            let merged = try await client.send(
                .post, "/v1/cases/\(world.second)/merge", token: oleg,
                json: #"{"into": "\#(world.first)", "note": "same man"}"#)
            #expect(merged.status == 200, "\(merged.text)")
            #expect(merged.json["ref"] as? String == world.first)
            #expect((merged.json["inquiries"] as? [Any])?.count == 2)

            let shown = try await client.send(.get, "/v1/cases/\(world.first)", token: oleg)
            let history = (shown.json["history"] as? [[String: Any]] ?? [])
            let kinds = Set(history.compactMap { $0["kind"] as? String })
            #expect(kinds.isSuperset(of: ["note", "edit", "merged"]), "\(kinds)")

            let consent = try await client.send(
                .post, "/v1/inquirers/\(world.inquirer)/consent", token: oleg, json: #"{"callback": "maybe"}"#)
            #expect(consent.status == 400)
            #expect(consent.json["field"] as? String == "callback")
        }
    }

    @Test func aNoticeIsAttemptedThenDelivered() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            let world = try await Self.makeWorld(client, token: oleg)
            let moved = try await client.send(
                .post, "/v1/cases/\(world.first)/status", token: oleg, json: #"{"status": "located", "source": "ICRC"}"#
            )
            #expect(moved.status == 200, "\(moved.text)")
            let notices = try await client.send(.get, "/v1/notices", token: oleg)
            let notice = try #require(
                (notices.json["items"] as? [[String: Any]])?.first?["id"] as? Int, "\(notices.text)")
            let shown = try await client.send(.get, "/v1/notices/\(notice)", token: oleg)
            #expect(shown.status == 200)
            let attempt = try await client.send(
                .post, "/v1/notices/\(notice)/attempts", token: oleg,
                json: #"{"channel": "phone", "result": "no-answer", "retryAfter": "2h"}"#)
            #expect(attempt.status == 201, "\(attempt.text)")
            let done = try await client.send(
                .post, "/v1/notices/\(notice)/delivery", token: oleg,
                json: #"{"channel": "phone", "note": "Told his mother"}"#)
            #expect(done.status == 200, "\(done.text)")
            let delivered = try await client.send(.get, "/v1/notices?state=delivered", token: oleg)
            #expect((delivered.json["items"] as? [[String: Any]])?.first?["id"] as? Int == notice)
        }
    }

    @Test func aListWithABadRowIsRefusedWhole422AndCheckWritesNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            let oleg = try await client.signIn("oleg")
            let before = try fixture.snapshot()
            let bad = "ФИО;Дата рождения\nИванов Пётр;1998\nПетров Иван;32.13.1990\n"
            let refused = try await client.send(
                .post, Self.importURI, token: oleg, headers: [.contentType: "text/csv"], body: bad)
            #expect(refused.status == 422, "\(refused.text)")
            #expect(refused.json["code"] as? String == "rows-refused")
            let checked = try await client.send(
                .post, Self.importURI + "&check=true", token: oleg, headers: [.contentType: "text/csv"],
                body: Self.listCSV)
            #expect(checked.status == 200, "\(checked.text)")
            #expect(checked.json["written"] as? Bool == false)
            let missing = try await client.send(
                .post, "/v1/registry/imports?list=x", token: oleg, headers: [.contentType: "text/csv"],
                body: Self.listCSV)
            #expect(missing.status == 400)
            #expect(missing.json["field"] as? String == "received")
            #expect(try fixture.snapshot() == before)
        }
    }
}

extension TestClientProtocol {
    /// A request with a body that is not JSON (a list file).
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String, headers: HTTPFields, body: String
    ) async throws -> Answer {
        var headers = headers
        headers[.authorization] = "Bearer \(token)"
        let response = try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
        return Answer(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }
}
