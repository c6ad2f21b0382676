import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeCentral
@testable import IntakeStore

/// A kiosk's store forwarding to the central store, both real: everything stored arrives once,
/// alerts first and the rest in order, and nothing is lost while the server cannot be reached.
@Suite(.serialized, .enabled(if: TestCluster.available, "needs the cluster `scripts/postgres run` starts (make test)"))
struct OutboxForwarderTests {
  static let origin = OutboxForwarder.Origin(site: "north", kiosk: "lobby-1")

  /// A kiosk's store with `count` intakes: each started, submitted, and every third raising an alert.
  static func kioskStore(intakes count: Int, from start: Date = Date()) throws -> SQLiteSessionStore {
    let folder = try TestSupport.temporaryFolder("outbox")
    let store = try SQLiteSessionStore(path: folder.appendingPathComponent("intake.sqlite").path)
    try add(intakes: count, to: store, from: start)
    return store
  }

  static func add(intakes count: Int, to store: SQLiteSessionStore, from start: Date) throws {
    for index in 0..<count {
      let id = UUID().uuidString
      let at = start.addingTimeInterval(Double(index))
      try store.startSession(
        StoredSession(id: id, dialogID: "d", dialogVersion: "1", sealedKey: Data("key \(id)".utf8)),
        firstInput: Data("sealed input".utf8), at: at)
      if index % 3 == 0 { try store.raiseAlert(sessionID: id, rule: "r", tier: 3, kiosk: "lobby-1", at: at) }
      try store.submit(sessionID: id, sealed: Data("sealed submission \(index)".utf8), at: at)
    }
  }

  /// What the central store holds, in the order it arrived: "kind sequence".
  static func arrived(_ fixture: TestCluster.Fixture) async throws -> [String] {
    try await CentralStore.using(fixture.owner) { owner in
      try await owner.texts("SELECT kind || ' ' || kiosk_sequence FROM forwarded_record ORDER BY arrival")
    }
  }

  @Test func everythingStoredArrivesOnceAlertsFirstThenInOrder() async throws {
    let fixture = try await TestCluster.fixture()
    let store = try Self.kioskStore(intakes: 7)
    let queued = try store.pendingOutbox(limit: 1_000)
    // 7 submissions, 3 alerts, and an audit entry for each start, alert and submission.
    #expect(queued.count == 7 + 3 + 17)
    let forwarder = OutboxForwarder(store: store, central: fixture.kiosk, origin: Self.origin, batch: 4)
    let pass = try await forwarder.drain()
    #expect(pass == OutboxForwarder.Pass(accepted: queued.count, duplicates: 0, rejected: 0))
    #expect(try store.pendingOutbox(limit: 10).isEmpty)
    let expected = queued.sorted { ($0.kind.sortKey, $0.sequence) < ($1.kind.sortKey, $1.sequence) }
      .map { "\($0.kind.rawValue) \($0.sequence)" }
    #expect(try await Self.arrived(fixture) == expected)
    #expect(try await Self.arrived(fixture).prefix(3).allSatisfy { $0.hasPrefix("alert ") })
    // Nothing twice: a second pass has nothing to send.
    #expect(try await forwarder.drain() == OutboxForwarder.Pass())
  }

  /// A person who acknowledges an alert at a central console is heard at the kiosk that raised
  /// it at its next pass (its held screen then tells the patient someone is coming), once; a
  /// console watching the alerts counts as the kiosk's staff monitor; another kiosk hears
  /// nothing of either kiosk's alerts.
  @Test func anAcknowledgementAtACentralConsoleReachesTheKioskThatRaisedIt() async throws {
    let fixture = try await TestCluster.fixture()
    let store = try Self.kioskStore(intakes: 1)
    let forwarder = OutboxForwarder(store: store, central: fixture.kiosk, origin: Self.origin)
    try await forwarder.drain()
    let local = try #require(try store.alerts().first)
    #expect(try store.acknowledgement(sessionID: local.sessionID, rule: "r") == nil)

    let console = try CentralConsoleStore(fixture.console)
    let central = try #require(try console.alerts().first)
    let at = Date(timeIntervalSince1970: 1_780_000_000)
    #expect(try console.acknowledgeAlert(id: central.id, by: "ana", at: at))
    try console.recordMonitorBeat(name: "browser console", at: at.addingTimeInterval(5))

    #expect(try await forwarder.drain().acknowledged == 1)
    #expect(try store.acknowledgement(sessionID: local.sessionID, rule: "r")?.by == "ana")
    #expect(try store.alerts().first?.acknowledgedAt == SQLiteSessionStore.timestamp(at))
    #expect(try store.lastMonitorBeat() == at.addingTimeInterval(5))
    #expect(try await forwarder.drain().acknowledged == 0)

    // The other way: acknowledged at the kiosk's own monitor, and the consoles know who went.
    try store.raiseAlert(sessionID: local.sessionID, rule: "r2", tier: 2, kiosk: "lobby-1", at: at)
    let second = try #require(try store.alerts().first { !$0.isAcknowledged })
    #expect(try store.acknowledgeAlert(id: second.id, by: "Nurse Kim", at: at.addingTimeInterval(9)))
    try await forwarder.drain()
    let seen = try console.alerts().first { $0.tier == 2 }
    #expect(seen?.acknowledgedBy == "Nurse Kim" && seen?.acknowledgedAt == SQLiteSessionStore.timestamp(at + 9))

    let other = try await TestCluster.addKiosk(fixture, role: "south", site: "south", kiosk: "front-2")
    let heard = try await CentralStore.using(other) { try await $0.news() }
    #expect(heard.acknowledgements.isEmpty)
  }

  @Test func aReplyLostOnTheWayIsSentAgainAndNotStoredTwice() async throws {
    let fixture = try await TestCluster.fixture()
    let store = try Self.kioskStore(intakes: 2)
    let forwarder = OutboxForwarder(store: store, central: fixture.kiosk, origin: Self.origin)
    let first = try await forwarder.drain()
    // As if the replies to the last three never came back: the kiosk still has them queued.
    try store.forgetForwarding(last: 3)
    let again = try await forwarder.drain()
    #expect(again == OutboxForwarder.Pass(accepted: 0, duplicates: 3, rejected: 0))
    #expect(try await Self.arrived(fixture).count == first.accepted)
  }

  @Test func anHourOfflineThenEverythingInOrder() async throws {
    let fixture = try await TestCluster.fixture()
    let start = Date()
    let store = try Self.kioskStore(intakes: 3, from: start)
    // The server is not there (a port nothing listens on): the kiosk goes on storing.
    var offline = fixture.kiosk
    offline.port = 1
    let clock = TestClock(start)
    let away = OutboxForwarder(store: store, central: offline, origin: Self.origin, now: clock.now)
    await #expect(throws: CentralError.self) { try await away.drain() }
    clock.advance(3_600)
    try Self.add(intakes: 3, to: store, from: start.addingTimeInterval(3_600))
    await #expect(throws: CentralError.self) { try await away.drain() }
    let status = try store.outboxStatus()
    #expect(status.pending == 2 * (3 + 1 + 7))
    #expect(status.isStuck(longerThan: 30 * 60, at: clock.now()))
    #expect(status.lastFailure?.contains("cannot be reached") == true, "\(status.lastFailure ?? "")")
    // Back: everything goes, alerts first, and the failure is over.
    let queued = try store.pendingOutbox(limit: 1_000)
    let back = OutboxForwarder(store: store, central: fixture.kiosk, origin: Self.origin, now: clock.now)
    #expect(try await back.drain().accepted == queued.count)
    let expected = queued.sorted { ($0.kind.sortKey, $0.sequence) < ($1.kind.sortKey, $1.sequence) }
      .map { "\($0.kind.rawValue) \($0.sequence)" }
    #expect(try await Self.arrived(fixture) == expected)
    let after = try store.outboxStatus()
    #expect(after.pending == 0)
    #expect(after.failingSince == nil)
    #expect(!after.isStuck(longerThan: 30 * 60, at: clock.now()))
  }

  /// A server that does not answer (here, a forward that takes 30 s) holds the outbox up for no
  /// longer than the answer deadline: the connection is given up and the record waits.
  @Test func aServerThatDoesNotAnswerIsGivenUpAtTheDeadline() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.owner) { owner in
      try await owner.run(
        """
        CREATE OR REPLACE FUNCTION intake_forward(
          p_id uuid, p_site text, p_kiosk text, p_kind text, p_sequence bigint, p_payload bytea
        ) RETURNS text LANGUAGE plpgsql SECURITY DEFINER AS $$
        BEGIN
          PERFORM pg_sleep(30);
          RETURN 'accepted';
        END
        $$
        """)
    }
    let store = try Self.kioskStore(intakes: 1)
    let forwarder = OutboxForwarder(store: store, central: fixture.kiosk, origin: Self.origin)
    forwarder.answerDeadline = .seconds(1)
    do {
      try await forwarder.drain()
      Issue.record("a forward that never answered was taken as sent")
    } catch {
      #expect(error.description.contains("no answer within"), "\(error)")
    }
    #expect(try store.outboxStatus().pending == (try store.pendingOutbox(limit: 100)).count)
    #expect(try store.outboxStatus().pending > 0)
  }
}

extension OutboxKind {
  /// The order the outbox sends kinds in.
  var sortKey: Int { OutboxKind.allCases.firstIndex(of: self) ?? 0 }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
  private var instant: Date
  private let lock = NSLock()
  init(_ start: Date) { instant = start }
  func advance(_ seconds: TimeInterval) { lock.withLock { instant += seconds } }
  @Sendable func now() -> Date { lock.withLock { instant } }
}

extension SQLiteSessionStore {
  /// Unmarks the last `count` forwarded records, as if their replies had been lost.
  func forgetForwarding(last count: Int) throws {
    try write { db in
      try db.execute(
        sql: """
          UPDATE outbox SET forwarded_at = NULL, outcome = NULL WHERE sequence IN
            (SELECT sequence FROM outbox WHERE forwarded_at IS NOT NULL ORDER BY sequence DESC LIMIT ?)
          """, arguments: [count])
    }
  }
}
