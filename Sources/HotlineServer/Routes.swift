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

    static func addRoutes(to router: Router<ServerContext>, hotline: Hotline) {
        router.get("/healthz") { _, _ in try JSONCoding.response(["status": "ok"]) }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
        }
        router.post("/v1/sessions") { request, _ in
            let body = try await JSONCoding.decode(SignInBody.self, from: request)
            let token = try await hotline.signIn(operator: body.operator, password: body.password)
            return try JSONCoding.response(token, status: .created)
        }
        let signedIn = router.group("v1").add(middleware: BearerAuthentication(hotline: hotline))
        addSessions(to: signedIn, hotline: hotline)
        addInquiries(to: signedIn, hotline: hotline)
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

    static func addInquiries(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.post("inquiries") { request, context in
            let draft = try await JSONCoding.decode(InquiryBody.self, from: request).draft()
            switch try await hotline.intake(draft, by: try context.signedIn()) {
            case .logged(let logged):
                // The transaction has committed (and fsynced) before this answer is written.
                return try JSONCoding.response(
                    logged, status: .created, headers: [.location: "/v1/cases/\(logged.ref)"])
            case .likelyDuplicates(let candidates):
                throw HotlineError.likelyDuplicates(candidates)
            }
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
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(StatusBody.self, from: request)
            let operatorName = try context.signedIn()
            if let expected = request.headers[.ifMatch] {
                // Another operator's change since the client read the case: 412, nothing written.
                let current = try await hotline.caseDetail(ref: ref, as: operatorName)
                guard expected == "*" || expected == entityTag(of: current) else {
                    throw HTTPError(
                        .preconditionFailed,
                        message: "case \(current.ref) changed since you read it (now \(entityTag(of: current))); "
                            + "nothing was written. Read it again and decide again")
                }
            }
            let changed = try await hotline.changeStatus(
                StatusChangeDraft(ref: ref, status: body.status, note: body.note, source: body.source, asOf: body.asOf),
                by: operatorName)
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
            _ = try context.signedIn()
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
    static func entityTag(of detail: CaseDetail) -> String {
        "\"\(detail.ref)@\(Int64((detail.lastActivity.timeIntervalSince1970 * 1000).rounded()))\""
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
