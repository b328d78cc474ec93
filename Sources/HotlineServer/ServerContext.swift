import HotlineCore
import Hummingbird
import Synchronization

/// What one request carries between the middleware and its route: the operator the bearer
/// token stands for (set by `BearerAuthentication`, never read from the request body or a header
/// other than the token) and the token itself (to sign it out).
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in operator; `nil` on the routes open to all (`/healthz`, `POST /v1/sessions`).
    public var operatorName: OperatorName?
    public var token: String?
    /// Who the request ran as, for the request log, which wraps the middleware that learns it
    /// and so sees only its own copy of the context: a box both copies share.
    let signedInAs = SharedName()

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// The signed-in operator, on a route behind `BearerAuthentication`.
    func signedIn() throws -> OperatorName {
        guard let operatorName else { throw HotlineError.notSignedIn("send `Authorization: Bearer TOKEN`") }
        return operatorName
    }
}

/// A name that copies of one request's context share.
final class SharedName: Sendable {
    private let name = Mutex<String?>(nil)
    var value: String? {
        get { name.withLock { $0 } }
        set { name.withLock { $0 = newValue } }
    }
}
