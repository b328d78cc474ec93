import Foundation
import HotlineCore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Metrics
import NIOSSL
import Prometheus
import ServiceLifecycle

/// `hotline serve`: the service layer over HTTP. `makeApplication` builds the server for a
/// hotline (tests run it in-process); `run` serves until SIGTERM or SIGINT, then stops
/// accepting, lets requests in flight finish (at most `drainSeconds`), and closes the database.
public enum HotlineServer {
    /// Where and how to listen.
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Connections accepted at once; more wait in the backlog.
        public var maxConnections = 256
        /// A connection idle this long is closed, so a half-open client holds nothing.
        public var idleTimeoutSeconds: Int64 = 30
        /// How long requests in flight may take to finish after SIGTERM.
        public var drainSeconds = 10
        /// TLS: the certificate chain and its private key, PEM files (`--tls-cert`, `--tls-key`);
        /// `nil` serves plain HTTP, for loopback or behind a proxy that terminates TLS.
        public var tls: (certificate: String, key: String)?
        /// How long an `Idempotency-Key` of `POST /v1/inquiries` is kept (`--idempotency-hours`).
        public var idempotencyKeyLifetime = Hotline.idempotencyKeyLifetime
        /// Token lifetime, lock-outs and the second factor (`--totp-required-for-admins`).
        public var signIn = SignInPolicy.server()
        /// The Telegram bot (`telegram.*`): with a secret, `POST /v1/telegram/webhook` takes its
        /// updates into the inbox; `nil` or without one, that route does not exist.
        public var telegram: HotlineSettings.TelegramSettings?

        public init() {}
    }

    /// The Prometheus registry behind `/metrics`, made the process's metrics backend once.
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The router: logging, problem answers and metrics around the route table.
    static func makeRouter(hotline: Hotline, options: Options = Options()) -> Router<ServerContext> {
        let registry = metrics
        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestLog())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        Routes.addRoutes(to: router, hotline: hotline, options: options)
        return router
    }

    /// The server for `hotline`, not yet running. Refuses (`refused`) a database where no
    /// enabled admin has a password: nobody could sign in to manage it.
    public static func makeApplication(hotline: Hotline, options: Options = Options(), logger: Logger) async throws
        -> some ApplicationProtocol
    {
        guard try await hotline.hasAdminWithPassword() else {
            throw HotlineError.refused(
                operator: "serve", reason: "found no enabled admin with a password in \(hotline.databasePath)",
                remedy:
                    "set one first: `hotline operator password ADMIN --as ADMIN` (set-up mode is for the local CLI only)"
            )
        }
        let http1 = HTTPServerBuilder.http1(configuration: .init(idleTimeout: .seconds(options.idleTimeoutSeconds)))
        return Application(
            router: makeRouter(hotline: hotline, options: options),
            server: try options.tls.map { try .tls(http1, tlsConfiguration: tlsConfiguration(files: $0)) } ?? http1,
            configuration: .init(
                address: .hostname(options.host, port: options.port), serverName: "hotline",
                availableConnectionsDelegate: MaximumAvailableConnections(options.maxConnections)),
            logger: logger)
    }

    /// The server's TLS settings from its PEM files, or which file is wrong and why: before the
    /// server starts, so a bad file never leaves it listening without TLS.
    static func tlsConfiguration(files: (certificate: String, key: String)) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificate)
        } catch {
            throw HotlineError.invalidField(
                field: "tls-cert", value: files.certificate,
                problem: "cannot read a PEM certificate from it (\(error))",
                accepted: "a readable PEM file with the server's certificate chain")
        }
        guard !chain.isEmpty else {
            throw HotlineError.invalidField(
                field: "tls-cert", value: files.certificate, problem: "holds no certificate",
                accepted: "a readable PEM file with the server's certificate chain")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.key, format: .pem)
        } catch {
            throw HotlineError.invalidField(
                field: "tls-key", value: files.key, problem: "cannot read a PEM private key from it (\(error))",
                accepted: "a readable PEM file with the certificate's private key, not encrypted")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }

    /// Serves until SIGTERM or SIGINT; then stops accepting, lets requests in flight finish
    /// (bounded by `drainSeconds`) and closes the database, in that order.
    public static func run(hotline: Hotline, options: Options, logger: Logger) async throws {
        let application = try await makeApplication(hotline: hotline, options: options, logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: DatabaseCloser(hotline: hotline, logger: logger)), .init(service: application)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(options.drainSeconds)
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// Closes the database when the service group shuts down. Listed before the server, so it
/// shuts down after it: once no request can use the database any more.
struct DatabaseCloser: Service {
    let hotline: Hotline
    let logger: Logger

    func run() async throws {
        // Cancellation (a second signal, or the drain running out) closes it as well.
        try? await gracefulShutdown()
        try hotline.close()
        logger.info("database closed", metadata: ["path": "\(hotline.databasePath)"])
    }
}
