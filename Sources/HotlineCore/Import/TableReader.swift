import Foundation

/// Reads a list file (CSV or XLSX) into an `ImportedTable`.
public enum TableReader {
    /// Reads `path`. `encoding` forces a CSV's text encoding (else it is detected); `maps` maps
    /// header text (as written, compared case-insensitively after trimming) to a field, over
    /// the recognised headers. Throws `HotlineError` for a file that cannot be read as a list.
    public static func read(
        path: String, encoding: TableEncoding? = nil, maps: [String: RegistryField] = [:]
    ) throws -> ImportedTable {
        try read(path: path, encoding: encoding, maps: maps, limits: Limits())
    }

    /// What one import reads at most. A 10,000-row list is about 2 MB as CSV and 1 MB as XLSX
    /// (30 MB of sheet XML inflated at most), so these leave room tenfold and more while
    /// keeping a read well under the import's 200 MB.
    struct Limits {
        /// The file itself (CSV or XLSX).
        var fileBytes = 100_000_000
        /// What an XLSX's parts may inflate to together.
        var uncompressedBytes = 200_000_000
        /// Rows after the header.
        var rows = 100_000
    }

    static func read(
        path: String, encoding: TableEncoding?, maps: [String: RegistryField], limits: Limits
    ) throws(HotlineError) -> ImportedTable {
        let bytes = try fileBytes(path, limit: limits.fileBytes)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let sha256 = SHA256.hex(of: bytes)
        let grid: SheetGrid
        let format: String
        var textEncoding: String? = nil
        switch Kind(of: bytes) {
        case .zip:
            format = "xlsx"
            do {
                grid = try XLSXWorkbook.read(
                    URL(fileURLWithPath: path), bytes: bytes, maxUncompressedBytes: limits.uncompressedBytes,
                    maxRows: limits.rows)
            } catch let failure as XLSXFailure {
                throw invalid(path, failure.problem)
            } catch {
                throw invalid(path, "\(error)")
            }
        case .oleCompound:
            throw invalid(
                path,
                "it is an Excel 97-2003 workbook (.xls) or a password-protected one, which this reader "
                    + "does not open: save it as .xlsx without a password, or as CSV")
        case .text:
            format = "csv"
            do {
                let decoded = try CSVText.decode(bytes, forced: encoding)
                textEncoding = decoded.encoding
                grid = try CSVSheet.read(decoded.text, maxRows: limits.rows).grid
            } catch let failure as CSVText.Failure {
                throw invalid(path, failure.problem)
            } catch let failure as CSVSheet.Failure {
                throw invalid(path, failure.problem)
            } catch {
                throw invalid(path, "\(error)")
            }
        }

        guard let header = grid.rows.first else {
            throw invalid(path, bytes.isEmpty ? "the file is empty" : "it has no cells, only blank rows")
        }
        let headers = trimTrailingEmpty(header.cells.map(cellValue))
        let columns: [RegistryField: Int]
        do {
            columns = try ListHeaders.resolve(headers: headers, maps: maps)
        } catch let failure as ListHeaders.Failure {
            throw HotlineError.invalidField(
                field: "FILE", value: path, problem: failure.problem, accepted: failure.accepted)
        } catch {
            throw invalid(path, "\(error)")
        }
        guard grid.rows.count > 1 else {
            throw invalid(path, "it has a header row (row \(header.number)) but no rows of data")
        }
        let used = Set(columns.values)
        let rows = grid.rows.dropFirst().map { row in
            var values: [RegistryField: String] = [:]
            for (field, column) in columns where column < row.cells.count {
                let value = cellValue(row.cells[column])
                if !value.isEmpty { values[field] = value }
            }
            return ImportedRow(number: row.number, values: values)
        }
        return ImportedTable(
            fileName: fileName, sha256: sha256, format: format, encoding: textEncoding, headers: headers,
            columns: columns.mapValues { headers[$0] },
            ignoredHeaders: headers.indices.filter { !used.contains($0) && !headers[$0].isEmpty }.map { headers[$0] },
            rows: rows)
    }

    /// What a list file is, from its first bytes rather than its name: a ZIP archive (XLSX), an
    /// OLE compound file (.xls), or anything else, taken as CSV text.
    enum Kind {
        case zip, oleCompound, text

        init(of bytes: [UInt8]) {
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
                self = .zip
            } else if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                self = .oleCompound
            } else {
                self = .text
            }
        }
    }

    /// What every file error says is accepted.
    static let acceptedFiles: Message =
        "a CSV file (comma, semicolon or tab between cells; UTF-8, UTF-16 with a byte order mark, "
        + "or windows-1251; --encoding forces one) or an XLSX workbook (its first sheet), "
        + "with a header row above the data"

    private static func invalid(_ path: String, _ problem: Message) -> HotlineError {
        .invalidField(field: "FILE", value: path, problem: problem, accepted: acceptedFiles)
    }

    static func megabytes(_ bytes: Int) -> Int { bytes / 1_000_000 }

    /// The file's bytes, refusing a missing or unreadable file, a directory, and one over `limit`
    /// before reading it whole.
    private static func fileBytes(_ path: String, limit: Int) throws(HotlineError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HotlineError.invalidField(
                field: "FILE", value: path, problem: "no such file", accepted: "the path of a list file that exists")
        }
        guard !isDirectory.boolValue else {
            throw HotlineError.invalidField(
                field: "FILE", value: path, problem: "it is a directory", accepted: "the path of one list file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HotlineError.invalidField(
                field: "FILE", value: path, problem: "it cannot be opened for reading (permissions?)",
                accepted: "a list file this user may read")
        }
        defer { try? handle.close() }
        do {
            // One byte past the limit tells an oversized file (or an endless one, /dev/zero) apart.
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else {
                throw invalid(
                    path, "it is larger than \(megabytes(limit)) MB, the most one import reads: split the list")
            }
            return [UInt8](data)
        } catch let error as HotlineError {
            throw error
        } catch {
            throw HotlineError.invalidField(
                field: "FILE", value: path, problem: "it cannot be read (\(error.localizedDescription))",
                accepted: "a list file this user may read")
        }
    }

    private static func trimTrailingEmpty(_ cells: [String]) -> [String] {
        var cells = cells
        while cells.last?.isEmpty == true { cells.removeLast() }
        return cells
    }

    /// A cell as a row gives it: surrounding white space and line breaks trimmed, a line break
    /// inside always LF (Excel writes CR LF in CSV cells, LF in XLSX).
    static func cellValue(_ cell: String) -> String {
        var value = cell
        if value.unicodeScalars.contains("\r") {
            value = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
