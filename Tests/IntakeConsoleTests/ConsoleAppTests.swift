import Foundation
import IntakeKit
import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeConsole

/// Issue 14, the browser console's logic, in process: accounts and their sessions, the queue,
/// one intake's page and its work, alerts, the policy every response carries.
@Suite struct ConsoleAppTests {
  @Test func signingInOpensTheQueueWithNamesAndEveryResponseCarriesTheStrictPolicy() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.submit("01", id: "s0000001")
    // Not signed in: only the sign-in page.
    let anonymous = await fixture.get("/")
    #expect(anonymous.status == 303 && anonymous.header("Location") == "/sign-in")
    #expect(anonymous.header("Content-Security-Policy") == ConsoleResponse.contentSecurityPolicy)
    #expect(await fixture.signIn("ana", passphrase: "not it") == nil)
    #expect(await fixture.signIn("nobody") == nil)
    let response = await fixture.post("/sign-in", nil, ["name": "ana", "passphrase": "ana passphrase"])
    #expect(response.header("Set-Cookie")?.contains("HttpOnly; SameSite=Strict") == true)
    let cookie = try #require(await fixture.signIn("ana"))
    let queue = await fixture.get("/", cookie)
    #expect(queue.status == 200)
    #expect(queue.text.contains("Ana Rivera") && queue.text.contains("1986-04-27"))
    #expect(queue.header("Cache-Control") == "no-store")
    #expect(queue.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
    #expect(!queue.text.contains("<style") && !queue.text.contains("<script>") && !queue.text.contains(" style="))
    let trail = try fixture.store.auditTrail()
    #expect(trail.contains { $0.event == .consoleSignInFailed && $0.detail == "ana" })
    #expect(trail.contains { $0.event == .consoleSignedIn && $0.detail == "ana" })
    #expect(trail.contains { $0.event == .casesListed && $0.detail?.hasSuffix("by ana") == true })
  }

  @Test func fiveWrongPassphrasesLockThatAccountOnlyAndForAWhile() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.addAccount("ben", .coordinator)
    for _ in 1...5 { #expect(await fixture.signIn("ana", passphrase: "wrong") == nil) }
    let locked = await fixture.post("/sign-in", nil, ["name": "ana", "passphrase": "ana passphrase"])
    #expect(locked.status == 429 && locked.text.contains("locked"))
    #expect(await fixture.signIn("ben") != nil)
    fixture.clock.advance(15 * 60 + 1)
    #expect(await fixture.signIn("ana") != nil)
    #expect(try fixture.store.auditTrail().contains { $0.event == .consoleAccountLocked && $0.detail == "ana" })
  }

  @Test func aFormWithoutTheSessionsTokenChangesNothing() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.submit("01", id: "s0000001")
    let cookie = try #require(await fixture.signIn("ana"))
    let forged = await fixture.post("/intakes/s0000001/status", cookie, ["status": "booked"])
    #expect(forged.status == 403)
    let wrong = await fixture.post("/intakes/s0000001/status", cookie, ["status": "booked", "form_token": "guess"])
    #expect(wrong.status == 403)
    #expect(try fixture.store.caseEvents().isEmpty)
  }

  @Test func statusAssignmentAndNotesAreKeptWithTheAccountThatMadeThem() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.addAccount("dr-cho", .psychiatrist)
    try fixture.submit("01", id: "s0000001")
    let cookie = try #require(await fixture.signIn("ana"))
    let token = await fixture.formToken(cookie)
    let contacted = await fixture.post(
      "/intakes/s0000001/status", cookie, ["status": "contacted", "note": "Left a voicemail.", "form_token": token])
    #expect(contacted.status == 303 && contacted.header("Location") == "/intakes/s0000001?saved=status")
    // Not a step from contacted: someone else's change in between is not overwritten.
    let skipped = await fixture.post("/intakes/s0000001/status", cookie, ["status": "contacted", "form_token": token])
    #expect(skipped.status == 409)
    #expect(
      await fixture.post("/intakes/s0000001/assign", cookie, ["assignee": "ana", "form_token": token]).status == 422)
    #expect(
      await fixture.post("/intakes/s0000001/assign", cookie, ["assignee": "dr-cho", "form_token": token]).status == 303)
    let note = "Called back.\nPrefers mornings; <b>not</b> Fridays."
    #expect(await fixture.post("/intakes/s0000001/note", cookie, ["note": note, "form_token": token]).status == 303)
    let page = await fixture.get("/intakes/s0000001", cookie).text
    #expect(page.contains("<dt>Status</dt><dd>Contacted</dd>"))
    #expect(page.contains("<dt>Assigned to</dt><dd>dr-cho</dd>"))
    // The whole note, both lines, as text.
    let said = try #require(
      page.range(of: "<div class=\"said\">Called back.").map { String(page[$0.lowerBound...].prefix(120)) })
    #expect(said.contains("Called back.\nPrefers mornings; &lt;b&gt;not&lt;/b&gt; Fridays."))
    #expect(page.contains("Left a voicemail."))
    let events = try fixture.store.caseEvents()
    #expect(events.map(\.kind) == [.status, .assignment, .note])
    #expect(events.allSatisfy { $0.account == "ana" })
    // Note text is sealed, never in the store or the audit trail as plain text.
    #expect(
      events.allSatisfy { $0.sealedNote.map { !String(decoding: $0, as: UTF8.self).contains("voicemail") } ?? true })
    let trail = try fixture.store.auditTrail()
    #expect(trail.contains { $0.event == .caseStatusChanged && $0.detail == "contacted by ana" })
    #expect(trail.contains { $0.event == .caseAssigned && $0.detail == "dr-cho by ana" })
    #expect(trail.contains { $0.event == .submissionViewed && $0.detail == "by ana" })
    #expect(!trail.contains { ($0.detail ?? "").contains("voicemail") || ($0.detail ?? "").contains("Fridays") })
    // A note whose account is changed in the store says so.
    try StoreTampering.execute(
      "UPDATE case_event SET account = 'ben' WHERE kind = 'note'",
      onStoreAt: fixture.folder.appendingPathComponent("intake.sqlite").path)
    #expect(await fixture.get("/intakes/s0000001", cookie).text.contains("ALTERED"))
    // And a case event deleted from the store breaks the audit check.
    try StoreTampering.execute(
      "DELETE FROM case_event WHERE kind = 'assignment'",
      onStoreAt: fixture.folder.appendingPathComponent("intake.sqlite").path)
    #expect(throws: StoreError.self) { try fixture.store.verifyAudit() }
  }

  @Test func searchFindsByNameDateOfBirthOrSessionAndFiltersNarrowTheQueue() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.submit("01", id: "aaaa0001")
    try fixture.submit("06", id: "bbbb0002")
    try fixture.submit("23", id: "cccc0003")
    let cookie = try #require(await fixture.signIn("ana"))
    let token = await fixture.formToken(cookie)
    func shown(_ page: ConsoleResponse) -> [String] {
      ["aaaa0001", "bbbb0002", "cccc0003"].filter { page.text.contains("/intakes/\($0)\"") }
    }
    #expect(shown(await fixture.get("/", cookie)).count == 3)
    #expect(shown(await fixture.search("ana riv", cookie, token: token)) == ["aaaa0001"])
    #expect(shown(await fixture.search("Rivera, Ana", cookie, token: token)) == ["aaaa0001"])
    #expect(shown(await fixture.search("bbbb", cookie, token: token)) == ["bbbb0002"])
    // The date of birth the ways people type it.
    for typed in ["03/03/1974", "3/3/1974", "3-3-74", "March 3, 1974", "1974-03-03"] {
      #expect(shown(await fixture.search(typed, cookie, token: token)) == ["cccc0003"], "\(typed)")
    }
    // The words are never in a URL (names would land in history and logs): posted, then shown
    // by a redirect to the queue with a short id the session keeps.
    let posted = await fixture.post("/search", cookie, ["q": "lopez", "form_token": token])
    #expect(posted.status == 303 && posted.header("Location")?.contains("lopez") == false)
    #expect(await fixture.get("/search", cookie).status == 404)
    // A filter keeps the search it was applied to.
    let searched = await fixture.search("rivera", cookie, token: token)
    #expect(searched.text.contains("<input type=\"hidden\" name=\"search\""))
    #expect(
      await fixture.post("/intakes/aaaa0001/status", cookie, ["status": "contacted", "form_token": token]).status == 303
    )
    #expect(shown(await fixture.get("/", cookie, query: ["status": "contacted"])) == ["aaaa0001"])
    #expect(shown(await fixture.get("/", cookie, query: ["unreviewed": "1"])) == ["bbbb0002", "cccc0003"])
    #expect(shown(await fixture.get("/", cookie, query: ["assigned": "me"])).isEmpty)
    #expect(shown(await fixture.get("/", cookie, query: ["assigned": ""])).count == 3)
    #expect(shown(await fixture.get("/", cookie, query: ["tier": "2"])) == ["bbbb0002"])
    #expect(shown(await fixture.get("/", cookie, query: ["from": "2030-01-01"])).isEmpty)
    let backwards = await fixture.get("/", cookie, query: ["from": "2026-12-01", "to": "2026-11-01"])
    #expect(backwards.text.contains("is after the"))
  }

  @Test func whatAPatientTypedIsShownAsTextNeverAsMarkup() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\u{1B}[2J\u{202E}evil\"'"
    try fixture.submit("01", id: "s0000001", name: hostile)
    let cookie = try #require(await fixture.signIn("ana"))
    for path in ["/", "/intakes/s0000001"] {
      let page = await fixture.get(path, cookie).text
      #expect(!page.contains("<script>alert") && !page.contains("<img src=x"))
      #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"))
      #expect(!page.contains("\u{1B}") && !page.contains("\u{202E}"))
    }
    let style = await fixture.get("/intakes/s0000001/page.css", cookie).text
    #expect(!style.contains("</") && !style.contains("\u{1B}"))
  }

  @Test func anIdleSessionLosesItsPagesAndTheKeyButKeepsTheAlertsOfAPageLeftOpen() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.submit("01", id: "s0000001")
    let cookie = try #require(await fixture.signIn("ana"))
    #expect(await fixture.get("/", cookie).status == 200)
    #expect(await fixture.app.hasKey)
    fixture.clock.advance(29 * 60)
    // Polling for alerts keeps nobody signed in.
    #expect(await fixture.get("/alerts.json", cookie).status == 200)
    fixture.clock.advance(2 * 60)
    #expect(await fixture.get("/", cookie).header("Location") == "/sign-in?notice=idle")
    #expect(await fixture.app.signedInCount == 0)
    #expect(await !fixture.app.hasKey)
    // The front desk's page left open still alerts, without the patient's name.
    _ = try fixture.store.raiseAlert(
      sessionID: "s0000001", rule: "crisis", tier: 3, kiosk: "lobby", at: fixture.clock.now)
    let feed = await fixture.get("/alerts.json", cookie)
    #expect(feed.status == 200 && feed.text.contains("\"tier\":3") && !feed.text.contains("Rivera"))
    // Until the session's own limit.
    fixture.clock.advance(12 * 60 * 60)
    #expect(await fixture.get("/alerts.json", cookie).status == 401)
  }

  @Test func alertsShowOnEveryPageAndAcknowledgingRecordsWhoIsGoing() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.submit("01", id: "s0000001")
    let lesser = try fixture.store.raiseAlert(
      sessionID: "s0000001", rule: "worry", tier: 2, kiosk: "lobby-1", at: fixture.clock.now)
    let alert = try fixture.store.raiseAlert(
      sessionID: "s0000001", rule: "crisis", tier: 3, kiosk: "lobby-1", at: fixture.clock.now)
    let cookie = try #require(await fixture.signIn("ana"))
    for path in ["/", "/intakes/s0000001", "/alerts"] {
      let page = await fixture.get(path, cookie).text
      #expect(page.contains("Tier 3 alert</strong> from kiosk lobby-1"))
      #expect(page.contains("action=\"/alerts/\(alert)/acknowledge\""))
      // One line per patient: the crisis, not the lesser alert raised on the way to it.
      #expect(!page.contains("Tier 2 alert</strong>"))
      // Markup the console built is never shown escaped as text.
      #expect(!page.contains("HTML(text:") && !page.contains("&lt;tr") && !page.contains("&lt;li"))
    }
    let feed = await fixture.get("/alerts.json", cookie)
    #expect(feed.text.contains("\"kiosk\":\"lobby-1\"") && feed.text.contains("\"tier\":3"))
    // Who the alert is about, as on the page; one line for the patient.
    #expect(feed.text.contains("\"patient\":\"Ana Rivera\""))
    #expect(!feed.text.contains("\"tier\":2"))
    #expect(try fixture.store.lastMonitorBeat() != nil)
    let token = await fixture.formToken(cookie)
    let acknowledged = await fixture.post(
      "/alerts/\(alert)/acknowledge", cookie, ["form_token": token, "back": "https://elsewhere.example/"])
    #expect(acknowledged.status == 303 && acknowledged.header("Location") == "/")
    #expect(try fixture.store.acknowledgement(sessionID: "s0000001", rule: "crisis")?.by == "ana")
    #expect(try fixture.store.alerts().first { $0.id == lesser }?.acknowledgedBy == "ana")
    // The intake's page says who went, and the queue too.
    let page = await fixture.get("/intakes/s0000001", cookie).text
    #expect(page.contains("<strong>ana</strong>: Acknowledged the tier 3 alert: going to the patient"))
    #expect(await fixture.get("/", cookie).text.contains("acknowledged by ana, "))
    // The work on it, to the second: the alerts, who went and how long after the first alert.
    #expect(page.contains("kiosk lobby-1</strong>: Tier 2 alert raised"))
    #expect(page.contains("Acknowledged the tier 3 alert: going to the patient, 0 s after the first alert"))
    // At a shared front desk, the name of who is going, and whose account recorded it.
    let another = try fixture.store.raiseAlert(
      sessionID: "s0000001", rule: "crisis", tier: 3, kiosk: "lobby-1", at: fixture.clock.now)
    _ = await fixture.post("/alerts/\(another)/acknowledge", cookie, ["form_token": token, "who": "Nurse Kim"])
    #expect(try fixture.store.alerts().first { $0.id == another }?.acknowledgedBy == "Nurse Kim (recorded by ana)")
    // A crisis raised again while nobody answered says so; staff resuming the kiosk is on it too.
    fixture.clock.advance(137)
    try fixture.store.audit(.sessionStaffResumed, sessionID: "s0000001", detail: "kiosk lobby-1", at: fixture.clock.now)
    let later = await fixture.get("/intakes/s0000001", cookie).text
    #expect(later.contains("Tier 3 alert raised again (nobody had acknowledged it)"))
    #expect(later.contains("Typed the staff code at the kiosk: the questions went on with staff there"))
    #expect(!(await fixture.get("/", cookie).text.contains("Tier 3 alert</strong>")))
  }

  @Test func anAdministratorAddsAndRemovesAccountsAndNobodyElseCan() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("root", .admin)
    try fixture.addAccount("ana", .coordinator)
    let ana = try #require(await fixture.signIn("ana"))
    #expect(await fixture.get("/accounts", ana).status == 403)
    let admin = try #require(await fixture.signIn("root"))
    let token = await fixture.formToken(admin)
    let short = await fixture.post(
      "/accounts", admin,
      ["name": "dr-cho", "role": "psychiatrist", "passphrase": "short", "again": "short", "form_token": token])
    #expect(short.status == 422 && short.text.contains("at least 10 characters"))
    let added = await fixture.post(
      "/accounts", admin,
      [
        "name": "dr-cho", "role": "psychiatrist", "passphrase": "cho passphrase", "again": "cho passphrase",
        "form_token": token,
      ])
    #expect(added.status == 303)
    let cho = try #require(await fixture.signIn("dr-cho", passphrase: "cho passphrase"))
    #expect(await fixture.get("/", cho).status == 200)
    let id = try #require(try fixture.store.accounts().first { $0.name == "dr-cho" }?.id)
    #expect(await fixture.post("/accounts/\(id)/remove", admin, ["form_token": token]).status == 303)
    // Signed out at once, and cannot sign in again.
    #expect(await fixture.get("/", cho).status == 303)
    #expect(await fixture.signIn("dr-cho", passphrase: "cho passphrase") == nil)
    let trail = try fixture.store.auditTrail()
    #expect(trail.contains { $0.event == .accountAdded && $0.detail == "dr-cho (psychiatrist) by root" })
    #expect(trail.contains { $0.event == .accountRemoved && $0.detail == "dr-cho by root" })
  }

  @Test func anIntakeWithAFindingAPsychiatristMustClearCannotBeBookedUntilOneDoes() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.addAccount("dr-cho", .psychiatrist)
    // Journey 01: a benzodiazepine interaction, which the dialog says a psychiatrist clears.
    try fixture.submit("01", id: "s0000001")
    let ana = try #require(await fixture.signIn("ana"))
    let token = await fixture.formToken(ana)
    let page = await fixture.get("/intakes/s0000001", ana).text
    #expect(page.contains("A psychiatrist must clear:</strong> Medication interaction"))
    #expect(page.contains("Booked (needs clearing first)"))
    let refused = await fixture.post("/intakes/s0000001/status", ana, ["status": "booked", "form_token": token])
    #expect(refused.status == 409 && refused.text.contains("a psychiatrist must clear it first"))
    // A coordinator cannot clear what is a psychiatrist's to clear.
    let notTheirs = await fixture.post("/intakes/s0000001/clear", ana, ["note": "Looks fine.", "form_token": token])
    #expect(notTheirs.status == 409)
    let cho = try #require(await fixture.signIn("dr-cho"))
    let choToken = await fixture.formToken(cho)
    #expect(await fixture.post("/intakes/s0000001/clear", cho, ["form_token": choToken]).status == 409)
    // "Do not clear" is a decision of its own: booking stays refused, and says whose decision.
    let declined = await fixture.post(
      "/intakes/s0000001/clear", cho,
      ["note": "Needs a benzodiazepine taper plan first.", "decision": "not-cleared", "form_token": choToken])
    #expect(declined.status == 303)
    let stillRefused = await fixture.post("/intakes/s0000001/status", ana, ["status": "booked", "form_token": token])
    #expect(stillRefused.status == 409 && stillRefused.text.contains("dr-cho did not clear it for booking"))
    // The refusal links back to the intake it was about.
    #expect(stillRefused.text.contains("<a href=\"/intakes/s0000001\">Back to this intake</a>"))
    #expect(await fixture.get("/", ana).text.contains("Not cleared by dr-cho"))
    let cleared = await fixture.post(
      "/intakes/s0000001/clear", cho, ["note": "PRN lorazepam: hold 24 h before.", "form_token": choToken])
    #expect(cleared.status == 303)
    #expect(
      await fixture.post("/intakes/s0000001/status", ana, ["status": "booked", "form_token": token]).status == 303)
    let after = await fixture.get("/intakes/s0000001", ana).text
    #expect(after.contains("Medication interaction: cleared by dr-cho."))
    #expect(await fixture.get("/", ana).text.contains("Cleared by dr-cho"))
    // An intake booked while something was not cleared (before this check, or in the store by
    // hand) is said loudest in the queue.
    try fixture.submit("06", id: "s0000002")
    try fixture.store.recordCaseEvent(
      CaseEvent(
        sessionID: "s0000002", kind: .status, value: CaseStatus.booked.rawValue, account: "maya",
        at: SQLiteSessionStore.timestamp(fixture.clock.now)))
    #expect(
      await fixture.get("/", ana).text.contains("Booked without clearance: Before booking: psychiatrist to clear"))
    #expect(after.contains("PRN lorazepam: hold 24 h before."))
    #expect(
      try fixture.store.auditTrail().contains { $0.event == .caseCleared && $0.detail == "psychiatrist by dr-cho" })
  }

  @Test func anExportIsADownloadAuditedWithTheAccount() async throws {
    let fixture = try ConsoleFixture()
    try fixture.addAccount("ana", .coordinator)
    try fixture.submit("01", id: "s0000001")
    let cookie = try #require(await fixture.signIn("ana"))
    let bundle = await fixture.get("/intakes/s0000001/export/markdown", cookie)
    #expect(bundle.status == 200)
    #expect(bundle.header("Content-Disposition") == "attachment; filename=\"s0000001.md\"")
    #expect(bundle.text.contains("Rivera"))
    #expect(await fixture.get("/intakes/s0000001/export/nonsense", cookie).status == 404)
    #expect(await fixture.get("/intakes/nobody/export/markdown", cookie).status == 404)
    #expect(
      try fixture.store.auditTrail().contains { $0.event == .submissionExported && $0.detail == "markdown by ana" })
  }
}
