import Foundation

/// The rules of telling the families (issue 13), from the `notices` block of the configuration:
/// which statuses are news, the call-back interval, how soon news should reach a family, and
/// which channels are text messages.
public struct NoticeRules: Sendable {
    /// The statuses that are news for a family. A configured status the lifecycle does not list
    /// is refused by `HotlineRules`; only the shipped list is cut to the lifecycle here, so that a
    /// hotline with its own lifecycle and no `notices.news` still starts.
    public let news: Set<String>
    /// A family waiting with no news is called back after this long since we last spoke.
    public let callbackInterval: TimeInterval
    /// Undelivered news older than this is overdue.
    public let deliverWithin: TimeInterval
    /// Channels that are text messages, not a voice: never used for news of a death unless the
    /// family agreed to that channel. A configured one the channel list lacks is left out, as
    /// for `news`: a hotline with its own channels must still start.
    public let textChannels: Set<String>

    public init(_ settings: HotlineSettings.NoticeSettings, lifecycle: Lifecycle, channels: Vocabulary) {
        news = Set(
            settings.news.map { $0.lowercased() }.filter { name in lifecycle.statuses.contains { $0.name == name } })
        callbackInterval = settings.callbackDays * 86_400
        deliverWithin = settings.deliverWithinHours * 3_600
        textChannels = Set(settings.textChannels.compactMap { try? channels.term($0).name })
    }

    /// Whether reaching `status` is news for the families.
    public func isNews(_ status: String) -> Bool { news.contains(status) }

    /// The open statuses whose families wait with no news: they are the ones called back.
    public func waitingStatuses(in lifecycle: Lifecycle) -> [String] {
        lifecycle.openStatuses.map(\.name).filter { !news.contains($0) }
    }
}

/// Where a notice stands.
public enum NoticeState: String, CaseIterable, Sendable, Codable {
    /// To be delivered.
    case pending
    case delivered
    /// The family left no contact: news waits for them to call again.
    case unreachable

    public init(parsing text: String) throws(HotlineError) {
        guard let state = NoticeState(rawValue: text.lowercased()) else {
            throw .invalidField(
                field: "state", value: text, problem: "there is no such notice state",
                accepted: .verbatim(Self.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        self = state
    }
}

/// What came of an attempt to deliver a notice that did not deliver it.
public enum AttemptResult: String, CaseIterable, Sendable, Codable {
    case noAnswer = "no-answer"
    case busy
    case wrongNumber = "wrong-number"
    /// The family would not talk.
    case refused
    case leftMessage = "left-message"

    public init(parsing text: String) throws(HotlineError) {
        guard let result = AttemptResult(rawValue: text.lowercased()) else {
            throw .invalidField(
                field: "result", value: text, problem: "there is no such result",
                accepted: "\(Self.allCases.map(\.rawValue).joined(separator: ", ")) (a delivered notice is `notice done`)")
        }
        self = result
    }
}

/// A wait before the next attempt: `30m`, `2h`, `1d`, `1w`.
public struct RetryDelay: Sendable, Equatable {
    public let seconds: TimeInterval
    static let accepted: Message = "a number and a unit: 30m, 2h, 1d or 1w (from 1 minute to 30 days)"

    public init(parsing text: String) throws(HotlineError) {
        let trimmed = text.trimmingWhitespace().lowercased()
        let units: [Character: TimeInterval] = ["m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        guard let unit = trimmed.last, let size = units[unit], let count = Int(trimmed.dropLast()),
            (1...(30 * 86_400)).contains(Double(count) * size / 1)
        else {
            throw .invalidField(
                field: "retry-after", value: text, problem: "it is not a wait hotline reads", accepted: Self.accepted)
        }
        seconds = Double(count) * size
    }
}

/// An answer to a consent question: yes, no, or not asked yet.
enum ConsentAnswer {
    static func parse(_ text: String?, field: String) throws(HotlineError) -> Bool? {
        guard let text else { return nil }
        switch text.trimmingWhitespace().lowercased() {
        case "yes", "y", "да", "так": return true
        case "no", "n", "нет", "ні": return false
        default:
            throw .invalidField(field: field, value: text, problem: "it is not an answer", accepted: "yes or no")
        }
    }

    /// `phone,telegram` as channel names of the configured list; `none` for no channel at all.
    static func channels(_ text: String?, vocabulary: Vocabulary) throws(HotlineError) -> [String]? {
        guard let text else { return nil }
        if text.trimmingWhitespace().lowercased() == "none" { return [] }
        var names: [String] = []
        for word in text.split(separator: ",").map({ String($0).trimmingWhitespace() }) {
            guard !word.isEmpty else { continue }
            let term: Term
            do {
                term = try vocabulary.term(word)
            } catch {
                throw .invalidField(
                    field: "channels-allowed", value: word, problem: "it is not a channel",
                    accepted: "channels separated by commas from: \(vocabulary.terms.map(\.name).joined(separator: ", ")); or none")
            }
            if !names.contains(term.name) { names.append(term.name) }
        }
        guard !names.isEmpty else {
            throw .invalidField(
                field: "channels-allowed", value: text, problem: "it names no channel",
                accepted: "channels separated by commas (phone,telegram), or none")
        }
        return names
    }
}
