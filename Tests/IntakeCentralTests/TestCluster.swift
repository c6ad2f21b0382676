import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeCentral

/// The throwaway PostgreSQL cluster `scripts/postgres run` starts for `make test` (it sets the
/// INTAKE_TEST_POSTGRES_* variables). Each test gets a database of its own, made and dropped
/// here, and login roles with passwords made up for it.
enum TestCluster {
  static let environment = ProcessInfo.processInfo.environment

  /// Whether a cluster was started for this run.
  static var available: Bool { environment["INTAKE_TEST_POSTGRES_PORT"] != nil }

  static func owner(database: String = "postgres") throws -> CentralConfiguration {
    let port = try #require(Int(environment["INTAKE_TEST_POSTGRES_PORT"] ?? ""))
    return try CentralConfiguration(
      host: environment["INTAKE_TEST_POSTGRES_HOST"] ?? "127.0.0.1", port: port,
      role: environment["INTAKE_TEST_POSTGRES_OWNER"] ?? "intake_owner", database: database, tls: .disable
    ).withPassword(file: environment["INTAKE_TEST_POSTGRES_OWNER_PASSWORD_FILE"])
  }

  /// A new database, migrated, and a kiosk login role (a member of `intake_kiosk`) for it.
  struct Fixture {
    let database: String
    let owner: CentralConfiguration
    let kiosk: CentralConfiguration
    let console: CentralConfiguration
  }

  static func fixture() async throws -> Fixture {
    let name = "intake_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    let kioskPassword = UUID().uuidString
    let consolePassword = UUID().uuidString
    try await CentralStore.using(try owner()) { admin in try await admin.run("CREATE DATABASE \(name)") }
    let owner = try Self.owner(database: String(name))
    // The migration makes the group roles the login roles join.
    try await CentralStore.using(owner) { store in
      _ = try await store.migrate()
      try await store.run("CREATE ROLE \(name)_kiosk LOGIN PASSWORD '\(kioskPassword)' IN ROLE intake_kiosk")
      try await store.run("CREATE ROLE \(name)_console LOGIN PASSWORD '\(consolePassword)' IN ROLE intake_console")
      try await store.registerKiosk(role: "\(name)_kiosk", site: "north", kiosk: "lobby-1")
    }
    var kiosk = owner
    kiosk.role = "\(name)_kiosk"
    kiosk.password = kioskPassword
    var console = owner
    console.role = "\(name)_console"
    console.password = consolePassword
    return Fixture(database: String(name), owner: owner, kiosk: kiosk, console: console)
  }

  /// Another kiosk's login role in the fixture's database, registered as `kiosk` at `site`.
  static func addKiosk(_ fixture: Fixture, role suffix: String, site: String, kiosk: String) async throws
    -> CentralConfiguration
  {
    let role = "\(fixture.database)_\(suffix)"
    let password = UUID().uuidString
    try await CentralStore.using(fixture.owner) { owner in
      try await owner.run("CREATE ROLE \(role) LOGIN PASSWORD '\(password)' IN ROLE intake_kiosk")
      try await owner.registerKiosk(role: role, site: site, kiosk: kiosk)
    }
    var configuration = fixture.kiosk
    configuration.role = role
    configuration.password = password
    return configuration
  }

  /// The built `intake` with `arguments`, its output and error together; stopped (SIGTERM) after
  /// `seconds` if it has not ended.
  /// `typed` is written to its input, which is then closed; without it the input stays open and
  /// silent (the monitor reads commands from it, and the end of input would stop it).
  static func intake(
    _ arguments: [String], seconds: Double = 60, typed: String? = nil, environment: [String: String] = [:]
  ) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = TestSupport.repositoryRoot.appendingPathComponent(".build/debug/intake")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    // A file, not a pipe: a kiosk's screens would fill a pipe nobody reads until it ends.
    let log = try TestSupport.temporaryFolder("intake-output").appendingPathComponent("output")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let output = try FileHandle(forWritingTo: log)
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    if let typed {
      // A whole intake's lines fit in the pipe's buffer; the kiosk reads them as it goes.
      try input.fileHandleForWriting.write(contentsOf: Data(typed.utf8))
      try input.fileHandleForWriting.close()
    }
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    if typed == nil { try input.fileHandleForWriting.close() }
    try output.close()
    return (process.terminationStatus, try String(contentsOf: log, encoding: .utf8))
  }
}
