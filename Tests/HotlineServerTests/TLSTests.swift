import Foundation
import HotlineCore
import HotlineServer
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `hotline serve --tls-cert --tls-key`: HTTPS with a certificate made by openssl in the test,
/// through a real socket and AsyncHTTPClient; and a bad file refused, naming which one.
@Suite struct TLSTests {
    /// A self-signed certificate for localhost and its key, made by the openssl program.
    static func makeCertificate(in directory: URL) throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
            "-days", "1", "-subj", "/CN=localhost",
        ]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0, "openssl could not make a certificate")
        return (certificate, key)
    }

    func application(_ fixture: ServerFixture, tls: (certificate: String, key: String)) async throws
        -> some ApplicationProtocol
    {
        var options = HotlineServer.Options()
        options.port = 0
        options.tls = tls
        var logger = Logger(label: "hotline-test")
        logger.logLevel = .warning
        return try await HotlineServer.makeApplication(hotline: fixture.hotline, options: options, logger: logger)
    }

    @Test func signInAndLogAnInquiryOverHTTPS() async throws {
        let fixture = try ServerFixture()
        let tls = try Self.makeCertificate(in: URL(fileURLWithPath: fixture.path).deletingLastPathComponent())
        try await application(fixture, tls: tls).test(.ahc(.https)) { client in
            #expect(try await client.send(.get, "/healthz").status == 200)
            let token = try await client.signIn("oleg")
            let logged = try await client.send(.post, "/v1/inquiries", token: token, json: inquiryJSON())
            #expect(logged.status == 201, "\(logged.text)")
        }
        #expect(try fixture.count("inquiry") == 1)
    }

    @Test func aPlainHTTPClientGetsNoAnswerFromTheHTTPSServer() async throws {
        let fixture = try ServerFixture()
        let tls = try Self.makeCertificate(in: URL(fileURLWithPath: fixture.path).deletingLastPathComponent())
        try await application(fixture, tls: tls).test(.ahc(.http)) { client in
            await #expect(throws: (any Error).self) { try await client.send(.get, "/healthz") }
        }
    }

    @Test func aMissingOrWrongFileIsRefusedByName() async throws {
        let fixture = try ServerFixture()
        let directory = URL(fileURLWithPath: fixture.path).deletingLastPathComponent()
        let tls = try Self.makeCertificate(in: directory)
        let missing = directory.appendingPathComponent("nothing.pem").path
        for (files, field) in [
            ((missing, tls.key), "tls-cert"), ((tls.certificate, missing), "tls-key"), ((tls.key, tls.key), "tls-cert"),
            ((tls.certificate, tls.certificate), "tls-key"),
        ] {
            do {
                _ = try await application(fixture, tls: files)
                Issue.record("\(files) was accepted")
            } catch let HotlineError.invalidField(name, _, _, _) {
                #expect(name == field)
            }
        }
    }
}
