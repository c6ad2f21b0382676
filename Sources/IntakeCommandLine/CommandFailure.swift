import ArgumentParser
import Foundation
import IntakeTerminal

/// An error with the text to print and the exit code to leave with. Messages name files and
/// codes, never patient answers.
package struct CommandFailure: Error {
  package var message: String
  package var code: Int32

  package static let dialogErrors: Int32 = 1
  package static let testsFailed: Int32 = 1
  package static let dataFolder: Int32 = 3
  package static let inputEnded: Int32 = 4
  /// Review: the intake's sealed records do not open (altered, or sealed to another key).
  package static let unopenable: Int32 = 6
  package static let usage: Int32 = 64

  package init(message: String, code: Int32) {
    self.message = message
    self.code = code
  }
}

extension ParsableCommand {
  /// The one place that turns an error into text and an exit code, for `intake` and
  /// `intake-kiosk` alike: a `CommandFailure` says its message and leaves with its code; anything
  /// else is ArgumentParser's to say (usage, help, a version).
  package static func exit(reporting error: any Error) -> Never {
    if let failure = error as? CommandFailure {
      if !failure.message.isEmpty { ScreenWriter.standardError().line(failure.message) }
      Foundation.exit(failure.code)
    }
    exit(withError: error)
  }
}
