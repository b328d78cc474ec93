import Foundation
import Testing

/// Operators and roles, in the CLI and the shell alike: every refusal is an error and writes nothing.
struct RoleTests {
    /// A database with an admin, an operator and a viewer.
    private func staffedDatabase() async throws -> CLI {
        let cli = try CLI()
        #expect(await cli.run(["operator", "add", "anna"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "add", "oleg", "--role", "operator"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "add", "vera", "--role", "viewer"], operatorName: "anna").code == 0)
        return cli
    }

    @Test func theFirstOperatorIsAnAdmin() async throws {
        let cli = try CLI()
        let added = await cli.run(["operator", "add", "anna", "--format", "json"], operatorName: "anna")
        let object = try #require(try added.json as? [String: Any])
        #expect(object["role"] as? String == "admin")
        let refused = await CLI(copying: cli).run(["operator", "add", "x", "--role", "viewer"], operatorName: "nobody")
        #expect(refused.code == 77)
    }

    @Test func aViewerCanReadButNotWrite() async throws {
        let cli = try await staffedDatabase()
        let ref = try await cli.logInquiry(operatorName: "oleg")
        #expect(await cli.run(["case", "list"], operatorName: "vera").code == 0)
        #expect(await cli.run(["case", "show", ref], operatorName: "vera").code == 0)
        let before = try cli.snapshot()
        let refused = await cli.run(["case", "status", ref, "searching"], operatorName: "vera")
        #expect(refused.code == 77)
        #expect(refused.err.contains("operator 'vera' is a viewer and cannot log inquiries and change cases"))
        #expect(try cli.snapshot() == before)
    }

    @Test func anOperatorCannotManageOperators() async throws {
        let cli = try await staffedDatabase()
        let refused = await cli.run(["operator", "add", "eve"], operatorName: "oleg")
        #expect(refused.code == 77)
        #expect(refused.err.contains("cannot manage operators"))
        #expect(await cli.run(["db", "check"], operatorName: "oleg").code == 77)
    }

    @Test func unknownAndDisabledOperatorsAreRefused() async throws {
        let cli = try await staffedDatabase()
        let unknown = await cli.run(["case", "list"], operatorName: "mallory")
        #expect(unknown.code == 77)
        #expect(unknown.err.contains("'mallory' is not an operator"))
        #expect(await cli.run(["operator", "disable", "oleg"], operatorName: "anna").code == 0)
        let disabled = await cli.run(["case", "list"], operatorName: "oleg")
        #expect(disabled.code == 77)
        #expect(disabled.err.contains("is disabled"))
        #expect(await cli.run(["operator", "enable", "oleg"], operatorName: "anna").code == 0)
        #expect(await cli.run(["case", "list"], operatorName: "oleg").code == 0)
    }

    @Test func theLastAdminCannotBeDisabledOrDemoted() async throws {
        let cli = try await staffedDatabase()
        #expect(await cli.run(["operator", "disable", "anna"], operatorName: "anna").code == 1)
        #expect(await cli.run(["operator", "role", "anna", "viewer"], operatorName: "anna").code == 1)
        #expect(await cli.run(["operator", "role", "oleg", "admin"], operatorName: "anna").code == 0)
        #expect(await cli.run(["operator", "role", "anna", "viewer"], operatorName: "oleg").code == 0)
    }

    @Test func rolesApplyInTheShellToo() async throws {
        let cli = try await staffedDatabase()
        let result = try await cli.shell(
            ["inquiry log --person X --region RU-KRS --inquirer Y --relationship mother --channel phone"],
            operatorName: "vera")
        #expect(result.code == 77)
        #expect(try cli.caseCount() == 0)
    }

    @Test func auditListsChangesByOperatorAndTime() async throws {
        let cli = try await staffedDatabase()
        let ref = try await cli.logInquiry(operatorName: "oleg")
        #expect(await cli.run(["case", "status", ref, "located"], operatorName: "anna").code == 0)
        let result = await cli.run(["audit", "--operator", "anna", "--format", "json"], operatorName: "vera")
        let entries = try #require(try result.json as? [[String: Any]])
        #expect(entries.allSatisfy { $0["by"] as? String == "anna" })
        #expect(entries.contains { $0["kind"] as? String == "status" && $0["subject"] as? String == ref })
        #expect(entries.contains { $0["kind"] as? String == "operator" && $0["subject"] as? String == "vera" })
        let future = await cli.run(["audit", "--since", "2999"], operatorName: "vera")
        #expect(future.code == 1)  // a date in the future is refused, not silently empty
        let old = await cli.run(["audit", "--until", "2000", "--format", "json"], operatorName: "vera")
        #expect(try old.json as? [Any] != nil && (try old.json as? [Any])?.isEmpty == true)
    }
}

extension CLI {
    /// Another handle on the same database file.
    init(copying other: CLI) {
        self.directory = other.directory
    }

    func logInquiry(operatorName: String) async throws -> String {
        let result = await run(
            [
                "inquiry", "log", "--person", "Иванов Пётр", "--region", "RU-KRS", "--inquirer", "Иванова Мария",
                "--relationship", "mother", "--channel", "phone", "--format", "json", "--new-case",
            ], operatorName: operatorName)
        #expect(result.code == 0, "\(result.err)")
        return try #require((try result.json as? [String: Any])?["case"] as? String)
    }
}
