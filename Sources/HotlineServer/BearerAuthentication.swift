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
        var context = context
        context.operatorName = try await hotline.authenticate(token: token)
        context.token = token
        context.signedInAs.value = context.operatorName?.name
        return try await next(request, context)
    }
}
