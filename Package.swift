// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "hotline",
    products: [
        .executable(name: "hotline", targets: ["hotline"]),
        .executable(name: "hotline-stress", targets: ["hotline-stress"]),
        .executable(name: "hotline-bench", targets: ["hotline-bench"]),
        .library(name: "HotlineCore", targets: ["HotlineCore"]),
        .library(name: "HotlineCommands", targets: ["HotlineCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        // List import (issue 12): CSV's grammar, and XLSX's ZIP container.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // hotline serve (issue 15): HTTP, its lifecycle, bcrypt for passwords, Prometheus metrics.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The Telegram bot's calls to the Bot API (getFile, sendMessage), over the server's NIO.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // The SQL migrations, embedded in the binary so it never looks for Schema/ at run time.
        .target(
            name: "HotlineSchema",
            path: "Schema",
            exclude: ["README.md"],
            resources: [
                .embedInCode("v001_initial.sql"),
                .embedInCode("v002_operators.sql"),
                .embedInCode("v003_search.sql"),
                .embedInCode("v004_registry.sql"),
                .embedInCode("v005_notices.sql"),
                .embedInCode("v007_names.sql"),
                .embedInCode("v008_shift.sql"),
                .embedInCode("v009_serve.sql"),
                .embedInCode("v010_auth.sql"),
                .embedInCode("v011_inbox.sql"),
                .embedInCode("v012_nameterms.sql"),
                .embedInCode("v013_scale.sql"),
                .embedInCode("v014_apikeys.sql"),
                .embedInCode("v015_vocabulary.sql"),
            ]
        ),
        // The shipped default configuration and region list, embedded the same way.
        .target(
            name: "HotlineDefaults",
            path: "Config",
            exclude: ["README.md", "generate-regions.py"],
            resources: [
                .embedInCode("hotline.json"),
                .embedInCode("regions.json"),
                .embedInCode("messages.ru.json"),
                .embedInCode("messages.uk.json"),
            ]
        ),
        // Google's libphonenumber (Debian's libphonenumber-dev, C++) behind a small C interface:
        // phone numbers checked against the numbering plan of the country they belong to.
        // Measured (release, a busy 2-core machine): 7 µs a number on the fast path, 20 through
        // the library's parser (2.4 for the hand-written plans it replaces); its metadata loads
        // in about 6 ms on a process's first number; loading it with protobuf, ICU and Abseil
        // adds about 3 ms to every process start (an empty C program: 1.0 ms, 4.4 ms linked).
        //
        // Release builds link it, with protobuf, ICU and Abseil, from the static archives Debian's
        // -dev packages ship, so a deployed binary loads none of them at start: `hotline --help`
        // 9.5 ms -> 6.7 ms (fastest of 80 runs on a loaded 2-core machine), 34 MB more binary
        // (ICU's data). Debug builds and tests link the shared libraries.
        .target(
            name: "CPhoneNumber",
            linkerSettings: [
                .linkedLibrary("phonenumber", .when(configuration: .debug)),
                .linkedLibrary("protobuf", .when(configuration: .debug)),
                .unsafeFlags(
                    ["-Xlinker", "--start-group"]
                        + [
                            "-l:libphonenumber.a", "-l:libprotobuf.a", "-l:libicui18n.a", "-l:libicuuc.a",
                            "-l:libicudata.a", "-l:libabsl_hash.a", "-l:libabsl_raw_hash_set.a", "-l:libabsl_city.a",
                            "-l:libabsl_low_level_hash.a", "-l:libabsl_strings.a", "-l:libabsl_strings_internal.a",
                            "-l:libabsl_throw_delegate.a", "-l:libabsl_raw_logging_internal.a", "-l:libabsl_int128.a",
                            "-l:libabsl_base.a", "-l:libabsl_spinlock_wait.a", "-l:libabsl_log_severity.a",
                        ].flatMap { ["-Xlinker", $0] }
                        + ["-Xlinker", "--end-group", "-lz"]
                        // A position-dependent executable: the static binary's 95,000 relative
                        // relocations (pointers in Swift's metadata, ICU, protobuf) are resolved at
                        // link time instead of by the loader at every start, on pages it then has
                        // to copy. `db version`: 1,000 -> 810 page faults, 11.3 -> 10.3 ms of CPU.
                        + ["-Xlinker", "-no-pie"],
                    .when(configuration: .release)),
            ]
        ),
        // GMime 3 (Debian's libgmime-3.0-dev, LGPL) behind a small C interface, for `mail ingest`:
        // MIME structure, transfer encodings, RFC 2047/2231 and charsets; libxml2's HTML parser
        // reduces HTML-only mail to text. Both found through pkg-config.
        .systemLibrary(name: "CGMimeSystem", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .systemLibrary(name: "CLibXML2System", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CGMime", dependencies: ["CGMimeSystem", "CLibXML2System"]),
        .target(
            name: "HotlineCore",
            dependencies: [
                "CPhoneNumber",
                "CGMime",
                "HotlineSchema",
                "HotlineDefaults",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // Operators' passwords: bcrypt in C, without NIO or Hummingbird itself.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // `hotline serve`: the service layer over HTTP (Hummingbird), in a library of its own so
        // the routes, authentication and the OpenAPI document are tested without the CLI.
        // Routes are written by hand against openapi.yaml, and CI checks the live server against
        // the document (schemathesis, .ci/serve-check): swift-openapi-generator's build tool alone
        // took 228 s of CPU (1,066 s wall on the loaded 2-core machine) before any stub.
        // Linked into `hotline` (debug): `--help` and `db version` 21.8 -> 23.6 and 22.2 -> 22.6 ms
        // of CPU (median of 40), 1,470 -> 1,579 page faults, 44.5 -> 93.6 MB of binary: small
        // enough to keep `hotline serve` in the one binary.
        .target(
            name: "HotlineServer",
            dependencies: [
                "HotlineCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),  // --tls-cert/--tls-key
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),  // its too-large body error, for a 413
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),  // TOTP codes (`operator totp`)
                .product(name: "AsyncHTTPClient", package: "async-http-client"),  // the Telegram Bot API
            ],
            resources: [.embedInCode("openapi.yaml")]
        ),
        // libedit, for the shell's line editing, history and completion on a terminal.
        .target(name: "CEditLine", linkerSettings: [.linkedLibrary("edit")]),
        .target(
            name: "HotlineCommands",
            dependencies: [
                "HotlineCore",
                "CEditLine",
                "HotlineServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),  // `--output FILE.xlsx`
            ]
        ),
        .executableTarget(name: "hotline", dependencies: ["HotlineCommands"]),
        // The one seeded random generator that the benchmark, the stress tool and the tests share.
        .target(name: "HotlineTesting"),
        // hotline next to raw SQLite on the same database: seeding, timings, growth, memory.
        .executableTarget(
            name: "hotline-bench",
            dependencies: [
                "HotlineCore",
                "HotlineTesting",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),  // writes the XLSX it reads
            ]
        ),
        // Concurrency, kill and hostile-input stress against the built `hotline` binary.
        .executableTarget(
            name: "hotline-stress",
            dependencies: ["HotlineTesting", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "HotlineCoreTests",
            dependencies: [
                "HotlineCore", "HotlineTesting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // List files made by LibreOffice and openpyxl (Fixtures/Lists/make-fixtures.sh).
            // The labelled name set (Fixtures/Names/make-names.py).
            resources: [.copy("Fixtures/Lists"), .copy("Fixtures/Names")]
        ),
        .testTarget(
            name: "HotlineCommandsTests",
            dependencies: [
                "HotlineCommands", "HotlineCore", "HotlineTesting", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // The mail corpus, made by Python's email package (Fixtures/Mail/make-corpus.py); the
            // tests read it where it is and pipe it to the built binary.
            exclude: ["Fixtures/Mail"]
        ),
        .testTarget(
            name: "HotlineServerTests",
            dependencies: [
                "HotlineServer", "HotlineCore", "HotlineTesting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "HotlineTestingTests", dependencies: ["HotlineTesting"]),
    ],
    // libphonenumber's headers (and Abseil's under them) need C++17.
    cxxLanguageStandard: .cxx17
)
