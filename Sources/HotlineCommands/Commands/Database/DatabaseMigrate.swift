import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Migrate: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply pending schema migrations (they also apply on first use).")
        @OptionGroup var options: GlobalOptions

        func execute(_ context: CommandContext) throws {
            try Version.show(try context.hotline.migrate(by: try context.operatorName()), context)
        }
    }
}
