import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Words a line carried that no question took are said back to the patient ("Not used from what
/// you typed: ... Please type it again when it is asked") and kept for the note, unless a later
/// answer holds them: a patient who pasted their medicines and then answered "no" to "any other
/// medicines?" lost the one the kiosk set aside (found by a helper playing a patient with a
/// pasted list: "now taking 50 mg" was never asked for, and was in no note).
@Suite struct SetAsideWordsTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: t\nversion: \"1\"\ntitle: T\nsections: [m.yaml]\nlexicons: [meds.yaml]",
        "meds.yaml": """
        id: meds
        dose_unit: mg
        tags: [{ id: ssri, title: SSRI }]
        entries:
          - { name: lorazepam, aliases: [ativan] }
          - { name: sertraline, aliases: [zoloft] }
        """,
        "m.yaml": """
        section: m
        title: Medicines
        questions:
          - id: meds
            kind: repeat
            label: Current medicines
            summary: medications
            text: Do you take any medicines now? If you do, type the name.
            another: Do you take any other medicines? If so, type the name.
            items:
              - { id: med_name, kind: text, lexicon: meds, label: Medicine, text: What is the name of the medicine? }
              - { id: med_dose, kind: dose, medicine: med_name, label: Dose, required: false, text: What dose? }
          - { id: weight, kind: integer, label: Weight, required: false, min: 50, max: 700, unit: lb, text: How much do you weigh? }
          - { id: height, kind: integer, label: Height, required: false, min: 36, max: 96, unit: in, text: How tall are you? }
          - { id: done, kind: message, text: Thank you. }
        """,
      ]))
  }

  static func entries(_ session: Session) -> [Summary.Entry] {
    Summary(session: session, sessionID: "s1").sections.values.flatMap { $0 }
  }

  @Test func wordsNoQuestionTookAreInTheNoteWithTheRecordTheyWereTypedWith() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let said = patient.type("lorazepam 0.5 mg, now taking 50 mg since March")
    #expect(said.contains("Not used from what you typed: \"now taking 50 mg since March\""))
    patient.type("no", "150", "66")
    let meds = try #require(Self.entries(patient.session).first { $0.question == "meds" })
    let record = try #require(meds.records?.first)
    #expect(record.map(\.label) == ["Medicine", "Dose", "Also typed, not taken by any question"])
    #expect(record.last?.answer == "\"now taking 50 mg since March\"")
  }

  /// A line naming several medicines: what one of them left is with its own record, not with
  /// the first (two trial patients' notes showed gabapentin's "3x/day" beside lorazepam).
  @Test func wordsAreWithTheRecordOfTheMedicineTheyFollowed() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("sertraline 50 mg, lorazepam 0.5 mg as needed for panic", "no", "150", "66")
    let meds = try #require(Self.entries(patient.session).first { $0.question == "meds" })
    #expect(
      meds.records?.map { $0.map(\.label) } == [
        ["Medicine", "Dose"], ["Medicine", "Dose", "Also typed, not taken by any question"],
      ])
    #expect(meds.records?.last?.last?.answer == "\"as needed for panic\"")
  }

  @Test func wordsTypedAgainWhereTheyWereAskedAreNotRepeated() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("lorazepam 0.5 mg, Zzyzx herbal tea", "Zzyzx herbal tea", "no", "no", "150", "66")
    let meds = try #require(Self.entries(patient.session).first { $0.question == "meds" })
    #expect(meds.records?.map { $0.map(\.label) } == [["Medicine", "Dose"], ["Medicine"]])
    #expect(meds.records?.last?.first?.answer.hasPrefix("Zzyzx herbal tea") == true)
  }

  /// Back at the first question, a "no" leaves no record, and nothing set aside with it.
  @Test func aChangedAnswerTakesItsWordsWithIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("lorazepam 0.5 mg, now taking 50 mg since March", "back", "back", "no", "150", "66")
    let meds = try #require(Self.entries(patient.session).first { $0.question == "meds" })
    #expect(meds.records ?? [] == [] && meds.answer == "None reported")
  }

  /// Typed again at a question revisited, a part the kiosk keeps as the earlier answer ("0.5 mg",
  /// the dose already given) is in the note as that answer, not as words set aside.
  @Test func wordsAnAnswerHoldsAreNotSetAsideInTheNote() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("lorazepam 0.5 mg, now taking 50 mg since March", "back", "back", "lorazepam 0.5 mg", "", "no")
    let meds = try #require(Self.entries(patient.session).first { $0.question == "meds" })
    #expect(meds.records?.map { $0.map(\.answer) } == [["lorazepam", "0.5 mg"]])
  }

  /// And the printed note shows them: a column of the medicines' table, words after an answer.
  @Test func theNoteShowsThemWhereTheyWereTyped() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("lorazepam 0.5 mg, now taking 50 mg since March", "no", "150 lb, lost ten pounds lately", "66")
    let note = MarkdownRenderer.render(Summary(session: patient.session, sessionID: "s1"))
    #expect(note.contains("- **Weight**: 150 lb — also typed, not taken by any question: \"lost ten pounds lately\"\n"))
    #expect(note.contains("| # | Medicine | Dose | Also typed, not taken by any question |\n"))
    #expect(note.contains("| 1 | lorazepam | 0.5 mg | \"now taking 50 mg since March\" |\n"))
  }

  @Test func wordsBesideANumberAreInTheNoteBesideIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    let said = patient.type("150 lb, lost ten pounds lately")
    #expect(said.contains("Not used from what you typed"))
    let entries = Self.entries(patient.session)
    let weight = try #require(entries.first { $0.question == "weight" })
    #expect(weight.answer.hasSuffix(" — also typed, not taken by any question: \"lost ten pounds lately\""))
  }
}
