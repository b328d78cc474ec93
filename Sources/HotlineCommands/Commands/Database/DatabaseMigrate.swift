import ArgumentParser
import HotlineCore

extension DatabaseCommand {
    struct Migrate: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Apply pending schema migrations (they also apply on first use).")
        @OptionGroup var options: GlobalOptions

        /// Reads what is pending before the open migrates, so the command can say what it applied.
        func run() async throws {
            let before = try await CommandContext.make(options, migrating: false, oneShot: true).hotline.schemaVersion()
            try execute(try await CommandContext.make(options, oneShot: true), pendingBefore: before.pending)
        }

        func execute(_ context: CommandContext) throws {
            try execute(context, pendingBefore: [])
        }

        private func execute(_ context: CommandContext, pendingBefore: [String]) throws {
            let version = try context.hotline.migrate(by: try context.operatorName())
            try Version.show(version, context)
            if context.format != .json && !pendingBefore.isEmpty {
                Console.print("Applied now: \(pendingBefore.joined(separator: ", "))")
            }
        }
    }
}
