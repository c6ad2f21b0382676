import Foundation
import IntakeTestSupport
import Testing

/// `intake check` on a folder of many files: what it prints for many diagnostics, and the system
/// calls it makes to read the files safely.
@Suite struct DialogCheckTests {
  static let sectionFiles = 6
  static let questionsPerFile = 30

  /// A dialog of `sectionFiles` files under `sections/`, every question optional and saying
  /// "skip" in its text: one warning each (IK402), the kiosk adding the skip hint already.
  func manyWarnings() throws -> URL {
    var files: [String: String] = [:]
    var names: [String] = []
    for file in 0..<Self.sectionFiles {
      let name = "sections/s\(file).yaml"
      names.append(name)
      var text = "section: s\(file)\ntitle: Part \(file)\nquestions:\n"
      for question in 0..<Self.questionsPerFile {
        // Columns differ from line to line, so a caret under the wrong line's column shows.
        let padding = String(repeating: " ", count: question % 7)
        text +=
          "  - { id: q\(file)_\(question), kind: yes_no, required: false,\(padding) text: \"Do you smoke \(question)? You can skip this.\" }\n"
      }
      files[name] = text
    }
    files["dialog.yaml"] = "id: t\nversion: \"1\"\ntitle: T\nsections: [\(names.joined(separator: ", "))]\n"
    return try IntakeBinary.writeDialog(files, in: IntakeBinary.temporaryFolder())
  }

  /// Every warning is followed by its own source line and a caret under its column, once each,
  /// in order of file and line, however the diagnostics were shared out to be formatted.
  @Test func manyDiagnosticsEachShowTheirOwnLineOnceInOrder() throws {
    let dialog = try manyWarnings()
    let run = try IntakeBinary.run(["check", "--no-paths", dialog.path])
    #expect(run.status == 0)
    let lines = run.output.components(separatedBy: "\n")
    let count = Self.sectionFiles * Self.questionsPerFile
    #expect(lines.last { $0.hasPrefix(dialog.path + ":") } == "\(dialog.path): 0 errors, \(count) warnings")
    var expected: [String] = []
    for file in 0..<Self.sectionFiles {
      let name = "sections/s\(file).yaml"
      let source = try String(contentsOf: dialog.appendingPathComponent(name), encoding: .utf8)
        .components(separatedBy: "\n")
      for question in 0..<Self.questionsPerFile {
        let line = source[3 + question]
        let column = try #require(line.range(of: "\"Do you")).lowerBound.utf16Offset(in: line) + 1
        expected += [
          "\(dialog.path)/\(name):\(4 + question):\(column): warning: [IK402] the text of 'q\(file)_\(question)' "
            + "tells the patient about skip, and the kiosk adds \"(You can type skip to leave this one out.)\" "
            + "under every optional question: say it once (take it out of the text)",
          line, String(repeating: " ", count: column - 1) + "^",
        ]
      }
    }
    #expect(Array(lines.prefix(expected.count)) == expected)
    #expect(lines.dropFirst(expected.count).first?.hasPrefix("reading level:") == true)
  }

  /// The files are read without resolving each one's path link by link (`realpath(3)`: a
  /// `readlink(2)` for every part of the path, twice a file) and the folder is walked for links
  /// without a `lstat(2)` for each entry: both grew with the number of files.
  @Test func theFilesAreReadWithoutResolvingEachPath() throws {
    let strace = try #require(DurabilityTraceTests.strace, "strace is missing: scripts/setup --test installs it")
    let dialog = try manyWarnings()
    let trace = dialog.deletingLastPathComponent().appendingPathComponent("trace.txt")
    let run = try IntakeBinary.run(
      [
        "-f", "-qq", "-e", "trace=readlink,readlinkat,lstat,newfstatat,statx", "-o", trace.path,
        IntakeBinary.path, "check", "--no-paths", dialog.path,
      ], executable: strace)
    #expect(run.status == 0)
    let calls = try String(contentsOf: trace, encoding: .utf8).components(separatedBy: "\n")
    let inFolder = calls.filter { $0.contains(dialog.path) }
    let readlinks = inFolder.filter { $0.contains("readlink") }
    let linkStatuses = inFolder.filter {
      $0.contains("lstat(") || ($0.contains("newfstatat(") && $0.contains("AT_SYMLINK_NOFOLLOW"))
    }
    // Resolving the folder's own path once is a few calls; a file each would be six or more.
    #expect(
      readlinks.count < Self.sectionFiles, "\(readlinks.count) readlink calls:\n\(readlinks.joined(separator: "\n"))")
    #expect(linkStatuses.count < Self.sectionFiles, "\(linkStatuses.joined(separator: "\n"))")
  }
}
