import Foundation
import ZIPFoundation

/// An XLSX file's first sheet as a `SheetGrid`. The parts are found as the format defines
/// them, not by their usual names: `_rels/.rels` names the workbook, the workbook's own
/// relationships name its sheets, shared strings and styles, and the first sheet is the first
/// `<sheet>` of workbook.xml (the tab a person sees first), whatever its file is called.
enum XLSXWorkbook {
    /// Reads the ZIP archive at `url`, whose content is `bytes`. `maxUncompressedBytes` caps what the parts may inflate to
    /// together, counted as they inflate (a ZIP's declared sizes can lie), so a ZIP bomb stops
    /// there; `maxRows` caps the sheet.
    ///
    /// The archive is read from the file, not from the bytes already in memory: ZIPFoundation's
    /// in-memory archive traps on an offset past the end (found by TableReaderTests' damaged
    /// files), where a file read just comes up short and the entry is refused.
    static func read(
        _ url: URL, bytes: [UInt8], maxUncompressedBytes: Int, maxRows: Int
    ) throws(XLSXFailure) -> SheetGrid {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw XLSXFailure(problem: "it starts like a ZIP archive (as XLSX files do) but is cut short or damaged")
        }
        var parts = Parts(archive: archive, bytes: bytes, cap: maxUncompressedBytes, budget: maxUncompressedBytes)

        guard let rootRelationships = try parts.data("_rels/.rels") else {
            throw XLSXFailure(problem: try notAWorkbook(&parts))
        }
        let root = XLSXRelationships()
        try root.parse(rootRelationships, named: "_rels/.rels")
        guard let workbookPath = root.target(ofKind: "officeDocument").map({ resolve($0, from: "") }),
            let workbookData = try parts.data(workbookPath)
        else {
            throw XLSXFailure(problem: try notAWorkbook(&parts))
        }
        let workbook = XLSXWorkbookPart()
        try workbook.parse(workbookData, named: workbookPath)

        let relationshipsPath = relationshipsPath(of: workbookPath)
        let relationships = XLSXRelationships()
        if let data = try parts.data(relationshipsPath) {
            try relationships.parse(data, named: relationshipsPath)
        }
        guard let firstSheetID = workbook.sheetIDs.first,
            let sheetTarget = relationships.byID[firstSheetID]?.target
        else {
            throw XLSXFailure(problem: "its workbook names no sheet (\(workbookPath)): the file is damaged")
        }
        let sheetPath = resolve(sheetTarget, from: workbookPath)

        var sharedStrings: [String] = []
        if let target = relationships.target(ofKind: "sharedStrings") {
            let path = resolve(target, from: workbookPath)
            if let data = try parts.data(path) {
                let part = XLSXSharedStrings()
                try part.parse(data, named: path)
                sharedStrings = part.strings
            }
        }
        var dateStyles: [Bool] = []
        if let target = relationships.target(ofKind: "styles") {
            let path = resolve(target, from: workbookPath)
            if let data = try parts.data(path) {
                let part = XLSXStyles()
                try part.parse(data, named: path)
                dateStyles = part.dateStyles
            }
        }
        guard let sheetData = try parts.data(sheetPath) else {
            throw XLSXFailure(
                problem: "its first sheet (\(sheetPath)) is missing from the archive: the file is damaged")
        }
        let sheet = XLSXSheet(
            sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904: workbook.uses1904, maxRows: maxRows)
        try sheet.parse(sheetData, named: sheetPath)
        return sheet.grid
    }

    /// What a ZIP without a workbook is, for the message: an OpenDocument spreadsheet (.ods)
    /// says so in its `mimetype` entry.
    private static func notAWorkbook(_ parts: inout Parts) throws(XLSXFailure) -> Message {
        if let mimetype = try parts.data("mimetype"),
            String(decoding: mimetype, as: UTF8.self).contains("opendocument.spreadsheet")
        {
            return "it is an OpenDocument spreadsheet (.ods), not XLSX: save it as .xlsx or as CSV"
        }
        return "it is a ZIP archive but not an XLSX workbook (it has no xl/workbook.xml)"
    }

    /// Where the relationships of `part` are: `xl/workbook.xml` -> `xl/_rels/workbook.xml.rels`.
    static func relationshipsPath(of part: String) -> String {
        var components = part.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let name = components.popLast() ?? ""
        return (components + ["_rels", name + ".rels"]).joined(separator: "/")
    }

    /// A relationship's target as a path in the archive: absolute (`/xl/worksheets/sheet1.xml`)
    /// or relative to the folder of the part it belongs to, `..` resolved.
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring] = []
        if !target.hasPrefix("/") {
            components = source.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        }
        for component in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// The archive's entries read under one budget of inflated bytes, each checked against its CRC.
    ///
    /// ZIPFoundation lists the entries (central directory, sizes, CRC) and inflates, but its
    /// `Archive.extract` is not used: on a damaged file it loops for ever (its inflate loop
    /// stops only at the end of the deflate stream, and at the end of the file it is handed
    /// empty chunks), and it tells zlib that a short last chunk is a whole buffer. So each
    /// entry's compressed bytes are found here, bounded by the file, and fed to its inflater in
    /// whole buffers (the last padded with zeros) by a provider that throws when they run out.
    private struct Parts {
        let archive: Archive
        let bytes: [UInt8]
        let cap: Int
        var budget: Int

        mutating func data(_ path: String) throws(XLSXFailure) -> Data? {
            guard let entry = archive[path] ?? archive.first(where: { $0.path.lowercased() == path.lowercased() })
            else { return nil }
            guard Int(clamping: entry.uncompressedSize) <= budget else { throw overBudget() }
            guard let range = compressedBytes(of: entry) else { throw damaged(path) }
            var data = Data()
            var remaining = budget
            let checksum: CRC32
            if !entry.isCompressed {
                guard range.count <= remaining else { throw overBudget() }
                data = Data(bytes[range])
                remaining -= range.count
                checksum = data.crc32(checksum: 0)
            } else {
                let bufferSize = 65_536
                var position = range.lowerBound
                do {
                    checksum = try Data.decompress(
                        size: Int64(range.count), bufferSize: bufferSize, skipCRC32: false,
                        provider: { [bytes] _, _ in
                            guard position < range.upperBound else { throw InputExhausted() }
                            let end = min(position + bufferSize, range.upperBound)
                            var chunk = Data(bytes[position..<end])
                            chunk.append(Data(count: bufferSize - chunk.count))
                            position = end
                            return chunk
                        },
                        consumer: { chunk in
                            remaining -= chunk.count
                            guard remaining >= 0 else { throw BudgetExceeded() }
                            data.append(chunk)
                        })
                } catch is BudgetExceeded {
                    throw overBudget()
                } catch {
                    throw damaged(path)
                }
            }
            guard checksum == entry.checksum, data.count == Int(clamping: entry.uncompressedSize) else {
                throw XLSXFailure(problem: "its part \(path) fails its checksum: the file is damaged")
            }
            budget = remaining
            return data
        }

        /// Where `entry`'s compressed bytes lie: after its local header (found by its signature
        /// and name: ZIPFoundation keeps the header's offset to itself), within the file.
        private func compressedBytes(of entry: Entry) -> Range<Int>? {
            let name = Array(entry.path.utf8)
            let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
            var start = 0
            while start + 30 + name.count <= bytes.count {
                guard let found = bytes[start...].firstIndex(of: 0x50) else { return nil }
                start = found + 1
                guard found + 30 + name.count <= bytes.count,
                    bytes[found..<found + 4].elementsEqual(signature),
                    Int(bytes[found + 26]) | Int(bytes[found + 27]) << 8 == name.count,
                    bytes[found + 30..<found + 30 + name.count].elementsEqual(name)
                else { continue }
                let extra = Int(bytes[found + 28]) | Int(bytes[found + 29]) << 8
                let dataStart = found + 30 + name.count + extra
                let size = Int(clamping: entry.compressedSize)
                guard dataStart <= bytes.count, size <= bytes.count - dataStart else { return nil }
                return dataStart..<dataStart + size
            }
            return nil
        }

        private struct InputExhausted: Error {}

        private func damaged(_ path: String) -> XLSXFailure {
            XLSXFailure(problem: "its part \(path) cannot be inflated: the file is damaged")
        }

        private struct BudgetExceeded: Error {}

        private func overBudget() -> XLSXFailure {
            XLSXFailure(
                problem: "its parts inflate to more than \(TableReader.megabytes(cap)) MB, more than a list "
                    + "needs (a ZIP bomb, or a sheet far too large)")
        }
    }
}
