import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeCentral
@testable import IntakeStore

/// `intake forward` and the staff monitor, the real binary against the real cluster.
@Suite(.serialized, .enabled(if: TestCluster.available, "needs the cluster `scripts/postgres run` starts (make test)"))
struct ForwardCommandTests {
  /// A kiosk's data folder with a store holding `intakes` intakes.
  static func dataFolder(intakes: Int) throws -> (String, SQLiteSessionStore) {
    let path = try TestSupport.temporaryFolder("intake-forward").appendingPathComponent("data").path
    let folder = DataFolder(path: path)
    try folder.prepare()
    let store = try SQLiteSessionStore(folder: folder, auditSealer: nil)
    try OutboxForwarderTests.add(intakes: intakes, to: store, from: Date())
    return (path, store)
  }

  static func passwordFile(_ password: String?) throws -> String {
    let file = try TestSupport.temporaryFolder("intake-pw").appendingPathComponent("pw")
    try ((password ?? "") + "\n").write(to: file, atomically: true, encoding: .utf8)
    chmod(file.path, 0o600)
    return file.path
  }

  @Test func forwardSendsWhatWaitsOnceAndSaysHowMany() async throws {
    let fixture = try await TestCluster.fixture()
    let (data, store) = try Self.dataFolder(intakes: 3)
    let waiting = try store.pendingOutbox(limit: 1_000).count
    let url = "postgres://\(fixture.kiosk.role)@127.0.0.1:\(fixture.kiosk.port)/\(fixture.database)?sslmode=disable"
    let password = try Self.passwordFile(fixture.kiosk.password)
    let arguments = [
      "forward", "--data", data, "--url", url, "--password-file", password, "--site", "north", "--kiosk", "lobby-1",
      "--until-empty",
    ]
    let first = try TestCluster.intake(arguments)
    #expect(first.status == 0, "\(first.output)")
    #expect(first.output.contains("forwarded \(waiting) records (\(waiting) new"), "\(first.output)")
    let again = try TestCluster.intake(arguments)
    #expect(again.output.contains("forwarded 0 records"), "\(again.output)")
    #expect(try await OutboxForwarderTests.arrived(fixture).count == waiting)
  }

  @Test func theStaffMonitorSaysWhenRecordsHaveWaitedTooLong() throws {
    let (data, store) = try Self.dataFolder(intakes: 1)
    try store.recordForwardFailure(
      "the central database cannot be reached: connection refused", at: Date().addingTimeInterval(-3_600))
    let watched = try TestCluster.intake([
      "alerts", "watch", "--data", data, "--seconds", "2", "--outbox-patience", "600",
    ])
    #expect(watched.output.contains("records have waited to reach the central store since"), "\(watched.output)")
    #expect(watched.output.contains("connection refused"))
  }

  @Test func theStaffMonitorAsksWhetherAForwarderRunsWhenNothingTriedToSend() throws {
    let (data, _) = try Self.dataFolder(intakes: 1)
    // The records were stored now; a patience of one second has passed by the monitor's check.
    Thread.sleep(forTimeInterval: 1.2)
    let watched = try TestCluster.intake([
      "alerts", "watch", "--data", data, "--seconds", "2", "--outbox-patience", "1",
    ])
    #expect(watched.output.contains("is `intake forward` running for this kiosk?"), "\(watched.output)")
  }

  /// Left running, `intake forward` says in its log what changed: records sent, and the server
  /// lost (once, not at every try).
  @Test func theRunningForwarderLogsWhatChanges() async throws {
    let fixture = try await TestCluster.fixture()
    let (data, store) = try Self.dataFolder(intakes: 2)
    let waiting = try store.pendingOutbox(limit: 1_000).count
    let password = try Self.passwordFile(fixture.kiosk.password)
    func forward(port: Int) throws -> String {
      let url = "postgres://\(fixture.kiosk.role)@127.0.0.1:\(port)/\(fixture.database)?sslmode=disable"
      return try TestCluster.intake(
        [
          "forward", "--data", data, "--url", url, "--password-file", password, "--site", "north", "--kiosk",
          "lobby-1", "--maximum-retry-delay", "1",
        ], seconds: 4
      ).output
    }
    let sent = try forward(port: fixture.kiosk.port)
    #expect(sent.contains("forwarded \(waiting) records (\(waiting) new, 0 the server had)."), "\(sent)")
    // Nothing listens on port 1: said once, however many tries.
    try OutboxForwarderTests.add(intakes: 1, to: store, from: Date())
    let lost = try forward(port: 1)
    #expect(lost.components(separatedBy: "the records wait here").count == 2, "\(lost)")
    #expect(lost.contains("no connection to the server (127.0.0.1:1)"), "\(lost)")
  }
}
