import Foundation
import HotlineCore

/// What one seeding run wrote, and how fast.
struct SeedResult: Sendable {
    let path: String
    let cases: Int
    let inquiries: Int
    let statusChanges: Int
    let seconds: Double
    let fileBytes: Int64

    var casesPerSecond: Double { Double(cases) / seconds }
    var inquiriesPerSecond: Double { Double(inquiries) / seconds }
    var operationsPerSecond: Double { Double(inquiries + statusChanges) / seconds }

    var table: Table {
        var table = Table(
            title: "Seeding \(path) through Hotline.bulk",
            columns: [
                "cases", "inquiries", "status changes", "seconds", "cases/s", "inquiries/s", "operations/s", "file",
            ])
        table.add([
            Format.count(cases), Format.count(inquiries), Format.count(statusChanges), Format.fixed(seconds, 1),
            Format.count(Int(casesPerSecond)), Format.count(Int(inquiriesPerSecond)),
            Format.count(Int(operationsPerSecond)), Format.megabytes(fileBytes),
        ])
        return table
    }
}

/// Seeds a database through the service layer's bulk path: the same validation, folding and
/// search index as single commands. Follow-up inquiries and status changes of all cases are
/// interleaved in time order (a min-heap of each open case's next step), as a real hotline
/// receives them, so rows land in the file in the order of their times.
enum Seeder {
    static func seed(
        path: String, cases total: Int, seed: UInt64, batchSize: Int = 10_000, replace: Bool,
        progress: Bool = isatty(1) != 0, quiet: Bool = false
    ) throws -> SeedResult {
        precondition(total > 0)
        if FileManager.default.fileExists(atPath: path) {
            guard replace else {
                throw BenchError("\(path) exists; pass --replace to seed a fresh database there")
            }
            removeDatabase(path)
        }
        let hotline = try Hotline.open(path: path, rules: .shipped)
        let generator = LoadGenerator(seed: seed, rules: hotline.rules)
        let operatorName = try OperatorName("bench")
        let bar = ProgressBar(total: total, unit: "cases", enabled: progress && !quiet)

        var heap = StepHeap()
        var active: [Int: ActiveCase] = [:]
        var inquiries = 0
        var statusChanges = 0
        var opened = 0
        let clock = Stopwatch()
        try hotline.bulk(by: operatorName, batchSize: batchSize) { writer in
            while opened < total || !heap.isEmpty {
                let openTime = opened < total ? generator.openTime(opened, of: total) : .infinity
                if let next = heap.first, next.time < openTime {
                    heap.removeFirst()
                    let item = active[next.index]!  // every queued step has its case
                    let step = item.plan.steps[item.next]
                    let stepId = UInt64(next.index) &* 16 &+ UInt64(item.next + 1)
                    switch step.kind {
                    case .inquiry:
                        let (draft, inquirer) = generator.followUpDraft(
                            item.person, ref: item.ref, previous: item.inquirer, step: stepId)
                        try writer.log(draft, at: Date(timeIntervalSince1970: step.time))
                        item.inquirer = inquirer
                        inquiries += 1
                    case .status(let status):
                        let draft = generator.statusDraft(ref: item.ref, status: status, at: step.time, step: stepId)
                        try writer.changeStatus(draft, at: Date(timeIntervalSince1970: step.time))
                        statusChanges += 1
                    }
                    item.next += 1
                    if item.next < item.plan.steps.count {
                        heap.insert(time: item.plan.steps[item.next].time, index: next.index)
                    } else {
                        active[next.index] = nil
                    }
                } else {
                    let person = generator.person(opened)
                    let plan = generator.plan(opened, of: total)
                    let (draft, inquirer) = generator.openingDraft(person, step: UInt64(opened) &* 16)
                    let logged = try writer.log(draft, at: Date(timeIntervalSince1970: plan.openTime))
                    inquiries += 1
                    if !plan.steps.isEmpty {
                        active[opened] = ActiveCase(person: person, plan: plan, ref: logged.ref, inquirer: inquirer)
                        heap.insert(time: plan.steps[0].time, index: opened)
                    }
                    opened += 1
                    if opened & 255 == 0 { bar.update(opened) }
                }
            }
        }
        let seconds = clock.seconds
        bar.finish(total)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        let wal =
            (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value ?? 0
        return SeedResult(
            path: path, cases: total, inquiries: inquiries, statusChanges: statusChanges, seconds: seconds,
            fileBytes: size + wal)
    }

    /// Deletes a database file and its WAL and shared-memory files.
    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A case with steps still to come while seeding.
private final class ActiveCase {
    let person: GeneratedPerson
    let plan: CasePlan
    let ref: String
    var inquirer: GeneratedInquirer
    var next = 0

    init(person: GeneratedPerson, plan: CasePlan, ref: String, inquirer: GeneratedInquirer) {
        self.person = person
        self.plan = plan
        self.ref = ref
        self.inquirer = inquirer
    }
}

/// A binary min-heap of (time, case index): the next step of every case that has one.
private struct StepHeap {
    struct Entry {
        let time: Double
        let index: Int
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var first: Entry? { entries.first }

    private static func less(_ a: Entry, _ b: Entry) -> Bool { (a.time, a.index) < (b.time, b.index) }

    mutating func insert(time: Double, index: Int) {
        entries.append(Entry(time: time, index: index))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() {
        let last = entries.removeLast()
        guard !entries.isEmpty else { return }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count, Self.less(entries[left], entries[smallest]) { smallest = left }
            if right < entries.count, Self.less(entries[right], entries[smallest]) { smallest = right }
            guard smallest != parent else { return }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// A one-line progress bar, redrawn at most five times a second, only on a terminal.
final class ProgressBar {
    let total: Int
    let unit: String
    let enabled: Bool
    private let clock = Stopwatch()
    private var lastDraw = -1.0

    init(total: Int, unit: String, enabled: Bool) {
        self.total = total
        self.unit = unit
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let elapsed = clock.seconds
        guard elapsed - lastDraw >= 0.2 else { return }
        lastDraw = elapsed
        draw(done, elapsed: elapsed)
    }

    func finish(_ done: Int) {
        guard enabled else { return }
        draw(done, elapsed: clock.seconds)
        Output.write("\n")
    }

    private func draw(_ done: Int, elapsed: Double) {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        Output.write(
            "\r[\(bar)] \(Format.fixed(fraction * 100, 1))%  \(Format.count(done))/\(Format.count(total)) \(unit)  "
                + "\(Format.count(Int(rate))) \(unit)/s  ETA \(Format.duration(remaining))   ")
    }
}
