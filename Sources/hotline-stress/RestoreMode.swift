import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `restore` part of `hotline-stress all`: `db restore` while writers log inquiries (every
/// acknowledged inquiry must be in the restored database or in the copy the restore saved),
/// backups and restores killed at random (no partial file under a real name, the database
/// whole), and symbolic links where hotline would create a file (refused, nothing created).
enum RestoreMode {
    static func run(executable: String, long: Bool, seed: UInt64?, keep: Bool) throws -> ModeReport {
        let tally = Tally("restore")
        let workspace = try Workspace("restore")
        let hotline = Hotline(executable: executable, home: workspace.path)
        let db = workspace.database
        let cases = long ? 30_000 : 300
        let writers = 6
        let inquiries = long ? 200 : 40
        let kills = long ? 100 : 12
        let seed = seed ?? UInt64.random(in: 0...UInt64.max)
        var random = SeededGenerator(seed: seed)
        say("restore: \(writers) writers x \(inquiries) during 2 restores of a \(cases)-case database (--seed \(seed))")

        // A database of `cases` cases, seeded through the shell in blocks (one commit per block);
        // long notes give the short mode's few cases some weight, so a restore takes a while.
        let began = Date()
        let note = String(repeating: "Seeded note. ", count: 250)
        let seedScript = stride(from: 0, to: cases, by: 500).map { start in
            "begin\n"
                + (start..<min(cases, start + 500)).map {
                    "inquiry log --new-case --person 'Seeded Person \($0)' --region RU-KRS --inquirer 'Seed \($0)'"
                        + " --relationship mother --channel phone --note '\(note)'\n"
                }.joined() + "commit\n"
        }.joined()
        let seeded = hotline.run(["shell", "--db", db, "--as", "stress"], stdin: Array(seedScript.utf8), timeout: 900)
        tally.check(seeded.exitCode == 0, "seeding \(cases) cases: \(seeded.summary())")
        let backup = workspace.path + "/backup.sqlite"
        let backedUp = hotline.run(["db", "backup", backup, "--db", db, "--as", "stress"])
        tally.check(backedUp.exitCode == 0, "db backup: \(backedUp.summary())")
        let seedTime = Date().timeIntervalSince(began)

        // Writers log inquiries while two restores run.
        let specs = (1...writers).map { writer in
            let script = (1...inquiries).map {
                "inquiry log --new-case --person 'Restore Writer \(writer) Person \($0)' --region RU-KRS"
                    + " --inquirer 'Restore Inquirer' --relationship mother --channel phone\n"
            }.joined()
            return hotline.spec(
                ["shell", "--db", db, "--as", "writer\(writer)"], stdin: Array(script.utf8), timeout: 600)
        }
        let restoreSpec = hotline.spec(["db", "restore", backup, "--db", db, "--as", "stress"], timeout: 600)
        let results = ResultBox(count: writers + 2)
        let writeStart = Date()
        let children = specs.compactMap { try? Child.spawn($0) }
        tally.check(children.count == writers, "could not start every writer")
        onThreads(children.count + 2) { index in
            if index < children.count {
                results.set(index, children[index].supervise())
            } else {
                // The restores start once the writers are under way, a moment apart.
                Thread.sleep(forTimeInterval: index == children.count ? 0.3 : 0.9)
                results.set(index, Child.run(restoreSpec))
            }
        }
        let writeTime = Date().timeIntervalSince(writeStart)

        var acknowledged: Set<String> = []
        var saved: [String] = [db]
        for (index, result) in results.all.enumerated() {
            let name = index < writers ? "writer\(index + 1)" : "restore \(index - writers + 1)"
            tally.check(!result.crashed, "\(name) crashed: \(result.summary())")
            tally.check(result.exitCode == 0, "\(name) did not exit 0: \(result.summary())")
            tally.check(
                !result.err.lowercased().contains("busy") && !result.err.lowercased().contains("locked"),
                "\(name) hit a busy database: \(result.summary())")
            for line in result.out.split(separator: "\n") {
                if line.hasPrefix("Inquiry "), let range = line.range(of: "opened case ") {
                    acknowledged.insert(String(line[range.upperBound...].prefix(9)))
                } else if let range = line.range(of: "the previous content is in ") {
                    saved.append(String(line[range.upperBound...].dropLast()))  // the closing period
                }
            }
        }
        tally.check(saved.count == 3, "the two restores did not both name their saved copy")
        var found: Set<String> = []
        for path in saved {
            do {
                found.formUnion(try hotline.cases(db: path).map(\.ref))
            } catch {
                tally.fail("reading \(path): \(error)")
            }
        }
        let lost = acknowledged.subtracting(found)
        tally.check(
            lost.isEmpty,
            "\(lost.count) of \(acknowledged.count) acknowledged inquiries are in neither the restored database "
                + "nor a saved copy: \(lost.sorted().prefix(5))")
        let check = hotline.run(["db", "check", "--db", db, "--as", "stress"], timeout: 600)
        tally.check(check.exitCode == 0, "db check after the restores: \(check.summary())")

        let (killed, killedSeconds) = killBackupsAndRestores(
            hotline: hotline, workspace: workspace, backup: backup, count: kills, random: &random, tally: tally)
        let links = symbolicLinks(hotline: hotline, workspace: workspace, tally: tally)

        let report = ModeReport(
            tally,
            figures: [
                "\(acknowledged.count) inquiries acknowledged during 2 restores, \(lost.count) lost "
                    + "(seeded \(cases) cases in \(seconds(seedTime)), writers and restores \(seconds(writeTime)))",
                "\(killed) backups and restores killed at random in \(seconds(killedSeconds)): "
                    + "no partial file under a real name, database checked clean",
                "\(links) symbolic links refused with nothing created where they point",
            ])
        report.print()
        workspace.finish(keep: keep, failed: tally.failed > 0)
        return report
    }

    /// Kills `db backup` and `db restore` at random moments. A backup's target is then absent or
    /// a complete database; the live database passes `db check`; every saved copy `db backups`
    /// lists as the content before a restore is complete.
    static func killBackupsAndRestores(
        hotline: Hotline, workspace: Workspace, backup: String, count: Int, random: inout SeededGenerator,
        tally: Tally
    ) -> (Int, Double) {
        let db = workspace.database
        let began = Date()
        var killed = 0
        for iteration in 0..<count {
            let isBackup = iteration % 2 == 0
            let target = workspace.path + "/killed-\(iteration).sqlite"
            var spec = hotline.spec(
                isBackup
                    ? ["db", "backup", target, "--db", db, "--as", "stress"]
                    : ["db", "restore", backup, "--db", db, "--as", "stress"])
            spec.killAfter = Double(Int.random(in: 0...150, using: &random)) / 1000
            let result = Child.run(spec)
            if case .signaled = result.ending, result.killedByUs { killed += 1 }
            tally.check(!result.crashed || result.killedByUs, "kill \(iteration): crashed: \(result.summary())")
            if isBackup && FileManager.default.fileExists(atPath: target) {
                let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
                tally.check(size > 0, "kill \(iteration): an empty file under the backup's name")
                let complete = hotline.run(["db", "check", "--db", target, "--as", "stress"])
                tally.check(
                    complete.exitCode == 0, "kill \(iteration): a partial backup under its name: \(complete.summary())")
            }
            tally.check(
                !FileManager.default.fileExists(atPath: target + "-journal"),
                "kill \(iteration): a journal beside the backup's name")
        }
        let check = hotline.run(["db", "check", "--db", db, "--as", "stress"], timeout: 600)
        tally.check(check.exitCode == 0, "db check after killed restores: \(check.summary())")
        let listed = hotline.run(["db", "backups", "--db", db, "--as", "stress", "--format", "json"])
        tally.check(listed.exitCode == 0, "db backups: \(listed.summary())")
        struct Listed: Decodable {
            let path: String
            let note: String
        }
        let copies = (try? JSONDecoder().decode([Listed].self, from: Data(listed.stdout))) ?? []
        for copy in copies where copy.note == "the content before a restore" {
            let check = hotline.run(["db", "check", "--db", copy.path, "--as", "stress"])
            tally.check(check.exitCode == 0, "saved copy \(copy.path) is not whole: \(check.summary())")
        }
        return (killed, Date().timeIntervalSince(began))
    }

    /// A dangling symbolic link as the database, beside it (-wal) and as a backup's path, with
    /// a umask that would make new files world-readable: each refused, nothing at the target.
    static func symbolicLinks(hotline: Hotline, workspace: Workspace, tally: Tally) -> Int {
        let exposed = workspace.path + "/pub"
        try? FileManager.default.createDirectory(atPath: exposed, withIntermediateDirectories: true)
        let saved = umask(0o022)
        defer { umask(saved) }
        var refused = 0
        let cases: [(String, [String])] = [
            ("database", ["case", "list", "--db", workspace.path + "/linked.sqlite", "--as", "stress"]),
            (
                "backup",
                [
                    "db", "backup", workspace.path + "/linked-backup.sqlite", "--db", workspace.database, "--as",
                    "stress",
                ]
            ),
            ("-wal", ["case", "list", "--db", workspace.path + "/walled.sqlite", "--as", "stress"]),
        ]
        for (index, (label, arguments)) in cases.enumerated() {
            if label == "-wal" {
                _ = hotline.run(["db", "version", "--db", workspace.path + "/walled.sqlite"])
                unlink(workspace.path + "/walled.sqlite-wal")
            }
            let link = label == "-wal" ? workspace.path + "/walled.sqlite-wal" : arguments[label == "backup" ? 2 : 3]
            try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: exposed + "/leak-\(index)")
            let result = hotline.run(arguments)
            let ok = result.exitCode != 0 && result.err.contains("symbolic link")
            tally.check(ok, "a symbolic link as the \(label) was not refused: \(result.summary())")
            let created = (try? FileManager.default.contentsOfDirectory(atPath: exposed)) ?? []
            tally.check(created.isEmpty, "a symbolic link as the \(label) created \(created) where it points")
            if ok && created.isEmpty { refused += 1 }
        }
        return refused
    }
}
