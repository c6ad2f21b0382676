import ArgumentParser
import Foundation
import IntakeKioskHost
import IntakeKit
import IntakeStore
import IntakeTerminal

struct KioskCommand: ParsableCommand {
  static let configuration: CommandConfiguration = {
    var configuration = CommandConfiguration(
      commandName: "kiosk",
      abstract: "Run the intake kiosk: save as patients go, and seal each summary for the coordinator.",
      discussion: """
        At a terminal the kiosk uses line editing (arrow keys, history, Tab completion) and serves
        one patient after another until it is stopped (SIGTERM); between patients it clears the
        screen, the scrollback and the line history. With --once, or with piped input, it serves
        one patient and exits. Every answer is saved as it is given in DATA/intake.sqlite,
        encrypted; the finished summary is sealed to the coordinator's public key
        (DATA/keys/coordinator.pub), so this machine cannot read it back. A patient who stops or
        walks away gets a resume code.
        """
    )
    // Parsed as the root of its own command line (`IntakeCommand.main`'s kiosk path), it is
    // `intake kiosk`, and ArgumentParser's check for a completion-script request (the root's
    // alone) is left out: it parsed two more commands at every start.
    configuration._superCommandName = "intake"
    return configuration
  }()

  static let defaultData = "intake-data"

  @Option(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  @Option(help: "The data folder: the session store and the coordinator's public key.")
  var data: String = defaultData

  @Option(help: ArgumentHelp("How long a resume code works, in hours.", valueName: "hours"))
  var resumeHours: Double = 72

  @Flag(help: "Serve one patient, then exit (always so with piped input).")
  var once = false

  @Option(
    help: ArgumentHelp(
      "Minutes without a key before the kiosk asks whether the patient is still there.", valueName: "minutes"))
  var idleMinutes: Double = 3

  @Option(help: ArgumentHelp("Seconds the patient then has to carry on (at least 20).", valueName: "seconds"))
  var idleWarningSeconds: Double = 30

  @Option(
    help: ArgumentHelp(
      "A file (readable by the kiosk's user only) whose first line is the staff code: typed at a held screen, such as the crisis screen, it resumes the session. Without it a held screen waits until the idle timeout saves the session.",
      valueName: "path"))
  var staffCodeFile: String?

  /// Testing only: idle, warning and code-shown seconds, unchecked ("2,1,1").
  @Option(help: .hidden)
  var idleTimingForTests: String?

  /// Fault testing: a page limit makes the store "full" without filling a disk.
  @Option(help: .hidden)
  var storePageLimit: Int?

  /// Testing only: scrypt rounds for resume codes (a debug build runs the standard cost slowly).
  @Option(help: .hidden)
  var resumeKdfRounds: Int?

  @Option(
    help: ArgumentHelp(
      "Also write the session as a transcript to this file (for dialog authors; it holds the answers typed).",
      valueName: "file"))
  var record: String?

  @Option(
    help: ArgumentHelp(
      "Run this program when a staff alert is raised, with the session id as its only argument (no shell; the tier is in INTAKE_ALERT_TIER).",
      valueName: "path"))
  var alertCommand: String?

  @Option(help: ArgumentHelp("This kiosk's name on its staff alerts (default: the machine's name).", valueName: "name"))
  var kioskName: String?

  @Option(
    help: ArgumentHelp(
      "Raise an unacknowledged staff alert again after this many seconds (0: never).", valueName: "seconds"))
  var realertAfter: Double = 120

  /// How long without a monitor's heartbeat before the kiosk warns that nobody sees alerts.
  static let monitorSilence: TimeInterval = 60

  /// The kiosk's dialog, checked for errors only; a dialog with errors is refused with them.
  static func readDialog(_ path: String) throws -> Dialog {
    let dialog = try DialogDiagnostics.load(
      path, refusal: "The kiosk will not start on a dialog with errors. Run: intake check \(path)",
      checks: .errorsOnly)
    // The time zone's rules, read here on the dialog's core rather than by the first session's
    // clock on the main one (Foundation keeps them once read).
    _ = TimeZone.current
    return dialog
  }

  func run() throws {
    // First of all: the kiosk's own handlers for every fatal signal take the place of the Swift
    // runtime's crash backtracer, which could stop and print an interactive prompt, with memory
    // contents, on the patient's screen. They restore the terminal and die of the same signal.
    // (The kiosk used to start itself again with SWIFT_BACKTRACE=enable=no: 9 ms at every start.)
    TerminationSignal.installFatalHandlers()
    // Everything the kiosk creates (the store, its journal, keys) is for the owner only.
    umask(0o077)
    // Errors refuse the dialog; advice for its author (how it reads) is not worked out here. It
    // is read (or taken from the compiled-dialog cache) on a second core while the store opens.
    // Started when the program started (`EarlyDialogRead`) when the command line plainly named it.
    let path = dialog
    let reading = EarlyDialogRead.take(for: path) ?? BackgroundWork { try Self.readDialog(path) }
    let folder = DataFolder(path: data)
    // Opening a folder that has its key and store makes nothing; one that is not ready yet (a
    // first start: the folder, a trial key, the store are made) waits for the dialog, so a dialog
    // with errors is refused before anything is made.
    if access(folder.storePath, F_OK) != 0 || access(folder.publicKeyFile.path, F_OK) != 0 { _ = try reading.value() }
    let store: SQLiteSessionStore
    let key: CoordinatorPublicKey
    // Held until the kiosk exits.
    let folderLock: FolderLock
    do {
      try folder.prepare()
      let found = try folder.coordinatorKey()
      key = found.key
      if found.madeTrialKey {
        ScreenWriter.standardError().line(
          "intake: no coordinator key was found, so a TRIAL key pair was made in \(folder.keys.path)/. Its private "
            + "key has no passphrase and sits beside the data: fine for trying intake out, wrong for patients. "
            + "For real use run `intake keys init` and keep the private key off the kiosk.")
        // At a terminal the kiosk clears the screen next: let whoever started it read this first.
        if isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 {
          ScreenWriter.standardError().write("Press Enter to start the kiosk. ")
          // Byte by byte with read(2): stdio's buffer could keep keys meant for the line editor.
          var byte: UInt8 = 0
          while read(STDIN_FILENO, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {}
        }
      }
      folderLock = try folder.lockForKiosk()
      store = try SQLiteSessionStore(
        folder: folder, auditSealer: Sealer(recipient: key),
        // The end of the audit trail at every start; every page and the whole trail once a day
        // (a start's cost must not grow with the store).
        options: .init(maximumPageCount: storePageLimit, check: .daily))
    } catch {
      // A dialog with errors is said first, as when the dialog was read before the store opened.
      _ = try reading.value()
      throw CommandFailure(
        message: "intake: \(error). The kiosk will not start; fetch whoever looks after it.",
        code: CommandFailure.dataFolder)
    }
    let loaded = try reading.value()
    do {
      // A session a killed kiosk left open is recorded as recovered (and stays resumable).
      _ = try store.recoverOpenSessions(at: Date())
      // Codes past their time stop working now, and the trail says so.
      _ = try store.expireSessions(at: Date())
    } catch {
      throw CommandFailure(
        message: "intake: \(error). The kiosk will not start; fetch whoever looks after it.",
        code: CommandFailure.dataFolder)
    }

    // Read before anything is shown: a kiosk that cannot read its staff code does not start.
    let staffCode: StaffCode?
    do {
      staffCode = try staffCodeFile.map { path throws(StaffCodeError) in try StaffCode(contentsOfFile: path) }
    } catch {
      throw CommandFailure(
        message: "intake: \(error). The kiosk will not start; fetch whoever looks after it.",
        code: CommandFailure.dataFolder)
    }

    // A crisis alert nobody can see is worse than none: say so to staff at the start (when the
    // dialog can raise one at all).
    let raisesAlerts = loaded.rules.contains { $0.escalation?.alert == true }
    if alertCommand == nil, raisesAlerts {
      let beat = try? store.lastMonitorBeat()
      if beat.map({ Date().timeIntervalSince($0) > Self.monitorSilence }) ?? true {
        ScreenWriter.standardError().line(
          "intake: warning: no staff alert channel. No alert monitor has been seen for this data folder and no "
            + "--alert-command is set, so a crisis alert reaches nobody until someone looks. Start `intake alerts "
            + "--data \(data)` on a staff screen, or give --alert-command.")
      }
    }

    TerminationSignal.installKioskHandlers()
    let writer = ScreenWriter()
    // No line longer than the longest answer the dialog takes is read in, echoed, saved or sealed.
    let limit = LineLimit.fitting(loaded)
    var reader: any LineReader = PlainLineReader(writer: writer, limit: limit)
    if isatty(STDIN_FILENO) == 1, writer.isTerminal, let editor = EditLineReader(writer: writer, limit: limit) {
      reader = editor
    }
    let continuous = !once && reader is EditLineReader && record == nil
    let idle = try idlePolicy()
    defer { withExtendedLifetime(folderLock) {} }
    while true {
      let ending = try serveOnePatient(
        dialog: loaded, store: store, key: key, reader: reader, writer: writer, idle: idle, staffCode: staffCode)
      guard continuous, ending != nil else { return }
      // Between patients: nothing of this one stays on screen, in scrollback, in the line
      // history or in this loop (the session, its host and its kiosk are dropped here).
      reader.clearHistory()
      writer.clearScreen()
      // A kiosk left running for days still runs the full check of its store once a day.
      do {
        try store.checkFullyIfDue(at: Date())
      } catch {
        throw CommandFailure(
          message: "intake: \(error). The kiosk will not go on; fetch whoever looks after it.",
          code: CommandFailure.dataFolder)
      }
    }
  }

  func validate() throws {
    if idleWarningSeconds < 20 {
      throw ValidationError("--idle-warning-seconds must be at least 20: a patient needs time to come back.")
    }
    if idleMinutes <= 0 { throw ValidationError("--idle-minutes must be more than 0.") }
  }

  private func idlePolicy() throws -> IdlePolicy {
    guard let timing = idleTimingForTests else {
      return IdlePolicy(idle: idleMinutes * 60, warning: idleWarningSeconds, codeShown: 20)
    }
    let parts = timing.split(separator: ",").compactMap { Double($0) }
    guard parts.count == 3 else { throw ValidationError("--idle-timing-for-tests takes three numbers") }
    return IdlePolicy(idle: parts[0], warning: parts[1], codeShown: parts[2])
  }

  /// Runs one patient's session. Returns nil when the kiosk should stop (and throws for the
  /// endings that need an exit code), or the ending when the next patient may come.
  private func serveOnePatient(
    dialog loaded: Dialog, store: SQLiteSessionStore, key: CoordinatorPublicKey, reader: any LineReader,
    writer: ScreenWriter, idle: IdlePolicy, staffCode: StaffCode?
  ) throws -> Kiosk.Ending? {
    let host = StoreKioskHost(
      store: store, sealer: Sealer(recipient: key), dialog: loaded, alertCommand: alertCommand,
      resumeValidity: resumeHours * 3600,
      scryptCost: resumeKdfRounds.map { ScryptCost(rounds: $0, blockSize: 8, parallelism: 1) } ?? .standard,
      kioskName: kioskName ?? ProcessInfo.processInfo.hostName, realertAfter: realertAfter > 0 ? realertAfter : nil,
      report: { ScreenWriter.standardError().line($0) })
    let session = Session(dialog: loaded, clock: .system)
    let recorder = record.map { _ in
      TranscriptRecorder(
        dialog: loaded, startedAt: session.startedAt, timeZone: session.clock.timeZone, interactive: writer.isTerminal)
    }
    let kiosk = Kiosk(
      conversation: Conversation(session: session), reader: reader, writer: writer, host: host, observer: recorder,
      idle: idle, staffCode: staffCode)
    let ending = kiosk.run()
    if let record, let recorder {
      var how: KioskScreen.Ending?
      if case .finished(let finished) = ending { how = finished }
      let text = recorder.transcript(session: kiosk.session, ending: how).text
      do {
        try text.write(toFile: record, atomically: true, encoding: .utf8)
      } catch {
        throw CommandFailure(
          message: "intake: cannot write the transcript '\(record)'.", code: CommandFailure.dataFolder)
      }
    }
    switch ending {
    case .finished(.submitted), .finished(.quit), .timedOut:
      return ending
    case .finished(.saveFailed):
      throw CommandFailure(
        message:
          "intake: saving failed (\(host.failure.map(String.init(describing:)) ?? "unknown cause")); the kiosk stopped taking answers.",
        code: CommandFailure.dataFolder)
    case .finished(.inputEnded):
      throw CommandFailure(message: "", code: CommandFailure.inputEnded)
    case .terminated(let signal):
      throw CommandFailure(message: "", code: 128 + signal)
    }
  }
}
