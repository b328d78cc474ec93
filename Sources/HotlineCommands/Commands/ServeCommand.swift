import ArgumentParser
import HotlineCore
import HotlineServer
import Logging

/// `hotline serve`: the hotline over HTTP (issue 15). Not a shell command.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the hotline over HTTP, with sign-in by password and bearer tokens.",
        discussion: """
            The API is openapi.yaml, served at /openapi.yaml. Refuses to start unless an enabled admin
            has a password (`hotline operator password NAME`). SIGTERM or Ctrl-C stops accepting, lets
            requests in flight finish (--drain seconds at most) and closes the database.
            For other hosts, serve TLS (--tls-cert and --tls-key, PEM files) or listen on loopback
            behind a proxy that terminates TLS: passwords and tokens must never cross a network in clear.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "Seconds that requests in flight may take to finish after SIGTERM.") var drain = 10
    @Option(help: "Connections served at once.") var maxConnections = 256
    @Option(help: "Serve HTTPS with this certificate chain (PEM); needs --tls-key.") var tlsCert: String?
    @Option(help: "The certificate's private key (PEM, not encrypted); needs --tls-cert.") var tlsKey: String?
    @Option(help: "Hours an Idempotency-Key of POST /v1/inquiries is kept (a retry within them gets the first answer).")
    var idempotencyHours = 24
    @Flag(help: "Refuse to sign in an admin who has not enrolled a TOTP code (`operator totp`).")
    var totpRequiredForAdmins = false

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("give --tls-cert and --tls-key together (PEM files), or neither for plain HTTP")
        }
        if !(1...720).contains(idempotencyHours) {
            throw ValidationError("--idempotency-hours must be 1 to 720 (30 days)")
        }
    }

    func run() async throws {
        let configured = try await CommandContext.Configured.read(options)
        let hotline = try Hotline.open(
            path: configured.databasePath, rules: configured.rules,
            busyTimeout: configured.settings.busyTimeoutSeconds)
        var server = HotlineServer.Options()
        server.host = host
        server.port = port
        server.drainSeconds = drain
        server.maxConnections = maxConnections
        if let tlsCert, let tlsKey { server.tls = (tlsCert, tlsKey) }
        server.idempotencyKeyLifetime = Double(idempotencyHours) * 3600
        server.signIn = .server(totpRequiredForAdmins: totpRequiredForAdmins)
        server.telegram = configured.settings.telegram
        try await HotlineServer.run(hotline: hotline, options: server, logger: Logger(label: "hotline"))
    }
}
