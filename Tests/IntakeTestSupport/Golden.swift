import Foundation
import Testing

/// Golden files: what a renderer must produce, kept beside the tests. A difference fails at the
/// caller's line with the lines that differ (expected `-`, produced `+`), never just "false".
/// `INTAKE_UPDATE_GOLDEN=1` rewrites the files and still fails the run, so a re-recording is never
/// mistaken for a pass: run again without it, and read `git diff`.
public enum Golden {
  public static let updateVariable = "INTAKE_UPDATE_GOLDEN"

  /// Records an issue at the caller when `actual` is not the golden file at `path` (relative to
  /// the repository root).
  public static func expect(
    _ actual: String, matches path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = TestSupport.repositoryRoot.appendingPathComponent(path)
    if ProcessInfo.processInfo.environment[updateVariable] == "1" {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("re-recorded \(path); run again without \(updateVariable)=1", sourceLocation: sourceLocation)
      } catch {
        Issue.record("could not re-record \(path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "no golden file \(path); make it with \(updateVariable)=1 and read it", sourceLocation: sourceLocation)
      return
    }
    guard expected != actual else { return }
    Issue.record(
      Comment(rawValue: "\(path) differs (- golden, + produced):\n" + lineDiff(expected, actual)),
      sourceLocation: sourceLocation)
  }

  /// The lines that differ, with a line of context each side and the line numbers, as short as a
  /// reader needs (at most 40 lines).
  public static func lineDiff(_ expected: String, _ actual: String) -> String {
    let old = expected.components(separatedBy: "\n")
    let new = actual.components(separatedBy: "\n")
    // Longest common subsequence over lines: small files, so the table is fine.
    var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
    for i in stride(from: old.count - 1, through: 0, by: -1) {
      for j in stride(from: new.count - 1, through: 0, by: -1) {
        table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var lines: [String] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if i < old.count, j < new.count, old[i] == new[j] {
        i += 1
        j += 1
      } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
        lines.append("-\(i + 1): \(old[i])")
        i += 1
      } else {
        lines.append("+\(j + 1): \(new[j])")
        j += 1
      }
      if lines.count >= 40 {
        lines.append("… (more differences)")
        break
      }
    }
    return lines.joined(separator: "\n")
  }
}
