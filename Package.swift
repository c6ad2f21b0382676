// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "intake",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "intake", targets: ["intake"]),
    // The kiosk alone, for the kiosk terminal: without the console's HTTP and TLS server, the
    // PostgreSQL client or the authoring tools.
    .executable(name: "intake-kiosk", targets: ["intake-kiosk"]),
    .library(name: "IntakeKit", targets: ["IntakeKit"]),
    // What the libFuzzer executables in Fuzz/ run; the regression test replays through it too.
    .library(name: "IntakeFuzzing", targets: ["IntakeFuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // Property-based tests over the answer parsers (IntakeKitTests only).
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // The coordinators' browser console (`intake console`): an HTTP server on SwiftNIO, with TLS.
    // Hummingbird rather than Vapor: a smaller dependency tree (no ORM, templating, multipart or
    // console kits), async/await throughout, and no process-wide state. Its default traits pull in
    // swift-configuration, which the console does not use.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
    // Already in the graph through Hummingbird: the console silences its log, reads its TLS files
    // and builds its responses' header fields.
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    // The central store several sites share (`IntakeCentral`): PostgreSQL's own client on
    // SwiftNIO, already in the graph through Hummingbird. PostgresKit and Fluent would add an
    // ORM and a query builder the few statements here do not need.
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    // libedit's native API (<histedit.h>) as a Swift module.
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // Fixed-arity wrappers: Swift cannot call libedit's variadic el_set/history.
    .target(name: "CEditLineShim", dependencies: ["CEditLine"]),
    // The pure core: dialog model, checker, expressions, engine, screening, summary, conversation.
    .target(name: "IntakeKit", dependencies: [.product(name: "Yams", package: "Yams")]),
    // Terminal I/O: line readers, the sanitising writer, the kiosk loop.
    .target(name: "IntakeTerminal", dependencies: ["IntakeKit", "CEditLineShim"]),
    // The data folder: the session store (SQLite), sealing, keys and the audit trail.
    .target(
      name: "IntakeStore",
      dependencies: [
        "IntakeKit",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]),
    // The kiosk's host on the store: saving as the patient goes, resume codes and their lockout,
    // sealing the submission, staff alerts. A library so it is tested in-process with a clock.
    .target(name: "IntakeKioskHost", dependencies: ["IntakeKit", "IntakeTerminal", "IntakeStore"]),
    // The coordinators' browser console: accounts and their sessions, pages, alerts. The logic
    // answers a `ConsoleRequest` in process; `ConsoleServer` is the thin Hummingbird adapter.
    .target(
      name: "IntakeConsole",
      dependencies: [
        "IntakeKit", "IntakeStore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]),
    // The central PostgreSQL store: migrations, least-privilege roles, forwarding kiosks' records.
    .target(
      name: "IntakeCentral",
      dependencies: [
        "IntakeStore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // What both programs share: the kiosk's command line and start, reading a dialog with its
    // diagnostics, and the failures a command exits with.
    .target(
      name: "IntakeCommandLine",
      dependencies: [
        "IntakeKit", "IntakeTerminal", "IntakeStore", "IntakeKioskHost",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "intake",
      dependencies: [
        "IntakeKit", "IntakeTerminal", "IntakeStore", "IntakeKioskHost", "IntakeConsole", "IntakeCentral",
        "IntakeCommandLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // No dynamic symbols exported: nothing looks the program's own symbols up, and the Swift
      // runtime's dladdr at start scanned all 49,000 of them (a tenth of a kiosk's start).
      linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
    ),
    // `intake kiosk` as a program of its own, linking only what a kiosk runs: a smaller attack
    // surface on the machine patients type at, and a quicker start (the Swift runtime's first
    // look-up of each protocol conformance scans every conformance the program holds).
    .executableTarget(
      name: "intake-kiosk",
      dependencies: ["IntakeCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
    ),
    .target(name: "IntakeFuzzing", dependencies: ["IntakeKit"]),
    .target(
      name: "IntakeTestSupport",
      dependencies: ["IntakeKit", "IntakeStore", .product(name: "GRDB", package: "GRDB.swift")],
      path: "Tests/IntakeTestSupport"),
    .testTarget(
      name: "IntakeKitTests",
      dependencies: [
        "IntakeKit", "IntakeStore", "IntakeTestSupport",
        .product(name: "PropertyBased", package: "swift-property-based"),
        // The reading YAMLReader replaced, kept in a test as its reference.
        .product(name: "Yams", package: "Yams"),
      ],
      // Golden files are read by path from the repository, not bundled.
      exclude: ["Summary/Golden", "Export/Golden"]
    ),
    .testTarget(name: "IntakeTerminalTests", dependencies: ["IntakeTerminal", "IntakeTestSupport"]),
    .testTarget(name: "IntakeStoreTests", dependencies: ["IntakeKit", "IntakeStore", "IntakeTestSupport"]),
    .testTarget(
      name: "IntakeKioskHostTests",
      dependencies: ["IntakeKioskHost", "IntakeTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(
      name: "IntakeFuzzingTests", dependencies: ["IntakeFuzzing", "IntakeTestSupport"],
      // Crash inputs are read by path from the repository, not bundled.
      exclude: ["Regressions"]),
    .testTarget(name: "IntakeConsoleTests", dependencies: ["IntakeConsole", "IntakeTestSupport"]),
    .testTarget(
      name: "intakeTests", dependencies: ["intake", "intake-kiosk", "IntakeCommandLine", "IntakeTestSupport"]),
    .testTarget(name: "IntakeCommandLineTests", dependencies: ["IntakeCommandLine", "IntakeTestSupport"]),
    .testTarget(
      name: "IntakeCentralTests", dependencies: ["IntakeCentral", "IntakeConsole", "IntakeStore", "IntakeTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
