import ArgumentParser
import IntakeCommandLine
import IntakeKit

/// `intake-kiosk`: the kiosk of `intake kiosk`, with the same options, as a program that holds
/// nothing else. A kiosk terminal runs this one; the authoring tools, the review, the
/// coordinators' console and the central store stay in `intake`.
@main
struct KioskProgram: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "intake-kiosk",
    abstract: KioskCommand.configuration.abstract,
    discussion: KioskCommand.configuration.discussion,
    version: IntakeVersion.current
  )

  @OptionGroup var kiosk: KioskCommand

  func run() throws { try kiosk.run() }

  /// Runs the kiosk; an error leaves through `exit(reporting:)`, as in `intake`.
  static func main() {
    // The dialog is read on the second core while the command line is parsed.
    EarlyDialogRead.start(for: CommandLine.arguments)
    do {
      // Plain options are read by hand; help, a version and anything unusual go to ArgumentParser.
      if let settings = KioskArguments.parse(Array(CommandLine.arguments.dropFirst())) {
        try settings.run()
        return
      }
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(reporting: error)
    }
  }
}
