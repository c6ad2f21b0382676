import ArgumentParser
import Foundation
import IntakeKit
import IntakeStore
import IntakeTerminal

struct KioskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kiosk",
    abstract: "Run the intake for one patient, saving as they go, and seal the summary for the coordinator.",
    discussion: """
      At a terminal the kiosk uses line editing (arrow keys, history, Tab completion). With piped
      input it runs the same conversation over plain lines. Every answer is saved as it is given
      in DATA/intake.sqlite, encrypted; the finished summary is sealed to the coordinator's public
      key (DATA/keys/coordinator.pub), so this machine cannot read it back. Staff alerts are
      recorded in the store. A patient who stops gets a resume code.
      """
  )

  static let defaultData = "intake-data"

  @Option(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  @Option(help: "The data folder: the session store and the coordinator's public key.")
  var data: String = defaultData

  @Option(help: ArgumentHelp("How long a resume code works, in hours.", valueName: "hours"))
  var resumeHours: Double = 72

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

  func run() throws {
    // Everything the kiosk creates (the store, its journal, keys) is for the owner only.
    umask(0o077)
    let loaded = try DialogDiagnostics.load(
      dialog, refusal: "The kiosk will not start on a dialog with errors. Run: intake check \(dialog)")
    let folder = DataFolder(path: data)
    let store: SQLiteSessionStore
    let key: CoordinatorPublicKey
    do {
      try folder.prepare()
      let found = try folder.coordinatorKey()
      key = found.key
      if found.madeTrialKey {
        ScreenWriter.standardError().line(
          "intake: no coordinator key was found, so a TRIAL key pair was made in \(folder.keys.path)/. Its private "
            + "key has no passphrase and sits beside the data: fine for trying intake out, wrong for patients. "
            + "For real use run `intake keys init` and keep the private key off the kiosk.")
      }
      store = try SQLiteSessionStore(
        path: folder.storePath, options: .init(maximumPageCount: storePageLimit))
    } catch {
      throw CommandFailure(
        message: "intake: \(error). The kiosk will not start; fetch whoever looks after it.",
        code: CommandFailure.dataFolder)
    }

    TerminationSignal.installKioskHandlers()
    let writer = ScreenWriter()
    var reader: any LineReader = PlainLineReader(writer: writer)
    if isatty(STDIN_FILENO) == 1, writer.isTerminal, let editor = EditLineReader(writer: writer) { reader = editor }
    let host = StoreKioskHost(
      store: store, sealer: Sealer(recipient: key), dialog: loaded, alertCommand: alertCommand,
      resumeValidity: resumeHours * 3600,
      scryptCost: resumeKdfRounds.map { ScryptCost(rounds: $0, blockSize: 8, parallelism: 1) } ?? .standard)
    let session = Session(dialog: loaded, clock: .system)
    let recorder = record.map { _ in
      TranscriptRecorder(
        dialog: loaded, startedAt: session.startedAt, timeZone: session.clock.timeZone, interactive: writer.isTerminal)
    }
    let kiosk = Kiosk(
      conversation: Conversation(session: session), reader: reader, writer: writer, host: host, observer: recorder)
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
    case .finished(.submitted), .finished(.quit):
      return
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
