import ArgumentParser
import Foundation
import IntakeKioskHost
import IntakeKit
import IntakeStore
import IntakeTerminal

package struct KioskCommand: ParsableCommand {
  package init() {}

  package static let configuration: CommandConfiguration = {
    var configuration = CommandConfiguration(
      commandName: "kiosk",
      abstract: "Run the intake kiosk: save as patients go, and seal each summary for the coordinator.",
      discussion: """
        At a terminal the kiosk uses line editing (arrow keys, history, Tab completion) and serves \
        one patient after another until it is stopped (SIGTERM); between patients it clears the \
        screen, the scrollback and the line history. With --once, or with piped input, it serves \
        one patient and exits. Every answer is saved as it is given in DATA/intake.sqlite, \
        encrypted; the finished summary is sealed to the coordinator's public key \
        (DATA/keys/coordinator.pub), so this machine cannot read it back. A patient who stops or \
        walks away gets a resume code.
        """
    )
    // Parsed as the root of its own command line (`IntakeCommand.main`'s kiosk path), it is
    // `intake kiosk`, and ArgumentParser's check for a completion-script request (the root's
    // alone) is left out: it parsed two more commands at every start.
    configuration._superCommandName = "intake"
    return configuration
  }()

  @Option(help: "The dialog folder.")
  package var dialog: String = KioskRun().dialog

  @Option(help: "The data folder: the session store and the coordinator's public key.")
  package var data: String = KioskRun().data

  @Option(help: ArgumentHelp("How long a resume code works, in hours.", valueName: "hours"))
  package var resumeHours: Double = KioskRun().resumeHours

  @Flag(help: "Serve one patient, then exit (always so with piped input).")
  package var once = false

  @Option(
    help: ArgumentHelp(
      "Minutes without a key before the kiosk asks whether the patient is still there.", valueName: "minutes"))
  package var idleMinutes: Double = KioskRun().idleMinutes

  @Option(help: ArgumentHelp("Seconds the patient then has to carry on (at least 20).", valueName: "seconds"))
  package var idleWarningSeconds: Double = KioskRun().idleWarningSeconds

  @Option(
    help: ArgumentHelp(
      "A file (readable by the kiosk's user only) whose first line is the staff code: typed at a held screen, such as the crisis screen, it resumes the session. Without it a held screen waits until the idle timeout saves the session.",
      valueName: "path"))
  package var staffCodeFile: String?

  /// Testing only: idle, warning and code-shown seconds, unchecked ("2,1,1").
  @Option(help: .hidden)
  package var idleTimingForTests: String?

  /// Fault testing: a page limit makes the store "full" without filling a disk.
  @Option(help: .hidden)
  package var storePageLimit: Int?

  /// Testing only: scrypt rounds for resume codes (a debug build runs the standard cost slowly).
  @Option(help: .hidden)
  package var resumeKdfRounds: Int?

  @Option(
    help: ArgumentHelp(
      "Also write the session as a transcript to this file (for dialog authors; it holds the answers typed).",
      valueName: "file"))
  package var record: String?

  @Option(
    help: ArgumentHelp(
      "Run this program when a staff alert is raised, with the session id as its only argument (no shell; the tier is in INTAKE_ALERT_TIER).",
      valueName: "path"))
  package var alertCommand: String?

  @Option(help: ArgumentHelp("This kiosk's name on its staff alerts (default: the machine's name).", valueName: "name"))
  package var kioskName: String?

  @Option(
    help: ArgumentHelp(
      "Raise an unacknowledged staff alert again after this many seconds (0: never).", valueName: "seconds"))
  package var realertAfter: Double = KioskRun().realertAfter

  /// How long without a monitor's heartbeat before the kiosk warns that nobody sees alerts.
  package static let monitorSilence: TimeInterval = 60

  /// The kiosk's dialog, checked for errors only; a dialog with errors is refused with them.
  package static func readDialog(_ path: String) throws -> Dialog {
    let dialog = try DialogDiagnostics.load(
      path, refusal: "The kiosk will not start on a dialog with errors. Run: intake check \(path)",
      checks: .errorsOnly)
    // The time zone's rules, read here on the dialog's core rather than by the first session's
    // clock on the main one (Foundation keeps them once read).
    _ = TimeZone.current
    return dialog
  }

  /// The options as the kiosk's settings.
  package var settings: KioskRun {
    KioskRun(
      dialog: dialog, data: data, resumeHours: resumeHours, once: once, idleMinutes: idleMinutes,
      idleWarningSeconds: idleWarningSeconds, staffCodeFile: staffCodeFile, idleTimingForTests: idleTimingForTests,
      storePageLimit: storePageLimit, resumeKdfRounds: resumeKdfRounds, record: record, alertCommand: alertCommand,
      kioskName: kioskName, realertAfter: realertAfter)
  }

  package func validate() throws { try settings.validate() }

  package func run() throws { try settings.run() }
}
