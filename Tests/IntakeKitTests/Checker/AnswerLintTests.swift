import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Lints that keep a dialog easy to answer: yes and no in the order every yes-or-no question
/// uses (IK401), and no hint said twice (IK402).
@Suite struct AnswerLintTests {
  static func diagnostics(_ questions: String) -> [Diagnostic] {
    DialogLoader.check(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": "section: m\ntitle: M\nquestions:\n" + questions,
      ])
    ).diagnostics
  }

  @Test func noBeforeYesIsFlaggedWhereThePatientTypesIt() throws {
    let found = Self.diagnostics(
      """
        - id: harm
          kind: choice
          text: Thoughts of hurting someone?
          options:
            - { id: "no", text: "No" }
            - { id: thoughts, text: "Yes, but I would not act on them" }
        - id: thyroid
          kind: choice
          text: A thyroid problem?
          options:
            - { id: "no", text: "No" }
            - { id: over, text: "Overactive" }
            - { id: under, text: "Underactive" }
        - id: act
          kind: choice
          text: Might you act on them?
          options:
            - { id: intent, text: "Yes, I might" }
            - { id: thoughts, text: "No, I would not" }
        - id: problem
          kind: choice
          text: How much of a problem?
          options:
            - { id: none, text: "No problem" }
            - { id: minor, text: "Minor problem" }

      """
    ).filter { $0.code == .yesNoOrder }
    #expect(found.count == 2)
    #expect(found.map(\.message).allSatisfy { $0.contains("1. Yes, 2. No") })
    // The warning points at the No answer, where the author fixes it.
    #expect(found.map(\.location.line) == [8, 14])
  }

  @Test func aTextThatSaysHowToSkipIsFlaggedOnlyWhereTheKioskSaysItToo() throws {
    let found = Self.diagnostics(
      """
        - id: age
          kind: integer
          required: false
          text: How old were you? Type skip if you don't know.
        - id: name
          kind: text
          text: Your name? Type skip to go on.
        - id: stressors
          kind: text
          required: false
          text: Anything recent that made things worse?

      """
    ).filter { $0.code == .repeatedHint }
    // "name" is required: the kiosk adds nothing there, so its text may say what it likes.
    #expect(found.count == 1)
    #expect(found.first?.location.line == 7)
    #expect(found.first?.message.contains("(You can type skip to leave this one out.)") == true)
  }

  /// Every line the kiosk adds by itself (Dialogs/README.md, "What the kiosk adds") is flagged
  /// when a question's text says it too, and only for the kinds the kiosk adds it to.
  @Test func eachHintTheKioskAddsIsFlaggedWhenTheTextRepeatsIt() throws {
    let found = Self.diagnostics(
      """
        - id: conditions
          kind: multiple_choice
          text: Which of these do you have? Choose all that apply.
          options: [{ id: a, text: Asthma }, { id: b, text: Diabetes }]
        - id: weight
          kind: decimal
          unit: lb
          other_units: { kg: 2.20462 }
          text: How much do you weigh in pounds?
        - id: how_long
          kind: duration
          unit: months
          text: How long? Weeks, months or years.
        - id: note
          kind: message
          text: Thank you. Press Enter to go on.
        - id: mood
          kind: choice
          text: How is your mood? Type the number.
          options: [{ id: good, text: Good }, { id: bad, text: Bad }]
        - id: tried
          kind: text
          text: Which of these have you tried? Choose all that apply.

      """
    ).filter { $0.code == .repeatedHint }
    // 'tried' is free text: the kiosk adds nothing under it.
    #expect(found.map(\.location.line) == [6, 12, 16, 19, 22], "\(found.map(\.description))")
    #expect(
      found[0].message.contains("\"(Choose all that apply: type the numbers separated by commas, for example 1, 3.)\""))
    #expect(found[1].message.contains("\"(In pounds; kilograms are fine too.)\""))
    #expect(found[3].message.contains("\"Press Enter to continue.\""))
  }

  /// The shipped dialog keeps to both.
  @Test func theShippedDialogHasNone() throws {
    let outcome = DialogLoader.check(DialogDirectory(path: TestSupport.shippedDialogPath))
    #expect(outcome.diagnostics.filter { [.yesNoOrder, .repeatedHint].contains($0.code) }.isEmpty)
  }
}
