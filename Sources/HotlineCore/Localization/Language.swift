/// The languages hotline speaks to operators in (help of most commands stays English); JSON keys and values
/// are a contract and never translated.
public enum Language: String, CaseIterable, Sendable {
    case en, ru, uk

    /// The language messages of this task are rendered in: set once per command by the
    /// command runner (a task-local, so parallel tests and the shell's lines never share one).
    @TaskLocal public static var current: Language = .en

    /// `--lang` when given, else `HOTLINE_LANG`, else the locale (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, as POSIX orders them: `ru_RU.UTF-8` is Russian), else English.
    /// An unknown `HOTLINE_LANG` is a configuration error naming the accepted values; a
    /// locale hotline does not speak is English.
    public static func chosen(flag: Language?, environment: [String: String]) throws -> Language {
        if let flag { return flag }
        if let setting = environment["HOTLINE_LANG"], !setting.isEmpty {
            guard let language = Language(rawValue: setting.lowercased()) else {
                throw HotlineError.configuration(
                    "HOTLINE_LANG \(HotlineError.quoted(setting)) is not a language hotline speaks: it takes en, ru or uk"
                )
            }
            return language
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let locale else { return .en }
        let code = locale.prefix { $0.isLetter }.lowercased()
        return Language(rawValue: code) ?? .en
    }
}
