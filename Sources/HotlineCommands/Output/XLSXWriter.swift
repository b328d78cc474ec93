import Foundation
import HotlineCore
import ZIPFoundation

/// Writes one sheet as an Excel workbook (Office Open XML): a bold header row, then the rows.
/// Text is kept as text (never run as a formula), numbers are numbers, and dates and times
/// are dates a spreadsheet can sort and filter, not strings.
enum XLSXWriter {
    /// One cell of a row.
    enum Cell: Equatable {
        case text(String)
        case number(Int)
        /// A calendar day, shown as the spreadsheet's date.
        case date(year: Int, month: Int, day: Int)
        /// A moment, written in UTC and shown `yyyy-mm-dd hh:mm:ss`.
        case time(Date)
        case empty
    }

    /// The workbook's bytes' parts, written into a new ZIP file at `url` (which must not exist).
    static func write(headers: [String], rows: [[Cell]], sheetName: String, to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts(headers: headers, rows: rows, sheetName: sheetName) {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
    }

    /// Style indexes in `styles.xml`'s cellXfs.
    private enum Style: Int {
        case plain = 0, header, date, time
    }

    static func parts(headers: [String], rows: [[Cell]], sheetName: String) -> [(String, String)] {
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006"
        let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var sheet = declaration + "<worksheet xmlns=\"\(main)\">"
        // The header row stays in view while scrolling.
        sheet +=
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
        sheet += "state=\"frozen\"/></sheetView></sheetViews><sheetData>"
        sheet += row(1, headers.map(Cell.text), style: .header)
        for (index, cells) in rows.enumerated() { sheet += row(index + 2, cells, style: .plain) }
        sheet += "</sheetData>"
        if !headers.isEmpty {
            sheet += "<autoFilter ref=\"A1:\(columnName(headers.count - 1))\(rows.count + 1)\"/>"
        }
        sheet += "</worksheet>"
        return [
            (
                "[Content_Types].xml",
                declaration + "<Types xmlns=\"\(package)/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentType).sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(contentType).worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(contentType).styles+xml\"/>"
                    + "</Types>"
            ),
            (
                "_rels/.rels",
                declaration + "<Relationships xmlns=\"\(package)/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationship)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>"
            ),
            (
                "xl/workbook.xml",
                declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationship)\"><sheets>"
                    + "<sheet name=\"\(escaped(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                    + (headers.isEmpty
                        ? ""
                        : "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">"
                            + "'\(escaped(sheetName).replacing("'", with: "''"))'!$A$1:$\(columnName(headers.count - 1))$\(rows.count + 1)"
                            + "</definedName></definedNames>")
                    + "</workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                declaration + "<Relationships xmlns=\"\(package)/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationship)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"\(relationship)/styles\" Target=\"styles.xml\"/>"
                    + "</Relationships>"
            ),
            (
                "xl/styles.xml",
                declaration + "<styleSheet xmlns=\"\(main)\">"
                    + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss\"/></numFmts>"
                    + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
                    + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
                    + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
                    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                    + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                    + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                    + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                    + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                    + "</styleSheet>"
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    }

    private static func row(_ number: Int, _ cells: [Cell], style: Style) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, cell) in cells.enumerated() {
            let reference = "\(columnName(column))\(number)"
            switch cell {
            case .empty:
                continue
            case .text(let text):
                let styled = style == .plain ? "" : " s=\"\(style.rawValue)\""
                xml += "<c r=\"\(reference)\"\(styled) t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                xml += escaped(text) + "</t></is></c>"
            case .number(let value):
                xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
            case .date(let year, let month, let day):
                xml += "<c r=\"\(reference)\" s=\"\(Style.date.rawValue)\"><v>\(serial(year, month, day))</v></c>"
            case .time(let date):
                // Days since 1899-12-30 (the 1900 date system), the time as the day's fraction.
                let serial = date.timeIntervalSince1970 / 86_400 + Double(serial(1970, 1, 1))
                xml += "<c r=\"\(reference)\" s=\"\(Style.time.rawValue)\"><v>\(serial)</v></c>"
            }
        }
        return xml + "</row>"
    }

    /// The spreadsheet's day number of a date: days since 1899-12-30.
    static func serial(_ year: Int, _ month: Int, _ day: Int) -> Int {
        CivilCalendar.days(fromCivil: year, month, day) - CivilCalendar.days(fromCivil: 1899, 12, 30)
    }

    /// `A`, `B`, … `Z`, `AA`: the column's letters.
    static func columnName(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// Text as XML character data: markup escaped, and the control characters XML 1.0 cannot
    /// hold at all dropped (a spreadsheet would refuse the whole file for one of them).
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
