import Crypto
import Foundation
import IntakeKit
import IntakeStore

/// The browser console's logic: who is signed in, what each page shows, what each form changes.
/// It answers a `ConsoleRequest` with a `ConsoleResponse` in process (tests drive it so);
/// `ConsoleServer` puts it on HTTP. An actor: the store and the opened intakes are used by one
/// request at a time.
///
/// The clinic's private key is in memory only while someone is signed in: each person's
/// passphrase opens their own key slot at sign-in, and the key goes when their session does.
public actor ConsoleApp {
  public struct Settings: Sendable {
    /// A session unused this long is signed out (its key dropped).
    public var idleLimit: TimeInterval = 30 * 60
    /// No session lasts longer than this, used or not.
    public var sessionLimit: TimeInterval = 12 * 60 * 60
    /// Wrong passphrases before an account is locked, and for how long.
    public var attemptLimit = 5
    public var lockout: TimeInterval = 15 * 60
    /// Cookies marked Secure: on when the console is served over TLS.
    public var secureCookies = false
    /// The scrypt cost of a new account's key slot.
    public var keyCost: ScryptCost = .passphrase
    /// The clinic's time zone, for every time shown.
    public var timeZone: TimeZone = .current

    public init() {}
  }

  struct WebSession {
    var account: StaffAccount
    /// Nil once the session has been idle past the limit: then it only keeps the alert banner of
    /// a page left open going (without patient names), and every page asks to sign in again.
    var key: CoordinatorPrivateKey?
    /// Sent back with every form; a form from another site does not have it.
    var formToken: String
    var started: Date
    var lastActive: Date
    /// Searches this person posted, by a short id the queue's URL carries instead of the words
    /// (a name in a URL would land in history and logs).
    var searches: [String: String] = [:]
  }

  public static let cookieName = "intake_session"

  let store: any StaffStore
  let dialog: Dialog?
  let settings: Settings
  let clock: @Sendable () -> Date
  /// By the SHA-256 of the cookie's token: the tokens themselves are not kept.
  var sessions: [String: WebSession] = [:]
  /// Opens the intakes while someone is signed in.
  var desk: ReviewDesk?

  public init(
    store: sending any StaffStore, dialog: Dialog?, settings: Settings = Settings(),
    clock: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.store = store
    self.dialog = dialog
    self.settings = settings
    self.clock = clock
  }

  /// Every request, every response: the same strict headers on all of them.
  public func handle(_ request: ConsoleRequest) -> ConsoleResponse {
    let response: ConsoleResponse
    do {
      response = try route(request, now: clock())
    } catch let failure as ConsoleFailure {
      let intake = failure.status == 404 ? nil : Route(request.method, request.segments)?.intakeID
      response = failure.response(pages: pages(for: request), intake: intake)
    } catch {
      // Nothing about the patient or the store's internals reaches the page.
      response = ConsoleFailure.storeFailed.response(pages: pages(for: request))
    }
    return response.secured()
  }

  /// How many people are signed in with the key (an idle session keeps only its alert feed).
  public var signedInCount: Int { sessions.values.filter { $0.key != nil }.count }

  /// Whether the clinic's key is in memory (only while someone is signed in).
  public var hasKey: Bool { desk != nil }

  // MARK: Routing

  func route(_ request: ConsoleRequest, now: Date) throws -> ConsoleResponse {
    endExpiredSessions(now)
    guard let route = Route(request.method, request.segments) else { throw ConsoleFailure.notFound }
    switch route {
    case .asset(let name): return try ConsoleAssets.response(name)
    case .signInPage: return .page(Pages(text: nil).signIn(notice: request.query["notice"]))
    case .signIn: return try signIn(request, now: now)
    default: break
    }
    guard let token = request.cookies[Self.cookieName], let session = sessions[Self.digest(token)] else {
      if route == .alertFeed { return .json(Data(#"{"signedOut":true}"#.utf8), status: 401) }
      return .redirect(to: "/sign-in")
    }
    let id = Self.digest(token)
    if request.method == .post {
      // Compared as digests: the token's bytes are not learned one by one from timing.
      guard let sent = request.form["form_token"], Self.digest(sent) == Self.digest(session.formToken) else {
        throw ConsoleFailure.staleForm
      }
    }
    // Polling for alerts does not count as use, and goes on after the idle limit (without names).
    if route == .alertFeed { return try alertsJSON(now: now, withPatients: session.key != nil) }
    guard session.key != nil else {
      // Idle too long: the key is gone; the page left open keeps its alerts.
      if request.method == .post { throw ConsoleFailure.signedOut }
      return .redirect(to: "/sign-in?notice=idle")
    }
    sessions[id]?.lastActive = now
    let page = Pages(text: PageContext(account: session.account, formToken: session.formToken))
    let account = session.account
    switch route {
    case .queue:
      var filter = QueueFilter(request.query)
      let searchID = request.query["search"].flatMap { session.searches[$0] == nil ? nil : $0 }
      if let searchID { filter.search = session.searches[searchID] ?? "" }
      if filter.assignee == "me" { filter.assignee = account.name }
      return try queue(filter, searchID: searchID, page: page, now: now)
    case .search:
      // Posted, then shown by a redirect: Back and Reload work, and the words stay out of the URL.
      let text = (request.form["q"] ?? "").trimmingWhitespace()
      guard !text.isEmpty else { return .redirect(to: "/") }
      let searchID = String(Self.randomToken().prefix(10))
      if sessions[id]?.searches.count ?? 0 >= 20 { sessions[id]?.searches = [:] }
      sessions[id]?.searches[searchID] = text
      return .redirect(to: "/?search=\(searchID)")
    case .signOut:
      sessions[id] = nil
      try store.audit(.consoleSignedOut, sessionID: nil, detail: account.name, at: now)
      dropKeyIfUnused()
      return ConsoleResponse.redirect(to: "/sign-in?notice=signed-out").clearingSession()
    case .intake(let sessionID):
      return try intake(sessionID, page: page, saved: request.query["saved"], now: now)
    case .clear(let sessionID): return try clear(sessionID, request.form, account: account, now: now)
    case .pageStyle(let sessionID):
      let item = try find(sessionID)
      return .asset(item.summary.map(HTMLRenderer.pageRule) ?? "", type: "text/css; charset=utf-8")
    case .export(let sessionID, let format): return try export(sessionID, format: format, account: account, now: now)
    case .status(let sessionID): return try changeStatus(sessionID, request.form, account: account, now: now)
    case .assign(let sessionID): return try assign(sessionID, request.form, account: account, now: now)
    case .note(let sessionID): return try addNote(sessionID, request.form, account: account, now: now)
    case .alerts: return try alertsPage(page: page, now: now)
    case .acknowledge(let number): return try acknowledge(number, request.form, account: account, now: now)
    case .accounts:
      try requireAdmin(account)
      return .page(
        page.accounts(try store.accounts(), alerts: try alertViews(now: now), notice: request.query["notice"]))
    case .addAccount:
      try requireAdmin(account)
      return try addAccount(request.form, by: session, page: page, now: now)
    case .removeAccount(let number):
      try requireAdmin(account)
      return try removeAccount(number, by: account, now: now)
    case .asset, .signInPage, .signIn, .alertFeed: throw ConsoleFailure.notFound
    }
  }

  // MARK: Signing in

  func signIn(_ request: ConsoleRequest, now: Date) throws -> ConsoleResponse {
    let name = (request.form["name"] ?? "").trimmingSpaces()
    let passphrase = request.form["passphrase"] ?? ""
    let signIn = Pages(text: nil)
    guard let account = try store.accounts().first(where: { $0.isActive && $0.name == name }) else {
      // Same words as a wrong passphrase: a stranger learns nothing about who has an account.
      return .page(signIn.signIn(problem: .wrongNameOrPassphrase, name: name), status: 401)
    }
    if let until = account.lockedUntil.flatMap(LocalTime.date), until > now {
      return .page(
        signIn.signIn(problem: .locked(until: LocalTime.text(until, in: settings.timeZone)), name: name), status: 429)
    }
    let key: CoordinatorPrivateKey
    do {
      key = try AccountKeySlot.open(account.keySlot, name: account.name, passphrase: passphrase)
    } catch .wrongPassphrase {
      let until = try store.recordSignInFailure(
        accountID: account.id, limit: settings.attemptLimit, lockout: settings.lockout, at: now)
      let problem: SignInProblem =
        until.map { .locked(until: LocalTime.text($0, in: settings.timeZone)) } ?? .wrongNameOrPassphrase
      return .page(signIn.signIn(problem: problem, name: name), status: 401)
    } catch {
      return .page(signIn.signIn(problem: .damagedSlot, name: name), status: 500)
    }
    // Every account's slot holds the same clinic key; one that does not match the desk's is not
    // this clinic's and opens nothing here.
    if let desk, desk.publicKey != key.publicKey {
      return .page(signIn.signIn(problem: .damagedSlot, name: name), status: 500)
    }
    try store.recordSignIn(accountID: account.id, at: now)
    let token = Self.randomToken()
    sessions[Self.digest(token)] = WebSession(
      account: account, key: key, formToken: Self.randomToken(), started: now, lastActive: now)
    if desk == nil {
      let loaded = dialog
      desk = ReviewDesk(store: store, key: key) { id, version in
        loaded.flatMap { $0.id == id && $0.version == version ? $0 : nil }
      }
    }
    var response = ConsoleResponse.redirect(to: "/")
    response.headers.append(
      (
        "Set-Cookie",
        "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict" + (settings.secureCookies ? "; Secure" : "")
      ))
    return response
  }

  /// Past the session limit a session ends; idle past the idle limit it loses the key and its
  /// pages, and keeps only the alert feed of the page left open (a front desk's screen must not
  /// go quiet because nobody clicked for half an hour).
  func endExpiredSessions(_ now: Date) {
    sessions = sessions.filter { _, session in now.timeIntervalSince(session.started) <= settings.sessionLimit }
    for (id, session) in sessions
    where session.key != nil && now.timeIntervalSince(session.lastActive) > settings.idleLimit {
      sessions[id]?.key = nil
    }
    dropKeyIfUnused()
  }

  /// Nobody signed in with the key: it leaves memory with the opened intakes.
  func dropKeyIfUnused() {
    if !sessions.values.contains(where: { $0.key != nil }) { desk = nil }
  }

  /// The names of the psychiatrists who can sign in: whom an intake may be assigned to.
  func psychiatrists() throws -> [String] {
    try store.accounts().filter { $0.isActive && $0.role == .psychiatrist }.map(\.name)
  }

  func requireAdmin(_ account: StaffAccount) throws {
    guard account.role == .admin else { throw ConsoleFailure.forbidden }
  }

  // MARK: The queue and one intake

  func openedDesk() throws -> ReviewDesk {
    guard let desk else { throw ConsoleFailure.signedOut }
    return desk
  }

  func cases(now: Date) throws -> [ReviewCase] { try openedDesk().cases(at: now) }

  func find(_ sessionID: String) throws -> ReviewCase {
    guard let item = try cases(now: clock()).first(where: { $0.sessionID == sessionID }) else {
      throw ConsoleFailure.notFound
    }
    return item
  }

  func queue(_ filter: QueueFilter, searchID: String?, page: Pages, now: Date) throws -> ConsoleResponse {
    let all = try cases(now: now)
    let shown = all.filter { filter.admits($0, day: day(of: $0)) }
    try store.audit(.casesListed, sessionID: nil, detail: "\(shown.count) intakes by \(page.account)", at: now)
    let psychiatrists = try psychiatrists()
    return .page(
      page.queue(
        shown.map { row($0, now: now) }, total: all.count, filter: filter, searchID: searchID,
        psychiatrists: psychiatrists, sites: Set(all.compactMap(\.site)).sorted(), alerts: try alertViews(now: now),
        warnings: try openedDesk().warnings))
  }

  /// When the patient began the intake (it does not move when they finish or resume).
  func taken(_ item: ReviewCase) -> String { item.startedAt.isEmpty ? item.time : item.startedAt }

  func day(of item: ReviewCase) -> String {
    LocalTime.date(taken(item)).map { LocalTime.day($0, in: settings.timeZone) } ?? ""
  }

  func row(_ item: ReviewCase, now: Date) -> QueueRow {
    let acknowledgement = item.alerts.filter(\.isAcknowledged).max { $0.tier < $1.tier }
    return QueueRow(
      sessionID: item.sessionID, name: item.summary?.identity?.name, birthDate: item.summary?.identity?.birthDate,
      age: item.summary?.identity?.age, taken: LocalTime.text(taken(item), in: settings.timeZone),
      state: item.state, status: item.status, assignee: item.assignee, tier: item.tier,
      acknowledged: item.alerts.allSatisfy(\.isAcknowledged),
      acknowledgedBy: acknowledgement.flatMap { alert in
        alert.acknowledgedBy.map { "\($0), \(LocalTime.text(alert.acknowledgedAt ?? "", in: settings.timeZone))" }
      },
      outcome: item.outcome, flags: item.flags, booking: booking(item),
      place: item.site == nil ? nil : Self.place(site: item.site, kiosk: item.kiosk))
  }

  /// Where an intake was taken or an alert raised, in words: the kiosk, and its site when the
  /// store holds several sites' records.
  static func place(site: String?, kiosk: String?) -> String? {
    guard let site else { return kiosk }
    return "\(kiosk ?? "(unnamed)"), site \(site)"
  }

  /// What must be cleared before the intake may be booked (the dialog's `before_booking` on the
  /// categories that fired), and what has been.
  func booking(_ item: ReviewCase) -> BookingCheck {
    guard let summary = item.summary else {
      return BookingCheck(psychiatrist: [
        item.problem == nil ? "An intake that cannot be opened here" : "A record that does not open"
      ])
    }
    var check = BookingCheck()
    var seen = Set<String>()
    for finding in summary.screening.findings.sorted(by: { $0.rank > $1.rank })
    where seen.insert(finding.category).inserted {
      // A category this console's dialog does not know (another version) is a psychiatrist's to clear.
      let category = dialog?.category(finding.category)
      switch category == nil ? .psychiatrist : category?.beforeBooking {
      case .psychiatrist?: check.psychiatrist.append(finding.categoryTitle)
      case .resolved?: check.resolved.append(finding.categoryTitle)
      case nil: break
      }
    }
    let decisions = item.events.filter { $0.kind == .clearance }
    check.psychiatristDecision = decisions.last {
      $0.value == ClearanceDecision.cleared.rawValue || $0.value == ClearanceDecision.notCleared.rawValue
    }
    check.resolvedBy = decisions.last {
      $0.value == ClearanceDecision.resolved.rawValue || $0.value == ClearanceDecision.cleared.rawValue
    }
    return check
  }

  func intake(_ sessionID: String, page: Pages, saved: String?, now: Date) throws -> ConsoleResponse {
    let item = try find(sessionID)
    let desk = try openedDesk()
    if item.problem == nil { try desk.recordView(item.sessionID, by: page.account, at: now) }
    let history = try self.history(of: item, desk: desk)
    let psychiatrists = try psychiatrists()
    let open = Self.highestPerSession(item.alerts.filter { !$0.isAcknowledged }).first
    return .page(
      page.intake(
        row(item, now: now), summary: item.summary, problem: item.problem.map(\.description),
        history: history, psychiatrists: psychiatrists, openAlert: open?.id, saved: saved,
        alerts: try alertViews(now: now)))
  }

  /// Everything that happened to the intake after the patient's answers, oldest first, to the
  /// second: alerts (one raised again is said so), who acknowledged them and how long after the
  /// first, when staff resumed the kiosk, and the console's work.
  func history(of item: ReviewCase, desk: ReviewDesk) throws -> [HistoryLine] {
    func line(_ at: String, _ account: String, _ what: String, _ note: ReviewNote? = nil) -> HistoryLine {
      HistoryLine(
        at: LocalTime.text(at, in: settings.timeZone, seconds: true), account: account, what: what, note: note,
        instant: LocalTime.date(at) ?? .distantPast)
    }
    var history: [HistoryLine] = item.reviews.map { review in
      line(review.reviewedAt, review.reviewer, "Marked reviewed (terminal console)", desk.note(of: review))
    }
    for event in item.events {
      let what: String
      switch event.kind {
      case .status: what = "Status: " + (event.value.flatMap(CaseStatus.init(rawValue:))?.title ?? "?")
      case .assignment: what = event.value.map { "Assigned to \($0)" } ?? "Unassigned"
      case .note: what = "Note"
      case .clearance:
        switch event.value.flatMap(ClearanceDecision.init(rawValue:)) {
        case .cleared?: what = "Cleared for booking (psychiatrist)"
        case .notCleared?: what = "NOT cleared for booking (psychiatrist)"
        case .resolved?, nil: what = "Recorded as resolved before booking"
        }
      }
      history.append(
        line(event.at, event.account, what, event.kind == .note || event.sealedNote != nil ? desk.note(of: event) : nil)
      )
    }
    let alerts = item.alerts.sorted { $0.id < $1.id }
    var rules = Set<String>()
    for alert in alerts {
      // An alert forwarded to the central store carries no rule: whether it is the same one
      // raised again cannot be told, so it is not said.
      let again = !alert.rule.isEmpty && !rules.insert(alert.rule).inserted
      history.append(
        line(
          alert.raisedAt, "kiosk \(Self.place(site: alert.site, kiosk: alert.kiosk) ?? "(unnamed)")",
          again
            ? "Tier \(alert.tier) alert raised again (nobody had acknowledged it)" : "Tier \(alert.tier) alert raised"))
    }
    // One acknowledgement covers the session's open alerts: one line for it, with the wait.
    let first = alerts.first.flatMap { LocalTime.date($0.raisedAt) }
    let acknowledgements = Dictionary(grouping: alerts.filter(\.isAcknowledged)) {
      "\($0.acknowledgedBy ?? "")|\($0.acknowledgedAt ?? "")"
    }
    for group in acknowledgements.values {
      guard let top = group.max(by: { $0.tier < $1.tier }), let by = top.acknowledgedBy, let at = top.acknowledgedAt
      else { continue }
      var waited: String?
      if let first, let acknowledged = LocalTime.date(at) {
        waited = Self.duration(acknowledged.timeIntervalSince(first))
      }
      history.append(
        line(
          at, by,
          "Acknowledged the tier \(top.tier) alert: going to the patient"
            + (waited.map { ", \($0) after the first alert" } ?? "")))
    }
    for entry in try store.kioskAuditEntries()
    where entry.sessionID == item.sessionID && entry.event == .sessionStaffResumed {
      history.append(
        line(
          entry.at, "staff" + (entry.detail.map { " at \($0)" } ?? ""),
          "Typed the staff code at the kiosk: the questions went on with staff there"))
    }
    return history.sorted { $0.instant < $1.instant }
  }

  /// "2 min 17 s", "45 s".
  static func duration(_ seconds: TimeInterval) -> String {
    let total = max(0, Int(seconds.rounded()))
    return total < 60 ? "\(total) s" : "\(total / 60) min \(total % 60) s"
  }

  func export(_ sessionID: String, format raw: String, account: StaffAccount, now: Date) throws -> ConsoleResponse {
    guard let format = ExportFormat(rawValue: raw) else { throw ConsoleFailure.notFound }
    let item = try find(sessionID)
    let desk = try openedDesk()
    let text: String
    do {
      text = try desk.export(item, as: format)
    } catch {
      throw ConsoleFailure.cannotExport(error.description)
    }
    try desk.recordExport(item.sessionID, format: format.rawValue, by: account.name, at: now)
    return .download(text, type: format.mediaType, fileName: "\(item.sessionID).\(format.fileExtension)")
  }

  // MARK: Changing an intake's place in the work

  static let noteLimit = 4000

  func changeStatus(_ sessionID: String, _ form: [String: String], account: StaffAccount, now: Date) throws
    -> ConsoleResponse
  {
    let item = try find(sessionID)
    guard let status = form["status"].flatMap(CaseStatus.init(rawValue:)) else { throw ConsoleFailure.badForm }
    guard item.status.next.contains(status) else {
      throw ConsoleFailure.conflict("It is \(item.status.title) now; someone may have changed it. Look again.")
    }
    if status == .booked {
      let check = booking(item)
      if let refusal = check.refusal { throw ConsoleFailure.conflict(refusal) }
    }
    let note = try noteText(form)
    try openedDesk().record(.status, value: status.rawValue, note: note, on: item.sessionID, by: account.name, at: now)
    return .redirect(to: "/intakes/\(item.sessionID)?saved=status")
  }

  /// A psychiatrist clears the findings that need one; anyone records how a `resolved` one was
  /// resolved. A note of what was checked is required.
  func clear(_ sessionID: String, _ form: [String: String], account: StaffAccount, now: Date) throws
    -> ConsoleResponse
  {
    let item = try find(sessionID)
    guard let note = try noteText(form) else {
      throw ConsoleFailure.conflict("Say what was checked or arranged in the note; nothing was recorded.")
    }
    let check = booking(item)
    let decision: ClearanceDecision
    if account.role == .psychiatrist {
      decision = form["decision"] == "not-cleared" ? .notCleared : .cleared
    } else {
      guard !check.resolved.isEmpty else {
        throw ConsoleFailure.conflict("Only a psychiatrist can clear these findings.")
      }
      decision = .resolved
    }
    try openedDesk().record(
      .clearance, value: decision.rawValue, note: note, on: item.sessionID, by: account.name, at: now)
    return .redirect(to: "/intakes/\(item.sessionID)?saved=clearance")
  }

  func assign(_ sessionID: String, _ form: [String: String], account: StaffAccount, now: Date) throws
    -> ConsoleResponse
  {
    let item = try find(sessionID)
    let name = form["assignee"] ?? ""
    let psychiatrists = try psychiatrists()
    guard name.isEmpty || psychiatrists.contains(name) else { throw ConsoleFailure.badForm }
    try openedDesk().record(
      .assignment, value: name.isEmpty ? nil : name, on: item.sessionID, by: account.name, at: now)
    return .redirect(to: "/intakes/\(item.sessionID)?saved=assignment")
  }

  func addNote(_ sessionID: String, _ form: [String: String], account: StaffAccount, now: Date) throws
    -> ConsoleResponse
  {
    let item = try find(sessionID)
    guard let note = try noteText(form) else { throw ConsoleFailure.badForm }
    try openedDesk().record(.note, value: nil, note: note, on: item.sessionID, by: account.name, at: now)
    return .redirect(to: "/intakes/\(item.sessionID)?saved=note")
  }

  /// The form's note, whole (every line of it), or nil when empty.
  func noteText(_ form: [String: String]) throws -> String? {
    let note = (form["note"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
      .trimmingWhitespace()
    guard note.count <= Self.noteLimit else { throw ConsoleFailure.tooLong(Self.noteLimit) }
    return note.isEmpty ? nil : note
  }

  // MARK: Alerts

  /// One line per patient: the highest open tier of each session (a crisis often raises a lesser
  /// alert first; the person going to the patient answers both).
  func alertViews(now: Date) throws -> [AlertView] {
    let waiting = try store.alerts().filter { !$0.isAcknowledged }
    let open = Self.highestPerSession(waiting).sorted { $0.tier != $1.tier ? $0.tier > $1.tier : $0.id > $1.id }
    guard !open.isEmpty else { return [] }
    // The names and reasons come from the intakes the desk has opened already; the store is read
    // again only for an intake it has not (a crisis that began since), not on every 2 s poll. An
    // alert is shown without them rather than not at all when the intakes cannot be read just now.
    if let desk, open.contains(where: { desk.opened($0.sessionID) == nil }) { _ = try? desk.cases(at: now) }
    return open.map { alert in
      let summary = desk?.opened(alert.sessionID)?.summary
      // How long the patient has waited: from the session's first unanswered alert (a raised-again
      // alert is newer, the wait is not).
      let first = waiting.filter { $0.sessionID == alert.sessionID }.map(\.raisedAt).min() ?? alert.raisedAt
      return AlertView(
        id: alert.id, tier: alert.tier, kiosk: Self.place(site: alert.site, kiosk: alert.kiosk),
        raised: LocalTime.text(first, in: settings.timeZone),
        minutesAgo: LocalTime.date(first).map { max(0, Int(now.timeIntervalSince($0) / 60)) } ?? 0,
        sessionID: alert.sessionID, patient: summary?.identity?.name,
        reason: summary?.safety.first { $0.rule == alert.rule }?.text)
    }
  }

  /// What the live banner shows: the same as the banner a page is served with.
  func alertsJSON(now: Date, withPatients: Bool) throws -> ConsoleResponse {
    // A page polling here is a staff monitor the kiosk can count on.
    try store.recordMonitorBeat(name: "browser console", at: now)
    let alerts = try alertViews(now: now).map { alert in
      AlertJSON(
        id: alert.id, tier: alert.tier, kiosk: alert.kiosk ?? "", raised: alert.raised, minutesAgo: alert.minutesAgo,
        session: alert.sessionID, patient: withPatients ? alert.patient : nil, reason: withPatients ? alert.reason : nil
      )
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return .json(try encoder.encode(AlertFeed(alerts: alerts)))
  }

  func alertsPage(page: Pages, now: Date) throws -> ConsoleResponse {
    try store.audit(.alertsWatched, sessionID: nil, detail: "by \(page.account)", at: now)
    let known = try cases(now: now)
    let recent = try store.alerts().prefix(50).map { alert in
      let summary = known.first { $0.sessionID == alert.sessionID }?.summary
      return RecentAlert(
        id: alert.id, tier: alert.tier, kiosk: Self.place(site: alert.site, kiosk: alert.kiosk),
        raised: LocalTime.text(alert.raisedAt, in: settings.timeZone),
        sessionID: alert.sessionID, patient: summary?.identity?.name,
        reason: summary?.safety.first { $0.rule == alert.rule }?.text, acknowledgedBy: alert.acknowledgedBy,
        acknowledgedAt: alert.acknowledgedAt.map { LocalTime.text($0, in: settings.timeZone) })
    }
    return .page(page.alerts(Array(recent), open: try alertViews(now: now)))
  }

  /// Alerts newest first, keeping the highest tier of each session (the newest of equals).
  static func highestPerSession(_ alerts: [StoredAlert]) -> [StoredAlert] {
    var best: [String: StoredAlert] = [:]
    for alert in alerts where (best[alert.sessionID]?.tier ?? -1) < alert.tier {
      best[alert.sessionID] = alert
    }
    return alerts.filter { best[$0.sessionID]?.id == $0.id }
  }

  /// The person is going to the patient: the alert, and the session's open alerts of the same or
  /// a lower tier raised before it, are acknowledged in their name (each one audited).
  func acknowledge(_ number: String, _ form: [String: String], account: StaffAccount, now: Date) throws
    -> ConsoleResponse
  {
    guard let id = Int(number), let alert = try store.alerts().first(where: { $0.id == id }) else {
      throw ConsoleFailure.notFound
    }
    let covered = try store.alerts().filter {
      $0.sessionID == alert.sessionID && !$0.isAcknowledged && $0.tier <= alert.tier && $0.id <= alert.id
    }
    // A front desk signed in as one person may send another: the name typed is recorded, with
    // whose account recorded it.
    let who = (form["who"] ?? "").trimmingWhitespace().prefix(60)
    let person = who.isEmpty || who == account.name ? account.name : "\(who) (recorded by \(account.name))"
    for each in covered { _ = try store.acknowledgeAlert(id: each.id, by: person, at: now) }
    // Back where they were: only a path of this console, never another site.
    let back = form["back"] ?? "/"
    let safe = back.hasPrefix("/") && !back.hasPrefix("//") && !back.contains("\\") ? back : "/"
    return .redirect(to: safe)
  }

  // MARK: Accounts

  func addAccount(_ form: [String: String], by session: WebSession, page: Pages, now: Date) throws
    -> ConsoleResponse
  {
    let name = (form["name"] ?? "").trimmingSpaces()
    let passphrase = form["passphrase"] ?? ""
    func refuse(_ problem: String) throws -> ConsoleResponse {
      .page(
        page.accounts(try store.accounts(), alerts: try alertViews(now: now), problem: problem, name: name), status: 422
      )
    }
    guard StaffAccount.isValidName(name) else {
      return try refuse("A name is 2 to 40 letters, digits, dots, hyphens or underscores, with no spaces.")
    }
    guard let role = form["role"].flatMap(StaffRole.init(rawValue:)) else { return try refuse("Choose a role.") }
    guard passphrase.count >= StaffAccount.minimumPassphraseLength else {
      return try refuse("The passphrase needs at least \(StaffAccount.minimumPassphraseLength) characters.")
    }
    guard passphrase == form["again"] else { return try refuse("The two passphrases differ.") }
    guard !(try store.accounts()).contains(where: { $0.isActive && $0.name == name }) else {
      return try refuse("There is already an account named \(name).")
    }
    guard let key = session.key else { throw ConsoleFailure.signedOut }
    let slot = try AccountKeySlot.make(for: key, name: name, passphrase: passphrase, cost: settings.keyCost)
    _ = try store.addAccount(name: name, role: role, keySlot: slot, by: session.account.name, at: now)
    return .redirect(to: "/accounts?notice=added")
  }

  func removeAccount(_ number: String, by admin: StaffAccount, now: Date) throws -> ConsoleResponse {
    guard let id = Int(number), let account = try store.accounts().first(where: { $0.id == id && $0.isActive }) else {
      throw ConsoleFailure.notFound
    }
    guard account.id != admin.id else { throw ConsoleFailure.conflict("You cannot remove your own account.") }
    try store.removeAccount(id: id, by: admin.name, at: now)
    // Whoever was signed in with it is signed out now.
    sessions = sessions.filter { $0.value.account.id != id }
    return .redirect(to: "/accounts?notice=removed")
  }

  // MARK: Helpers

  func pages(for request: ConsoleRequest) -> Pages {
    let session = request.cookies[Self.cookieName].flatMap { sessions[Self.digest($0)] }
    return Pages(
      text: session.map { PageContext(account: $0.account, formToken: $0.formToken) })
  }

  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  static func digest(_ token: String) -> String {
    HexText.of(SHA256.hash(data: Data(token.utf8)))
  }
}

extension ConsoleResponse {
  /// Tells the browser to forget the session cookie.
  func clearingSession() -> ConsoleResponse {
    var response = self
    response.headers.append(("Set-Cookie", "\(ConsoleApp.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"))
    return response
  }
}

/// The live banner's feed: alerts not yet acknowledged.
struct AlertFeed: Encodable {
  var alerts: [AlertJSON]
}

struct AlertJSON: Encodable {
  var id: Int
  var tier: Int
  var kiosk: String
  var raised: String
  var minutesAgo: Int
  var session: String
  /// The patient's name once their intake opens (a crisis at the first questions has none yet).
  var patient: String?
  var reason: String?
}
