import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeCentral

/// `intake db migrate`, the real binary against the real cluster: the password from a file, the
/// schema applied once, and a wrong password said plainly without the password in the words.
@Suite(.serialized, .enabled(if: TestCluster.available, "needs the cluster `scripts/postgres run` starts (make test)"))
struct MigrateCommandTests {
  @Test func migrateAppliesTheSchemaOnceWithThePasswordFromAFile() async throws {
    let name = "intake_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    try await CentralStore.using(try TestCluster.owner()) { admin in try await admin.run("CREATE DATABASE \(name)") }
    let owner = try TestCluster.owner(database: String(name))
    let url = "postgres://\(owner.role)@\(owner.host):\(owner.port)/\(name)?sslmode=disable"
    let passwordFile = try #require(TestCluster.environment["INTAKE_TEST_POSTGRES_OWNER_PASSWORD_FILE"])

    let first = try TestCluster.intake(["db", "migrate", "--url", url, "--password-file", passwordFile])
    #expect(first.status == 0, "\(first.output)")
    #expect(first.output.contains("applied migrations 1"), "\(first.output)")
    let again = try TestCluster.intake(["db", "migrate", "--url", url, "--password-file", passwordFile])
    #expect(again.status == 0)
    #expect(again.output.contains("up to date"), "\(again.output)")

    // A wrong password: refused in words, exit 3, and the password itself nowhere.
    let wrong = FileManager.default.temporaryDirectory.appendingPathComponent("wrong-\(UUID().uuidString)")
    try "not-the-password-4711\n".write(to: wrong, atomically: true, encoding: .utf8)
    chmod(wrong.path, 0o600)
    defer { try? FileManager.default.removeItem(at: wrong) }
    let refused = try TestCluster.intake(["db", "migrate", "--url", url, "--password-file", wrong.path])
    #expect(refused.status == 3)
    #expect(refused.output.contains("refused") || refused.output.contains("cannot be reached"), "\(refused.output)")
    #expect(!refused.output.contains("not-the-password-4711"))

    // A password in the URL is refused before anything is sent: a wrong command line.
    let inURL = try TestCluster.intake(["db", "migrate", "--url", "postgres://a:secret-99@127.0.0.1/x"])
    #expect(inURL.status == 64)
    #expect(!inURL.output.contains("secret-99"))

    // The default sslmode against a server without TLS says what to do, not the library's name.
    let plain = try TestCluster.intake([
      "db", "migrate", "--url", "postgres://\(owner.role)@\(owner.host):\(owner.port)/\(name)", "--password-file",
      passwordFile,
    ])
    #expect(plain.status == 3)
    #expect(plain.output.contains("does not offer TLS") && plain.output.contains("sslmode=disable"), "\(plain.output)")

    // A password file others can read is refused.
    let open = FileManager.default.temporaryDirectory.appendingPathComponent("open-\(UUID().uuidString)")
    try "whatever\n".write(to: open, atomically: true, encoding: .utf8)
    chmod(open.path, 0o644)
    defer { try? FileManager.default.removeItem(at: open) }
    let readable = try TestCluster.intake(["db", "migrate", "--url", url, "--password-file", open.path])
    #expect(readable.status == 64)
    #expect(readable.output.contains("chmod 600"), "\(readable.output)")
  }
}
