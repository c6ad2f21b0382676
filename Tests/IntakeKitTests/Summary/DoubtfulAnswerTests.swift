import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// An answer chosen with a doubt ("none i think", "probably never") keeps the patient's words
/// beside it in the note, and is not folded into what the patient denies: a trial patient's
/// "none i think" at the health history was printed as a flat denial.
@Suite struct DoubtfulAnswerTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: t\nversion: \"1\"\ntitle: T\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: Health
        questions:
          - id: conditions
            kind: multiple_choice
            denies: [none]
            label: Health history
            text: Do you have any of these?
            options:
              - { id: asthma, text: "Asthma" }
              - { id: seizures, text: "Seizures" }
              - { id: none, text: "None of these", exclusive: true }
          - id: drinks
            kind: choice
            denies: [never]
            label: How often a drink
            text: How often do you have a drink?
            options:
              - { id: never, text: "Never" }
              - { id: weekly, text: "Every week" }
          - { id: done, kind: message, text: Thank you. }
        """,
      ]))
  }

  static func entry(_ id: String, _ session: Session) throws -> Summary.Entry {
    try #require(Summary(session: session, sessionID: "s1").sections.values.flatMap { $0 }.first { $0.question == id })
  }

  @Test func anAnswerChosenWithADoubtKeepsTheWordsAndIsNotADenial() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("none i think", "probably never")
    let conditions = try Self.entry("conditions", patient.session)
    #expect(conditions.answer == "None of these — typed: \"none i think\"")
    #expect(conditions.negative != true)
    let drinks = try Self.entry("drinks", patient.session)
    #expect(drinks.answer == "Never — typed: \"probably never\"")
    #expect(drinks.negative != true)
  }

  /// Said plainly, the same answers are denials, as before.
  @Test func anAnswerChosenPlainlyIsADenial() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("none", "never")
    #expect(try Self.entry("conditions", patient.session).negative == true)
    #expect(try Self.entry("drinks", patient.session).answer == "Never")
  }
}
