import Foundation
import IntakeConsole
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeCentral
@testable import IntakeStore

/// The console on the central store, all real: two kiosks at two sites take intakes into their
/// own stores and forward them to the cluster; consoles connected as the console's role work the
/// queue there (filtered by site, alerts naming site and kiosk) and share what they do.
@Suite(.serialized, .enabled(if: TestCluster.available, "needs the cluster `scripts/postgres run` starts (make test)"))
struct CentralConsoleStoreTests {
  static let cost = ScryptCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

  /// The clinic: two kiosks forwarded (north's intake raised a crisis alert); an administrator.
  struct Clinic {
    let fixture: TestCluster.Fixture
    let key = CoordinatorPrivateKey()
    let north = "11111111-aaaa-4aaa-8aaa-000000000001"
    let south = "22222222-bbbb-4bbb-8bbb-000000000002"
  }

  static func clinic() async throws -> Clinic {
    let clinic = Clinic(fixture: try await TestCluster.fixture())
    let fixture = clinic.fixture
    let southKiosk = try await TestCluster.addKiosk(fixture, role: "south", site: "south", kiosk: "front-2")
    let now = Date()
    for (kiosk, central, origin, id, name) in [
      ("lobby-1", fixture.kiosk, OutboxForwarder.Origin(site: "north", kiosk: "lobby-1"), clinic.north, "Nora North"),
      ("front-2", southKiosk, OutboxForwarder.Origin(site: "south", kiosk: "front-2"), clinic.south, "Sam South"),
    ] {
      let folder = try TestSupport.temporaryFolder("central-console")
      let store = try SQLiteSessionStore(path: folder.appendingPathComponent("intake.sqlite").path)
      try SealedIntake.store("01", id: id, name: name, in: store, sealedTo: clinic.key.publicKey, at: now)
      if kiosk == "lobby-1" {
        // Two rules at once (a tier-2 and a tier-3 escalation): two alerts, neither "raised again".
        try store.raiseAlert(sessionID: id, rule: "means", tier: 2, kiosk: kiosk, at: now)
        try store.raiseAlert(sessionID: id, rule: "crisis", tier: 3, kiosk: kiosk, at: now)
      }
      try await OutboxForwarder(store: store, central: central, origin: origin).drain()
    }
    let central = try CentralConsoleStore(fixture.console)
    let slot = try AccountKeySlot.make(for: clinic.key, name: "ana", passphrase: "ana passphrase", cost: cost)
    _ = try central.addAccount(name: "ana", role: .admin, keySlot: slot, by: "test", at: now)
    return clinic
  }

  static func console(_ clinic: Clinic) throws -> ConsoleApp {
    var settings = ConsoleApp.Settings()
    settings.keyCost = cost
    return ConsoleApp(
      store: try CentralConsoleStore(clinic.fixture.console), dialog: try TestSupport.shippedDialog(),
      settings: settings)
  }

  static func signIn(_ app: ConsoleApp) async throws -> String {
    let response = await app.handle(
      ConsoleRequest(method: .post, path: "/sign-in", form: ["name": "ana", "passphrase": "ana passphrase"]))
    let cookie = try #require(response.header("Set-Cookie"), "signing in was refused: \(response.text)")
    return String(cookie.split(separator: ";")[0].dropFirst(ConsoleApp.cookieName.count + 1))
  }

  static func get(_ app: ConsoleApp, _ path: String, _ cookie: String, query: [String: String] = [:]) async
    -> ConsoleResponse
  {
    await app.handle(ConsoleRequest(method: .get, path: path, query: query, cookies: [ConsoleApp.cookieName: cookie]))
  }

  @Test func theConsoleWorksEverySitesIntakesAndFiltersBySite() async throws {
    let clinic = try await Self.clinic()
    let app = try Self.console(clinic)
    let cookie = try await Self.signIn(app)

    let queue = await Self.get(app, "/", cookie).text
    #expect(queue.contains("Nora North") && queue.contains("Sam South"), "\(queue)")
    #expect(queue.contains("lobby-1, site north") && queue.contains("front-2, site south"))
    #expect(queue.contains("<option value=\"north\">north</option>"))

    let north = await Self.get(app, "/", cookie, query: ["site": "north"]).text
    #expect(north.contains("Nora North") && !north.contains("Sam South"))
    #expect(north.contains("<option value=\"north\" selected>north</option>"))

    // The alert names its site and kiosk, on every page's banner and on the alerts page.
    #expect(queue.contains("from kiosk lobby-1, site north"), "\(queue)")
    let alerts = await Self.get(app, "/alerts", cookie).text
    #expect(alerts.contains("lobby-1, site north"))

    // The intake opens (sealed at the kiosk, opened here with the clinic's key).
    let intake = await Self.get(app, "/intakes/\(clinic.south)", cookie)
    #expect(intake.status == 200 && intake.text.contains("Sam South"))
    #expect(intake.text.contains("<dt>Where</dt><dd>kiosk front-2, site south</dd>"), "\(intake.text)")
    let northIntake = await Self.get(app, "/intakes/\(clinic.north)", cookie).text
    #expect(northIntake.contains("Tier 3 alert raised") && !northIntake.contains("raised again"), "\(northIntake)")
  }

  /// What one console does, the next one sees: acknowledgements, statuses and notes, accounts;
  /// and every change is in the consoles' audit trail, whose chain holds.
  @Test func twoConsolesShareTheWorkAndItsAuditTrail() async throws {
    let clinic = try await Self.clinic()
    let first = try Self.console(clinic)
    let cookie = try await Self.signIn(first)
    let page = await Self.get(first, "/", cookie).text
    let token = try #require(
      page.range(of: #"name="form_token" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) })
    let central = try CentralConsoleStore(clinic.fixture.console)
    let alert = try #require(try central.alerts().first)
    #expect(alert.site == "north" && alert.kiosk == "lobby-1" && !alert.isAcknowledged && alert.tier == 3)

    let acknowledged = await first.handle(
      ConsoleRequest(
        method: .post, path: "/alerts/\(alert.id)/acknowledge", form: ["form_token": token, "back": "/"],
        cookies: [ConsoleApp.cookieName: cookie]))
    #expect(acknowledged.status == 303)
    let noted = await first.handle(
      ConsoleRequest(
        method: .post, path: "/intakes/\(clinic.north)/note", form: ["form_token": token, "note": "Called her back."],
        cookies: [ConsoleApp.cookieName: cookie]))
    #expect(noted.status == 303, "\(noted.text)")

    // A second console, as another coordinator's screen would be.
    let second = try Self.console(clinic)
    let other = try await Self.signIn(second)
    #expect(try central.alerts().first?.acknowledgedBy == "ana")
    let north = await Self.get(second, "/intakes/\(clinic.north)", other).text
    #expect(north.contains("Called her back."), "\(north)")

    let trail = try central.auditTrail()
    #expect(trail.contains { $0.event == .alertAcknowledged && $0.sessionID == clinic.north })
    #expect(trail.contains { $0.event == .caseNoted && $0.sessionID == clinic.north })
    #expect(trail.filter { $0.event == .consoleSignedIn }.count == 2)
    try central.verifyAudit()
    // The kiosks' own entries are there too, as each kiosk forwarded them.
    #expect(try central.kioskAuditEntries().contains { $0.event == .sessionSubmitted && $0.sessionID == clinic.south })
  }

  /// The console's role adds review work; it cannot change or remove it, nor the trail, nor
  /// file records as a kiosk.
  @Test func theConsoleRoleCannotRewriteTheTrailOrFileRecords() async throws {
    let clinic = try await Self.clinic()
    let central = try CentralConsoleStore(clinic.fixture.console)
    try central.audit(.casesListed, sessionID: nil, detail: "test", at: Date())
    for statement in [
      "UPDATE console_audit SET detail = 'x'", "DELETE FROM console_audit", "DELETE FROM console_review",
      "UPDATE console_acknowledgement SET acknowledged_by = 'x'",
      """
      INSERT INTO forwarded_record (id, kiosk_role, site, kiosk, kind, kiosk_sequence, payload, digest)
      VALUES (gen_random_uuid(), 'k', 'north', 'lobby-1', 'alert', 0, '\\x00', '\\x00')
      """,
    ] {
      do {
        try await CentralStore.using(clinic.fixture.console) { console in try await console.run(statement) }
        Issue.record("the console's role was allowed: \(statement)")
      } catch {
        #expect(
          CentralError.from(error).description.contains(CentralError.insufficientPrivilege), "\(statement): \(error)")
      }
    }
  }

  /// A central database older than this intake is refused with what to do.
  @Test func anUnmigratedDatabaseIsRefusedWithWhatToDo() async throws {
    let fixture = try await TestCluster.fixture()
    try await CentralStore.using(fixture.owner) { owner in
      try await owner.run("DELETE FROM intake_migration WHERE version = 2")
    }
    do {
      _ = try CentralConsoleStore(fixture.console)
      Issue.record("a database without the console's tables was taken")
    } catch {
      #expect(error.description.contains("intake db migrate"), "\(error)")
    }
  }
}
