import ArgumentParser
import Foundation
import IntakeKit
import IntakeStore
import IntakeTerminal

/// Loads a dialog folder and prints its diagnostics in the one format editors understand.
package enum DialogDiagnostics {
  /// The folder a command works on without one given: the current folder when it is a dialog
  /// (an author at work in their own), else the shipped dialog.
  package static var defaultDialog: String {
    FileManager.default.fileExists(atPath: "dialog.yaml") ? "." : "Dialogs/ketamine-intake"
  }

  /// Refuses a dialog path that is not a folder, saying what to give instead: an author who
  /// names the manifest file, or a folder that is not there, was told only that
  /// `dialog.yaml` could not be read.
  package static func validateFolder(_ path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ValidationError(
        "there is no folder '\(path)': give the dialog's folder, the one that holds \(DialogLoader.manifestFile)")
    }
    guard isFolder.boolValue else {
      let folder = (path as NSString).deletingLastPathComponent
      throw ValidationError(
        "'\(path)' is a file: give the dialog's folder, the one that holds \(DialogLoader.manifestFile)"
          + ((path as NSString).lastPathComponent == DialogLoader.manifestFile
            ? " ('\(folder.isEmpty ? "." : folder)')" : ""))
    }
  }

  /// Each diagnostic, then the source line and a caret under the column.
  ///
  /// Formatted in as many runs of diagnostics as there are cores (a thousand warnings, each
  /// from a file of its own, were a sixteenth of `intake check` on 10,000 questions, on one core
  /// after every check had ended); the runs are joined in order.
  package static func format(_ diagnostics: [Diagnostic]) -> String {
    let refused = Set(diagnostics.filter { $0.code == .fileOutsideFolder }.map(\.location.file))
    let runs = diagnostics.count < Self.diagnosticsWorthACore ? 1 : ProcessInfo.processInfo.activeProcessorCount
    let size = (diagnostics.count + runs - 1) / max(runs, 1)
    let formatted = FormattedRuns(count: runs)
    DispatchQueue.concurrentPerform(iterations: runs) { run in
      let start = min(run * size, diagnostics.count)
      formatted.keep(format(diagnostics[start..<min(start + size, diagnostics.count)], refused: refused), at: run)
    }
    return formatted.texts.filter { !$0.isEmpty }.joined(separator: "\n")
  }

  /// Below this many diagnostics, formatting them on one core is quicker than handing them out.
  private static let diagnosticsWorthACore = 64

  private static func format(_ diagnostics: ArraySlice<Diagnostic>, refused: Set<String>) -> String {
    // Each file is read once, however many diagnostics it has (ten thousand warnings once read
    // their file ten thousand times).
    var files: [String: [Substring]?] = [:]
    return diagnostics.map { diagnostic in
      var text = diagnostic.description
      let location = diagnostic.location
      if files[location.file] == nil { files[location.file] = lines(of: location.file, refused: refused) }
      if let lines = files[location.file] ?? nil, location.line >= 1, location.line <= lines.count {
        var line = String(lines[location.line - 1])
        // Foundation's replacing goes through NSString: only for a line that has a tab.
        if line.utf8.contains(UInt8(ascii: "\t")) { line = line.replacingOccurrences(of: "\t", with: " ") }
        let caret = String(repeating: " ", count: max(0, location.column - 1)) + "^"
        text += "\n" + line + "\n" + caret
      }
      return text
    }.joined(separator: "\n")
  }

  private static func lines(of file: String, refused: Set<String>) -> [Substring]? {
    // Never show a line of a file outside the folder, nor read a huge or special file whole.
    guard !refused.contains(file) else { return nil }
    var status = stat()
    guard stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      Int(status.st_size) <= RefusedDialogFile.maximumBytes
    else { return nil }
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
    // By bytes: splitting by `Character` walked every grapheme of every file a diagnostic is in.
    return text.lines()
  }

  /// The checked dialog, or a failure carrying every diagnostic (exit code 1).
  ///
  /// The kiosk's and `intake test`'s check (`errorsOnly`) goes through the compiled-dialog cache
  /// (`CompiledDialogCache`): unchanged files need not be read and checked again. The author's
  /// check (`all`) always reads and checks, since it prints every warning and the reading level.
  package static func load(_ path: String, refusal: String? = nil, checks: DialogLoader.Checks = .all) throws -> Dialog
  {
    let files = DialogDirectory(path: path)
    let outcome =
      if checks == .errorsOnly,
        let cache = CompiledDialogCache.standard(environment: ProcessInfo.processInfo.environment)
      {
        cache.check(files, checks: checks).outcome
      } else {
        DialogLoader.check(files, checks: checks)
      }
    guard let dialog = outcome.dialog else {
      throw CommandFailure(
        message: format(outcome.diagnostics) + (refusal.map { "\n" + $0 } ?? ""),
        code: CommandFailure.dialogErrors)
    }
    return dialog
  }

  /// `reading level: grade 7.2 (Flesch-Kincaid) over 412 texts, target 8; hardest: path:line:col grade 12.1`.
  package static func readingLine(_ level: ReadingLevel, target: Double?) -> String {
    guard let grade = level.overall.grade else { return "reading level: no patient text to measure" }
    var line =
      "reading level: grade \(String(format: "%.1f", grade)) (Flesch-Kincaid) over \(level.texts.count) patient texts"
    if let target { line += ", target \(formatNumber(target))" }
    if let hardest = level.hardest.first, let worst = hardest.grade {
      line += "; hardest: \(hardest.location) grade \(String(format: "%.1f", worst))"
    }
    return line
  }

  package static func summaryLine(_ outcome: DialogLoader.Outcome) -> String {
    let errors = outcome.errors.count
    let warnings = outcome.warnings.count
    return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
  }
}

/// The runs of diagnostics `DialogDiagnostics.format` formats on every core, each kept by the
/// thread that formatted it.
private final class FormattedRuns: @unchecked Sendable {
  // Guarded by `lock` while the threads write it; read after `concurrentPerform` returns.
  private(set) var texts: [String]
  private let lock = NSLock()

  package init(count: Int) { texts = Array(repeating: "", count: count) }

  package func keep(_ text: String, at run: Int) { lock.withLock { texts[run] = text } }
}
