import HotlineCore
import Hummingbird

/// Puts the operator a bearer token stands for into the context, or answers 401: the routes
/// behind it act only as that operator, and the service checks the role as it does for the CLI.
struct BearerAuthentication: RouterMiddleware {
    typealias Context = ServerContext
    let hotline: Hotline

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HotlineError.notSignedIn("send `Authorization: Bearer TOKEN` (POST /v1/sessions gives one)")
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        // A GET writes nothing: the service may let it in on a token it checked lately and check
        // the token inside the request's own reads instead of in a read before them.
        let readOnly = request.method == .get || request.method == .head
        return try await hotline.authenticated(token: token, readOnly: readOnly) { principal in
            var context = context
            context.operatorName = principal.name
            context.token = token
            context.signedInAs.value = principal.name.name
            // The service refuses an intake key everything but filing an inquiry; refusing it
            // here too answers 403 before a body is read, whatever the body (the service's check
            // stays the one that counts, as for the CLI).
            if principal.apiKeyRole == .intake, !(request.method == .post && request.uri.path == "/v1/inquiries") {
                throw HotlineError.refused(
                    operator: principal.name.name, reason: "is an intake key and can only file inquiries",
                    remedy: "sign in as an operator for anything else")
            }
            return try await next(request, context)
        }
    }
}
