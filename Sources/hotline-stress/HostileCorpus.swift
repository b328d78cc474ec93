import Foundation

/// One hostile input: raw bytes, because some are not valid UTF-8 or hold a NUL byte.
struct HostileValue: Sendable {
    /// Which fields a value is fed to: the universal ones go everywhere; the others attack the
    /// parsing of one kind of field (dates, contacts, regions, references, statuses, terms).
    enum Group: Sendable {
        case universal, control, date, contact, region, reference, status, vocabulary
    }

    let label: String
    let bytes: [UInt8]
    let group: Group

    init(_ label: String, _ text: String, _ group: Group = .universal) {
        self.init(label, bytes: Array(text.utf8), group)
    }

    init(_ label: String, bytes: [UInt8], _ group: Group = .universal) {
        self.label = label
        self.bytes = bytes
        self.group = group
    }

    /// The value as text, or nil when it is not valid UTF-8.
    var text: String? { String(validating: bytes, as: UTF8.self) }

    /// Linux refuses a single argv string over 128 kB (MAX_ARG_STRLEN), and a C string ends at
    /// NUL: such values can only reach hotline through `hotline shell`'s standard input.
    var fitsArgv: Bool { !bytes.contains(0) && bytes.count < 120_000 }
}

/// The corpus. Built per lane, because the reference attacks are variants of that lane's own
/// case reference, and the shell-injection attacks name files in its workspace (the run then
/// checks that no such file appeared).
enum HostileCorpus {
    static func values(workspace: String, baseRef: String, today: Date = Date()) -> [HostileValue] {
        universal(workspace: workspace) + control + dates(today: today) + contacts + regions
            + references(baseRef) + statuses + vocabulary
    }

    /// Files a shell-injection value would create if anything ran it through a shell.
    static func injectionFiles(workspace: String) -> [String] {
        [workspace + "/pwned-redirect", workspace + "/pwned-subst", workspace + "/pwned-backtick"]
    }

    static func universal(workspace: String) -> [HostileValue] {
        [
            // SQL metacharacters: hotline binds every value, so these must be stored as text.
            .init("sql drop table", "'; DROP TABLE person_case; --"),
            .init("sql or 1=1", "\" OR 1=1 --"),
            .init("sql or '1'='1'", "' OR '1'='1"),
            .init("sql delete", "Robert'); DELETE FROM inquiry; --"),
            .init("sql like wildcards", "%_\\%"),
            .init("sql parameters", "?1 :name @x $y"),
            .init("sql pragma", "x'; PRAGMA writable_schema=1; --"),
            // Shell metacharacters: hotline never runs a shell; the files must never appear.
            .init("shell substitution", "$(touch \(workspace)/pwned-subst)"),
            .init("shell backticks", "`touch \(workspace)/pwned-backtick` `id`"),
            .init("shell pipe", "a | cat /etc/passwd"),
            .init("shell and", "true && echo pwned"),
            .init("shell redirect", "> \(workspace)/pwned-redirect"),
            .init("shell semicolon", "; ls -la #"),
            .init("shell variables", "${HOME} ~root $PATH"),
            .init("shell glob", "* ../../etc/passwd"),
            // Values that look like options.
            .init("looks like --help", "--help"),
            .init("looks like --db", "--db=/etc/passwd"),
            .init("double dash", "--"),
            .init("looks like -h", "-h"),
            .init("format string", "%s%s%s%n%x%@"),
            // Overlong fields.
            .init("201 characters", String(repeating: "a", count: 201)),
            .init("10 kB", String(repeating: "x", count: 10_240)),
            .init("100,000-character argument", String(repeating: "A", count: 100_000)),
            .init("1 MB", String(repeating: "B", count: 1_048_576)),
            .init("4001-character note with newlines", String(repeating: "line\n", count: 800) + "x"),
            .init("200 family emoji (200 characters, 5 kB)", String(repeating: "👩‍👧‍👦", count: 200)),
            .init("201 NFD e-acute (201 characters, 402 scalars)", String(repeating: "e\u{0301}", count: 201)),
            // Empty and blank.
            .init("empty", ""),
            .init("spaces", "   "),
            .init("ideographic space", "\u{3000}"),
            .init("no-break space", "\u{00A0}"),
            .init("padded with spaces", "  Иван Петров  "),
            .init("tab inside", "a\tb"),
            // Line breaks in a one-line field.
            .init("newline", "Иван\nПетров"),
            .init("CR LF", "a\r\nb"),
            .init("lone CR", "a\rb"),
            .init("line and paragraph separators", "a\u{2028}b\u{2029}c"),
            .init("NEL (C1 control)", "a\u{0085}b"),
            .init("ANSI escape", "\u{1B}[31mred\u{1B}[0m\u{1B}]0;title\u{07}"),
            // Bidirectional controls, emoji, joiners, combining marks, normalization forms.
            .init("right-to-left mark", "\u{200F}Иванов"),
            .init("right-to-left override", "\u{202E}evil\u{202C}.exe"),
            .init("family emoji (ZWJ)", "👩‍👧‍👦"),
            .init("flags", "🇺🇦🇷🇺"),
            .init("zalgo combining marks", "Z\u{0336}\u{0301}a\u{0308}\u{035C}l\u{0489}g\u{0352}o"),
            .init("leading combining mark", "\u{0301}Ана"),
            .init("NFC", "Jos\u{00E9} Пётр"),
            .init("NFD", "Jose\u{0301} Пе\u{0308}тр"),
            .init("zero-width characters", "a\u{200B}b\u{200C}c\u{200D}d\u{FEFF}e"),
            .init("lone ZWJ", "\u{200D}"),
            .init("replacement character", "bad\u{FFFD}"),
            .init("noncharacters and private use", "\u{FFFF}\u{10FFFF}\u{E000}"),
            .init("many scripts", "محمد عبد الله · יוסף · 王小明 · 김철수 · देवनागरी"),
            .init("astral letters", "𝕳𝖊𝖑𝖑𝖔"),
            .init("variation selector and skin tone", "☺\u{FE0F}👍🏽"),
            .init("tag sequence flag", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"),
            .init("Arabic-Indic digits", "١٢٣٤"),
            // Quotes and escapes.
            .init("apostrophe", "O'Brien"),
            .init("double quotes", "\"Sasha\""),
            .init("mixed quotes", "Д'Артаньян «Петя» „x“ ‘y’ `z`"),
            .init("backslashes", "C:\\path\\n\\t\\"),
            .init("html", "<script>alert(1)</script>"),
            .init("json", "{\"case\":\"0000-0000\",\"x\":\"\\u0000\"}"),
            .init("csv formula", "=HYPERLINK(\"http://x\")"),
            // Not text at all (argv gets the raw bytes; the shell gets them on a line).
            .init("invalid UTF-8 0xFF", bytes: Array("x".utf8) + [0xFF] + Array("y".utf8)),
            .init("invalid UTF-8 overlong NUL", bytes: [0xC0, 0x80]),
            .init("invalid UTF-8 surrogate", bytes: [0xED, 0xA0, 0x80]),
            .init("invalid UTF-8 truncated", bytes: Array("ab".utf8) + [0xE2, 0x82]),
            .init("invalid UTF-8 lone continuation", bytes: Array("Ив".utf8) + [0x80]),
            .init("NUL byte", bytes: Array("a".utf8) + [0] + Array("b".utf8)),
            // Issue 10: combining-mark floods (4 characters, up to 8 MB) and stacks of marks.
            .init("Petr + 50,000 U+0301 (4 characters, 100 kB)", "Petr" + String(repeating: "\u{0301}", count: 50_000)),
            .init(
                "Petr + 4,000,000 U+0301 (4 characters, 8 MB)", "Petr" + String(repeating: "\u{0301}", count: 4_000_000)
            ),
            .init("5 marks on one letter", "Pe\u{0301}\u{0302}\u{0303}\u{0304}\u{0306}tr"),
            .init("4 marks on one letter (valid)", "Pe\u{0301}\u{0302}\u{0303}\u{0304}tr"),
            .init(
                "200 letters with 4 marks each (1,800 bytes)",
                String(repeating: "e\u{0301}\u{0302}\u{0303}\u{0304}", count: 200)),
            // Issue 10: names that look like another (operator names refuse or fold them).
            .init("lookalike: Cyrillic a in anna", "\u{0430}nna"),
            .init("lookalike: Greek alpha in Anna", "\u{0391}nna"),
            .init("lookalike: full-width ａｎｎａ", "ａｎｎａ"),
            .init("lookalike: Anna", "Anna"),
            .init("lookalike: anna + zero-width space", "anna\u{200B}"),
            .init("lookalike: right-to-left override + anna", "\u{202E}anna"),
            .init("lookalike: anna + word joiner", "an\u{2060}na"),
            .init("lookalike: anna + variation selector", "anna\u{FE0F}"),
            .init("lookalike: Hangul filler", "an\u{3164}na"),
        ]
    }

    /// Every C0 control character and DEL, for names and notes (a NUL only through the shell).
    static var control: [HostileValue] {
        let codes: [UInt8] = Array(1...31) + [127]
        var values: [HostileValue] = codes.map { (code: UInt8) -> HostileValue in
            let bytes: [UInt8] = Array("Ив".utf8) + [code] + Array("ан".utf8)
            return HostileValue("control U+" + String(format: "%04X", Int(code)), bytes: bytes, .control)
        }
        values.append(HostileValue("control U+0000 alone", bytes: [0], .control))
        return values
    }

    static func dates(today: Date) -> [HostileValue] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        func iso(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: today)!
        let nextYear = calendar.component(.year, from: today) + 1
        return [
            ("year 0000", "0000"), ("1899", "1899"), ("1900 (valid)", "1900"), ("2999-01-01", "2999-01-01"),
            ("2020-02-30", "2020-02-30"), ("2019-02-29 (no leap day)", "2019-02-29"),
            ("2000-02-29 (valid leap day)", "2000-02-29"), ("2024-04-31", "2024-04-31"), ("month 13", "2020-13-01"),
            ("month 00", "1998-00"), ("day 00", "1998-03-00"), ("unpadded", "1998-3-14"), ("two-digit year", "98"),
            ("plus sign", "+1998"), ("Arabic-Indic year", "١٩٩٨"), ("fullwidth year", "１９９８"),
            ("ISO timestamp", "1998-03-14T00:00:00Z"), ("leading space", " 1998"), ("trailing space", "1998 "),
            ("tomorrow", iso(tomorrow)), ("next year", String(nextYear)), ("today (valid)", iso(today)),
            ("five-digit year", "99999"), ("huge year", "9999999999999999999999-01-01"), ("double dash", "1998--03"),
            ("four parts", "1998-03-14-01"), ("slashes", "1998/03/14"), ("negative year", "-1998"),
        ].map { HostileValue("date " + $0.0, $0.1, .date) }
    }

    static var contacts: [HostileValue] {
        [
            "phone:", "phone:abc", "phone:+", "phone:+0000000", "phone:+1234567890123456", "phone:8 916 123-45-67",
            "phone:+7 (916) 123-45-67 ext 5", "phone:٨٩١٦١٢٣٤٥٦٧", "phone:＋７９１６１２３４５６７", "phone:00",
            "phone:99999999999999999999999999999999", "email:a@b", "email:a@@b.com", "email:.a@b.com",
            "email:Ünïcode@exämple.com", "email:" + String(repeating: "l", count: 65) + "@example.org",
            "email:x@-a.com", "email:x@a.c0m", "email:X@Example.ORG", "telegram:@ab", "telegram:@",
            "telegram:https://t.me/valid_name", "telegram:@_bad", "telegram:@name_", "signal:al.1", "signal:alice.01",
            "whatsapp:+380 50 123 4567", "viber:+", "fax:123", ":::", "phone:\u{0661}", "@handle_ok", "12345",
            "other:" + String(repeating: "o", count: 501), "address:  Kursk, ul. Lenina 1  ", "address:",
            "PHONE:+79161234567", " phone :+79161234567",
            // Issue 10: a national number of another country, numbers outside their plan.
            "phone:0501234567", "phone:+70501234567", "phone:+380 10 123 4567", "phone:+999 123 456 789",
            "phone:8 10 380 50 123 4567", "phone:00380501234567", "whatsapp:0501234567",
            "email:a@e" + String(repeating: "\u{0301}", count: 5000) + ".org",
        ].map { HostileValue("contact " + visible($0, limit: 40), $0, .contact) }
    }

    static var regions: [HostileValue] {
        [
            "RU-XXX", "XX-YY", "ZZ", "Kursk", "курская область", "KURSK", "ru-krs", " RU-KRS ", "Київ", "Oblast", "g",
            "Novo", "Moscow", "UA-43", "RU-", "-", "Atlantis", "RU-KRS\u{200B}", "ＲＵ－ＫＲＳ",
        ].map { HostileValue("region " + visible($0), $0, .region) }
    }

    /// Variants of the lane's own case reference (some valid, most one slip away) and others.
    static func references(_ base: String) -> [HostileValue] {
        let digits = Array(base.filter(\.isNumber))
        var swapped = digits
        let pair = (0..<7).first { digits[$0] != digits[$0 + 1] } ?? 0
        swapped.swapAt(pair, pair + 1)
        var changed = digits
        changed[7] = changed[7] == "9" ? "0" : Character(String(Int(String(changed[7]))! + 1))
        func mapped(_ zero: UInt32) -> String {
            String(String.UnicodeScalarView(digits.map { Unicode.Scalar(zero + UInt32(String($0))!)! }))
        }
        let dashed = { (chars: [Character]) in String(chars[0..<4]) + "-" + String(chars[4...]) }
        return [
            ("own ref (valid)", base), ("own ref padded (valid)", "  \(base)  "),
            ("own ref with #", "#" + String(digits)),
            ("own ref without dash", String(digits)), ("own ref, neighbours swapped", dashed(swapped)),
            ("own ref, check digit off", dashed(changed)), ("own ref in Arabic-Indic digits", mapped(0x660)),
            ("own ref in fullwidth digits", mapped(0xFF10)), ("own ref and newline", base + "\n"),
            ("own ref with zero-width space", base + "\u{200B}"), ("0000-0000 (valid, no case)", "0000-0000"),
            ("own ref with an en dash", dashed(digits).replacing("-", with: "\u{2013}")),
            ("own ref with U+2212", dashed(digits).replacing("-", with: "\u{2212}")),
            ("own ref with a full-width hyphen", dashed(digits).replacing("-", with: "\u{FF0D}")),
            ("1234-5678", "1234-5678"), ("7 digits", "1234-567"), ("9 digits", "123456789"),
            ("20 digits", "12345678901234567890"), ("letters", "abcd-efgh"), ("minus one", "-1"),
        ].map { HostileValue("ref " + $0.0, $0.1, .reference) }
    }

    static var statuses: [HostileValue] {
        [
            "LOCATED", " located ", "Located", "reunited", "closed", "new", "deleted", "open", "searching;",
            "ѕearching", "located\u{200B}", "searching\nclosed",
        ].map { HostileValue("status " + visible($0), $0, .status) }
    }

    static var vocabulary: [HostileValue] {
        ["MOTHER", "mother ", "Mother", "мать", "other-relative", "in-person", "telepathy", "fax", "other_relative"]
            .map { HostileValue("term " + visible($0), $0, .vocabulary) }
    }
}
