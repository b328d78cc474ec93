import Foundation
import HotlineCore
import Hummingbird

/// `registry lists`, `registry list`, `registry show` and `registry import` over HTTP.
enum RegistryRoutes {
    /// The largest list file `POST /v1/registry/imports` takes (a 413 past it), instead of the
    /// 256 KB every other body gets: the reader takes at most 100,000 rows, about 20 MB as CSV
    /// (10 MB as XLSX), so 32 MB lets the biggest list through and nothing much bigger.
    static let maxListBytes = 32 * 1024 * 1024

    static func add(to group: RouterGroup<ServerContext>, hotline: Hotline) {
        group.get("registry/lists") { _, context in
            let reader = try context.signedIn()
            return try JSONCoding.response(["items": try await hotline.offloaded { try $0.registryLists(as: reader) }])
        }
        group.get("registry/records") { request, context in
            let query = request.uri.queryParameters
            let list = query["list"].map(String.init)
            let unmatched = try Routes.boolean(query["unmatched"], field: "unmatched")
            let limit = try Routes.integer(query["limit"], field: "limit", in: 1...Routes.maxPageSize) ?? 100
            let reader = try context.signedIn()
            let records = try await hotline.offloaded {
                try $0.registryRecords(list: list, unmatched: unmatched, limit: limit, as: reader)
            }
            return try JSONCoding.response(["items": records])
        }
        group.get("registry/records/{id}") { _, context in
            let id = try PathIdentifiers.id(context, field: "record")
            let reader = try context.signedIn()
            return try JSONCoding.response(
                try await PathIdentifiers.resource("record", hotline: hotline) { try $0.registryRecord(id, as: reader) }
            )
        }
        group.post("registry/imports") { request, context in
            let query = request.uri.queryParameters
            let actor = try context.signedIn()
            guard let list = query["list"], let received = query["received"] else {
                throw HotlineError.invalidField(
                    field: query["list"] == nil ? "list" : "received", value: "", problem: "it is missing",
                    accepted: "?list=NAME&received=DATE (DD.MM.YYYY, YYYY-MM-DD or YYYY) in the query")
            }
            let options = RegistryImportOptions(
                list: String(list), received: String(received), originator: query["originator"].map(String.init),
                kind: query["kind"].map(String.init), says: query["says"].map(String.init),
                tellable: try Routes.boolean(query["tellable"], field: "tellable"),
                check: try Routes.boolean(query["check"], field: "check"),
                skipInvalid: try Routes.boolean(query["skipInvalid"], field: "skipInvalid"))
            let encoding = try query["encoding"].map { name in
                guard let encoding = TableEncoding(rawValue: name.lowercased()) else {
                    throw HotlineError.invalidField(
                        field: "encoding", value: String(name), problem: "it is not an encoding lists are read in",
                        accepted: .verbatim(TableEncoding.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                return encoding
            }
            let bytes = try await request.body.collect(upTo: maxListBytes)
            let upload = try ListUpload(bytes: Data(bytes.readableBytesView), name: query["file"].map(String.init))
            defer { upload.remove() }
            let path = upload.path
            let report = try await hotline.offloaded { hotline in
                let table = try TableReader.read(path: path, encoding: encoding)
                return try hotline.importRegistryList(table, options: options, by: actor)
            }
            return try JSONCoding.response(report, status: report.written ? .created : .ok)
        }
    }
}

/// The list file of one import, written where `TableReader` reads files: a folder of its own,
/// readable by this user only, removed when the import is done.
struct ListUpload {
    let folder: URL
    let path: String

    init(bytes: Data, name: String?) throws {
        // The name the client gave, for the report, only when it is a plain file name: never a
        // path, a dot name or one the file system would refuse ("list" otherwise).
        let fileName = name.flatMap { name in
            name.isEmpty || name.utf8.count > 200 || name == "." || name == ".."
                || name.contains(where: { $0 == "/" || $0 == "\0" }) ? nil : name
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-import-\(UUID())")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        path = folder.appendingPathComponent(fileName ?? "list").path
        guard FileManager.default.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600])
        else {
            throw HotlineError.databaseFailure("the uploaded list could not be written to \(folder.path)")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
