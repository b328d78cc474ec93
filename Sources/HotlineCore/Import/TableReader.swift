import Foundation

/// Reads a list file (CSV or XLSX) into an `ImportedTable`.
public enum TableReader {
    /// Reads `path`. `encoding` forces a CSV's text encoding (else it is detected); `maps` maps
    /// header text (as written, compared case-insensitively after trimming) to a field, over
    /// the recognised headers. Throws `HotlineError` for a file that cannot be read as a list.
    public static func read(
        path: String, encoding: TableEncoding? = nil, maps: [String: RegistryField] = [:]
    ) throws -> ImportedTable {
        // Placeholder until the reader lands (issue 12): the registry is built against this API.
        throw HotlineError.invalidField(
            field: "FILE", value: path, problem: "list import is not built yet", accepted: "nothing yet")
    }
}
