import HotlineCore
import Hummingbird

/// `notice list`, `notice due`, `notice show`, `notice attempt` and `notice done` over HTTP.
enum NoticeRoutes {
    static func add(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("notices") { request, context in
            let query = request.uri.queryParameters
            let reader = try context.signedIn()
            let filter = NoticeFilter(
                region: query["region"].map(String.init), status: query["status"].map(String.init),
                state: query["state"].map(String.init), overdue: try Routes.boolean(query["overdue"], field: "overdue"),
                owner: try Routes.boolean(query["mine"], field: "mine") ? reader.name : nil,
                limit: try Routes.integer(query["limit"], field: "limit", in: 1...Routes.maxPageSize) ?? 50)
            return try JSONCoding.response(["items": try await hotline.offloaded { try $0.notices(filter, as: reader) }]
            )
        }
        group.get("notices/due") { request, context in
            let query = request.uri.queryParameters
            let reader = try context.signedIn()
            let region = query["region"].map(String.init)
            let owner = try Routes.boolean(query["mine"], field: "mine") ? reader.name : nil
            let limit = try Routes.integer(query["limit"], field: "limit", in: 1...Routes.maxPageSize) ?? 50
            let due = try await hotline.offloaded {
                try $0.callbacksDue(region: region, owner: owner, limit: limit, as: reader)
            }
            return try JSONCoding.response(["items": due])
        }
        group.get("notices/{id}") { _, context in
            let id = try PathIdentifiers.id(context, field: "notice")
            let reader = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("notice", hotline: hotline) { try $0.noticeDetail(id, as: reader) })
        }
        group.post("notices/{id}/attempts") { request, context in
            let id = try PathIdentifiers.id(context, field: "notice")
            let body = try await JSONCoding.decode(AttemptBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("notice", hotline: hotline) {
                    try $0.attemptNotice(
                        id, channel: body.channel, result: body.result, retryAfter: body.retryAfter, by: actor)
                }, status: .created)
        }
        group.post("notices/{id}/delivery") { request, context in
            let id = try PathIdentifiers.id(context, field: "notice")
            let body = try await JSONCoding.decode(DeliveryBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("notice", hotline: hotline) {
                    try $0.deliverNotice(id, channel: body.channel, note: body.note, by: actor)
                })
        }
    }
}

/// `POST /v1/notices/{id}/attempts`: `notice attempt`'s options.
struct AttemptBody: Decodable, Sendable {
    var channel: String
    var result: String
    var retryAfter: String?
}

/// `POST /v1/notices/{id}/delivery`: `notice done`'s options.
struct DeliveryBody: Decodable, Sendable {
    var channel: String
    var note: String
}
