import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeKit
import IntakeTerminal

/// `intake`: the kiosk, and the tools around it.
@main
struct IntakeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "intake",
    abstract: "A ketamine-therapy intake kiosk and its dialog tools.",
    discussion: """
      Exit codes:
        0   done: the intake was submitted, or the patient chose to stop;
            the dialog checked clean; every transcript passed
        1   the dialog has errors (check; a kiosk will not start on it),
            or a transcript failed or coverage is below --min-coverage
        3   the data folder cannot be used, or saving failed
        4   piped input ended before the intake was finished
        5   review: wrong passphrase, or review locked after too many
        6   review: the intake's sealed records do not open (altered, or
            sealed to another key)
        64  the command line was wrong
        128+N  stopped by signal N: SIGTERM and SIGHUP save and exit;
            a fatal signal restores the terminal and ends the kiosk
      """,
    version: IntakeVersion.current,
    subcommands: [
      KioskCommand.self, ReviewCommand.self, ConsoleCommand.self, AlertsCommand.self, KeysCommand.self,
      AuditCommand.self, CheckCommand.self, TestCommand.self, GraphCommand.self, DatabaseCommand.self,
      ForwardCommand.self,
    ],
    defaultSubcommand: KioskCommand.self
  )

  /// Parses and runs the command; an error leaves through `exit(reporting:)`.
  static func main() async {
    // A kiosk's dialog is read beside the parsing of its command line.
    EarlyDialogRead.start(for: CommandLine.arguments)
    do {
      // A plain kiosk command line is parsed without the whole tree of commands (a fifth of a
      // start went to parsing it); anything that path does not take, help and errors included, is
      // parsed again in full below, so what is said is what the full parser says.
      if let arguments = EarlyDialogRead.kioskArguments(in: CommandLine.arguments) {
        // Read by hand when they are plain (ArgumentParser's reading by reflection was a fifth of
        // a start), else by the kiosk's command alone.
        if let settings = KioskArguments.parse(arguments) {
          try settings.run()
          return
        }
        if let kiosk = try? KioskCommand.parse(arguments) {
          try kiosk.run()
          return
        }
      }
      // `intake test` is parsed by its own command alone, as a kiosk's is: the whole tree of
      // commands was 22 M instructions, its command 16 M (ArgumentParser reads each command's
      // properties by reflection). Help and errors are parsed again in full below.
      if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "test",
        let test = try? TestCommand.parse(Array(CommandLine.arguments.dropFirst(2)))
      {
        try test.run()
        return
      }
      var command = try parseAsRoot()
      // Only the browser console is asynchronous (its HTTP server); the kiosk and the rest run
      // on this thread as they always have.
      if var serving = command as? any AsyncParsableCommand {
        try await serving.run()
      } else {
        try command.run()
      }
    } catch {
      exit(reporting: error)
    }
  }
}
