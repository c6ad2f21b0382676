import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The note prints only the headings the dialog puts answers under, and says "Not asked." where
/// none of a heading's questions was asked: never "Nothing reported", which reads as a negative.
@Suite struct NoteHeadingsTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(
        root: "nh",
        files: [
          "dialog.yaml": "id: nh\nversion: \"1\"\ntitle: Headings\nsections: [about.yaml, meds.yaml]\n",
          "about.yaml": """
          section: about
          title: About you
          questions:
            - { id: mood, kind: yes_no, label: Low mood, text: Is your mood low? }
            - { id: takes_meds, kind: yes_no, label: Takes medicines, text: Do you take medicines? }
          """,
          "meds.yaml": """
          section: meds
          title: Medicines
          summary: medications
          when: takes_meds
          questions:
            - { id: med_list, kind: text, label: Medicines taken, text: Which medicines? }
          """,
        ]))
  }

  @Test func aHeadingNoQuestionIsPlacedUnderIsLeftOutAndOneNotAskedSaysSo() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes", "no")
    let note = MarkdownRenderer.render(Summary(session: patient.session, sessionID: "s1"))
    #expect(note.contains("## Medications\nNot asked."), "\(note)")
    #expect(!note.contains("Nothing reported"))
    #expect(!note.contains("## Goals") && !note.contains("## Transport"))
    var taking = ScriptedPatient(dialog: try Self.dialog())
    taking.type("no", "yes", "sertraline")
    let listed = MarkdownRenderer.render(Summary(session: taking.session, sessionID: "s2"))
    #expect(listed.contains("## Medications"))
    #expect(listed.contains("sertraline"))
    #expect(!listed.contains("Not asked."))
  }

  /// A dialog with no instruments has no "Scores" heading with nothing under it.
  @Test func aDialogWithNoInstrumentsHasNoScoresHeading() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes", "no")
    let note = MarkdownRenderer.render(Summary(session: patient.session, sessionID: "s1"))
    #expect(!note.contains("### Scores"), "\(note)")
    #expect(note.contains("### Questions"))
  }
}
