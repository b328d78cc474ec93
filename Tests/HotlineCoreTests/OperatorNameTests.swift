import Foundation
import GRDB
import Testing

@testable import HotlineCore

/// Operator names: one canonical form for names that differ only in case or width, and no
/// names that only look like another (issue 10, item 9).
@Suite struct OperatorNameTests {
    @Test(arguments: ["anna", "Anna", "ANNA", "ａｎｎａ", "Ａｎｎａ", " anna ", "anna"])
    func caseAndWidthVariantsAreOneName(typed: String) throws {
        #expect(try OperatorName(typed).name == "anna")
    }

    @Test func composedAndDecomposedSpellingsAreOneName() throws {
        #expect(try OperatorName("Zoe\u{0308}").name == OperatorName("zoë").name)
        #expect(try OperatorName("И\u{0306}ван").name == "\u{0439}ван")
        #expect(try OperatorName("Maria  Petrova").name == "maria petrova")
    }

    @Test(arguments: [
        "\u{0430}nna",  // Cyrillic а, then Latin
        "Αnna",  // Greek capital alpha, then Latin
        "anna\u{200B}",  // zero-width space
        "an\u{200C}na",  // zero-width non-joiner
        "an\u{2060}na",  // word joiner
        "\u{FEFF}anna",  // byte order mark
        "\u{202E}anna",  // right-to-left override
        "anna\u{200F}",  // right-to-left mark
        "\u{2066}anna\u{2069}",  // isolates
        "anna\u{FE0F}",  // variation selector
        "an\u{00AD}na",  // soft hyphen
        "an\u{3164}na",  // Hangul filler
        "an\u{00A0}na",  // no-break space
        "anna\u{E000}",  // private use
    ])
    func lookalikeNamesAreRefused(typed: String) {
        let error = #expect(throws: HotlineError.self) { try OperatorName(typed) }
        guard case .invalidField(let field, _, let problem, let accepted)? = error else {
            Issue.record("expected an invalid field, got \(String(describing: error))")
            return
        }
        #expect(field == "operator")
        #expect(!problem.description.isEmpty && accepted.description.contains("one script"))
    }

    @Test func mixedScriptErrorNamesTheScripts() {
        let error = #expect(throws: HotlineError.self) { try OperatorName("\u{0430}nna") }
        #expect(error?.description.contains("Cyrillic and Latin") == true)
    }

    @Test(arguments: ["Анна", "Олена Ковальчук", "Ολγα", "李小龍", "田中さくら", "o'neil", "anna.k-2", "Ольга О'Нил"])
    func namesInOneScriptAreTaken(typed: String) throws {
        #expect(try OperatorName(typed).name == typed.lowercased())
    }

    /// A database made before names were normalised: `Anna` stored as typed.
    private func legacyDatabase(_ names: [String]) throws -> Fixture {
        let fixture = try Fixture()
        try fixture.database.writer.write { db in
            for (index, name) in names.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO operator (name, role, created_at, created_by)
                        VALUES (?, ?, '2024-01-01 00:00:00.000', 'setup')
                        """, arguments: [name, index == 0 ? "admin" : "operator"])
                try db.execute(
                    sql: """
                        INSERT INTO operator_event (at, by, subject, action, to_value)
                        VALUES ('2024-01-01 00:00:00.000', ?, ?, 'added', 'admin')
                        """, arguments: [names[0], name])
            }
        }
        return fixture
    }

    @Test func anOperatorStoredBeforeNormalisingStillWorks() throws {
        // Given an admin stored as `Anna` and an operator stored with an invisible character
        let fixture = try legacyDatabase(["Anna", "oleg\u{200B}"])
        // When she acts as anna, Anna or ＡＮＮＡ
        for typed in ["anna", "Anna", "ＡＮＮＡ"] {
            #expect(throws: Never.self) { try fixture.log(draft(), by: typed) }
        }
        let hotline = fixture.hotline()
        let anna = try OperatorName("anna")
        #expect(try hotline.role(of: anna).role == .admin)
        // Then a new `ANNA` is refused as the same name, and nothing is written
        let before = try fixture.snapshot()
        #expect(throws: HotlineError.self) { try hotline.addOperator("ANNA", by: anna) }
        #expect(try fixture.snapshot() == before)
        // And the lookalike stored earlier can be disabled, typed exactly as listed
        let disabled = try hotline.disableOperator("oleg\u{200B}", by: anna)
        #expect(disabled.disabled && disabled.name == "oleg\u{200B}")
        // And the audit finds her changes under either spelling
        let entries = try hotline.audit(AuditFilter(operatorName: "ANNA"), as: anna)
        #expect(entries.contains { $0.by == "anna" } && entries.contains { $0.by == "Anna" })
    }

    @Test func twoStoredSpellingsOfOneNameAreRefusedAsAmbiguous() throws {
        let fixture = try legacyDatabase(["Anna", "ANNA"])
        let error = #expect(throws: HotlineError.self) { try fixture.log(draft(), by: "ａｎｎａ") }
        guard case .refused(_, let reason, _)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(reason.description.contains("'Anna'") && reason.description.contains("'ANNA'"))
        // Typed exactly, an admin can still act on each row
        #expect(throws: Never.self) { try fixture.hotline().disableOperator("ANNA", by: OperatorName("Anna")) }
    }

    @Test func newOperatorsAreStoredAndRecordedInTheCanonicalForm() throws {
        let fixture = try Fixture()
        let hotline = fixture.hotline()
        let added = try hotline.addOperator("Ольга О'Нил", by: OperatorName("Ольга О'Нил"))
        #expect(added.name == "ольга о'нил")
        let logged = try fixture.log(draft(), by: "ОЛЬГА О'НИЛ")
        #expect(try fixture.detail(logged.ref, by: "ольга о'нил").openedBy == "ольга о'нил")
    }
}
