import ArgumentParser
import Foundation
import IntakeKit
import IntakeStore
import IntakeTerminal

struct KioskCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kiosk",
    abstract: "Run the intake for one patient, then write the summary to the data folder.",
    discussion: """
      At a terminal the kiosk uses line editing (arrow keys, history, Tab completion). With piped
      input it runs the same conversation over plain lines. The summary is never shown on screen:
      it is written as Markdown and JSON under DATA/submissions/, and staff alerts under DATA/alerts/.
      """
  )

  static let defaultData = "intake-data"

  @Option(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  @Option(help: "The data folder for submissions and alerts.")
  var data: String = defaultData

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
    let loaded = try DialogDiagnostics.load(
      dialog, refusal: "The kiosk will not start on a dialog with errors. Run: intake check \(dialog)")
    let folder = DataFolder(path: data)
    do {
      try folder.prepare()
    } catch {
      throw CommandFailure(message: "intake: \(error). The kiosk will not start.", code: CommandFailure.dataFolder)
    }

    TerminationSignal.installKioskHandlers()
    let writer = ScreenWriter()
    var reader: any LineReader = PlainLineReader(writer: writer)
    if isatty(STDIN_FILENO) == 1, writer.isTerminal, let editor = EditLineReader(writer: writer) { reader = editor }
    let host = KioskSubmissionHost(folder: folder, sessionID: SessionID.make(), alertCommand: alertCommand)
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
      throw CommandFailure(message: "intake: the submission could not be saved.", code: CommandFailure.dataFolder)
    case .finished(.inputEnded):
      throw CommandFailure(message: "", code: CommandFailure.inputEnded)
    case .terminated(let signal):
      throw CommandFailure(message: "", code: 128 + signal)
    }
  }
}

/// Saves finished sessions and raises alerts in the data folder.
final class KioskSubmissionHost: KioskHost {
  let folder: DataFolder
  let sessionID: String
  let alertCommand: String?

  init(folder: DataFolder, sessionID: String, alertCommand: String? = nil) {
    self.folder = folder
    self.sessionID = sessionID
    self.alertCommand = alertCommand
  }

  func submit(_ session: Session) throws {
    let summary = Summary(session: session, sessionID: sessionID)
    try folder.saveSubmission(summary, finishedAt: session.finishedAt ?? session.clock.now())
  }

  func alert(session: Session, rule: String, tier: Int) {
    // A failed alert must not stop the patient's session; staff still see it in the summary.
    _ = try? folder.raiseAlert(sessionID: sessionID, rule: rule, tier: tier, at: session.clock.now())
    guard let alertCommand else { return }
    // Run directly (no shell), with the session id only: never patient data in arguments.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: alertCommand)
    process.arguments = [sessionID]
    process.environment = ["INTAKE_ALERT_TIER": String(tier), "PATH": "/usr/bin:/bin"]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try? process.run()
  }
}

/// Session ids: random, short, and free of patient data, so they can name files and alerts.
enum SessionID {
  static func make() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
  }
}
