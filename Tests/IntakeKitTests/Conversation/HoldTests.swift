import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A message with `hold: staff` (the crisis screen) holds the session until staff resume it:
/// nothing the patient types moves on or changes an answer, and a transcript can say that staff
/// resumed it.
@Suite struct HoldTests {
  static func files(hold: String = "hold: staff", holdText: String? = "Please stay here. Call 988 if you need to.")
    -> [String: String]
  {
    var crisis = [
      "section: crisis", "title: Support", "flow: false", "questions:", "  - id: crisis_now", "    kind: message",
      "    text: Help is coming. Please stay where you are.",
    ]
    if !hold.isEmpty { crisis.append("    " + hold) }
    if let holdText { crisis.append("    hold_text: \"\(holdText)\"") }
    return [
      "dialog.yaml": """
      id: h
      version: "1"
      title: Hold
      sections: [main.yaml, crisis.yaml]
      rules: rules.yaml
      """,
      "main.yaml": """
      section: main
      title: Main
      questions:
        - { id: name, kind: text, text: Your name? }
        - { id: danger, kind: yes_no, text: Are you in danger? }
        - { id: smokes, kind: yes_no, text: Do you smoke? }
      """,
      "crisis.yaml": crisis.joined(separator: "\n"),
      "rules.yaml": """
      categories:
        - { id: safety, title: Safety, rank: 100, outcome: Safety first. }
      rules:
        - id: in_danger
          category: safety
          when: danger
          finding: In danger.
          escalate: { tier: 3, show: crisis_now, alert: true }
      """,
    ]
  }

  static func dialog(holdText: String? = "Please stay here. Call 988 if you need to.") throws -> Dialog {
    try DialogLoader.load(InMemoryDialogFiles(files: files(holdText: holdText)))
  }

  @Test func aHeldScreenDoesNotInviteThePatientToGoOn() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let shown = patient.type("Ana", "yes")
    #expect(shown.hasSuffix("Help is coming. Please stay where you are."))
    #expect(!shown.contains(KioskWords.english(.pressEnter)))
    #expect(patient.conversation.isHeld)
  }

  @Test func nothingThePatientTypesMovesOnOrChangesAnAnswer() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("Ana", "yes")
    let answers = patient.session.answers
    for line in ["", "no", "back", "review", "quit", "yes", "skip", "help", "resume", "2"] {
      let reply = patient.type(line)
      #expect(reply == "Please stay here. Call 988 if you need to.", "\(line)")
      #expect(patient.conversation.isHeld, "\(line)")
    }
    #expect(patient.session.answers == answers)
    var conversation = patient.conversation
    #expect(conversation.endOfInput().text == "Please stay here. Call 988 if you need to.")
    #expect(conversation.isHeld)
  }

  @Test func withoutItsOwnLineTheKioskSaysAKindOne() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(holdText: nil))
    patient.type("Ana", "yes")
    #expect(patient.type("hello?") == KioskWords.english(.holdReminder))
  }

  @Test func staffResumeGoesOnToTheNextQuestionWithEveryAnswerKept() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("Ana", "yes", "", "quit")
    var conversation = patient.conversation
    let reply = conversation.staffResume()
    #expect(reply.text.hasPrefix(KioskWords.english(.staffResumed)))
    #expect(reply.text.hasSuffix("Do you smoke?\n  1. Yes\n  2. No"))
    #expect(!conversation.isHeld)
    #expect(conversation.session.answers.values["name"] == .text("Ana"))
    #expect(conversation.session.answers.values["danger"] == .bool(true))
    // Away from a held screen it does nothing.
    #expect(conversation.staffResume().text.isEmpty)
    #expect(conversation.session.current == .question("smokes"))
  }

  @Test func theDialogSaysWhoMayResumeAndHoldTextNeedsAHold() throws {
    let wrong = DialogLoader.check(InMemoryDialogFiles(files: Self.files(hold: "hold: patient")))
    #expect(wrong.errors.contains { $0.code == .invalidValue && $0.message.contains("hold must be one of staff") })
    let orphan = DialogLoader.check(InMemoryDialogFiles(files: Self.files(hold: "")))
    #expect(orphan.errors.contains { $0.message.contains("'hold_text' of question 'crisis_now'") })
    #expect(try Self.dialog().questions["crisis_now"]?.hold == .staff)
  }

  @Test func aStaffResumeIsSavedAndRestoredWithoutAnyCode() throws {
    let dialog = try Self.dialog()
    let start = TestSupport.fixedClock.now()
    let inputs: [LoggedInput] = [
      LoggedInput(kind: .start, at: start), LoggedInput(.line("Ana"), at: start), LoggedInput(.line("yes"), at: start),
      LoggedInput(.line(""), at: start), LoggedInput(.staffResume, at: start),
    ]
    let encoded = try inputs[4].encoded()
    #expect(String(decoding: encoded, as: UTF8.self).contains("\"staff-resume\""))
    #expect(LoggedInput.decoded(encoded) == inputs[4])
    let held = try #require(KioskScreen.restored(dialog: dialog, inputs: Array(inputs.prefix(4)), interactive: true))
    #expect(held.isHeld)
    let resumed = try #require(KioskScreen.restored(dialog: dialog, inputs: inputs, interactive: true))
    #expect(!resumed.isHeld)
    #expect(resumed.conversation.session.current == .question("smokes"))
  }

  @Test func aTranscriptSaysStaffResumedAndReplaysIt() throws {
    let dialog = try Self.dialog()
    let played = Transcript.play(
      [.line("Ana"), .line("yes"), .line("what now?"), .staffResume, .line("no")], dialog: dialog,
      clock: TestSupport.fixedClock, interactive: false)
    let text = played.transcript.text
    #expect(
      text.contains(
        ">[crisis_now] what now?\n\nPlease stay here. Call 988 if you need to.\n>>[crisis_now] staff resume\n"))
    let parsed = try Transcript.parse(text, path: "t")
    #expect(parsed.inputs.contains(.staffResume))
    let replay = Replay(parsed, path: "t", dialog: dialog)
    #expect(replay.passed)
    #expect(replay.ending == .submitted)
    // Without the staff step the journey stays at the held screen.
    let stuck = Replay(
      try Transcript.parse(text.replacingOccurrences(of: ">>[crisis_now] staff resume\n", with: ">\n"), path: "t"),
      path: "t",
      dialog: dialog)
    #expect(!stuck.passed)
  }

  @Test func anUnknownStaffStepIsRefusedWithItsLine() throws {
    let text = "dialog: h 1\nclock: 2026-03-15T14:30:00Z UTC\n---\nHold\n>> staff skips\n"
    #expect(throws: TranscriptError.self) { try Transcript.parse(text, path: "t") }
    do {
      _ = try Transcript.parse(text, path: "t")
    } catch {
      #expect(error.line == 5)
      #expect(error.message.contains(">> staff resume"))
    }
  }

  @Test func pathAnalysisWitnessesReplayPastAHeldScreen() throws {
    let dialog = try Self.dialog()
    // Path analysis presses Enter at every screen that asks nothing.
    let played = Transcript.play(
      ["Ana", "yes", "", "no"].map(KioskScreen.Input.line), dialog: dialog, clock: TestSupport.fixedClock,
      staffResumesHolds: true)
    #expect(played.session.isFinished)
    #expect(played.transcript.text.contains(">>[crisis_now] staff resume"))
  }
}
