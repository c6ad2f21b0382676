import ArgumentParser
import Foundation
import IntakeCommandLine
import IntakeKit
import IntakeStore
import IntakeTerminal

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a dialog folder and print every problem as path:line:col: error: [CODE] message."
  )

  @Argument(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  func validate() throws { try DialogDiagnostics.validateFolder(dialog) }

  @Flag(help: "Skip path analysis (the search for unreachable branches and safety violations).")
  var noPaths = false

  @Option(
    help: ArgumentHelp("Write a replayable transcript for each safety violation into this folder.", valueName: "dir"))
  var witnesses: String?

  @Option(help: "The most states path analysis searches for each target.")
  var budget = 20_000

  @Option(
    name: .customLong("paths-seconds"),
    help: ArgumentHelp(
      "The most seconds path analysis runs in all; past it, what is left is reported undecided.", valueName: "s"))
  var pathsSeconds: Double = 60

  @Option(
    name: .customLong("paths-memory"),
    help: ArgumentHelp(
      "The most memory (MiB) path analysis may grow the process to; past it, what is left is reported undecided.",
      valueName: "MiB"))
  var pathsMemory = 1024

  func run() throws {
    let files = DialogDirectory(path: dialog)
    // Nothing read is freed: the command exits once it has reported (`Leftovers`).
    // Without path analysis no session is walked: the walk index is not built.
    var outcome = DialogLoader.check(files, leftovers: .untilExit, indexesWalks: !noPaths)
    var analysisLine = ""
    var violations: [PathAnalysis.Violation] = []
    if let loaded = outcome.dialog, !noPaths {
      let started = Date()
      let analysis = PathAnalysis(
        dialog: loaded, clock: .fixed(started, timeZone: .current), budget: budget,
        limits: PathAnalysis.Limits(seconds: pathsSeconds, megabytes: pathsMemory))
      outcome.diagnostics += analysis.diagnostics
      violations = analysis.violations
      let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
      analysisLine =
        analysis.stoppedBy.map {
          "paths: stopped at \($0) after \(analysis.statesExplored) states; \(analysis.undecided.count) targets "
            + "undecided (listed above), \(analysis.witnesses.count) journeys found\n"
        }
        ?? "paths: \(analysis.witnesses.count) journeys reach everything reachable; \(analysis.statesExplored) states in \(milliseconds) ms\n"
      if let witnesses {
        try FileManager.default.createDirectory(atPath: witnesses, withIntermediateDirectories: true)
        for violation in violations {
          let path = witnesses + "/" + violation.property + ".transcript"
          let transcript = analysis.transcript(for: violation.inputs, comment: "Witness: " + violation.message)
          try transcript.text.write(toFile: path, atomically: true, encoding: .utf8)
        }
      }
    }
    var readingLine = ""
    if let loaded = outcome.dialog {
      // Measured by the checks already; a second time only if they did not.
      let level = outcome.readingLevel ?? ReadingLevel(dialog: loaded)
      readingLine = DialogDiagnostics.readingLine(level, target: loaded.readingGradeMax) + "\n"
    }
    var report = DialogDiagnostics.format(outcome.diagnostics)
    for violation in violations {
      report += "\n  witness (typed lines): " + violation.inputs.map { "\"\($0)\"" }.joined(separator: ", ")
      if let witnesses { report += "\n  written to " + witnesses + "/" + violation.property + ".transcript" }
    }
    if !report.isEmpty { report += "\n" }
    report += analysisLine + readingLine + "\(dialog): " + DialogDiagnostics.summaryLine(outcome) + "\n"
    // Dialog files are untrusted text too: source lines go through the sanitising writer.
    ScreenWriter(wraps: false).write(report)
    Leftovers.untilExit.keep(outcome)
    if !outcome.errors.isEmpty { throw CommandFailure(message: "", code: CommandFailure.dialogErrors) }
  }
}
