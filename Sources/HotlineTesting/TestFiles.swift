import Foundation

/// Every test's files under one directory per test process, removed when the process exits: a
/// run of the suite used to leave about 3,500 directories in /tmp (2.1 GB after a day's runs).
/// (Not a deinit: Swift may end an object's life after its last use, before the test is done.)
public enum TestFiles {
    public static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hotline-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestFiles.root) }
        return root
    }()

    /// A new directory's address under `root` (not yet made).
    public static func directory(_ prefix: String) -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }
}
