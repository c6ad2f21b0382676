import Foundation
import Testing

@testable import IntakeCentral

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
      record.payload = Data("sealed".utf8)
      record.site = "south"
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
}
