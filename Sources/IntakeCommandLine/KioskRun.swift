import ArgumentParser
import Foundation
import IntakeKioskHost
import IntakeKit
import IntakeStore
import IntakeTerminal

/// One `intake kiosk`: the settings its command line gives, as plain values, and the kiosk run
/// with them. `KioskCommand` makes one from what ArgumentParser parsed; `KioskArguments` makes one
/// from a plain kiosk command line without ArgumentParser (reading the options by reflection was
/// a fifth of a kiosk's start), so both must give the same settings (`KioskArgumentsTests`).
package struct KioskRun: Equatable, Sendable {
  package static let defaultData = "intake-data"

  package var dialog = DialogDiagnostics.defaultDialog
  package var data = defaultData
  package var resumeHours: Double = 72
  package var once = false
  package var idleMinutes: Double = 3
  package var idleWarningSeconds: Double = 30
  package var staffCodeFile: String?
  package var idleTimingForTests: String?
  package var storePageLimit: Int?
  package var resumeKdfRounds: Int?
  package var record: String?
  package var alertCommand: String?
  package var kioskName: String?
  package var realertAfter: Double = 120

  package func run() throws {
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
    let reading = EarlyDialogRead.take(for: path) ?? BackgroundWork { try KioskCommand.readDialog(path) }
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
    // While the dialog is still being read: what needs only the store and the terminal. Its
    // failures are said after the dialog's errors, as when it all came after the dialog.
    let maintained = Result { () throws(StoreError) in
      // A session a killed kiosk left open is recorded as recovered (and stays resumable).
      _ = try store.recoverOpenSessions(at: Date())
      // Codes past their time stop working now, and the trail says so.
      _ = try store.expireSessions(at: Date())
    }
    // Read before anything is shown: a kiosk that cannot read its staff code does not start.
    let staffCodeRead = Result { () throws(StaffCodeError) in
      try staffCodeFile.map { path throws(StaffCodeError) in try StaffCode(contentsOfFile: path) }
    }
    let monitorBeat = alertCommand == nil ? try? store.lastMonitorBeat() : nil
    let writer = ScreenWriter()
    // The kiosk's signal handlers first: they keep the terminal as it was (a fatal signal or the
    // kiosk's end puts it back so) before libedit sets it up. Then libedit's set-up (its terminal,
    // its key bindings), before the dialog is needed; the line limit the dialog asks for is set
    // once it is read.
    TerminationSignal.installKioskHandlers()
    let editor = isatty(STDIN_FILENO) == 1 && writer.isTerminal ? EditLineReader(writer: writer) : nil
    let loaded = try reading.value()
    do {
      try maintained.get()
    } catch {
      throw CommandFailure(
        message: "intake: \(error). The kiosk will not start; fetch whoever looks after it.",
        code: CommandFailure.dataFolder)
    }
    let staffCode: StaffCode?
    do {
      staffCode = try staffCodeRead.get()
    } catch {
      throw CommandFailure(
        message: "intake: \(error). The kiosk will not start; fetch whoever looks after it.",
        code: CommandFailure.dataFolder)
    }

    // A crisis alert nobody can see is worse than none: say so to staff at the start (when the
    // dialog can raise one at all).
    let raisesAlerts = loaded.rules.contains { $0.escalation?.alert == true }
    if alertCommand == nil, raisesAlerts {
      if monitorBeat.map({ Date().timeIntervalSince($0) > KioskCommand.monitorSilence }) ?? true {
        ScreenWriter.standardError().line(
          "intake: warning: no staff alert channel. No alert monitor has been seen for this data folder and no "
            + "--alert-command is set, so a crisis alert reaches nobody until someone looks. Start `intake alerts "
            + "--data \(data)` on a staff screen, or give --alert-command.")
      }
    }

    // No line longer than the longest answer the dialog takes is read in, echoed, saved or sealed.
    let limit = LineLimit.fitting(loaded)
    var reader: any LineReader = PlainLineReader(writer: writer, limit: limit)
    if let editor {
      editor.limit = limit
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
      // The store's checkpoint is made now, not inside a later patient's answer. The answers
      // are safe in the WAL without it, so a failed one is told to staff and the kiosk goes on
      // (a store that can no longer be written stops at the next save, as always).
      do {
        try store.checkpoint()
      } catch {
        ScreenWriter.standardError().line(
          "intake: warning: the store's checkpoint failed (\(error)); the answers are still saved in its log.")
      }
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

  /// The settings a kiosk can run with; ArgumentParser shows what this throws as a usage error.
  package func validate() throws {
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
