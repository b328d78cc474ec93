import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, without its trip through NSString when there is
    /// nothing to trim, which is nearly always (it showed in bulk-load profiles).
    func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        if CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last) {
            return trimmingCharacters(in: .whitespaces)
        }
        return String(self)
    }
}
