import HotlineCore
import Hummingbird

/// `match list`, `match show`, `match confirm`, `match reject` and `match approve` over HTTP.
enum MatchRoutes {
    static func add(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("matches") { request, context in
            let query = request.uri.queryParameters
            var filter = MatchFilter(
                list: query["list"].map(String.init), region: query["region"].map(String.init),
                states: query.getAll("state").map { String($0) },
                limit: try Routes.integer(query["limit"], field: "limit", in: 1...Routes.maxPageSize) ?? 100)
            if let text = query["minScore"] {
                guard let score = Double(text) else {
                    throw HotlineError.invalidField(
                        field: "minScore", value: String(text), problem: "it is not a number", accepted: "0 to 1")
                }
                filter.minScore = score
            }
            let reader = try context.signedIn()
            return try JSONCoding.response([
                "items": try await hotline.offloaded { [filter] in try $0.matches(filter, as: reader) }
            ])
        }
        group.get("matches/{id}") { _, context in
            let id = try PathIdentifiers.id(context, field: "match")
            let reader = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("match", hotline: hotline) { try $0.matchDetail(id, as: reader) })
        }
        group.post("matches/{id}/confirm") { request, context in
            let id = try PathIdentifiers.id(context, field: "match")
            let body = try await JSONCoding.decode(DecisionBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("match", hotline: hotline) {
                    try $0.confirmMatch(id, note: body.note, by: actor)
                })
        }
        group.post("matches/{id}/approve") { request, context in
            let id = try PathIdentifiers.id(context, field: "match")
            let body = try await JSONCoding.decode(DecisionBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("match", hotline: hotline) {
                    try $0.approveMatch(id, note: body.note, by: actor)
                })
        }
        group.post("matches/{id}/reject") { request, context in
            let id = try PathIdentifiers.id(context, field: "match")
            let body = try await JSONCoding.decode(RejectionBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("match", hotline: hotline) {
                    try $0.rejectMatch(id, note: body.note, by: actor)
                })
        }
    }
}
