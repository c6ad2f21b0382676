import Foundation
import Testing

@testable import IntakeCentral

/// The database URL and its password: never in the URL, from a file or the environment.
@Suite struct CentralConfigurationTests {
  @Test func aURLNamesTheServerRoleDatabaseAndTLS() throws {
    let configuration = try CentralConfiguration(
      url: "postgres://kiosk_north_1@db.clinic.example:6432/intake?sslmode=verify-full&sslrootcert=/etc/intake/ca.pem")
    #expect(configuration.host == "db.clinic.example")
    #expect(configuration.port == 6432)
    #expect(configuration.role == "kiosk_north_1")
    #expect(configuration.database == "intake")
    #expect(configuration.tls == .verifyFull)
    #expect(configuration.rootCertificate == "/etc/intake/ca.pem")
  }

  @Test func tlsIsVerifiedUnlessTheURLSaysOtherwise() throws {
    #expect(try CentralConfiguration(url: "postgres://a@h/d").tls == .verifyFull)
    #expect(try CentralConfiguration(url: "postgresql://a@h/d?sslmode=disable").tls == .disable)
  }

  @Test func aPasswordInTheURLIsRefused() {
    #expect(throws: CentralError.self) { try CentralConfiguration(url: "postgres://a:secret@h/d") }
    do {
      _ = try CentralConfiguration(url: "postgres://a:secret@h/d")
    } catch {
      #expect(!error.description.contains("secret"))
      #expect(error.description.contains("--password-file"))
    }
  }

  @Test(arguments: [
    "http://a@h/d", "postgres://h/d", "postgres://a@/d", "postgres://a@h", "postgres://a@h/d?sslmode=prefer",
    "postgres://a@h/d?password=x",
  ])
  func aURLMissingAPartOrWithAWeakSettingIsRefused(url: String) {
    #expect(throws: CentralError.self) { try CentralConfiguration(url: url) }
  }

  @Test func thePasswordComesFromAFileBeforeTheEnvironment() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
    try "from the file\nignored\n".write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
    defer { try? FileManager.default.removeItem(at: file) }
    let base = try CentralConfiguration(url: "postgres://a@h/d")
    #expect(
      try base.withPassword(file: file.path, environment: ["INTAKE_DB_PASSWORD": "env"]).password == "from the file")
    #expect(try base.withPassword(file: nil, environment: ["INTAKE_DB_PASSWORD": "env"]).password == "env")
    #expect(try base.withPassword(file: nil, environment: [:]).password == nil)
    #expect(throws: CentralError.self) { try base.withPassword(file: "/nonexistent/pw", environment: [:]) }
  }

  /// `make test` starts a cluster and says so: the central store's tests never skip there.
  @Test func theClusterIsThereWhenTheTestCommandStartedOne() {
    if ProcessInfo.processInfo.environment["INTAKE_TEST_POSTGRES_REQUIRED"] == "1" {
      #expect(TestCluster.available, "make test started no PostgreSQL cluster (scripts/postgres run)")
    }
  }
}
