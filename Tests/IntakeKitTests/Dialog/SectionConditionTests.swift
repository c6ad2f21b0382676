import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A section's or a group's `when` holds for every question in it; an option with `specify`
/// asks what the patient means by it.
@Suite struct SectionConditionTests {
  static let manifest = """
    id: sc
    version: "1"
    title: Conditions
    sections: [first.yaml, pain.yaml, last.yaml]
    """

  static let first = """
    section: first
    title: First
    questions:
      - id: has_pain
        kind: yes_no
        text: Do you have pain?
      - id: reason
        kind: choice
        label: Reason
        text: Why are you here?
        options:
          - { id: mood, text: My mood }
          - { id: other, text: Something else, specify: What brings you here? }
      - id: areas
        kind: multiple_choice
        label: Areas
        text: Which areas?
        options:
          - { id: home, text: Home }
          - { id: work, text: Work }
          - { id: elsewhere, text: Somewhere else, specify: Where else? }
    """

  static let pain = """
    section: pain
    title: Pain
    when: has_pain
    questions:
      - id: pain_now
        kind: integer
        min: 0
        max: 10
        text: Pain now, 0 to 10?
      - group: severe
        when: pain_now >= 7
        questions:
          - id: pain_nights
            kind: yes_no
            text: Does it wake you at night?
          - id: pain_work
            kind: yes_no
            when: has_pain
            text: Does it stop you working?
    """

  static let last = """
    section: last
    title: Last
    questions:
      - id: done
        kind: message
        text: Thank you.
    """

  static func dialog(first: String = first) throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(
        root: "sc",
        files: ["dialog.yaml": manifest, "first.yaml": first, "pain.yaml": pain, "last.yaml": last]))
  }

  /// A question reading another under the same section's `when` reads an answer that is always
  /// there when it is shown: no "may be missing" warning (IK204).
  @Test func aSharedConditionIsNotAMissingAnswer() {
    let outcome = DialogLoader.check(
      InMemoryDialogFiles(
        root: "sc",
        files: ["dialog.yaml": Self.manifest, "first.yaml": Self.first, "pain.yaml": Self.pain, "last.yaml": Self.last])
    )
    #expect(outcome.diagnostics.filter { $0.code == .mayBeMissing }.map(\.description) == [])
  }

  @Test func aSectionsWhenPassesOverEveryQuestionInIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no", "1", "1")
    let shown = patient.transcript.joined(separator: "\n")
    #expect(shown.contains("Thank you."))
    #expect(!shown.contains("Pain now"))
    #expect(!patient.session.visited.contains("pain_now"))
  }

  @Test func aGroupsWhenIsJoinedToTheSectionsAndEachQuestionsOwn() throws {
    let dialog = try Self.dialog()
    #expect(dialog.questions["pain_now"]?.when?.source == "has_pain")
    #expect(dialog.questions["pain_nights"]?.when?.source == "(has_pain) and (pain_now >= 7)")
    #expect(dialog.questions["pain_work"]?.when?.source == "((has_pain) and (pain_now >= 7)) and (has_pain)")
    var mild = ScriptedPatient(dialog: dialog)
    mild.type("yes", "1", "1", "3")
    let shown = mild.transcript.joined(separator: "\n")
    #expect(shown.contains("Pain now") && !shown.contains("wake you"))
    var severe = ScriptedPatient(dialog: dialog)
    #expect(severe.type("yes", "1", "1", "8").contains("Does it wake you at night?"))
  }

  @Test func anOptionWithSpecifyAsksWhatItIsAndKeepsTheWords() throws {
    let dialog = try Self.dialog()
    var patient = ScriptedPatient(dialog: dialog)
    patient.type("no", "something else", "I cannot sleep", "home, somewhere else", "the gym")
    let shown = patient.transcript.joined(separator: "\n")
    #expect(shown.contains("What brings you here?"))
    #expect(shown.contains("Where else?"))
    #expect(patient.session.answers.value(of: "reason_other") == .text("I cannot sleep"))
    #expect(patient.session.answers.value(of: "areas_elsewhere") == .text("the gym"))
    // The note keeps them beside the answer they say more about.
    let note = MarkdownRenderer.render(Summary(session: patient.session, sessionID: "s1"))
    #expect(note.contains("Reason (something else), in their words**: I cannot sleep"), "\(note)")
    // Not chosen, not asked.
    var other = ScriptedPatient(dialog: dialog)
    other.type("no", "my mood", "work")
    #expect(!other.transcript.joined(separator: "\n").contains("What brings you here?"))
  }

  /// On the first page, the patient's words for "something else" come with the answer.
  @Test func aSpecifiedAnswerOnTheFirstPageBringsItsWords() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(
        root: "sc",
        files: [
          "dialog.yaml": Self.manifest + "\nnote: note.yaml\n", "first.yaml": Self.first, "pain.yaml": Self.pain,
          "last.yaml": Self.last, "note.yaml": "glance: [reason]\n",
        ]))
    var patient = ScriptedPatient(dialog: dialog)
    patient.type("no", "something else", "I cannot sleep", "home")
    let summary = Summary(session: patient.session, sessionID: "s1")
    #expect(summary.glance?.map(\.question) == ["reason", "reason_other"])
    let note = MarkdownRenderer.render(summary)
    // Said once: on the first page, not again under History.
    #expect(note.components(separatedBy: "I cannot sleep").count == 2, "\(note)")
  }

  @Test func specifyIsRefusedWhereTheFollowUpCannotComeRightAfter() {
    let printed = CheckerFixture.printed(
      """
      section: main
      title: Main
      questions:
        - id: reason
          kind: choice
          text: Why?
          next: done
          options:
            - { id: other, text: Something else, specify: What is it? }
        - id: skipped
          kind: yes_no
          text: Skipped?
        - id: done
          kind: message
          text: Done.
      """)
    #expect(
      printed.contains { $0.contains("[IK106] 'specify' cannot be used on 'reason', which has 'next'") }, "\(printed)")
  }
}
