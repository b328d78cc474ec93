import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, without its trip through NSString when there is
    /// nothing to trim, which is nearly always (it showed in bulk-load profiles).
    func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if Whitespace.contains(first) || Whitespace.contains(last) {
            return trimmingCharacters(in: .whitespaces)
        }
        return String(self)
    }
}

/// `CharacterSet.whitespaces` (tab and the space separators), asked without fetching the set:
/// `CharacterSet.whitespaces` builds a new value on every use (about 1,000 instructions), and a
/// start-up trims each of the 138 configured words and aliases twice.
enum Whitespace {
    static func contains(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : set.contains(scalar)
    }

    private static let set = CharacterSet.whitespaces
}
