import ArgumentParser
import Foundation

/// `hotline demo`: the three jobs, run as real commands on a fresh database, printed as a
/// terminal session. A newcomer's first look, and a smoke test of a build.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run the three jobs (log inquiries, move a case, list open cases by region) and the registry on a fresh database."
    )

    @Option(
        help: ArgumentHelp(
            "The database to use (default: a new file in the temporary folder).", valueName: "path"))
    var db: String?

    func run() async throws {
        let path =
            db
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("hotline-demo-\(ProcessInfo.processInfo.processIdentifier).sqlite")
            .path
        let base = ["--db", path, "--as", "demo-operator"]
        Console.print("# hotline demo on \(path)\n")

        let first = try await step(
            [
                "inquiry", "log", "--person", "Иванов Пётр Сергеевич", "--born", "1998-03-14", "--region",
                "Kursk",
                "--unit", "в/ч 12345", "--service-number", "АБ-123456", "--inquirer", "Иванова Мария Петровна",
                "--relationship", "mother",
                "--channel", "phone", "--contact", "phone:8 916 123-45-67", "--note",
                "Last call on 2 March.",
                "--format", "json",
            ], base: base)
        let ref = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
        guard let ref = ref?["case"] as? String else { throw ExitCode.failure }
        _ = try await step(
            [
                "inquiry", "log", "--case", ref, "--person", "Petr Ivanov", "--region", "RU-KRS",
                "--inquirer", "Anna Ivanova", "--relationship", "spouse", "--channel", "telegram",
                "--contact", "telegram:@anna_ivanova",
            ], base: base)
        _ = try await step(
            [
                "inquiry", "log", "--person", "Шевченко Олег", "--born", "1990", "--region",
                "Харківська область",
                "--inquirer", "Шевченко Ірина", "--relationship", "sibling", "--channel", "email",
                "--contact", "email:iryna@example.org",
            ], base: base)
        _ = try await step(
            [
                "inquiry", "log", "--person", "O'Brien-Смирнов \"Sasha\" Alexei", "--region", "Belgorod",
                "--inquirer", "Smirnova Olga", "--relationship", "mother", "--channel", "in-person",
            ], base: base)
        _ = try await step(
            [
                "case", "status", ref, "located", "--source", "prisoner list published 2024-05-01",
                "--as-of", "2024-05-01",
                "--note", "Named on the list.",
            ], base: base)
        _ = try await step(
            ["case", "status", ref, "captured", "--note", "Confirmed by the unit."], base: base)
        // An operator's shift (issue 17): a plain note, and the mother calling back from her
        // number: the phone says who she is, and `мать` is taken for mother.
        _ = try await step(
            ["case", "note", ref, "Позвонили в МККК ещё раз: новостей нет.", "--source", "ICRC hotline"], base: base)
        _ = try await step(
            [
                "inquiry", "log", "--case", ref, "--relationship", "мать", "--channel", "phone", "--contact",
                "phone:8 916 123-45-67", "--note", "Asked for news.",
            ], base: base)
        _ = try await step(["search", "Pyotr Ivanof"], base: base)
        _ = try await step(["case", "list", "--open", "--region", "Курская область"], base: base)
        _ = try await step(["case", "list", "--open"], base: base)
        // The coordinator's copy: an Excel workbook (issue 17), left beside the demo's database.
        _ = try await step(["case", "list", "--open", "--output", path + "-open-cases.xlsx"], base: base)
        _ = try await step(["case", "show", ref], base: base)
        try await registry(path: path, ref: ref, base: base)
        try await notices(base: base)
        Console.print(
            "# Explore further with: hotline --db \(path) … (hotline --help lists the commands)")
    }

    /// The registry: a coordinator imports a list, reviews the proposals, confirms one (and a
    /// deceased one with a second operator); an operator on the phone sees a record at intake.
    private func registry(path: String, ref: String, base: [String]) async throws {
        let list = path + "-icrc-list.csv"
        try """
        №;ФИО;Дата рождения;Личный номер;Статус;Дата;Место
        1;Ivanov Petr Sergeevich;14.03.1998;АБ-123456;обменян;25.05.2024;Белгород
        2;Шевченко Олег Іванович;1990;;загинув;10.05.2024;
        3;Петров Сидор Ильич;1985;;ранен;11.05.2024;госпиталь, Курск

        """.write(toFile: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: list) }
        _ = try await step(
            [
                "registry", "import", list, "--list", "ICRC 2024-05", "--received", "2024-05-26", "--originator",
                "ICRC", "--kind", "exchange", "--tellable",
            ], base: base)
        _ = try await step(["match", "list"], base: base)
        _ = try await step(["match", "show", "1"], base: base)
        _ = try await step(
            ["match", "confirm", "1", "--note", "Service number agrees; his wife recognised the photo."], base: base)
        _ = try await step(["match", "confirm", "2", "--note", "Checked with the family."], base: base)
        // A record saying deceased changes nothing until a second, different operator approves it.
        _ = try await step(
            ["match", "approve", "2", "--note", "Second check: unit and date agree.", "--as", "demo-coordinator"],
            base: base.filter { $0 != "--as" && $0 != "demo-operator" })
        _ = try await step(
            [
                "inquiry", "log", "--person", "Петров Сидор Ильич", "--born", "1985", "--region", "Kursk",
                "--inquirer", "Петрова Анна", "--relationship", "mother", "--channel", "phone",
            ], base: base)
        _ = try await step(["case", "show", ref], base: base)
    }

    /// Telling the families (issue 13): the status changes and the confirmed match above left
    /// news for each family; the mother is not reached at first, then told, and the figures move.
    private func notices(base: [String]) async throws {
        _ = try await step(["notice", "list"], base: base)
        _ = try await step(
            ["notice", "attempt", "1", "--channel", "phone", "--result", "no-answer", "--retry-after", "2h"], base: base
        )
        _ = try await step(
            [
                "notice", "done", "1", "--channel", "phone", "--note",
                "Told his mother he was exchanged and is in Belgorod; she will call the unit.",
            ], base: base)
        _ = try await step(["notice", "show", "1"], base: base)
        _ = try await step(["stats"], base: base)
    }

    /// Prints the command as typed, runs it through the command tree, prints its output.
    private func step(_ arguments: [String], base: [String]) async throws -> String {
        let typed = "$ hotline " + arguments.map(Self.quoted).joined(separator: " ")
        Console.print(typed)
        let captured = CapturedOutput()
        let code = await Console.$current.withValue(captured.console) {
            await CommandRunner.run(arguments + base)
        }
        Console.write(captured.out)
        Console.write(captured.err)
        Console.print()
        guard code == 0 else { throw ExitCode(code) }
        return captured.out
    }

    private static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_:./@".contains($0) }
        return plain ? word : "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
