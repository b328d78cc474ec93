import Foundation

/// A CSV file's bytes as text: the encoding found from a byte order mark, else UTF-8 when the
/// bytes are valid UTF-8, else windows-1251 when they look like Cyrillic in it (what
/// spreadsheet exports in the region produce); `--encoding` forces one.
enum CSVText {
    /// The decoded text (without its byte order mark) and the encoding's name as
    /// `ImportedTable.encoding` gives it.
    struct Decoded {
        let text: String
        let encoding: String
    }

    /// Why bytes could not be read as text; `TableReader` turns it into a `HotlineError`.
    struct Failure: Error {
        let problem: Message
    }

    static func decode(_ bytes: [UInt8], forced: TableEncoding?) throws(Failure) -> Decoded {
        switch forced {
        case .utf8:
            let body = bytes.starts(with: utf8BOM) ? bytes[3...] : bytes[...]
            return Decoded(text: try utf8(body), encoding: "utf-8")
        case .utf16:
            return try utf16(bytes)
        case .windows1251:
            return Decoded(text: windows1251(bytes[...]), encoding: "windows-1251")
        case nil:
            break
        }
        if bytes.starts(with: utf8BOM) {
            return Decoded(text: try utf8(bytes[3...]), encoding: "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try utf16(bytes)
        }
        if bytes.contains(0) {
            throw Failure(
                problem: "it holds NUL bytes: UTF-16 text without a byte order mark, or not a text file at all")
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, encoding: "utf-8")
        }
        if looksLikeWindows1251(bytes) {
            return Decoded(text: windows1251(bytes[...]), encoding: "windows-1251")
        }
        let offset = firstInvalidUTF8Offset(bytes[...]) ?? 0
        throw Failure(
            problem: "it is not UTF-8 (byte \(offset + 1), on line \(line(at: offset, in: bytes[...]))), "
                + "and its other bytes do not read as Cyrillic in windows-1251")
    }

    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func utf8(_ bytes: ArraySlice<UInt8>) throws(Failure) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let offset = firstInvalidUTF8Offset(bytes) ?? 0
        throw Failure(
            problem: "it is not valid UTF-8: byte \(offset + 1 + bytes.startIndex) (line "
                + "\(line(at: offset, in: bytes))) starts no UTF-8 character")
    }

    /// UTF-16 with its byte order mark; forced without one, the byte order is guessed from where
    /// the zero bytes of ASCII characters fall.
    private static func utf16(_ bytes: [UInt8]) throws(Failure) -> Decoded {
        var bigEndian: Bool
        var body = bytes[...]
        if bytes.starts(with: [0xFF, 0xFE]) {
            bigEndian = false
            body = bytes[2...]
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            bigEndian = true
            body = bytes[2...]
        } else {
            let evenZeros = stride(from: 0, to: bytes.count, by: 2).filter { bytes[$0] == 0 }.count
            let oddZeros = stride(from: 1, to: bytes.count, by: 2).filter { bytes[$0] == 0 }.count
            bigEndian = evenZeros > oddZeros
        }
        guard body.count % 2 == 0 else {
            throw Failure(problem: "it is UTF-16 with an odd number of bytes: the file is cut short")
        }
        var units = [UInt16]()
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index < body.endIndex {
            let first = UInt16(body[index])
            let second = UInt16(body[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw Failure(problem: "it is not valid UTF-16: it holds an unpaired surrogate")
        }
        return Decoded(text: text, encoding: bigEndian ? "utf-16be" : "utf-16le")
    }

    /// windows-1251 through Foundation's converter, which Linux's Foundation has (checked on
    /// every byte in CSVTextTests). Every byte maps to a character, so this cannot fail.
    static func windows1251(_ bytes: ArraySlice<UInt8>) -> String {
        String(data: Data(bytes), encoding: .windowsCP1251) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Bytes that are not UTF-8 look like windows-1251 when most of their bytes above 0x7F are
    /// its Cyrillic letters and none is 0x98, the one byte it leaves undefined. A Latin-1 or
    /// binary file fails this; KOI8-R text would pass (it uses the same range for letters) but
    /// nothing in the region exports it any more.
    static func looksLikeWindows1251(_ bytes: [UInt8]) -> Bool {
        var high = 0
        var letters = 0
        for byte in bytes where byte >= 0x80 {
            if byte == 0x98 { return false }
            high += 1
            if byte >= 0xC0 || cyrillicOutsideBlock.contains(byte) { letters += 1 }
        }
        return high > 0 && letters * 10 >= high * 8
    }

    /// Ё ё Є є І і Ї ї Ґ ґ Ў ў: letters of Russian, Ukrainian and Belarusian outside 0xC0...0xFF.
    private static let cyrillicOutsideBlock: Set<UInt8> = [
        0xA8, 0xB8, 0xAA, 0xBA, 0xB2, 0xB3, 0xAF, 0xBF, 0xA5, 0xB4, 0xA1, 0xA2,
    ]

    /// The offset (from the slice's start) of the first byte that starts no valid UTF-8 sequence.
    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func line(at offset: Int, in bytes: ArraySlice<UInt8>) -> Int {
        bytes.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
