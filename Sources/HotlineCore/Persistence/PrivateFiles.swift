import Foundation

/// The files hotline creates (the database, backups, saved copies, the shell's history) hold
/// families' data: created 0600 by hotline itself, never through a symbolic link, and put in
/// place under their final name only once complete.
public enum PrivateFiles {
    /// Whether something is at `path`, a dangling symbolic link included (`fileExists` follows
    /// links, so it says no for a link to nowhere, where `open(O_CREAT)` would create the target).
    public static func somethingExists(at path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Whether `path` is a symbolic link (dangling or not).
    public static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    /// Refuses `path` when it is a symbolic link: creating through it would put the data where
    /// the link points (another user's folder, a shared one) with whatever mode the umask gives.
    static func refuseLink(_ path: String, field: String) throws(HotlineError) {
        guard isSymbolicLink(path) else { return }
        throw HotlineError.invalidField(
            field: field, value: path, problem: "it is a symbolic link, and hotline never writes through one",
            accepted: "the real path of the file (see `readlink -f`), in a folder only you can write")
    }

    /// Creates an empty file at `path` with mode 0600, failing if anything (a link included)
    /// is already there.
    static func createExclusively(_ path: String) throws(HotlineError) {
        if let reason = makePrivate(path, exclusively: true) {
            throw HotlineError.databaseUnavailable(path: path, reason: .verbatim(reason))
        }
    }

    /// Makes `path` a file only its owner can read (0600), in a folder only its owner can
    /// enter (0700, created if missing), keeping what is already in the file; a symbolic link
    /// there is refused. Returns whether the file is usable (the shell's history).
    public static func keepPrivate(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { makePrivateFolder(directory) }
        return !isSymbolicLink(path) && makePrivate(path, exclusively: false) == nil
    }

    /// Creates `directory` (and the folders above it) with mode 0700 if it is missing; whether
    /// it is there now.
    @discardableResult
    static func makePrivateFolder(_ directory: String) -> Bool {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory) { return true }
        return
            (try? manager.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
    }

    /// The one place a private file is made: opened without following a link (`O_NOFOLLOW`),
    /// created 0600 and set 0600 on the open descriptor too, whatever the umask or the mode an
    /// existing file had. `exclusively`: fail if anything is there. `nil` when done, else why not.
    private static func makePrivate(_ path: String, exclusively: Bool) -> String? {
        let flags = O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC | (exclusively ? O_EXCL : O_APPEND)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    /// A name beside `path` for a file being written, unique to this process and call:
    /// `PATH.incomplete-PID-RANDOM`. Left behind only by a killed process, and named so.
    static func temporaryName(beside path: String, purpose: String = "incomplete") -> String {
        "\(path).\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Gives the complete file at `temporary` its final name `path` without ever replacing a
    /// file there (a hard link fails if `path` exists), then removes the temporary name and
    /// syncs the folder, so the new name survives a power cut. Returns false if `path` was taken.
    static func moveIntoPlace(_ temporary: String, to path: String) throws(HotlineError) -> Bool {
        if link(temporary, path) != 0 {
            if errno == EEXIST { return false }
            throw HotlineError.databaseUnavailable(path: path, reason: .verbatim(String(cString: strerror(errno))))
        }
        unlink(temporary)
        syncFolder(of: path)
        return true
    }

    /// Removes a temporary file and the journals SQLite may have left beside it.
    static func removeTemporary(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// fsyncs the folder holding `path`, so a file created or renamed there survives a power cut.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// The size and modification time of the file at `path`, without following a link.
    static func sizeAndDate(_ path: String) -> (bytes: Int64, modified: Date)? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        let modified = Date(
            timeIntervalSince1970: Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9)
        return (Int64(status.st_size), modified)
    }
}
