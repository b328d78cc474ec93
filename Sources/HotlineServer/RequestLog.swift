import Dispatch
import Hummingbird
import Logging

/// One structured line per request: method, route template (`/v1/cases/{ref}`, never the
/// path with its values), status, duration, operator. Never a name, phone number, e-mail
/// address or query text: those stay in request bodies, which are not logged.
struct RequestLog: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        let started = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        // Tenths of a millisecond in integers: String(format:) went through Foundation's
        // formatter on every request.
        let tenths = (DispatchTime.now().uptimeNanoseconds - started + 50_000) / 100_000
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "route": "\(context.endpointPath ?? "unmatched")",
                "status": "\(response.status.code)", "ms": "\(tenths / 10).\(tenths % 10)",
                "operator": "\(context.signedInAs.value ?? "-")",
            ])
        return response
    }
}
