/// A status of the configured lifecycle. Only a `Lifecycle` makes one, so a status in the
/// core is always one the lifecycle knows.
public struct CaseStatus: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let isOpen: Bool
    public var description: String { name }
}

/// The case lifecycle: which statuses exist, which are open, and which moves are allowed.
/// Any open status may move to any other status; a closed case may only be reopened to one of
/// `reopenTo`. Shipped in Config/hotline.json; another hotline can edit it.
public struct Lifecycle: Sendable {
    public let initial: CaseStatus
    /// Every status, open ones first, in configured order.
    public let statuses: [CaseStatus]
    private let reopenTo: [CaseStatus]

    public var openStatuses: [CaseStatus] { statuses.filter(\.isOpen) }

    public init(initial: String, open: [String], closed: [String], reopenTo: [String])
        throws(HotlineError)
    {
        let all = open + closed
        guard !open.isEmpty else { throw .configuration("lifecycle.open lists no status") }
        guard Set(all).count == all.count else {
            throw .configuration(
                "lifecycle: a status is listed twice in lifecycle.open and lifecycle.closed")
        }
        if let bad = all.first(where: {
            $0.isEmpty || $0.contains(where: { $0.isWhitespace || $0.isUppercase })
        }) {
            throw .configuration("lifecycle: status '\(bad)' must be one lower-case word")
        }
        guard open.contains(initial) else {
            throw .configuration(
                "lifecycle.initial '\(initial)' must be one of lifecycle.open: \(open.joined(separator: ", "))"
            )
        }
        if let bad = reopenTo.first(where: { !all.contains($0) }) {
            throw .configuration(
                "lifecycle.reopenTo '\(bad)' is not a status: \(all.joined(separator: ", "))")
        }
        statuses =
            open.map { CaseStatus(name: $0, isOpen: true) }
            + closed.map { CaseStatus(name: $0, isOpen: false) }
        self.initial = CaseStatus(name: initial, isOpen: true)
        self.reopenTo = statuses.filter { reopenTo.contains($0.name) }
    }

    /// The status called `name`; throws naming every status when there is none.
    public func status(named name: String, field: String = "status") throws(HotlineError)
        -> CaseStatus
    {
        let wanted = name.lowercased()
        guard let status = statuses.first(where: { $0.name == wanted }) else {
            throw .invalidField(
                field: field, value: name, problem: "there is no such status",
                accepted: .verbatim(statuses.map(\.name).joined(separator: ", ")))
        }
        return status
    }

    /// The statuses a case may move to from `current`.
    public func allowedMoves(from current: CaseStatus) -> [CaseStatus] {
        current.isOpen ? statuses.filter { $0 != current } : reopenTo.filter { $0 != current }
    }

    /// Checks one move of the case `ref`; throws naming the allowed moves when it is forbidden.
    public func checkMove(of ref: CaseReference, from current: CaseStatus, to next: CaseStatus)
        throws(HotlineError)
    {
        let allowed = allowedMoves(from: current)
        guard allowed.contains(next) else {
            throw .forbiddenMove(
                ref: ref.description, from: current.name, to: next.name, allowed: allowed.map(\.name))
        }
    }
}
