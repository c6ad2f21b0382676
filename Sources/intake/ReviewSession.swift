import ArgumentParser
import Foundation
import IntakeCentral
import IntakeCommandLine
import IntakeKit
import IntakeStore
import IntakeTerminal

/// A coordinator's unlocked review: the store, the opened intakes and the commands on them.
final class ReviewSession {
  let desk: ReviewDesk
  let store: any SessionStore
  private(set) var cases: [ReviewCase] = []

  static let attemptLimit = 5
  static let lockout: TimeInterval = 15 * 60
  static let locked: Int32 = 5

  init(desk: ReviewDesk, store: any SessionStore) {
    self.desk = desk
    self.store = store
  }

  /// Opens the store, unlocks the private key (counting wrong passphrases) and loads the intakes.
  static func open(_ options: ReviewCommand.Options) throws -> ReviewSession {
    umask(0o077)
    let folder = DataFolder(path: options.data)
    let central = try options.central.store()
    guard central != nil || FileManager.default.fileExists(atPath: folder.storePath) else {
      throw CommandFailure(
        message: "intake: there is no session store in '\(options.data)'.", code: CommandFailure.dataFolder)
    }
    let keyPath = options.privateKey ?? Self.defaultKey(folder)
    let store: any SessionStore
    let keyFile: Data
    do {
      // Another user's store or key, swapped into a folder they can write, is never trusted.
      if central == nil { try folder.verifyOwnership() }
      guard let data = try FileSafety.read(keyPath, as: .file) else {
        throw CommandFailure(
          message: "intake: cannot read the coordinator's private key '\(keyPath)'. Give it with --private-key.",
          code: CommandFailure.usage)
      }
      keyFile = data
      // Review's own audit entries (including wrong passphrases) are keyed like the kiosk's,
      // sealed to the key being unlocked, whose public half the key file names.
      let sealer = CoordinatorPrivateKey.publicKey(ofLockedFile: keyFile).map { Sealer(recipient: $0) }
      if let central {
        store = central
      } else {
        store = try SQLiteSessionStore(
          folder: folder, auditSealer: sealer, options: .init(refusesUnverifiedAudit: false))
      }
    } catch let error as StoreError {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    // A trail that does not verify is said loudly, but the intakes stay readable: an urgent one
    // must not be hidden by someone deleting a row.
    do {
      try store.verifyAudit()
    } catch .auditBroken(let problem) {
      ScreenWriter.standardError().line("intake: WARNING: the audit trail does not verify: \(problem).")
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    let isTrial = URL(fileURLWithPath: keyPath).standardizedFileURL == folder.trialPrivateKeyFile.standardizedFileURL
    // The passphrase is asked first, every time, locked or not: a passphrase typed by habit at a
    // prompt that never came would land on the shell's command line and in its history.
    var passphrase = ""
    if !isTrial {
      guard let typed = PassphraseReader.read(prompt: "Passphrase: ") else {
        throw CommandFailure(
          message: "intake: no terminal to ask the passphrase at; set \(PassphraseReader.environmentVariable).",
          code: CommandFailure.usage)
      }
      passphrase = typed
    }
    // A lock that cannot be read is not "unlocked": the store's trouble is reported instead.
    let lockedUntil: Date?
    do {
      lockedUntil = try store.reviewLockedUntil(at: Date())
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    if let until = lockedUntil {
      throw CommandFailure(
        message: "intake: review is locked after too many wrong passphrases, until \(Self.clock(until)); "
          + "the passphrase was not tried.",
        code: locked)
    }
    let key: CoordinatorPrivateKey
    do {
      key = try CoordinatorPrivateKey.unlock(keyFile, passphrase: passphrase)
      try store.recordUnlock(at: Date())
    } catch KeyError.wrongPassphrase {
      // A wrong try that cannot be counted must not go uncounted quietly.
      let until: Date?
      do {
        until = try store.recordUnlockFailure(limit: attemptLimit, lockout: lockout, at: Date())
      } catch {
        throw CommandFailure(
          message: "intake: the passphrase is wrong, and the try could not be recorded (\(error)).",
          code: CommandFailure.dataFolder)
      }
      throw CommandFailure(
        message: "intake: the passphrase is wrong."
          + (until.map { " Review is now locked until \(Self.clock($0))." } ?? ""),
        code: locked)
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.usage)
    }
    if isTrial {
      ScreenWriter.standardError().line("intake: using the TRIAL key in \(keyPath) (no passphrase; not for patients).")
    }
    // With the key at hand, every keyed audit entry is checked: a rewritten trail is said at once.
    do {
      let report = try store.verifyKeyedAudit(with: key)
      if let problem = report.problem {
        ScreenWriter.standardError().line("intake: WARNING: the audit trail does not verify: \(problem).")
      }
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    // Without the dialog, unfinished intakes cannot be rebuilt: say why, once, instead of a
    // misleading "not in --dialog" on each of them.
    var dialog: Dialog?
    do {
      dialog = try DialogDiagnostics.load(options.dialog)
    } catch {
      ScreenWriter.standardError().line(
        "intake: WARNING: the dialog '\(options.dialog)' could not be loaded, so unfinished intakes cannot be "
          + "rebuilt here. Give the dialog folder with --dialog.")
    }
    let loaded = dialog
    let desk = ReviewDesk(store: store, key: key) { id, version in
      loaded.flatMap { $0.id == id && $0.version == version ? $0 : nil }
    }
    let session = ReviewSession(desk: desk, store: store)
    try session.reload()
    return session
  }

  static func defaultKey(_ folder: DataFolder) -> String {
    let standard = "intake-keys/coordinator.key"
    if FileManager.default.fileExists(atPath: standard) { return standard }
    return folder.trialPrivateKeyFile.path
  }

  func reload() throws {
    do {
      cases = try desk.cases(at: Date())
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    for warning in desk.warnings { ScreenWriter.standardError().line("intake: WARNING: \(warning).") }
  }

  // MARK: Commands

  func list(to writer: ScreenWriter) throws {
    try audit { try store.audit(.casesListed, sessionID: nil, detail: "\(cases.count) intakes", at: Date()) }
    guard !cases.isEmpty else {
      writer.line("No intakes yet.")
      return
    }
    // Each intake by its session id (its first 8 characters are enough to type): an id never
    // changes, where a position in the list moves when another intake is marked.
    let rows = cases.map { item in
      let identity = item.summary?.identity
      return [
        String(item.sessionID.prefix(8)), identity?.name ?? "(no name)",
        (identity?.birthDate ?? "-") + (identity?.age.map { " (\($0))" } ?? ""),
        LocalTime.text(item.time, in: .current), item.state, item.status.title, item.isReviewed ? "yes" : "no",
        item.tier > 0 ? "TIER \(item.tier)" : "",
        ([item.outcome] + item.flags.prefix(3)).joined(separator: " | "),
      ]
    }
    let header = [
      "Session", "Patient", "Born (age)", "Taken", "State", "Status", "Reviewed", "Alert", "Outcome | flags",
    ]
    let widths = (0..<header.count - 1).map { column in
      ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
    }
    func format(_ row: [String]) -> String {
      row.enumerated().map { column, text in
        column < widths.count ? text.padding(toLength: widths[column], withPad: " ", startingAt: 0) : text
      }.joined(separator: "  ")
    }
    writer.line(format(header))
    for row in rows { writer.line(format(row)) }
  }

  func show(_ reference: String, to writer: ScreenWriter) throws {
    let item = try find(reference)
    if let problem = item.problem {
      // Already audited when the list was made; the exit code says which it is to scripts.
      throw CommandFailure(message: "intake: \(item.sessionID): \(problem).", code: CommandFailure.unopenable)
    }
    guard let markdown = item.markdown else {
      throw CommandFailure(
        message: "intake: \(item.sessionID) cannot be opened here (its dialog version is not in --dialog).",
        code: CommandFailure.usage)
    }
    try audit { try desk.recordView(item.sessionID, at: Date()) }
    writer.write(markdown)
    for review in item.reviews {
      let mark = "Reviewed \(review.reviewedAt) by \(review.reviewer)"
      switch desk.note(of: review) {
      case .verified(let note): writer.line(mark + (note.isEmpty ? "" : ": \(note)"))
      case .unverifiedReviewer(let note):
        writer.line(mark + " (name and time not sealed: an older mark)" + (note.isEmpty ? "" : ": \(note)"))
      case .unsealed: writer.line(mark + " (not sealed: an older mark without a note)")
      case .altered:
        writer.line(mark + " — ALTERED: this mark's note, name or time was changed in the store")
        try audit { try store.audit(.recordRejected, sessionID: item.sessionID, detail: "review mark", at: Date()) }
      }
    }
  }

  func mark(_ reference: String, by reviewer: String, note: String, to writer: ScreenWriter) throws {
    let item = try find(reference)
    do {
      try desk.markReviewed(item.sessionID, by: reviewer, note: note, at: Date())
    } catch {
      throw CommandFailure(message: "intake: \(error).", code: CommandFailure.dataFolder)
    }
    writer.line("Marked \(item.sessionID) reviewed by \(reviewer).")
    try reload()
  }

  func export(_ reference: String, format: ExportFormat, folder: String, to writer: ScreenWriter) throws {
    let item = try find(reference)
    let text: String
    do {
      text = try desk.export(item, as: format)
    } catch {
      let code =
        switch error {
        case .unopenable: CommandFailure.unopenable
        case .dialogMissing: CommandFailure.usage
        case .unrenderable: CommandFailure.dataFolder
        }
      throw CommandFailure(message: "intake: \(error).", code: code)
    }
    let url = URL(fileURLWithPath: folder).appendingPathComponent("\(item.sessionID).\(format.fileExtension)")
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      try DataFolder.write(Data(text.utf8), to: url)
    } catch {
      throw CommandFailure(message: "intake: cannot write '\(url.path)'.", code: CommandFailure.dataFolder)
    }
    try audit { try desk.recordExport(item.sessionID, format: format.rawValue, at: Date()) }
    writer.line("Wrote \(url.path)")
  }

  /// Prints alerts raised after it started, with the patient's name when their intake opens,
  /// until `seconds` pass, or q, Esc, Ctrl-C or Ctrl-D is pressed at the terminal.
  func watch(seconds: Double?, to writer: ScreenWriter) throws {
    try audit { try store.audit(.alertsWatched, sessionID: nil, detail: nil, at: Date()) }
    func alerts() throws -> [StoredAlert] {
      do {
        return try store.alerts()
      } catch {
        throw CommandFailure(message: "intake: cannot read staff alerts (\(error)).", code: CommandFailure.dataFolder)
      }
    }
    var seen = Set(try alerts().map(\.id))
    let keys = StopKeys()
    writer.line(
      keys == nil
        ? "Watching for staff alerts. Stop with Ctrl-C."
        : "Watching for staff alerts. Press q (or Esc, Ctrl-C, Ctrl-D) to stop.")
    let deadline = seconds.map { Date().addingTimeInterval($0) }
    while deadline.map({ Date() < $0 }) ?? true {
      for alert in try alerts().reversed() where seen.insert(alert.id).inserted {
        // The intake may have started after the list was made: read it again for the name.
        try? reload()
        let name = cases.first { $0.sessionID == alert.sessionID }?.summary?.identity?.name
        writer.line(
          "ALERT tier \(alert.tier)  \(name ?? "(name not yet given)")  session \(alert.sessionID.prefix(8))  "
            + "kiosk \(alert.kiosk ?? "-")  at \(LocalTime.text(alert.raisedAt, in: .current))")
      }
      if let keys {
        if keys.stopRequested(waiting: 0.25) { break }
      } else {
        usleep(250_000)
      }
    }
    if keys != nil { writer.line("Stopped watching.") }
  }

  /// The interactive console.
  func console() throws {
    let writer = ScreenWriter()
    var reader: any LineReader = PlainLineReader(writer: writer)
    if isatty(STDIN_FILENO) == 1, writer.isTerminal, let editor = EditLineReader(writer: writer) { reader = editor }
    // Tables keep their columns: no wrapping.
    let table = ScreenWriter(wraps: false)
    writer.line("intake review: \(cases.count) intakes. Type help for the commands.")
    try list(to: table)
    while true {
      let input = reader.read(prompt: "review> ", completions: { _ in [] })
      if input == .tooLong {
        writer.line("That line was too long to read. Type help for the commands.")
        continue
      }
      guard case .line(let line) = input else { break }
      let words = line.split(separator: " ").map(String.init)
      guard let command = words.first?.lowercased() else { continue }
      do {
        switch command {
        case "list", "ls":
          try reload()
          try list(to: table)
        case "show" where words.count == 2: try show(words[1], to: writer)
        case "mark" where words.count >= 3:
          let item = try find(words[1])
          guard let note = Self.readNote(reader, writer: writer) else {
            writer.line("Nothing was marked.")
            continue
          }
          try mark(item.sessionID, by: words.dropFirst(2).joined(separator: " "), note: note, to: writer)
        case "export" where words.count >= 3:
          guard let format = ExportFormat(rawValue: words[2]) else {
            writer.line("Formats: " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
            continue
          }
          try export(words[1], format: format, folder: words.count > 3 ? words[3] : "intake-exports", to: writer)
        case "watch": try watch(seconds: words.count > 1 ? Double(words[1]) : nil, to: writer)
        case "quit", "exit": return
        default:
          writer.line(Self.help)
        }
      } catch let failure as CommandFailure {
        writer.line(failure.message)
      }
    }
  }

  /// A note of any number of lines (a pasted paragraph included), ended by a line holding only
  /// a full stop; nil when the input ends or is cancelled first. Nothing typed here is ever run
  /// as a command.
  static func readNote(_ reader: any LineReader, writer: ScreenWriter) -> String? {
    writer.line("Type the note; it can have several lines. End it with a line holding only a full stop (.).")
    var lines: [String] = []
    while true {
      let input = reader.read(prompt: "note> ", completions: { _ in [] })
      switch input {
      case .line(let line) where line.trimmingSpaces() == ".":
        return lines.joined(separator: "\n").trimmingWhitespace()
      case .line(let line): lines.append(line)
      case .tooLong: writer.line("That line was too long to read; type it again in shorter lines.")
      default: return nil
      }
    }
  }

  static let help = """
    Commands (ID is the session id in the list; its first 4 or more characters are enough):
      list                        intakes, most urgent first
      show ID                     the summary of an intake
      mark ID YOUR NAME           mark an intake reviewed, then type a note (end it with a
                                  line holding only a full stop)
      export ID FORMAT [FOLDER]   markdown, html, json, fhir-bundle, fhir-response or
                                  fhir-questionnaire; an owner-only file named by the
                                  session id (default folder intake-exports)
      watch [SECONDS]             print staff alerts as they arrive; q stops it
      quit
    The browser console (intake console) adds statuses, assignment and accounts.
    """

  // MARK: Helpers

  /// The intake a session id (or its first characters, at least 4) names. Never a position in
  /// the list: positions move when the list changes.
  func find(_ reference: String) throws -> ReviewCase {
    let wanted = reference.lowercased()
    let matches = wanted.count >= 4 ? cases.filter { $0.sessionID.lowercased().hasPrefix(wanted) } : []
    guard matches.count == 1 else {
      throw CommandFailure(
        message: matches.count > 1
          ? "intake: more than one intake's session id starts with '\(reference)'. Type more of it."
          : "intake: no intake's session id starts with '\(reference)'. Use the session id from the list (4 or more characters).",
        code: CommandFailure.usage)
    }
    return matches[0]
  }

  private func audit(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch {
      // A view that cannot be recorded is not shown.
      throw CommandFailure(
        message: "intake: cannot record this in the audit trail (\(error)).", code: CommandFailure.dataFolder)
    }
  }

  static func age(_ timestamp: String, now: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    guard let date = formatter.date(from: timestamp) else { return "?" }
    let minutes = Int(now.timeIntervalSince(date) / 60)
    if minutes < 60 { return "\(max(0, minutes)) min" }
    if minutes < 48 * 60 { return "\(minutes / 60) h" }
    return "\(minutes / 1440) d"
  }

  static func clock(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "HH:mm"
    return formatter.string(from: date)
  }
}
