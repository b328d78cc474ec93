import Foundation

/// Everything the service layer refuses, in words an operator can act on: what was wrong,
/// which field, and what is accepted.
public enum HotlineError: Error, Equatable, Sendable {
    /// A field's value broke a rule. `accepted` says what would have been taken.
    case invalidField(field: String, value: String, problem: Message, accepted: Message)
    /// A case reference that is not well formed or fails its check digit.
    case invalidReference(String, problem: Message)
    /// Several fields of one command broke their rules (each an `invalidField` or
    /// `invalidReference`): all are reported at once.
    indirect case invalidFields([HotlineError])
    /// A well-formed reference that names no case.
    case caseNotFound(String)
    /// A status change the lifecycle forbids.
    case forbiddenMove(ref: String, from: String, to: String, allowed: [String])
    /// A new case would probably duplicate these existing ones: attach with --case or insist
    /// with --new-case.
    case likelyDuplicates([DuplicateCandidate])
    /// The acting operator may not do this: unknown, disabled, or lacking the role.
    case refused(operator: String, reason: Message, remedy: Message)
    /// The configuration (shipped, file, environment or flags) is unusable.
    case configuration(Message)
    /// The database file could not be opened or is not a hotline database.
    case databaseUnavailable(path: String, reason: Message)
    /// Another writer held the database for longer than the configured timeout.
    case databaseBusy(timeoutSeconds: Double)
    /// A case's merge link (`merged_into`) runs in a cycle or to a missing case: the file was
    /// damaged (a hand edit, a bad restore) and the case has no survivor to open.
    case brokenMerge(ref: String, problem: Message)
    /// A command stopped by Ctrl-C (its SQLite statement was interrupted): nothing of it was written.
    case interrupted
    /// SQLite refused a statement for a reason the services do not expect (a defect, or a
    /// damaged file); the message is SQLite's.
    case databaseFailure(String)
    /// The file holds what hotline cannot use: a page SQLite cannot read (not a database at
    /// all; the message is SQLite's), or a value no rule allows (a status the lifecycle does not
    /// list). `db check` reports it as a problem.
    case databaseDamaged(String)
    /// A sign-in or a bearer token was not accepted (`hotline serve`). The same words for an
    /// unknown name, a wrong password and a disabled operator, so answers never tell which
    /// names exist.
    case notSignedIn(Message)
    /// Too many failed sign-ins for this name: refused until the lock ends.
    case signInLocked(retryAfterSeconds: Int)
    /// The case changed since the client read it (its version is no longer `expected`): a
    /// change decided on what it showed then is refused (HTTP 412, `If-Match`).
    case caseChanged(ref: String, expected: String, current: String)
    /// An `Idempotency-Key` already answered a different request from this operator (HTTP 422).
    case idempotencyKeyReused(String)
}

extension HotlineError: CustomStringConvertible, LocalizedError {
    /// The error in the task's language (`Language.current`).
    public var description: String { message.description }

    /// The error's words as a message: a key and the values, rendered where it is shown.
    public var message: Message {
        switch self {
        case .invalidField(let field, let value, let problem, let accepted):
            return "invalid \(field) \(HotlineError.quoted(value)): \(problem). Accepted: \(accepted)."
        case .invalidReference(let text, let problem):
            return
                "invalid case reference \(HotlineError.quoted(text)): \(problem). A reference is 8 digits such as 4821-9935; the last digit is a check digit, so a mistyped or swapped digit is caught: ask the family to read it again."
        case .invalidFields(let errors):
            let listed = errors.map { "  - \($0.description)" }.joined(separator: "\n")
            return "\(errors.count) fields are invalid; nothing was written:\n\(listed)"
        case .caseNotFound(let ref):
            return "no case has reference \(ref)."
        case .forbiddenMove(let ref, let from, let to, let allowed):
            let moves: Message = allowed.isEmpty ? "none" : .verbatim(allowed.joined(separator: ", "))
            return "case \(ref) cannot move from '\(from)' to '\(to)'. Allowed from '\(from)': \(moves)."
        case .likelyDuplicates(let candidates):
            let listed = candidates.map { candidate -> String in
                let born = candidate.born ?? Message("born ?").description
                let score = Message("score \(candidate.score)")
                return
                    "\(candidate.ref) \(candidate.person) (\(born), \(candidate.region), \(candidate.status), \(score))"
            }
            return
                "this person probably has a case already; nothing was written. Candidates: \(listed.joined(separator: "; ")). Re-run with --case REF to add the inquiry to one, or --new-case if it is someone else."
        case .refused(let name, let reason, let remedy):
            return "refused: operator '\(name)' \(reason); nothing was written. (\(remedy))"
        case .configuration(let problem):
            return "configuration error: \(problem)"
        case .databaseUnavailable(let path, let reason):
            return "cannot open the database at \(HotlineError.shownPath(path)): \(reason)"
        case .databaseBusy(let timeout):
            return
                "the database stayed locked by other operators for \(timeout) s; nothing was written. Try again, or raise the busy timeout (busyTimeoutSeconds)."
        case .brokenMerge(let ref, let problem):
            return
                "case \(ref) cannot be opened: \(problem), so the database is damaged; nothing was written. An admin should run `hotline db check` and restore a backup that passes it."
        case .interrupted:
            return "interrupted (Ctrl-C): the command stopped; nothing of it was written."
        case .databaseFailure(let message), .databaseDamaged(let message):
            return "database error: \(message); nothing was written."
        case .notSignedIn(let problem):
            return "not signed in: \(problem); nothing was written."
        case .signInLocked(let seconds):
            return "too many failed sign-ins for this name: try again in \(seconds) s; nothing was written."
        case .caseChanged(let ref, let expected, let current):
            return "case \(ref) changed since you read it (version \(HotlineError.quoted(expected)), now "
                + "\(current)); nothing was written. Read it again and decide again."
        case .idempotencyKeyReused(let key):
            return "the Idempotency-Key \(HotlineError.quoted(key)) was already used for a different request; "
                + "nothing was written. Use a new key for a new request, the same key only to retry the same one."
        }
    }

    public var errorDescription: String? { description }

    /// A path as messages show it: whole, unless it is long enough to flood a terminal (a
    /// 100,000-character `--db` was printed twice); then quoted and cut like any value.
    static func shownPath(_ path: String) -> String {
        path.unicodeScalars.count > 200 ? quoted(path) : path
    }

    /// Quotes a user's value for an error message, shortened and with control characters made
    /// visible, so a pasted megabyte or an escape sequence cannot flood or corrupt a terminal.
    public static func quoted(_ value: String) -> String {
        let limit = 60
        var shown = ""
        var marks = 0  // combining marks in a row: more than TextRule allows are shown escaped
        for scalar in value.unicodeScalars.prefix(limit) {
            let category = scalar.properties.generalCategory
            let isMark = category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
            marks = isMark ? marks + 1 : 0
            if category == .control || category == .format || marks > TextRule.maxMarksPerCharacter {
                shown += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        let more =
            value.unicodeScalars.count > limit ? "… (\(value.unicodeScalars.count) characters)" : ""
        return "'\(shown)'\(more)"
    }
}

extension HotlineError {
    /// Whether the input itself was refused (a field, a reference): sending it again as it is
    /// will be refused again. Anything else may pass another time (busy, unavailable, a defect).
    public var isRefusal: Bool {
        switch self {
        case .invalidField, .invalidFields, .invalidReference: true
        default: false
        }
    }

    /// Whether the database could not be had at all just now (held by another writer past the
    /// timeout, or not opened): every other call would fail alike until it can.
    public var isBusyOrUnavailable: Bool {
        switch self {
        case .databaseBusy, .databaseUnavailable: true
        default: false
        }
    }
}
