/// The schema migrations, in the order they apply. Each is a file in Schema/ embedded at build
/// time, so the binary never looks for Schema/ at run time.
public enum SchemaMigrations {
    /// One migration: its identifier (the file name without `.sql`) and its SQL text.
    public struct Migration: Sendable {
        public let identifier: String
        public let sql: String
    }

    /// Every migration, oldest first. A shipped migration is never edited or reordered.
    public static let all: [Migration] = [
        Migration(identifier: "v001_initial", bytes: PackageResources.v001_initial_sql),
        Migration(identifier: "v002_operators", bytes: PackageResources.v002_operators_sql),
        Migration(identifier: "v003_search", bytes: PackageResources.v003_search_sql),
        Migration(identifier: "v004_registry", bytes: PackageResources.v004_registry_sql),
        Migration(identifier: "v005_notices", bytes: PackageResources.v005_notices_sql),
        Migration(identifier: "v007_names", bytes: PackageResources.v007_names_sql),
        Migration(identifier: "v008_shift", bytes: PackageResources.v008_shift_sql),
        Migration(identifier: "v009_serve", bytes: PackageResources.v009_serve_sql),
        Migration(identifier: "v010_auth", bytes: PackageResources.v010_auth_sql),
        Migration(identifier: "v011_inbox", bytes: PackageResources.v011_inbox_sql),
        Migration(identifier: "v012_nameterms", bytes: PackageResources.v012_nameterms_sql),
        Migration(identifier: "v013_scale", bytes: PackageResources.v013_scale_sql),
        Migration(identifier: "v014_apikeys", bytes: PackageResources.v014_apikeys_sql),
        Migration(identifier: "v015_vocabulary", bytes: PackageResources.v015_vocabulary_sql),
    ]
}

extension SchemaMigrations.Migration {
    init(identifier: String, bytes: [UInt8]) {
        self.init(identifier: identifier, sql: String(decoding: bytes, as: UTF8.self))
    }
}
