import ArgumentParser
import HotlineCore

extension APIKeyCommand {
    /// `hotline apikey list`: every key, live and revoked (never the keys themselves).
    struct List: ContextCommand, ListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the API keys.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var listOutput: OutputOptions

        func execute(_ context: CommandContext) throws {
            let keys = try context.hotline.apiKeys(as: try context.operatorName())
            try Render.list(
                keys, format: context.format,
                columns: [
                    ("name", \.name), ("role", \.role),
                    ("added", { Render.time($0.createdAt, for: context.format) }), ("added by", \.createdBy),
                    ("last used", { $0.lastUsedAt.map { Render.time($0, for: context.format) } ?? "" }),
                    ("revoked", { $0.revokedAt.map { Render.time($0, for: context.format) } ?? "" }),
                    ("note", { $0.note ?? "" }),
                ])
        }
    }
}
