import ArgumentParser
import Foundation
import IntakeKit
import IntakeStore
import IntakeTerminal

struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Replay transcripts against a dialog, show the first divergence, and report coverage.",
    discussion: """
      With no paths, replays every *.transcript under the dialog's transcripts/ folder. A folder
      path means every transcript under it. Exits 1 when any transcript fails or coverage is
      below --min-coverage.
      """
  )

  @Argument(help: "Transcript files or folders.")
  var paths: [String] = []

  @Option(help: "The dialog folder.")
  var dialog: String = DialogDiagnostics.defaultDialog

  @Flag(help: "Rewrite each transcript with what the kiosk shows now, and re-bless its expectations.")
  var update = false

  @Flag(help: "Print the results as JSON.")
  var json = false

  @Option(help: ArgumentHelp("Fail when coverage is below this percentage.", valueName: "pct"))
  var minCoverage: Double?

  func run() throws {
    let files = DialogDirectory(path: dialog)
    let outcome = DialogLoader.check(files)
    guard let loaded = outcome.dialog else {
      throw CommandFailure(
        message: DialogDiagnostics.format(outcome.diagnostics, files: files), code: CommandFailure.dialogErrors)
    }
    let transcripts = try TranscriptFiles.find(paths.isEmpty ? [dialog + "/transcripts"] : paths)
    guard !transcripts.isEmpty else {
      throw CommandFailure(
        message:
          "intake: no transcripts found in \(paths.isEmpty ? dialog + "/transcripts" : paths.joined(separator: " "))",
        code: CommandFailure.testsFailed)
    }
    let errors = ScreenWriter.standardError()
    let showProgress = transcripts.count >= 5 && errors.isTerminal && !json
    var coverage = Coverage(dialog: loaded)
    var reports: [TranscriptReport] = []
    for (index, path) in transcripts.enumerated() {
      if showProgress { errors.write("\r[\(index + 1)/\(transcripts.count)] \(path)\u{1B}[K") }
      reports.append(try replay(path, dialog: loaded, coverage: &coverage))
    }
    if showProgress { errors.write("\r\u{1B}[K") }
    let failed = reports.filter { !$0.passed }.count
    let belowBar = minCoverage.map { coverage.percent < $0 } ?? false
    let output = ScreenWriter(wraps: false)
    if json {
      output.write(try TestReport(transcripts: reports, coverage: coverage, minimum: minCoverage).json())
    } else {
      for report in reports { output.write(report.text) }
      output.write(
        "\n\(reports.count) transcript\(reports.count == 1 ? "" : "s"): \(reports.count - failed) passed, \(failed) failed"
          + (update ? " (updated)" : "") + "\n")
      output.write(CoverageReport.text(coverage, minimum: minCoverage))
    }
    if failed > 0 || belowBar { throw CommandFailure(message: "", code: CommandFailure.testsFailed) }
  }

  private func replay(_ path: String, dialog: Dialog, coverage: inout Coverage) throws -> TranscriptReport {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      return TranscriptReport(path: path, passed: false, problems: ["\(path):1: error: cannot read this file"])
    }
    let transcript: Transcript
    do {
      transcript = try Transcript.parse(text, path: path)
    } catch {
      return TranscriptReport(path: path, passed: false, problems: [error.description])
    }
    guard transcript.dialogID == dialog.id else {
      return TranscriptReport(
        path: path, passed: false,
        problems: ["\(path):1: error: recorded for dialog '\(transcript.dialogID)', not '\(dialog.id)'"])
    }
    let replay = Replay(transcript, path: path, dialog: dialog)
    coverage.record(replay.session)
    if update {
      do {
        try replay.updated.text.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw CommandFailure(message: "intake: cannot write '\(path)'", code: CommandFailure.dataFolder)
      }
      return TranscriptReport(path: path, passed: true, updated: replay.updated.text != text)
    }
    var report = TranscriptReport(path: path, passed: replay.passed, note: replay.versionNote)
    if let divergence = replay.divergence {
      report.problems.append("\(path):\(divergence.line): \(divergence.message)")
      report.diff = divergence.diff
      report.divergenceLine = divergence.line
    }
    for mismatch in replay.mismatches { report.problems.append("\(path):\(mismatch.line): \(mismatch.message)") }
    return report
  }
}

/// Finds transcript files: paths as given, folders searched for `*.transcript`, sorted.
enum TranscriptFiles {
  static let fileExtension = "transcript"

  static func find(_ paths: [String]) throws -> [String] {
    var found: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw CommandFailure(message: "intake: no such file or folder: \(path)", code: CommandFailure.testsFailed)
      }
      if !isFolder.boolValue {
        found.append(path)
        continue
      }
      let enumerator = FileManager.default.enumerator(atPath: path)
      while let relative = enumerator?.nextObject() as? String {
        if relative.hasSuffix("." + fileExtension) { found.append(path + "/" + relative) }
      }
    }
    return found.sorted()
  }
}

/// One transcript's result, for text and JSON output.
struct TranscriptReport: Encodable {
  var path: String
  var passed: Bool
  var updated: Bool?
  var note: String?
  var problems: [String] = []
  var diff: [String]?
  var divergenceLine: Int?

  var text: String {
    if let updated { return (updated ? "UPDATED " : "SAME    ") + path + "\n" }
    var lines = [(passed ? "PASS " : "FAIL ") + path + (note.map { "  (\($0))" } ?? "")]
    lines += problems.map { "  " + $0 }
    lines += (diff ?? []).map { "    " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }
}

struct TestReport: Encodable {
  struct CoverageSummary: Encodable {
    var percent: Double
    var covered: Int
    var total: Int
    var minimum: Double?
    var byKind: [String: [String: Int]]
    var missing: [Missing]
  }

  struct Missing: Encodable {
    var location: String
    var kind: String
    var key: String
    var description: String
  }

  var transcripts: [TranscriptReport]
  var coverage: CoverageSummary

  init(transcripts: [TranscriptReport], coverage: Coverage, minimum: Double?) {
    self.transcripts = transcripts
    var byKind: [String: [String: Int]] = [:]
    for kind in Coverage.Kind.allCases {
      let counts = coverage.counts(kind)
      byKind[kind.rawValue] = ["covered": counts.covered, "total": counts.total]
    }
    self.coverage = CoverageSummary(
      percent: (coverage.percent * 10).rounded() / 10, covered: coverage.coveredCount, total: coverage.items.count,
      minimum: minimum, byKind: byKind,
      missing: coverage.missing.map {
        Missing(location: $0.location.description, kind: $0.kind.rawValue, key: $0.key, description: $0.description)
      })
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}

enum CoverageReport {
  static func text(_ coverage: Coverage, minimum: Double?) -> String {
    let kinds = Coverage.Kind.allCases.map { kind -> String in
      let counts = coverage.counts(kind)
      return "\(kind.rawValue)s \(counts.covered)/\(counts.total)"
    }
    var lines = [
      String(format: "coverage: %.1f%% (%d of %d): ", coverage.percent, coverage.coveredCount, coverage.items.count)
        + kinds.joined(separator: ", ")
    ]
    if let minimum, coverage.percent < minimum {
      lines.append(String(format: "coverage is below the minimum of %.1f%%", minimum))
    }
    let missing = coverage.missing
    if !missing.isEmpty {
      lines.append("not covered:")
      lines += missing.map { "  \($0.location): \($0.description)" }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
