import Foundation
import HotlineCore
import Hummingbird
import Logging
import Metrics
import NIOCore

/// An error as the API answers it: RFC 9457 `application/problem+json`, with the CLI's words in
/// `detail` and, for a field, which one and what is accepted. Never a stack trace or SQL text:
/// what only a defect or a damaged file produces is logged and answered as a bare 500.
struct Problem: Encodable, Sendable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    /// The kind, stable for clients: invalid-field, not-found, refused, not-signed-in, ...
    var code: String
    var field: String?
    var accepted: String?
    /// The likely existing cases of the person, for a 409 from `POST /v1/inquiries`.
    var candidates: [DuplicateCandidate]?
    var retryAfter: Int?

    enum CodingKeys: String, CodingKey { case type, title, status, detail, code, field, accepted, candidates }

    init(
        status: HTTPResponse.Status, code: String, detail: String, field: String? = nil, accepted: String? = nil,
        candidates: [DuplicateCandidate]? = nil, retryAfter: Int? = nil
    ) {
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code
        self.field = field
        self.accepted = accepted
        self.candidates = candidates
        self.retryAfter = retryAfter
    }

    /// `error` as the API answers it.
    init(_ error: any Error) {
        switch error {
        case let error as HotlineError: self.init(error)
        case let error as HTTPError where error.status == .notFound:
            self.init(status: .notFound, code: "not-found", detail: error.body ?? "not found")
        case let error as RegistryImportRefused:
            self.init(status: .unprocessableContent, code: "rows-refused", detail: error.description)
        case let error as HTTPError:
            self.init(status: error.status, code: "http", detail: error.body ?? error.status.reasonPhrase)
        case let error as DecodingError: self.init(decoding: error)
        case is NIOTooManyBytesError:
            self.init(
                status: .contentTooLarge, code: "too-large",
                detail: "the body is larger than \(JSONCoding.maxBodyBytes / 1024) KB; nothing was written")
        default:
            self.init(status: .internalServerError, code: "internal", detail: "internal error; see the server's log")
        }
    }

    init(_ error: HotlineError) {
        switch error {
        case .invalidField(let field, _, _, let accepted):
            self.init(
                status: .badRequest, code: "invalid-field", detail: error.description, field: field, accepted: accepted.description)
        case .invalidReference:
            self.init(status: .badRequest, code: "invalid-reference", detail: error.description, field: "ref")
        case .invalidFields(let errors):
            // Every invalid field at once, as the CLI reports them; `field` names them all.
            let fields = errors.map { error -> String in
                switch error {
                case .invalidField(let field, _, _, _): field
                case .invalidReference: "ref"
                default: "?"
                }
            }
            self.init(
                status: .badRequest, code: "invalid-fields", detail: error.description,
                field: fields.joined(separator: ","))
        case .caseNotFound: self.init(status: .notFound, code: "not-found", detail: error.description)
        case .forbiddenMove(_, _, _, let allowed):
            self.init(
                status: .conflict, code: "forbidden-move", detail: error.description, field: "status",
                accepted: allowed.joined(separator: ", "))
        case .likelyDuplicates(let candidates):
            self.init(
                status: .conflict, code: "likely-duplicates",
                detail: "this person probably has a case already; nothing was written. Send the inquiry again with "
                    + "\"case\": REF to add it to one of the candidates, or \"newCase\": true if it is someone else.",
                candidates: candidates)
        case .refused: self.init(status: .forbidden, code: "refused", detail: error.description)
        case .notSignedIn: self.init(status: .unauthorized, code: "not-signed-in", detail: error.description)
        case .signInLocked(let seconds):
            self.init(status: .tooManyRequests, code: "locked", detail: error.description, retryAfter: seconds)
        case .caseChanged:
            self.init(status: .preconditionFailed, code: "changed", detail: error.description, field: "If-Match")
        case .idempotencyKeyReused:
            self.init(
                status: .unprocessableContent, code: "idempotency-key-reused", detail: error.description,
                field: "Idempotency-Key", accepted: "a new key for a new request")
        case .databaseBusy:
            self.init(status: .serviceUnavailable, code: "busy", detail: error.description, retryAfter: 1)
        case .interrupted:
            self.init(
                status: .serviceUnavailable, code: "interrupted", detail: "the server is stopping; nothing was written",
                retryAfter: 5)
        case .configuration, .databaseUnavailable, .brokenMerge, .databaseFailure, .databaseDamaged:
            self.init(
                status: .internalServerError, code: "internal",
                detail: "the database could not do this; nothing was written. The server's log says why")
        }
    }

    /// A body that is not the JSON the route takes: which field, as a JSON path.
    init(decoding error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            self.init(
                status: .badRequest, code: "invalid-field", detail: "the body lacks the field \(field)", field: field)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            self.init(
                status: .badRequest, code: "invalid-field",
                detail: "the field \(path(context)) is not \(Self.jsonName(of: type))", field: path(context))
        case .dataCorrupted(let context):
            self.init(
                status: .badRequest, code: "invalid-body",
                detail: context.codingPath.isEmpty
                    ? "the body is not JSON" : "the field \(path(context)) is not valid: \(context.debugDescription)",
                field: context.codingPath.isEmpty ? nil : path(context))
        @unknown default:
            self.init(status: .badRequest, code: "invalid-body", detail: "the body is not the JSON this route takes")
        }
    }

    private static func jsonName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        case is [String].Type: return "an array of strings"
        default: return "of the right type"
        }
    }

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        let body = (try? JSONCoding.encoder.encode(self)) ?? Data("{}".utf8)
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error a route or middleware throws into its problem response, logs what only
/// a defect causes, and counts database busy events for /metrics.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let busyEvents = Counter(label: "hotline_database_busy_total")

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem(error)
            if case .databaseBusy = error as? HotlineError { Self.busyEvents.increment() }
            if problem.status == 500 { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
            return problem.response
        }
    }
}
