import ArgumentParser
import Foundation
import IntakeKit
import IntakeStore
import IntakeTerminal

/// Loads a dialog folder and prints its diagnostics in the one format editors understand.
enum DialogDiagnostics {
  static let defaultDialog = "Dialogs/ketamine-intake"

  /// Each diagnostic, then the source line and a caret under the column.
  static func format(_ diagnostics: [Diagnostic], files: DialogDirectory) -> String {
    diagnostics.map { diagnostic in
      var text = diagnostic.description
      if let line = sourceLine(diagnostic.location) {
        let caret = String(repeating: " ", count: max(0, diagnostic.location.column - 1)) + "^"
        text += "\n" + line + "\n" + caret
      }
      return text
    }.joined(separator: "\n")
  }

  private static func sourceLine(_ location: SourceLocation) -> String? {
    guard let text = try? String(contentsOfFile: location.file, encoding: .utf8) else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard location.line >= 1, location.line <= lines.count else { return nil }
    return String(lines[location.line - 1]).replacingOccurrences(of: "\t", with: " ")
  }

  static func summaryLine(_ outcome: DialogLoader.Outcome) -> String {
    let errors = outcome.errors.count
    let warnings = outcome.warnings.count
    return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
  }
}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a dialog folder and print every problem as path:line:col: error: [CODE] message."
  )

  @Argument(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  func run() throws {
    let files = DialogDirectory(path: dialog)
    let outcome = DialogLoader.check(files)
    var report = DialogDiagnostics.format(outcome.diagnostics, files: files)
    if !report.isEmpty { report += "\n" }
    report += "\(dialog): " + DialogDiagnostics.summaryLine(outcome) + "\n"
    // Dialog files are untrusted text too: source lines go through the sanitising writer.
    ScreenWriter(wraps: false).write(report)
    if !outcome.errors.isEmpty { throw CommandFailure(message: "", code: CommandFailure.dialogErrors) }
  }
}
