import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeKit
import IntakeTerminal

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

  /// The one place that turns an error into text and an exit code, as `intake`'s does.
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
    } catch let failure as CommandFailure {
      if !failure.message.isEmpty { ScreenWriter.standardError().line(failure.message) }
      Foundation.exit(failure.code)
    } catch {
      exit(withError: error)
    }
  }
}
