import Foundation
import IntakeKit
import IntakeStore
import IntakeTestSupport

@testable import IntakeConsole

/// A data folder with real intakes on the shipped dialog (typed from its transcripts, sealed as
/// a kiosk seals them), staff accounts, and a console over it with a clock the test moves.
final class ConsoleFixture {
  let folder: URL
  /// The test's own connection to the store (the console has another).
  let store: SQLiteSessionStore
  let key = CoordinatorPrivateKey()
  let clock = TestClock()
  let app: ConsoleApp
  /// Cheap scrypt: the tests sign in many times.
  static let cost = ScryptCost(rounds: 1 << 10, blockSize: 8, parallelism: 1)

  init() throws {
    folder = try TestSupport.temporaryFolder("intake-console")
    let path = folder.appendingPathComponent("intake.sqlite").path
    store = try SQLiteSessionStore(path: path)
    var settings = ConsoleApp.Settings()
    settings.keyCost = Self.cost
    settings.timeZone = TimeZone(identifier: "America/New_York") ?? .current
    let clock = clock
    app = ConsoleApp(
      store: try SQLiteSessionStore(path: path), dialog: try TestSupport.shippedDialog(), settings: settings,
      clock: { clock.now })
  }

  func addAccount(_ name: String, _ role: StaffRole, passphrase: String? = nil) throws {
    let slot = try AccountKeySlot.make(
      for: key, name: name, passphrase: passphrase ?? "\(name) passphrase", cost: Self.cost)
    _ = try store.addAccount(name: name, role: role, keySlot: slot, by: "test", at: clock.now)
  }

  /// Types a shipped transcript's lines and stores the sealed submission; `identity` changes
  /// the summary's name (what a hostile patient typed). Returns the session id.
  @discardableResult
  func submit(_ journey: String, id: String, name: String? = nil) throws -> String {
    try SealedIntake.store(journey, id: id, name: name, in: store, sealedTo: key.publicKey, at: clock.now)
  }

  // MARK: Requests

  func get(_ path: String, _ cookie: String? = nil, query: [String: String] = [:]) async -> ConsoleResponse {
    await app.handle(
      ConsoleRequest(method: .get, path: path, query: query, cookies: cookie.map { [ConsoleApp.cookieName: $0] } ?? [:])
    )
  }

  func post(_ path: String, _ cookie: String? = nil, _ form: [String: String]) async -> ConsoleResponse {
    await app.handle(
      ConsoleRequest(method: .post, path: path, form: form, cookies: cookie.map { [ConsoleApp.cookieName: $0] } ?? [:]))
  }

  /// Posts a search and follows the redirect to the queue it shows.
  func search(_ text: String, _ cookie: String, token: String) async -> ConsoleResponse {
    let posted = await post("/search", cookie, ["q": text, "form_token": token])
    guard posted.status == 303, let location = posted.header("Location"),
      let query = location.split(separator: "?").last
    else { return posted }
    return await get("/", cookie, query: ConsoleRequest.pairs(String(query)))
  }

  /// Signs in; the session cookie, or nil when refused.
  func signIn(_ name: String, passphrase: String? = nil) async -> String? {
    let response = await post("/sign-in", nil, ["name": name, "passphrase": passphrase ?? "\(name) passphrase"])
    guard response.status == 303, let cookie = response.header("Set-Cookie") else { return nil }
    return cookie.split(separator: ";").first.map { String($0.dropFirst(ConsoleApp.cookieName.count + 1)) }
  }

  /// The token a signed-in page's forms carry.
  func formToken(_ cookie: String) async -> String {
    let page = await get("/", cookie).text
    guard let range = page.range(of: #"name="form_token" value=""#) else { return "" }
    return String(page[range.upperBound...].prefix { $0 != "\"" })
  }

}
