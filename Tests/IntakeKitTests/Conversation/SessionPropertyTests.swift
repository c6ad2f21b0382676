import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Random valid dialogs, random patients: every session ends, within a bound the dialog sets,
/// without crashing; the patient never sees a finding; and the same dialog with the same inputs
/// gives byte-identical screens and summaries (JSON and Markdown), whose `##` headings are the
/// ones `MarkdownRenderer.headings` works out.
///
/// Each case is one seed. A failure names it; run that case alone with
/// `INTAKE_PROPERTY_SEED=<seed> swift test --filter SessionPropertyTests`.
@Suite struct SessionPropertyTests {
  static let cases = 300
  static let firstSeed: UInt64 = 0x1A7A_E000

  /// What one run of a session produced, for comparing two runs.
  struct Outcome: Equatable {
    var screens: [String] = []
    var alerts: [KioskScreen.Alert] = []
    var ending: KioskScreen.Ending?
    var json = ""
    var markdown = ""
    /// Inputs given before the session ended.
    var inputs = 0
  }

  /// Why a case failed, with what is needed to understand it.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static var seeds: [UInt64] {
    if let replay = ProcessInfo.processInfo.environment["INTAKE_PROPERTY_SEED"].flatMap({ UInt64($0) }) {
      return [replay]
    }
    return (0..<UInt64(cases)).map { firstSeed + $0 }
  }

  @Test func everySessionEndsWithinItsBoundAndScoresTheSameTwice() throws {
    var ended: [KioskScreen.Ending: Int] = [:]
    for seed in Self.seeds {
      do {
        let outcome = try Self.check(seed: seed)
        ended[outcome.ending ?? .inputEnded, default: 0] += 1
      } catch {
        Issue.record("seed \(seed): \(error)")
        return
      }
    }
    // The trials must reach real ends, not only quits.
    if Self.seeds.count > 1 { #expect(ended[.submitted, default: 0] > Self.seeds.count / 2, "\(ended)") }
  }

  /// Loads the seed's dialog, plays its patient twice, and compares.
  static func check(seed: UInt64) throws -> Outcome {
    let generated = RandomDialog(seed: seed)
    let inputs = RandomPatient.script(seed: seed)
    let first = try play(generated, script: inputs)
    let second = try play(generated, script: inputs)
    guard first == second else {
      let screen =
        Array(zip(first.screens, second.screens)).firstIndex { $0 != $1 }
        ?? min(first.screens.count, second.screens.count)
      throw Failure(
        description: "two runs differ (first at screen \(screen); json equal: \(first.json == second.json), "
          + "markdown equal: \(first.markdown == second.markdown))")
    }
    return first
  }

  /// Plays a session of `generated` with the random part of `script`, then only valid answers
  /// until it ends, which must take no more than the dialog's bound.
  static func play(_ generated: RandomDialog, script: [RandomPatient.Step]) throws -> Outcome {
    let outcome = DialogLoader.check(InMemoryDialogFiles(root: "generated", files: generated.files))
    guard let dialog = outcome.dialog else {
      throw Failure(
        description: "the generated dialog does not load:\n"
          + outcome.errors.map(\.description).joined(separator: "\n") + "\n"
          + generated.files.sorted { $0.key < $1.key }.map { "--- \($0.key)\n\($0.value)" }.joined(separator: "\n"))
    }
    var screen = KioskScreen(
      conversation: Conversation(session: Session(dialog: dialog, clock: TestSupport.fixedClock)), interactive: true)
    var result = Outcome()
    var patient = RandomPatient(dialog: generated, seed: generated.seed)
    func take(_ step: KioskScreen.Step) throws {
      result.screens.append(step.text)
      result.alerts += step.alerts
      if step.text.contains(RandomDialog.findingMarker) {
        throw Failure(description: "the patient was shown a finding: \(step.text.debugDescription)")
      }
      if step.submit {
        let closing = screen.saved(true)
        result.screens.append(closing.text)
        result.ending = closing.ending
      } else if let ending = step.ending {
        result.ending = ending
      }
    }
    try take(screen.start())
    // The random part: anything a patient might type.
    for step in script where result.ending == nil {
      let input = patient.input(for: step, at: screen)
      result.inputs += 1
      try take(screen.handle(input))
    }
    // Then a patient who only answers: out of a pending question (quit, review) first.
    var finishing = 0
    if result.ending == nil, screen.conversation.isConfirmingQuit {
      try take(screen.handle(.line("no")))
      finishing += 1
    }
    if result.ending == nil {
      try take(screen.handle(.line("")))
      finishing += 1
    }
    var answers = 0
    while result.ending == nil {
      guard answers < generated.answerBound else {
        throw Failure(
          description: "still not finished after \(answers) valid answers (bound \(generated.answerBound)); "
            + "at \(String(describing: screen.conversation.session.current)); last screen: "
            + (result.screens.last ?? "").debugDescription)
      }
      try take(screen.handle(.line(patient.validAnswer(at: screen))))
      answers += 1
    }
    result.inputs += finishing + answers
    let session = screen.conversation.session
    if result.ending == .submitted {
      let summary = Summary(session: session, sessionID: "property-\(generated.seed)")
      result.json = try JSONRenderer.render(summary)
      result.markdown = MarkdownRenderer.render(summary)
      // What a transcript's `sections:` is checked against, worked out without writing the note.
      let written = result.markdown.lines().filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
      guard MarkdownRenderer.headings(summary) == written else {
        throw Failure(
          description: "the headings worked out, \(MarkdownRenderer.headings(summary)), are not the note's, \(written)")
      }
    }
    return result
  }
}
