import HotlineCore
import Hummingbird

/// `case duplicates`, `case merge` and `case distinct` over HTTP.
enum DuplicateRoutes {
    /// The most pairs one `GET /v1/duplicates` answer holds: the walk behind it reads open cases
    /// until it has this many pairs, so the cap bounds how long one request holds a reader.
    static let maxPairs = 500

    static func add(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("duplicates") { request, context in
            let query = request.uri.queryParameters
            let region = query["region"].map(String.init)
            let limit = try Routes.integer(query["limit"], field: "limit", in: 1...maxPairs) ?? 100
            let reader = try context.signedIn()
            let pairs = try await hotline.offloaded { try $0.duplicatePairs(region: region, limit: limit, as: reader) }
            return try JSONCoding.response(["items": pairs])
        }
        group.post("cases/{ref}/merge") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(MergeBody.self, from: request)
            let actor = try context.signedIn()
            let merged = try await hotline.offloaded {
                try $0.mergeCase(ref, into: body.into, note: body.note, by: actor)
            }
            return try JSONCoding.response(merged)
        }
        group.post("cases/{ref}/distinct") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(DistinctBody.self, from: request)
            let actor = try context.signedIn()
            try await hotline.offloaded { try $0.markDistinct(ref, body.other, note: body.note, by: actor) }
            return Response(status: .noContent)
        }
    }
}

/// `POST /v1/cases/{ref}/merge`: the case in the path is the duplicate; `into` survives.
struct MergeBody: Decodable, Sendable {
    var into: String
    var note: String?
}

/// `POST /v1/cases/{ref}/distinct`: the case in the path and `other` are different people.
struct DistinctBody: Decodable, Sendable {
    var other: String
    var note: String?
}
