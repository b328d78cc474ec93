import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh temporary directory for one mode's database and HOME; removed after a clean run,
/// kept (and named) after a failing one so the database can be inspected.
final class Workspace: Sendable {
    let path: String

    init(_ label: String) throws {
        var template = Array((NSTemporaryDirectory() + "/hotline-stress-\(label).XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SpawnError(description: "mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    }

    var database: String { path + "/hotline.sqlite" }

    func finish(keep: Bool, failed: Bool) {
        if keep || failed {
            say("  workspace kept: \(path)")
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
