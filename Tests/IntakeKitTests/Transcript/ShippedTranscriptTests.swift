import Foundation
import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Every transcript shipped with the dialog replays clean, and together they cover everything.
@Suite struct ShippedTranscriptTests {
  static var files: [String] {
    let folder = TestSupport.shippedDialogPath + "/transcripts"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".transcript") }.sorted().map { folder + "/" + $0 }
  }

  @Test func thereAreAtLeastTwelveJourneys() {
    #expect(Self.files.count >= 12)
  }

  @Test(arguments: files)
  func replaysClean(path: String) throws {
    let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
    let replay = Replay(transcript, path: path, dialog: try TestSupport.shippedDialog())
    #expect(
      replay.divergence == nil,
      "\(replay.divergence.map { "\($0.line): \($0.message)\n" + $0.diff.joined(separator: "\n") } ?? "")")
    #expect(replay.mismatches.map(\.message) == [])
    // A psychiatrist finds every flag, escalation and question justified by an answer it cites.
    let result = Screening.evaluate(replay.session)
    for finding in result.findings { #expect(!finding.evidence.isEmpty, "finding '\(finding.rule)' cites no answer") }
    for question in result.questions { #expect(!question.evidence.isEmpty, "'\(question.text)' cites no answer") }
    for escalation in replay.session.escalations {
      #expect(!escalation.evidence.isEmpty, "escalation '\(escalation.rule)' cites no answer")
    }
  }

  /// A transcript saved with Windows line ends ("\r\n", which Swift counts as one character)
  /// reads line for line as the same transcript saved with "\n", and replays clean.
  @Test func aTranscriptWithWindowsLineEndsReadsAsTheSameTranscript() throws {
    let path = try #require(Self.files.first)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let unix = try Transcript.parse(text, path: path)
    let windows = try Transcript.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), path: path)
    #expect(windows == unix)
    #expect(Replay(windows, path: path, dialog: try TestSupport.shippedDialog()).divergence == nil)
  }

  @Test func togetherTheyCoverEveryNodeOptionConditionRuleAndQuestion() throws {
    let dialog = try TestSupport.shippedDialog()
    var coverage = Coverage(dialog: dialog)
    for path in Self.files {
      let transcript = try Transcript.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
      coverage.record(Replay(transcript, path: path, dialog: dialog).session)
    }
    // What no journey reaches must be proved unreachable (rules the clinic's settings turn off).
    let missing = Set(coverage.missing.map(\.key))
    coverage.exclude(provedBy: PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock, proving: missing))
    #expect(coverage.missing.map(\.description) == [])
    #expect(
      coverage.provedUnreachable.map(\.key) == [
        "rule:active_ideation_policy=fired", "question:active_ideation_policy#0=produced", "rule:over_age_limit=fired",
        "question:over_age_limit#0=produced",
      ])
  }
}
