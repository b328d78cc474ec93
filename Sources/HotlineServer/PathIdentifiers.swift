import HotlineCore
import Hummingbird

/// The numeric ids in paths (`/v1/matches/{id}`, ...) and the 404 for one that names nothing.
enum PathIdentifiers {
    /// The path's `{id}` as a number, or the error that names `field` and what is accepted.
    static func id(_ context: ServerContext, field: String) throws -> Int64 {
        let text = try context.parameters.require("id")
        guard let id = Int64(text), id > 0 else {
            throw HotlineError.invalidField(
                field: field, value: text, problem: "it is not an id", accepted: "a whole number from 1")
        }
        return id
    }

    /// Runs `call` with the service's "there is no such `field`" (an invalid field to the CLI,
    /// where the id was typed) answered as 404: in a path, the id names the resource.
    static func resource<Value: Sendable>(
        _ field: String, hotline: Hotline, _ call: @escaping @Sendable (Hotline) throws -> Value
    ) async throws -> Value {
        do {
            return try await hotline.offloaded(call)
        } catch HotlineError.invalidField(field, let value, let problem, _) where problem.rendered(in: .en).hasPrefix("there is no such")
        {
            throw HTTPError(.notFound, message: "\(field) \(value): \(problem)")
        }
    }
}
