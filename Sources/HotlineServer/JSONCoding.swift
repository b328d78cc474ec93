import Foundation
import HotlineCore
import Hummingbird

/// Bodies in and out: the core's JSON contract (HotlineJSON) for answers, a bounded and typed
/// read for requests.
enum JSONCoding {
    static let encoder = HotlineJSON.makeEncoder(pretty: false)
    static let decoder = JSONDecoder()

    /// The largest request body a route reads (a 413 past it): an inquiry with a long note is a
    /// few kilobytes, so this only stops a client that sends megabytes to hold the server.
    static let maxBodyBytes = 256 * 1024

    /// `value` as a JSON response.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        throws -> Response
    {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// The request's JSON body as `T`: 415 unless it is declared JSON, 413 past `maxBodyBytes`,
    /// 400 naming the field that is missing or of the wrong type.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        try decode(T.self, from: try await body(of: request))
    }

    /// The request's body, read whole: 415 unless it is declared JSON, 413 past `maxBodyBytes`.
    static func body(of request: Request) async throws -> [UInt8] {
        let declared = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        guard declared?.lowercased() == "application/json" else {
            throw HTTPError(.unsupportedMediaType, message: "send the body as application/json")
        }
        return Array(try await request.body.collect(upTo: maxBodyBytes).readableBytesView)
    }

    /// A body already read, as `T`: 400 naming the field that is missing or of the wrong type.
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws -> T {
        try decoder.decode(T.self, from: Data(body))
    }
}
