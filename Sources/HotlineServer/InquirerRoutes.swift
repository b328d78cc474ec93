import HotlineCore
import Hummingbird

/// `inquirer show` and `inquirer consent` over HTTP.
enum InquirerRoutes {
    static func add(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("inquirers/{id}") { _, context in
            let id = try PathIdentifiers.id(context, field: "inquirer")
            let reader = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("inquirer", hotline: hotline) {
                    try $0.inquirerProfile(id, as: reader)
                })
        }
        group.post("inquirers/{id}/consent") { request, context in
            let id = try PathIdentifiers.id(context, field: "inquirer")
            let body = try await JSONCoding.decode(ConsentBody.self, from: request)
            let actor = try context.signedIn()
            let draft = ConsentDraft(callback: body.callback, channels: body.channelsAllowed, share: body.share)
            return try JSONCoding.response(
                try await PathIdentifiers.resource("inquirer", hotline: hotline) {
                    try $0.recordConsent(inquirer: id, draft, by: actor)
                })
        }
    }
}

/// `POST /v1/inquirers/{id}/consent`: `inquirer consent`'s answers (yes or no; channels as
/// `phone,telegram` or `none`); the questions not answered keep their answers.
struct ConsentBody: Decodable, Sendable {
    var callback: String?
    var channelsAllowed: String?
    var share: String?
}
