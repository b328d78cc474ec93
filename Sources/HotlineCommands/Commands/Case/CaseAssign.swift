import ArgumentParser
import HotlineCore

/// `hotline case assign REF OPERATOR`: who works this case.
struct CaseAssign: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Make an operator the owner of a case, to share the work.",
        discussion: "Example: hotline case assign 7634-8065 oleg; then: hotline case list --owner oleg")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The case reference.") var ref: String
    @Argument(help: "The operator who will own it.") var owner: String

    func execute(_ context: CommandContext) throws {
        let families = try context.hotline.assignCase(ref: ref, to: owner, by: try context.operatorName())
        switch context.format {
        case .json: Console.print(try Render.json(families))
        case .table, .csv: Console.print("Case \(ref) assigned to \(families.owner ?? owner)\(context.pending).")
        }
    }
}
