import Foundation
import HotlineCore
import Hummingbird

/// The API's route table: each route decodes, calls one `Hotline` method as the signed-in
/// operator, and encodes; the service checks the role and runs one transaction. The paths and
/// bodies are the OpenAPI document's (openapi.yaml), checked against the live server in CI.
/// A new resource is one more `add…` function called from `addRoutes`.
enum Routes {
    /// The most cases one `GET /v1/cases` page holds: a page is one read, kept short so a
    /// client paging through a million cases never holds the database long.
    static let maxPageSize = 200

    static func addRoutes(to router: Router<ServerContext>, hotline: Hotline, options: HotlineServer.Options) {
        router.get("/healthz") { _, _ in try JSONCoding.response(["status": "ok"]) }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
        }
        router.post("/v1/sessions") { request, _ in
            let body = try await JSONCoding.decode(SignInBody.self, from: request)
            let token = try await hotline.signIn(
                operator: body.operator, password: body.password, totp: body.totp, policy: options.signIn)
            return try JSONCoding.response(token, status: .created)
        }
        if let telegram = options.telegram, !telegram.secret.isEmpty {
            TelegramRoutes.add(to: router, hotline: hotline, settings: telegram)
        }
        let signedIn = router.group("v1").add(middleware: BearerAuthentication(hotline: hotline))
        addSessions(to: signedIn, hotline: hotline)
        addInquiries(to: signedIn, hotline: hotline, options: options)
        addCases(to: signedIn, hotline: hotline)
        addReports(to: signedIn, hotline: hotline)
        DuplicateRoutes.add(to: signedIn, hotline: hotline)
        CaseCorrectionRoutes.add(to: signedIn, hotline: hotline)
        RegistryRoutes.add(to: signedIn, hotline: hotline)
        MatchRoutes.add(to: signedIn, hotline: hotline)
        NoticeRoutes.add(to: signedIn, hotline: hotline)
        InquirerRoutes.add(to: signedIn, hotline: hotline)
    }

    static func addSessions(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.delete("sessions/current") { _, context in
            _ = try context.signedIn()
            try await hotline.signOut(token: context.token ?? "")
            return Response(status: .noContent)
        }
    }

    static func addInquiries(to group: RouterGroup<ServerContext>, hotline: Hotline, options: HotlineServer.Options) {
        group.post("inquiries") { request, context in
            let operatorName = try context.signedIn()
            let body = try await JSONCoding.body(of: request)
            let draft = try JSONCoding.decode(InquiryBody.self, from: body).draft()
            guard let keyText = request.headers[.idempotencyKey] else {
                // The transaction has committed (and fsynced) before this answer is written.
                return try inquiryResponse(try await hotline.intake(draft, by: operatorName))
            }
            let key = try IdempotencyKey(keyText, body: body)
            let outcome = try await hotline.intake(
                draft, by: operatorName, key: key, keyLifetime: options.idempotencyKeyLifetime
            ) { outcome in
                // The answer is recorded with the key, in the inquiry's transaction; likely
                // duplicates wrote nothing, so a retry decides again.
                switch outcome {
                case .logged(let logged):
                    return RecordedAnswer(status: 201, body: Array(try JSONCoding.encoder.encode(logged)))
                case .filed(let filed):
                    return RecordedAnswer(status: 201, body: Array(try JSONCoding.encoder.encode(filed)))
                case .likelyDuplicates: return nil
                }
            }
            switch outcome {
            case .first(let outcome, .none): return try inquiryResponse(outcome)
            case .first(_, .some(let answer)): return recordedResponse(answer, replayed: false)
            case .retry(let answer): return recordedResponse(answer, replayed: true)
            }
        }
    }

    /// An answer recorded under an `Idempotency-Key`, byte for byte, where the case is.
    static func recordedResponse(_ answer: RecordedAnswer, replayed: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if replayed { headers[.idempotentReplayed] = "true" }
        let json = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
        // An intake key's receipt (`review`) has no `Location`: the key cannot read the case.
        if let ref = json?["case"] as? String, json?["review"] == nil { headers[.location] = "/v1/cases/\(ref)" }
        return Response(
            status: .init(code: answer.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// `POST /v1/inquiries`'s answer: 201 with the logged inquiry, or 409 with the candidates;
    /// for an intake key 201 with only what it filed (no `Location`: it cannot read the case).
    static func inquiryResponse(_ outcome: IntakeOutcome) throws -> Response {
        switch outcome {
        case .logged(let logged):
            return try JSONCoding.response(logged, status: .created, headers: [.location: "/v1/cases/\(logged.ref)"])
        case .filed(let filed):
            return try JSONCoding.response(filed, status: .created)
        case .likelyDuplicates(let candidates):
            throw HotlineError.likelyDuplicates(candidates)
        }
    }

    static func addCases(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("cases") { request, context in
            let query = request.uri.queryParameters
            let limit = try integer(query["limit"], field: "limit", in: 1...maxPageSize) ?? 50
            let filter = CaseFilter(
                openOnly: try boolean(query["open"], field: "open"), status: query["status"].map(String.init),
                region: query["region"].map(String.init), limit: limit)
            let cursor = try query["after"].map { text throws(HotlineError) in try CaseCursor(parsing: String(text)) }
            let page = try await hotline.casePage(filter, after: cursor, as: try context.signedIn())
            return try JSONCoding.response(CaseListPage(items: page.cases, next: page.next?.description))
        }
        group.get("cases/{ref}") { _, context in
            let detail = try await hotline.caseDetail(
                ref: try context.parameters.require("ref"), as: try context.signedIn())
            return try JSONCoding.response(detail, headers: [.eTag: entityTag(of: detail)])
        }
        group.post("cases/{ref}/status") { request, context in
            let body = try await JSONCoding.decode(StatusBody.self, from: request)
            // The version check and the write are one transaction in the service: another
            // operator's change in between is 412 and nothing is written.
            let changed = try await hotline.changeStatus(
                StatusChangeDraft(
                    ref: try context.parameters.require("ref"), status: body.status, note: body.note,
                    source: body.source, asOf: body.asOf, expectedVersion: expectedVersion(request.headers[.ifMatch])),
                by: try context.signedIn())
            return try JSONCoding.response(changed)
        }
        group.post("search") { request, context in
            let body = try await JSONCoding.decode(SearchBody.self, from: request)
            let query = SearchQuery(
                text: body.text, region: body.region, born: body.born, openOnly: body.open ?? false,
                limit: body.limit ?? 20)
            return try JSONCoding.response(["items": try await hotline.search(query, as: try context.signedIn())])
        }
    }

    static func addReports(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("regions") { request, context in
            try await hotline.checkMayRead(as: try context.signedIn())
            let country = request.uri.queryParameters["country"].map { $0.uppercased() + "-" }
            let regions = hotline.rules.regions.regions.filter { country == nil || $0.code.hasPrefix(country!) }
            return try JSONCoding.response(["items": regions])
        }
        group.get("audit") { request, context in
            let query = request.uri.queryParameters
            let filter = AuditFilter(
                operatorName: query["operator"].map(String.init), since: query["since"].map(String.init),
                until: query["until"].map(String.init),
                limit: try integer(query["limit"], field: "limit", in: 1...1000) ?? 100)
            return try JSONCoding.response(["items": try await hotline.audit(filter, as: try context.signedIn())])
        }
        group.get("stats") { request, context in
            let days = try integer(request.uri.queryParameters["days"], field: "days", in: 1...3660) ?? 30
            return try JSONCoding.response(try await hotline.stats(days: days, as: try context.signedIn()))
        }
    }

    // MARK: - Query parameters and tags

    /// An integer query parameter, or the error that names it and the range.
    static func integer(_ text: Substring?, field: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw HotlineError.invalidField(
                field: field, value: String(text), problem: "it is not a whole number in range",
                accepted: "\(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func boolean(_ text: Substring?, field: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        default:
            throw HotlineError.invalidField(
                field: field, value: String(text!), problem: "it is not a yes or no", accepted: "true or false")
        }
    }

    /// The case's version as an `ETag`: its last activity, which every change of the case moves.
    static func entityTag(of detail: CaseDetail) -> String { "\"\(detail.version)\"" }

    /// The version an `If-Match` asks for; `nil` without one or for `*` (any version). A weak
    /// or unquoted tag is taken as its version: it then matches only if it is the current one.
    static func expectedVersion(_ ifMatch: String?) -> String? {
        guard var tag = ifMatch?.trimmingCharacters(in: .whitespaces), tag != "*" else { return nil }
        if tag.hasPrefix("W/") { tag.removeFirst(2) }
        if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = String(tag.dropFirst().dropLast()) }
        return tag
    }
}

/// `GET /v1/cases`: a page of `case list --format json` items and the cursor of the next page
/// (`null` on the last one).
struct CaseListPage: Encodable {
    let items: [CaseSummary]
    let next: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)  // null, not left out: the last page says so
    }

    enum CodingKeys: String, CodingKey { case items, next }
}

// `HTTPFields.Element` is HTTPTypes' `HTTPField`, which Hummingbird does not re-export by name.
extension HTTPFields.Element.Name {
    /// The client's key for one `POST /v1/inquiries` (draft-ietf-httpapi-idempotency-key-header).
    static let idempotencyKey = Self("Idempotency-Key")!
    /// Set on an answer replayed for a retry under the same key.
    static let idempotentReplayed = Self("Idempotent-Replayed")!
}
