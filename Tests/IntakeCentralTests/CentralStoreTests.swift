import Foundation
import Testing

@testable import IntakeCentral
@testable import IntakeStore

/// The central store on a real PostgreSQL (never a mock): migrations, forwarding once, and a
/// kiosk's role that can send but never read.
@Suite(.serialized, .enabled(if: TestCluster.available, "needs the cluster `scripts/postgres run` starts (make test)"))
struct CentralStoreTests {
  static func record(_ sequence: Int64, kind: ForwardedRecord.Kind = .submission, payload: String = "sealed")
    -> ForwardedRecord
  {
    ForwardedRecord(
      id: UUID(), site: "north", kiosk: "lobby-1", kind: kind, sequence: sequence, payload: Data(payload.utf8))
  }

  @Test func migrationsApplyOnceAndRecordTheirVersions() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.owner) { (store) async throws in
      // The fixture migrated already: nothing is applied twice.
      #expect(try await store.migrate() == [])
      #expect(try await store.appliedMigrations() == CentralSchema.migrations.map(\.version))
    }
  }

  @Test func aRecordIsStoredOnceWhateverTheNumberOfTries() async throws {
    let fixture = try await TestCluster.fixture()
    let record = Self.record(0)
    try await CentralStore.using(fixture.kiosk) { (kiosk) async throws in
      #expect(try await kiosk.forward(record) == .accepted)
      // A retry after a lost reply, and a replay: both answered, neither stored again.
      #expect(try await kiosk.forward(record) == .duplicate)
      #expect(try await kiosk.forward(record) == .duplicate)
    }
    try await CentralStore.using(fixture.owner) { (owner) async throws in
      #expect(try await owner.texts("SELECT count(*)::text FROM forwarded_record") == ["1"])
      // The record names the role that sent it.
      #expect(try await owner.texts("SELECT kiosk_role::text FROM forwarded_record") == [fixture.kiosk.role])
    }
  }

  @Test func otherContentUnderAKnownIdIsRejected() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.kiosk) { (kiosk) async throws in
      var record = Self.record(0)
      #expect(try await kiosk.forward(record) == .accepted)
      record.payload = Data("other".utf8)
      #expect(try await kiosk.forward(record) == .rejected)
      #expect(try await kiosk.forward(Self.record(1)) == .accepted)
    }
  }

  @Test func theKioskRoleCannotReadChangeOrDeleteARecord() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.kiosk) { (kiosk) async throws in
      #expect(try await kiosk.forward(Self.record(0)) == .accepted)
      for statement in [
        "SELECT payload::text FROM forwarded_record",
        "SELECT id::text FROM forwarded_record",
        "SELECT version::text FROM intake_migration",
        "UPDATE forwarded_record SET site = 'x' RETURNING site",
        "DELETE FROM forwarded_record RETURNING site",
        "INSERT INTO forwarded_record (id, kiosk_role, site, kiosk, kind, kiosk_sequence, payload, digest) "
          + "VALUES (gen_random_uuid(), 'someone', 's', 'k', 'alert', 9, '', '') RETURNING site",
      ] {
        do {
          _ = try await kiosk.texts(statement)
          Issue.record("the kiosk role ran: \(statement)")
        } catch {
          guard case .refused(let state, _)? = error as? CentralError else {
            Issue.record("not a refusal: \(error)")
            continue
          }
          #expect(state == CentralError.insufficientPrivilege, "\(statement)")
        }
      }
    }
    // The console reads what arrived.
    try await CentralStore.using(fixture.console) { (console) async throws in
      #expect(try await console.texts("SELECT site FROM forwarded_record") == ["north"])
    }
  }

  /// An audit entry as a kiosk's store makes it, following `previous`.
  static func entry(_ sequence: Int, after previous: String, detail: String? = nil) -> AuditEntry {
    let at = "2026-11-30T10:00:0\(sequence).000Z"
    return AuditEntry(
      sequence: sequence, at: at, event: .sessionStarted, sessionID: "s\(sequence)", detail: detail,
      previousHash: previous,
      hash: AuditEntry.hash(
        sequence: sequence, at: at, event: .sessionStarted, sessionID: "s\(sequence)", detail: detail,
        previousHash: previous),
      mac: nil)
  }

  static func forwarded(_ entry: AuditEntry, place: Int64) throws -> ForwardedRecord {
    ForwardedRecord(
      id: UUID(), site: "north", kiosk: "lobby-1", kind: .audit, sequence: place,
      payload: try JSONEncoder().encode(entry))
  }

  @Test func aKiosksTrailCutOffOrRewrittenAfterItLeftIsCaughtCentrally() async throws {
    let fixture = try await TestCluster.fixture()
    let first = Self.entry(1, after: AuditEntry.genesis)
    let second = Self.entry(2, after: first.hash)
    let third = Self.entry(3, after: second.hash)
    try await CentralStore.using(fixture.kiosk) { (kiosk) async throws in
      for (place, entry) in [first, second, third].enumerated() {
        #expect(try await kiosk.forward(Self.forwarded(entry, place: Int64(place))) == .accepted)
      }
      // Entry 2 rewritten on the kiosk (another detail, so another hash) and sent again.
      let rewritten = Self.entry(2, after: first.hash, detail: "changed")
      #expect(try await kiosk.forward(Self.forwarded(rewritten, place: 10)) == .rejected)
      // The trail cut after entry 1 and grown again: entry 4 follows a new entry 3, not the one sent.
      let regrown = Self.entry(4, after: Self.entry(3, after: rewritten.hash).hash)
      #expect(try await kiosk.forward(Self.forwarded(regrown, place: 11)) == .rejected)
      // The true next entry is taken.
      #expect(try await kiosk.forward(Self.forwarded(Self.entry(4, after: third.hash), place: 12)) == .accepted)
      // The kiosk cannot read (or hide) what was found.
      do {
        _ = try await kiosk.texts("SELECT found FROM audit_break")
        Issue.record("the kiosk role read audit_break")
      } catch {}
    }
    try await CentralStore.using(fixture.console) { (console) async throws in
      #expect(
        try await console.texts("SELECT found FROM audit_break ORDER BY id") == [
          "entry 2 differs from the one this kiosk forwarded before: its trail was rewritten or cut off",
          "entry 4 does not follow entry 3 as this kiosk forwarded it",
        ])
    }
  }

  /// A kiosk's role files records only as the site and kiosk it is registered as; anything else
  /// is refused as a failure (the kiosk keeps the record and says so), never stored.
  /// Registering a kiosk says what is wrong and what to do: a role that does not exist, one that
  /// is not a kiosk's, a site's kiosk another role holds.
  @Test func registeringAKioskRefusesWhatCannotWorkWithWhatToDo() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.owner) { (owner) async throws in
      for (role, site, kiosk, expected) in [
        ("no_such_role_here", "east", "x", "there is no role 'no_such_role_here': make it first"),
        (fixture.console.role, "east", "x", "is not a kiosk's: GRANT intake_kiosk TO"),
        (fixture.kiosk.role + "_2", "north", "lobby-1", "is registered to the role '\(fixture.kiosk.role)' already"),
      ] {
        if role.hasSuffix("_2") {
          try await owner.run("CREATE ROLE \(role) LOGIN PASSWORD 'x' IN ROLE intake_kiosk")
        }
        do {
          try await owner.registerKiosk(role: role, site: site, kiosk: kiosk)
          Issue.record("\(role) was registered as \(kiosk) at \(site)")
        } catch {
          #expect("\(error)".contains(expected), "\(error)")
        }
      }
      #expect(try await owner.texts("SELECT count(*)::text FROM kiosk") == ["1"])
      // Registering the same role again (moving it) still works.
      try await owner.registerKiosk(role: fixture.kiosk.role, site: "north", kiosk: "lobby-1")
    }
  }

  @Test func aKioskRoleCannotFileRecordsAsAnotherKiosk() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.kiosk) { (kiosk) async throws in
      var record = Self.record(0)
      record.site = "south"
      do {
        _ = try await kiosk.forward(record)
        Issue.record("a record filed as another site was taken")
      } catch {
        guard case .refused(let state, let message)? = error as? CentralError else { throw error }
        #expect(state == CentralError.insufficientPrivilege)
        #expect(message.contains("registered as kiosk lobby-1 at site north, not kiosk lobby-1 at site south"))
      }
    }
    // A role nobody registered sends nothing.
    try await CentralStore.using(fixture.owner) { (owner) async throws in
      try await owner.run("DELETE FROM kiosk")
    }
    try await CentralStore.using(fixture.kiosk) { (kiosk) async throws in
      await #expect(throws: CentralError.self) { _ = try await kiosk.forward(Self.record(1)) }
    }
    try await CentralStore.using(fixture.owner) { (owner) async throws in
      #expect(try await owner.texts("SELECT count(*)::text FROM forwarded_record") == ["0"])
    }
  }
}
