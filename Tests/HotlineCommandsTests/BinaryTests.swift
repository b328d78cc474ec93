import Foundation
import HotlineTesting
import Testing

/// The built `hotline` binary, run as an operator would run it.
struct BinaryTests {
    /// The `hotline` executable in the build folder that holds the test bundle.
    static var binary: URL {
        let folder = Bundle.main.bundleURL
        let candidates = [folder, folder.deletingLastPathComponent()].map {
            $0.appendingPathComponent("hotline")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates[0]
    }

    @Test func demoRunsTheThreeJobsOnAFreshDatabase() throws {
        let directory = TestFiles.directory("bin")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("demo.sqlite").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["demo", "--db", db]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.contains("$ hotline case list --open --region"))
        #expect(output.contains("captured"))
        let attributes = try FileManager.default.attributesOfItem(atPath: db)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func errorsGoToStandardErrorWithANonZeroExit() throws {
        let process = Process()
        process.executableURL = Self.binary
        let directory = TestFiles.directory("bin")
        process.arguments = [
            "case", "show", "0000-0001", "--db", directory.appendingPathComponent("x.sqlite").path,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.hasPrefix("hotline: invalid case reference"))
        #expect(out.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
