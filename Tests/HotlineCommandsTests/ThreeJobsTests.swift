import Foundation
import Testing

/// The command-line contract of the three jobs, through the real command tree and database file.
struct ThreeJobsTests {
    @Test func inquiryLogPrintsCaseAndInquiryAsJSON() async throws {
        let cli = try CLI()
        let result = await cli.run(
            [
                "inquiry", "log", "--person", "Petr Ivanov", "--born", "1998", "--region", "Kursk",
                "--unit", "12345",
                "--inquirer", "Anna Ivanova", "--relationship", "spouse", "--channel", "telegram",
                "--contact", "telegram:@anna_ivanova", "--contact", "email:Anna@Example.org", "--note",
                "Called at night",
                "--format", "json",
            ])
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(try result.json as? [String: Any])
        let ref = try #require(object["case"] as? String)
        #expect(ref.count == 9)
        #expect(object["inquiry"] as? Int == 1)
        #expect(object["newCase"] as? Bool == true)
    }

    @Test func inquiryLogWithCaseAddsToThatCase() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let result = await cli.run(
            [
                "inquiry", "log", "--case", ref, "--inquirer", "Ivanov Sergei", "--relationship", "father",
                "--channel", "in-person", "--format", "json",
            ])
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(try result.json as? [String: Any])
        #expect(object["case"] as? String == ref)
        #expect(object["newCase"] as? Bool == false)
        let list = try #require(
            try await cli.run(["case", "list", "--format", "json"]).json as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["inquiries"] as? Int == 2)
    }

    @Test func caseStatusMovesTheCaseAndRecordsHistory() async throws {
        let cli = try CLI()
        let ref = try await cli.logInquiry()
        let moved = await cli.run(
            [
                "case", "status", ref, "located", "--note", "On the list", "--source", "published list",
                "--as-of", "2024-05-01",
            ], operatorName: "caseworker")
        #expect(moved.code == 0, "\(moved.err)")
        #expect(moved.out.contains("new -> located"))

        let show = await cli.run(["case", "show", ref, "--format", "json"])
        let detail = try #require(try show.json as? [String: Any])
        #expect(detail["ref"] as? String == ref)
        #expect(detail["status"] as? String == "located")
        #expect(detail["region"] as? String == "RU-KRS")
        let history = try #require(detail["history"] as? [[String: Any]])
        let change = try #require(history.first { $0["kind"] as? String == "status" })
        #expect(change["from"] as? String == "new")
        #expect(change["to"] as? String == "located")
        #expect(change["by"] as? String == "caseworker")
        #expect(change["note"] as? String == "On the list")
        #expect(change["source"] as? String == "published list")
        #expect(change["asOf"] as? String == "2024-05-01")
        #expect(change["at"] is String)
        let inquiries = try #require(detail["inquiries"] as? [[String: Any]])
        #expect(inquiries.count == 1)
    }

    @Test func caseListOpenByRegionHasTheContractFields() async throws {
        let cli = try CLI()
        let kursk = try await cli.logInquiry(region: "RU-KRS")
        _ = try await cli.logInquiry(person: "Шевченко Олег", region: "UA-63")
        let closed = try await cli.logInquiry(person: "Closed Case", region: "Курская область")
        #expect(await cli.run(["case", "status", closed, "closed"]).code == 0)

        let result = await cli.run(["case", "list", "--open", "--region", "Kursk", "--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let list = try #require(try result.json as? [[String: Any]])
        #expect(list.map { $0["ref"] as? String } == [kursk])
        let row = try #require(list.first)
        for key in ["ref", "person", "region", "status", "opened", "lastInquiry", "inquiries"] {
            #expect(row[key] != nil, "missing \(key)")
        }
        #expect(row["region"] as? String == "RU-KRS")
    }

    @Test func caseListIsNewestActivityFirst() async throws {
        let cli = try CLI()
        let older = try await cli.logInquiry(person: "First")
        let newer = try await cli.logInquiry(person: "Second")
        var list = try #require(
            try await cli.run(["case", "list", "--format", "json"]).json as? [[String: Any]])
        #expect(list.map { $0["ref"] as? String } == [newer, older])
        // A status change is activity: the older case comes first now.
        #expect(await cli.run(["case", "status", older, "searching"]).code == 0)
        list = try #require(
            try await cli.run(["case", "list", "--format", "json"]).json as? [[String: Any]])
        #expect(list.map { $0["ref"] as? String } == [older, newer])
    }

    @Test func caseListAsCSVQuotesFieldsAndDefusesFormulas() async throws {
        let cli = try CLI()
        _ = try await cli.logInquiry(person: "=HYPERLINK(\"x\"), Jr")
        let result = await cli.run(["case", "list", "--format", "csv"])
        #expect(result.code == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines.first == "ref,person,born,region,unit,status,opened,lastInquiry,inquiries")
        #expect(lines.dropFirst().first?.contains("\"'=HYPERLINK(\"\"x\"\"), Jr\"") == true)
    }

    @Test func namesInAnyScriptRoundTripByteForByte() async throws {
        let cli = try CLI()
        let names = [
            "Іванов Петро Ґанна ї є", "O'Brien \"Sasha\" d’Artagnan", "Пётр ‏עברית‎ 👩‍👧 Ünïcödé",
        ]
        for name in names {
            let ref = try await cli.logInquiry(person: name)
            let detail = try #require(
                try await cli.run(["case", "show", ref, "--format", "json"]).json as? [String: Any])
            #expect(Array((detail["person"] as? String ?? "").utf8) == Array(name.utf8))
        }
    }
}
