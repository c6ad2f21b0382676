import IntakeKit
import IntakeStore

/// Every page of the browser console, and all its words. Built as `HTML`, so every value is
/// escaped on the way in; no inline script or style (the CSP allows neither).
struct Pages {
  /// Nil on the sign-in page and for someone not signed in.
  var text: PageContext?

  /// The signed-in account's name (for audit details).
  var account: String { text?.account.name ?? "" }

  // MARK: The frame of every page

  func layout(_ title: String, alerts: [AlertView] = [], path: String = "/", head: HTML = "", body: HTML) -> HTML {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(title) · intake</title>
    <link rel="stylesheet" href="/static/console.css">
    \(head)<script src="/static/console.js" defer></script>
    </head>
    <body>
    \(bar())\(text == nil ? "" : banner(alerts, back: path))<main>
    \(body)</main>
    </body>
    </html>

    """
  }

  func bar() -> HTML {
    guard let text else { return "<header class=\"bar no-print\"><span class=\"brand\">intake</span></header>\n" }
    return """
      <header class="bar no-print"><a class="brand" href="/">intake</a>
      <nav><a href="/">Queue</a> <a href="/alerts">Alerts</a>\(HTML.when(text.account.role == .admin, " <a href=\"/accounts\">Accounts</a>"))</nav>
      <button id="sound" type="button" hidden>Turn on the alert sound</button>
      <span class="who">\(text.account.name) (\(text.account.role.title))</span>
      <form method="post" action="/sign-out">\(token())<button type="submit">Sign out</button></form>
      </header>

      """
  }

  /// Who is going, when not the person signed in (a shared front-desk screen).
  func whoField() -> HTML {
    "<input name=\"who\" class=\"who\" placeholder=\"who is going (if not \(text?.account.name ?? "you"))\" maxlength=\"60\">"
  }

  func token() -> HTML {
    "<input type=\"hidden\" name=\"form_token\" value=\"\(text?.formToken ?? "")\">"
  }

  /// The alerts nobody has acknowledged, on every page; the script keeps it current and rings.
  func banner(_ alerts: [AlertView], back: String) -> HTML {
    let items: [HTML] = alerts.map { alert in
      """
      <div class="alert tier\(min(alert.tier, 3))"><strong>Tier \(alert.tier) alert</strong> from kiosk \(alert.kiosk ?? "(unnamed)"), \(alert.raised) (\(alert.minutesAgo) min ago)\(alert.patient.map { name in HTML(" · <strong>\(name)</strong>") } ?? "") · <a href="/intakes/\(alert.sessionID)">session \(String(alert.sessionID.prefix(8)))</a>\(alert.reason.map { reason in HTML("<span class=\"why\">\(reason)</span>") } ?? "")
      <form method="post" action="/alerts/\(alert.id)/acknowledge">\(token())<input type="hidden" name="back" value="\(back)">\(whoField())<button type="submit">I am going to the patient</button></form></div>

      """
    }
    return """
      <section id="alerts" class="alerts no-print" data-form-token="\(text?.formToken ?? "")" data-back="\(back)" data-who-hint="who is going (if not \(text?.account.name ?? "you"))" aria-live="assertive">
      \(items)</section>
      <p class="sound no-print"><span id="feed-state"></span><noscript>JavaScript is off: new alerts show when you reload a page, without sound.</noscript></p>

      """
  }

  // MARK: Signing in

  func signIn(problem: SignInProblem? = nil, name: String = "", notice: String? = nil) -> HTML {
    let message: HTML =
      switch problem {
      case .wrongNameOrPassphrase?:
        "<p class=\"problem\">That name and passphrase do not match an account. Try again.</p>"
      case .locked(let until)?:
        "<p class=\"problem\">This account is locked after too many wrong passphrases, until \(until). Another member of staff can still sign in; an administrator can help.</p>"
      case .damagedSlot?:
        "<p class=\"problem\">This account's key does not open this clinic's records. An administrator must remove the account and add it again.</p>"
      case nil:
        switch notice {
        case "signed-out": "<p class=\"notice\">You are signed out.</p>"
        case "idle":
          "<p class=\"notice\">You were signed out of patient pages after a while without use. A console page left open still shows new alerts (without names) and rings. Sign in again to see patients.</p>"
        default: ""
        }
      }
    return layout(
      "Sign in",
      body: """
        <h1>Sign in</h1>
        \(message)<form method="post" action="/sign-in" class="stack">
        <label>Name <input name="name" autocomplete="username" value="\(name)" required autofocus></label>
        <label>Passphrase <input name="passphrase" type="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
        </form>
        <p class="hint">Each member of staff has their own name and passphrase. After 5 wrong passphrases an account is locked for 15 minutes. After a while without use you are signed out of patient pages; a page left open still shows new alerts.</p>

        """)
  }

  // MARK: The queue

  func queue(
    _ rows: [QueueRow], total: Int, filter: QueueFilter, searchID: String?, psychiatrists: [String],
    sites: [String] = [], alerts: [AlertView], warnings: [String]
  ) -> HTML {
    let statusOptions: [HTML] =
      [option("", "Any status", selected: filter.status == nil)]
      + CaseStatus.allCases.map { option($0.rawValue, $0.title, selected: filter.status == $0) }
    let tiers: [(String, String)] = [
      ("", "Any"), ("0", "No alert"), ("1", "Tier 1 or higher"), ("2", "Tier 2 or higher"), ("3", "Tier 3"),
    ]
    let tierOptions: [HTML] = tiers.map { option($0.0, $0.1, selected: (filter.tier.map(String.init) ?? "") == $0.0) }
    let me = text?.account.name ?? ""
    let assignedOptions: [HTML] =
      [
        option("anyone", "Anyone", selected: filter.assignee == nil),
        option("me", "Me", selected: filter.assignee == me && !me.isEmpty),
        option("", "Nobody", selected: filter.assignee == ""),
      ] + psychiatrists.filter { $0 != me }.map { option($0, $0, selected: filter.assignee == $0) }
    // Only when the store holds several sites' records (the central store).
    let siteOptions: [HTML] =
      [option("", "Every site", selected: filter.site == nil)]
      + sites.map { option($0, $0, selected: filter.site == $0) }
    let siteFilter: HTML =
      sites.isEmpty && filter.site == nil ? "" : "<label>Site <select name=\"site\">\(siteOptions)</select></label>\n"
    let warningList: [HTML] = warnings.map { "<p class=\"problem\">The audit trail: \($0).</p>\n" }
    let empty: HTML =
      total == 0
      ? "<p>No intakes yet.</p>\n"
      : filter.isBackwards
        ? "<p class=\"problem\">The \"from\" day is after the \"to\" day, so nothing can match. <a href=\"/\">Show all</a></p>\n"
        : "<p>No intake matches. <a href=\"/\">Show all</a></p>\n"
    let table: HTML =
      rows.isEmpty
      ? empty
      : """
      <table class="queue">
      <thead><tr><th>Urgency</th><th>Patient</th><th>Born (age)</th><th>Taken</th><th>Status</th><th>Assigned</th><th>Outcome and findings</th></tr></thead>
      <tbody>
      \(rows.map(queueRow))</tbody>
      </table>

      """
    let searching: HTML =
      filter.search.isEmpty
      ? ""
      : "<p class=\"notice\">Showing the search for \u{201C}\(filter.search)\u{201D}. <a href=\"/\">Clear the search</a></p>\n"
    return layout(
      "Queue", alerts: alerts,
      body: """
        <h1>Intakes <small>\(rows.count) of \(total) shown, most urgent first</small></h1>
        \(warningList)<form method="post" action="/search" class="search">\(token())
        <label>Search <input name="q" value="\(filter.search)" autocomplete="off" placeholder="name, date of birth or session"></label>
        <button type="submit">Search</button>
        </form>
        \(searching)<form method="get" action="/" class="filters">\(searchID.map { id in HTML("<input type=\"hidden\" name=\"search\" value=\"\(id)\">") } ?? "")
        <label>Status <select name="status">\(statusOptions)</select></label>
        <label>Alert <select name="tier">\(tierOptions)</select></label>
        <label>Assigned to <select name="assigned">\(assignedOptions)</select></label>
        \(siteFilter)        <label>Taken from <input type="date" name="from" value="\(filter.from ?? "")"></label>
        <label>to <input type="date" name="to" value="\(filter.to ?? "")"></label>
        <label><input type="checkbox" name="unreviewed" value="1"\(HTML.when(filter.unreviewedOnly, " checked"))> Only those nobody has worked on</label>
        <button type="submit">Filter</button> <a href="/">Clear</a>
        </form>
        \(table)
        """)
  }

  func queueRow(_ row: QueueRow) -> HTML {
    let urgency: HTML =
      row.tier > 0
      ? "<span class=\"tier tier\(min(row.tier, 3))\">Tier \(row.tier)</span>\(row.acknowledged ? HTML(" <span class=\"acked\">acknowledged by \(row.acknowledgedBy ?? "staff")</span>") : HTML(" <span class=\"unacked\">not acknowledged</span>"))"
      : ""
    // Booked while something is not cleared (before the console refused it, or by hand) is said loudest.
    let clearance: HTML =
      row.status == .booked && row.booking.isBlocked
      ? "<br><strong class=\"unacked\">Booked without clearance: \(row.booking.marker ?? "")</strong>"
      : row.booking.marker.map { marker in
        HTML("<br><small class=\"\(row.booking.isBlocked ? "hold" : "acked")\">\(marker)</small>")
      } ?? ""
    return """
      <tr class="\(row.tier > 0 ? "urgent" : "")"><td>\(urgency)</td><td><a href="/intakes/\(row.sessionID)">\(row.name ?? "Name not given")</a><br><code>\(row.shortID)</code></td><td>\(row.birthDate ?? "not given")\(row.age.map { age in HTML(" (\(age))") } ?? "")</td><td>\(row.taken)\(HTML.when(row.state != "submitted", "<br><em>\(stateTitle(row.state))</em>"))\(row.place.map { place in HTML("<br><small>\(place)</small>") } ?? "")</td><td>\(row.status.title)\(clearance)</td><td>\(row.assignee ?? "")</td><td>\(row.outcome)\(HTML.when(!row.flags.isEmpty, "<br><small>\(row.flags.joined(separator: " · "))</small>"))</td></tr>

      """
  }

  func stateTitle(_ state: String) -> String {
    switch state {
    case "submitted": "Finished"
    case "open": "In progress at the kiosk"
    case "suspended": "Not finished (can be resumed with the patient's code)"
    case "expired": "Not finished (resume code expired)"
    case "locked": "Not finished (locked after wrong resume codes)"
    default: state
    }
  }

  func option(_ value: String, _ title: String, selected: Bool) -> HTML {
    "<option value=\"\(value)\"\(HTML.when(selected, " selected"))>\(title)</option>"
  }

  // MARK: One intake

  func intake(
    _ row: QueueRow, summary: Summary?, problem: String?, history: [HistoryLine], psychiatrists: [String],
    openAlert: Int?, saved: String?, alerts: [AlertView]
  ) -> HTML {
    let base = "/intakes/\(row.sessionID)"
    let next: [HTML] =
      [HTML("<option value=\"\" selected disabled>Choose…</option>")]
      + row.status.next.map { status in
        option(
          status.rawValue,
          status.title + (status == .booked && row.booking.isBlocked ? " (needs clearing first)" : ""),
          selected: false)
      }
    let assignees: [HTML] =
      [option("", "Nobody", selected: row.assignee == nil)]
      + psychiatrists.map { option($0, $0, selected: row.assignee == $0) }
    let exports: [HTML] = ExportFormat.allCases.map { format in
      "<li><a href=\"\(base)/export/\(format.rawValue)\">\(format.title)</a></li>"
    }
    let lines: [HTML] = history.map { line in
      "<li><span class=\"when\">\(line.at)</span> <strong>\(line.account)</strong>: \(line.what)\(noteText(line.note))</li>\n"
    }
    let work: HTML = lines.isEmpty ? "<p>Nothing yet.</p>\n" : "<ul class=\"history\">\n\(lines)</ul>\n"
    let note: HTML =
      summary.map { HTML(rendered: HTMLRenderer.content($0)) }
      ?? "<p class=\"problem\">\(problem ?? "This intake cannot be opened here: its dialog version is not at hand.")</p>"
    let savedNotice: HTML =
      switch saved {
      case "status": "<p class=\"notice\">Status saved: \(row.status.title).</p>\n"
      case "assignment": "<p class=\"notice\">Saved: assigned to \(row.assignee ?? "nobody").</p>\n"
      case "note": "<p class=\"notice\">Note added (below, under Work on this intake).</p>\n"
      case "clearance": "<p class=\"notice\">Recorded (below, under Work on this intake).</p>\n"
      default: ""
      }
    return layout(
      row.name ?? "Intake \(row.shortID)", alerts: alerts, path: base,
      head: """
        <link rel="stylesheet" href="/static/note.css" media="print">
        <link rel="stylesheet" href="\(base)/page.css" media="print">

        """,
      body: """
        <div class="no-print">
        <p><a href="/">← Queue</a></p>
        <h1>\(row.name ?? "Name not given")</h1>
        \(savedNotice)\(safety(row, summary: summary, openAlert: openAlert, back: base))<dl class="facts">
        <dt>Date of birth</dt><dd>\(row.birthDate ?? "not given")\(row.age.map { age in HTML(" (\(age))") } ?? "")</dd>
        <dt>Taken</dt><dd>\(row.taken), \(stateTitle(row.state))</dd>
        \(row.place.map { place in HTML("<dt>Where</dt><dd>kiosk \(place)</dd>\n") } ?? "")        <dt>Session</dt><dd><code>\(row.sessionID)</code></dd>
        <dt>Status</dt><dd>\(row.status.title)</dd>
        <dt>Assigned to</dt><dd>\(row.assignee ?? "nobody")</dd>
        </dl>
        \(HTML.when(problem != nil && summary != nil, "<p class=\"problem\">\(problem ?? "")</p>"))\(beforeBooking(row, base: base))<div class="work">
        <form method="post" action="\(base)/status" class="stack">\(token())
        <h2>Status</h2>
        <label>Move to <select name="status" required>\(next)</select></label>
        <label>Why (optional, kept with the status) <textarea name="note" rows="2"></textarea></label>
        <button type="submit">Save status</button>
        \(HTML.when(row.status == .booked || row.status == .declined || row.status == .notSuitable, "<p class=\"hint\">A closed intake is reopened as Contacted (the patient called back).</p>"))</form>
        <form method="post" action="\(base)/assign" class="stack">\(token())
        <h2>Psychiatrist</h2>
        <label>Assign to <select name="assignee">\(assignees)</select></label>
        <button type="submit">Assign</button>
        \(HTML.when(psychiatrists.isEmpty, "<p class=\"hint\">No psychiatrist has an account yet.</p>"))</form>
        <form method="post" action="\(base)/note" class="stack">\(token())
        <h2>Note for the team</h2>
        <label>Anything the team should know (several lines are fine) <textarea name="note" rows="3" required></textarea></label>
        <button type="submit">Add note</button>
        </form>
        <div class="stack"><h2>Export</h2><ul>\(exports)</ul>
        <p class="hint">Each export downloads a file named by the session id, never the patient's name (files get copied and mailed). To print the consult note, use the browser's Print: this page prints as the paper note, with the work on it at the end.</p></div>
        </div>
        <h2>Work on this intake</h2>
        \(work)</div>
        <p class="print-line">In the console: \(row.status.title)\(row.booking.marker.map { "; \($0)" } ?? ""); assigned to \(row.assignee ?? "nobody"). The work on this intake is on the last page.</p>
        <article class="note">
        \(note)</article>
        <section class="print-only">
        <h2>Work on this intake (from the console)</h2>
        <p>Status: \(row.status.title). Assigned to: \(row.assignee ?? "nobody").</p>
        \(work)</section>

        """)
  }

  /// At the top of a crisis intake's page: what happened, and whether anyone is going.
  func safety(_ row: QueueRow, summary: Summary?, openAlert: Int?, back: String) -> HTML {
    let escalations = summary?.safety ?? []
    guard row.tier > 0 || !escalations.isEmpty else { return "" }
    let reasons: [HTML] = escalations.map { "<li><strong>Tier \($0.tier):</strong> \($0.text)</li>" }
    let state: HTML =
      openAlert.map { id in
        """
        <form method="post" action="/alerts/\(id)/acknowledge">\(token())<input type="hidden" name="back" value="\(back)"><strong>Nobody has acknowledged this alert.</strong> \(whoField())<button type="submit">I am going to the patient</button></form>
        """
      } ?? (row.acknowledgedBy.map { HTML("<p>Acknowledged by \($0): going to the patient.</p>") } ?? "")
    return """
      <section class="safety tier\(min(row.tier, 3))"><h2>Safety alert, tier \(row.tier)</h2>
      \(reasons.isEmpty ? HTML("") : HTML("<ul>\(reasons)</ul>"))\(state)</section>

      """
  }

  /// What must be cleared before booking, who has, and the form to clear it.
  func beforeBooking(_ row: QueueRow, base: String) -> HTML {
    let check = row.booking
    guard !check.psychiatrist.isEmpty || !check.resolved.isEmpty else { return "" }
    var items: [HTML] = []
    if !check.psychiatrist.isEmpty {
      items.append(
        check.clearedByPsychiatrist.map { event in
          HTML("<li>\(check.psychiatrist.joined(separator: ", ")): cleared by \(event.account).</li>")
        } ?? HTML("<li><strong>A psychiatrist must clear:</strong> \(check.psychiatrist.joined(separator: ", ")).</li>")
      )
    }
    if !check.resolved.isEmpty {
      items.append(
        check.resolvedBy.map { event in
          HTML("<li>\(check.resolved.joined(separator: ", ")): resolved, recorded by \(event.account).</li>")
        } ?? HTML("<li><strong>Record how it was resolved:</strong> \(check.resolved.joined(separator: ", ")).</li>"))
    }
    let isPsychiatrist = text?.account.role == .psychiatrist
    // A psychiatrist can always decide (again); others can record a resolution where one is needed.
    let form: HTML =
      isPsychiatrist && !check.psychiatrist.isEmpty
      ? """
      <form method="post" action="\(base)/clear" class="stack wide">\(token())
      <label>What you reviewed, and what must happen before or at the first visit <textarea name="note" rows="5" required></textarea></label>
      <p><button type="submit" name="decision" value="clear">Clear for booking</button> <button type="submit" name="decision" value="not-cleared">Do not clear</button></p>
      </form>
      """
      : check.needsResolution
        ? """
        <form method="post" action="\(base)/clear" class="stack wide">\(token())
        <label>How it was resolved (for example, who will drive them home) <textarea name="note" rows="3" required></textarea></label>
        <button type="submit">Record as resolved</button>
        </form>
        """
        : (check.needsPsychiatrist
          ? (row.assignee.map { name in
            HTML("<p class=\"hint\">Waiting for \(name) (assigned) to clear it; only a psychiatrist's account can.</p>")
          } ?? "<p class=\"hint\">Only a psychiatrist's account can clear these. Assign the intake to one below.</p>")
          : "")
    return """
      <section class="booking\(check.isBlocked ? " blocked" : " cleared")"><h2>Before booking</h2>
      <ul>\(items)</ul>
      \(form)</section>

      """
  }

  func noteText(_ note: ReviewNote?) -> HTML {
    switch note {
    case .verified(let text)?: text.isEmpty ? "" : "<div class=\"said\">\(text)</div>"
    case .unverifiedReviewer(let text)?:
      "<div class=\"said\">\(text)</div> <em>(an older mark: its name and time are not sealed with it)</em>"
    case .unsealed?: ""
    case .altered?:
      " <strong class=\"problem\">ALTERED: this note, its name or its time was changed in the store</strong>"
    case nil: ""
    }
  }

  // MARK: Alerts

  func alerts(_ recent: [RecentAlert], open: [AlertView]) -> HTML {
    let rows: [HTML] = recent.map { alert in
      let state: HTML =
        alert.acknowledgedBy.map { by in HTML("\(by), \(alert.acknowledgedAt ?? "")") }
          ?? """
          <form method="post" action="/alerts/\(alert.id)/acknowledge">\(token())<input type="hidden" name="back" value="/alerts">\(whoField())<button type="submit">I am going to the patient</button></form>
          """
      return """
        <tr class="\(alert.acknowledgedBy == nil ? "urgent" : "")"><td>\(alert.id)</td><td>Tier \(alert.tier)</td><td><a href="/intakes/\(alert.sessionID)">\(alert.patient ?? "session \(alert.sessionID.prefix(8))")</a>\(alert.reason.map { reason in HTML("<br><small>\(reason)</small>") } ?? "")</td><td>\(alert.kiosk ?? "(unnamed)")</td><td>\(alert.raised)</td><td>\(state)</td></tr>

        """
    }
    return layout(
      "Alerts", alerts: open, path: "/alerts",
      body: """
        <h1>Staff alerts</h1>
        <p class="hint">Keep a page of this console open where staff will hear it, and press "Turn on the alert sound" once. A new alert rings and shows at the top of every page. The kiosk tells the patient someone is coming only after a person presses "I am going to the patient"; until then it tells them to go to the front desk.</p>
        \(recent.isEmpty ? HTML("<p id=\"no-alerts\">No alerts yet.</p>\n") : HTML("""
        <table><thead><tr><th>#</th><th>Tier</th><th>Patient and why</th><th>Kiosk</th><th>Raised</th><th>Acknowledged by</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>

        """))
        """)
  }

  // MARK: Accounts

  func accounts(
    _ accounts: [StaffAccount], alerts: [AlertView], notice: String? = nil, problem: String? = nil, name: String = ""
  ) -> HTML {
    let rows: [HTML] = accounts.map { account in
      let state: HTML =
        account.removedAt.map { HTML("Removed \(String($0.prefix(10)))") }
        ?? (account.id == text?.account.id
          ? "You"
          : """
          <form method="post" action="/accounts/\(account.id)/remove">\(token())<button type="submit">Remove</button></form>
          """)
      return
        "<tr><td>\(account.name)</td><td>\(account.role.title)</td><td>\(String(account.createdAt.prefix(10)))</td><td>\(state)</td></tr>\n"
    }
    let roles: [HTML] = StaffRole.allCases.map { option($0.rawValue, $0.title, selected: $0 == .coordinator) }
    let message: HTML =
      problem.map { HTML("<p class=\"problem\">\($0) Nothing was added.</p>\n") }
      ?? (notice == "added"
        ? "<p class=\"notice\">Account added. Give the person their passphrase in person; they can sign in now.</p>\n"
        : notice == "removed" ? "<p class=\"notice\">Account removed; it is signed out everywhere.</p>\n" : "")
    return layout(
      "Accounts", alerts: alerts, path: "/accounts",
      body: """
        <h1>Staff accounts</h1>
        \(message)<table><thead><tr><th>Name</th><th>Role</th><th>Added</th><th></th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        <h2>Add an account</h2>
        <form method="post" action="/accounts" class="stack">\(token())
        <label>Sign-in name <input name="name" value="\(name)" required pattern="[A-Za-z0-9._\\-]{2,40}"> <small>2 to 40 letters, digits, dots, hyphens or underscores; no spaces (for example maria.lopez)</small></label>
        <label>Role <select name="role">\(roles)</select></label>
        <label>Passphrase (at least \(StaffAccount.minimumPassphraseLength) characters) <input name="passphrase" type="password" autocomplete="new-password" required></label>
        <label>The same passphrase again <input name="again" type="password" autocomplete="new-password" required></label>
        <button type="submit">Add account</button>
        </form>
        <p class="hint">The clinic's private key is wrapped for each account under its own passphrase; it is never stored unwrapped. A removed account cannot sign in, and its name stays on the work it did.</p>

        """)
  }

  // MARK: Refusals

  func failure(_ message: String, intake: String? = nil) -> HTML {
    let back: HTML =
      intake.map { id in
        HTML("<p><a href=\"/intakes/\(id)\">Back to this intake</a> · <a href=\"/\">the queue</a></p>\n")
      }
      ?? "<p><a href=\"/\">Back to the queue</a></p>\n"
    return layout("Not done", body: "<h1>Not done</h1>\n<p class=\"problem\">\(message)</p>\n\(back)")
  }

}
