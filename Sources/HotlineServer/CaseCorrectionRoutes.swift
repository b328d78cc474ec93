import HotlineCore
import Hummingbird

/// `case note`, `case edit`, `case assign`, `case approve` and `case reject` over HTTP.
enum CaseCorrectionRoutes {
    static func add(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.post("cases/{ref}/notes") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(NoteBody.self, from: request)
            let actor = try context.signedIn()
            let noted = try await hotline.offloaded {
                try $0.addNote(ref: ref, note: body.note, source: body.source, by: actor)
            }
            return try JSONCoding.response(noted, status: .created)
        }
        group.patch("cases/{ref}") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(CaseEditBody.self, from: request)
            let actor = try context.signedIn()
            let draft = CaseEditDraft(
                ref: ref, person: body.person, born: body.born, region: body.region, unit: body.unit, note: body.note)
            return try JSONCoding.response(try await hotline.offloaded { try $0.editCase(draft, by: actor) })
        }
        group.post("cases/{ref}/assign") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(AssignBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await hotline.offloaded { try $0.assignCase(ref: ref, to: body.owner, by: actor) })
        }
        group.post("cases/{ref}/approve") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(DecisionBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await hotline.offloaded { try $0.approveStatus(ref: ref, note: body.note, by: actor) })
        }
        group.post("cases/{ref}/reject") { request, context in
            let ref = try context.parameters.require("ref")
            let body = try await JSONCoding.decode(RejectionBody.self, from: request)
            let actor = try context.signedIn()
            return try JSONCoding.response(
                try await hotline.offloaded { try $0.rejectStatus(ref: ref, note: body.note, by: actor) })
        }
    }
}

/// `POST /v1/cases/{ref}/notes`: `case note`'s text and source.
struct NoteBody: Decodable, Sendable {
    var note: String
    var source: String?
}

/// `PATCH /v1/cases/{ref}`: the fields to correct (`case edit`'s options); the others stay.
struct CaseEditBody: Decodable, Sendable {
    var person: String?
    var born: String?
    var region: String?
    var unit: String?
    var note: String?
}

/// `POST /v1/cases/{ref}/assign`: the operator who follows the case.
struct AssignBody: Decodable, Sendable {
    var owner: String
}

/// An approval (of a waiting status or match): why, optionally.
struct DecisionBody: Decodable, Sendable {
    var note: String?
}

/// A rejection: why, always (the family's case history says it).
struct RejectionBody: Decodable, Sendable {
    var note: String
}
