import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The XML parts of an XLSX workbook that a list needs, each read by a SAX parser (Foundation's
/// `XMLParser`, libxml2 on Linux) so that a large sheet is never held as a tree. Element and
/// attribute names are compared without their namespace prefix: Excel writes `<c>`, files from
/// .NET's Open XML SDK write `<x:c>`.
class XLSXPart: NSObject, XMLParserDelegate {
    /// Set by a subclass to stop the parse with its own reason.
    var failure: Message?

    func parse(_ data: Data, named name: String) throws(XLSXFailure) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        let finished = parser.parse()
        if let failure { throw XLSXFailure(problem: failure) }
        guard finished else {
            let reason = parser.parserError.map { " (\(($0 as NSError).code))" } ?? ""
            throw XLSXFailure(problem: "its part \(name) is not well-formed XML\(reason): the file is damaged")
        }
    }

    func stop(_ parser: XMLParser, because reason: Message) {
        if failure == nil { failure = reason }
        parser.abortParsing()
    }

    // The three events the parts use, overridden below. They are implemented here, not only in
    // the subclasses: on Linux the delegate protocol's optional methods are defaults in a
    // protocol extension, so a method that only a subclass declares is never called.
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {}

    static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }

    static func attribute(_ local: String, in attributes: [String: String]) -> String? {
        if let value = attributes[local] { return value }
        return attributes.first { localName($0.key) == local }?.value
    }
}

/// Why a workbook could not be read; `TableReader` turns it into a `HotlineError`.
struct XLSXFailure: Error {
    let problem: Message
}

/// A `.rels` part: relationship id -> (type, target as written).
final class XLSXRelationships: XLSXPart {
    struct Relationship {
        let type: String
        let target: String
    }

    private(set) var byID: [String: Relationship] = [:]

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        guard Self.localName(elementName) == "Relationship", let id = attributes["Id"],
            let target = attributes["Target"]
        else { return }
        byID[id] = Relationship(type: attributes["Type"] ?? "", target: target)
    }

    /// The target of the first relationship whose type ends in `/kind` (`officeDocument`,
    /// `sharedStrings`, `styles`): transitional and strict OOXML differ only before that.
    func target(ofKind kind: String) -> String? {
        byID.values.filter { $0.type.hasSuffix("/" + kind) }.map(\.target).sorted().first
    }
}

/// `xl/workbook.xml`: the sheets in the order the workbook shows them, and its date system.
final class XLSXWorkbookPart: XLSXPart {
    /// The relationship ids of the sheets, in workbook order.
    private(set) var sheetIDs: [String] = []
    private(set) var uses1904 = false

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch Self.localName(elementName) {
        case "workbookPr":
            let flag = attributes["date1904"]?.lowercased()
            uses1904 = flag == "1" || flag == "true"
        case "sheet":
            if let id = Self.attribute("id", in: attributes) { sheetIDs.append(id) }
        default:
            break
        }
    }
}

/// `xl/sharedStrings.xml`: each `<si>` is one string, either one `<t>` or rich-text runs
/// (`<r><t>`) to be joined; phonetic guides (`<rPh>`) are not part of the text.
final class XLSXSharedStrings: XLSXPart {
    private(set) var strings: [String] = []
    private var text = ""
    private var inText = false
    private var inPhonetic = false

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch Self.localName(elementName) {
        case "si": text = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text += string }
    }

    override func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        switch Self.localName(elementName) {
        case "si": strings.append(SpreadsheetValues.unescape(text))
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// `xl/styles.xml`: for each cell format (`<cellXfs>`, indexed by a cell's `s`), whether its
/// number format shows a date.
final class XLSXStyles: XLSXPart {
    private(set) var dateStyles: [Bool] = []
    private var customFormats: [Int: String] = [:]
    private var inCellFormats = false

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch Self.localName(elementName) {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }) { customFormats[id] = attributes["formatCode"] }
        case "cellXfs":
            inCellFormats = true
        case "xf" where inCellFormats:
            let id = attributes["numFmtId"].flatMap { Int($0) } ?? 0
            dateStyles.append(SpreadsheetValues.isDateFormat(id: id, code: customFormats[id]))
        default:
            break
        }
    }

    override func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        if Self.localName(elementName) == "cellXfs" { inCellFormats = false }
    }
}

/// A worksheet's `<sheetData>` into a `SheetGrid`. A row's number and a cell's column come from
/// their `r` references (`<row r="5">`, `<c r="C5">`), not their positions: writers leave out
/// empty rows and cells. Once the header (the first non-blank row) is read, cells right of it
/// are dropped, so a hostile sheet with a cell in column XFD of every row costs nothing.
final class XLSXSheet: XLSXPart {
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let uses1904: Bool
    private let maxRows: Int
    private(set) var grid = SheetGrid()

    private var rowNumber = 0
    private var rowsSeen = 0
    private var cells: [Int: String] = [:]
    private var width = XLSXSheet.maxColumns

    private var column = -1
    private var type: String?
    private var style = 0
    private var value = ""
    private var inlineText = ""
    private var inValue = false
    private var inInlineText = false
    private var inPhonetic = false

    /// XFD, the last column a spreadsheet has.
    static let maxColumns = 16_384

    init(sharedStrings: [String], dateStyles: [Bool], uses1904: Bool, maxRows: Int) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.uses1904 = uses1904
        self.maxRows = maxRows
    }

    override func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch Self.localName(elementName) {
        case "row":
            rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            rowsSeen += 1
            if rowsSeen > maxRows + 1 {
                stop(parser, because: "its first sheet has more than \(maxRows) rows, the most one import reads")
            }
            cells = [:]
            column = -1
        case "c":
            if let reference = attributes["r"] {
                guard let parsed = Self.columnIndex(reference) else {
                    return stop(parser, because: "row \(rowNumber) has a cell with a bad reference '\(reference)'")
                }
                column = parsed
            } else {
                column += 1
            }
            type = attributes["t"]
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inlineText = ""
        case "v":
            inValue = true
        case "t":
            inInlineText = !inPhonetic
        case "rPh":
            inPhonetic = true
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue {
            value += string
        } else if inInlineText {
            inlineText += string
        }
    }

    override func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        switch Self.localName(elementName) {
        case "v":
            inValue = false
        case "t":
            inInlineText = false
        case "rPh":
            inPhonetic = false
        case "c":
            guard column < width else { return }
            switch cellText() {
            case .success(let text): if !text.isEmpty { cells[column] = text }
            case .failure(let failure): stop(parser, because: failure.problem)
            }
        case "row":
            guard let last = cells.keys.max() else { return }
            var row = [String](repeating: "", count: last + 1)
            for (index, text) in cells { row[index] = text }
            let before = grid.rows.count
            grid.append(number: rowNumber, cells: row)
            if before == 0 && grid.rows.count == 1 { width = last + 1 }
        default:
            break
        }
    }

    private func cellText() -> Result<String, XLSXFailure> {
        switch type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                return .failure(
                    XLSXFailure(
                        problem: "cell \(SheetGrid.columnName(column))\(rowNumber) names shared string "
                            + "'\(value)', which the workbook does not have: the file is damaged"))
            }
            return .success(sharedStrings[index])
        case "inlineStr":
            return .success(SpreadsheetValues.unescape(inlineText))
        case "str", "e":
            return .success(SpreadsheetValues.unescape(value))
        case "b":
            return .success(value.isEmpty ? "" : value == "1" ? "TRUE" : "FALSE")
        case "d":
            // An ISO 8601 date-time (`t="d"`, written by openpyxl's iso_dates and strict OOXML).
            return .success(String(value.prefix(10)))
        default:
            guard !value.isEmpty else { return .success("") }
            if dateStyles.indices.contains(style), dateStyles[style], let serial = Double(value),
                let date = SpreadsheetValues.date(serial: serial, uses1904: uses1904)
            {
                return .success(date)
            }
            return .success(SpreadsheetValues.number(value))
        }
    }

    /// The zero-based column of a reference such as `C5` or `$AA$12`; nil if it is not one.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 0x24 where letters == 0: continue  // $
            case 0x41...0x5A: index = index * 26 + Int(scalar.value - 0x40)
            case 0x61...0x7A: index = index * 26 + Int(scalar.value - 0x60)
            default:
                guard letters > 0 else { return nil }
                return index <= maxColumns ? index - 1 : nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 && index <= maxColumns ? index - 1 : nil
    }
}
