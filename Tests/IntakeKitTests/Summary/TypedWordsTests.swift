import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A yes or a no said with more words keeps the words: "yes, at my dad's place" at a question
/// about firearms is a yes, and the note says where, in the patient's words, beside it (found by a
/// helper playing a patient in crisis: the words were dropped). An answer chosen with a doubt
/// ("none i think", "probably never") keeps them too, and is not folded into what the patient
/// denies (a trial patient's "none i think" at the health history was printed as a flat denial).
@Suite struct TypedWordsTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: t\nversion: \"1\"\ntitle: T\nsections: [m.yaml]\nrules: rules.yaml",
        "m.yaml": """
        section: m
        title: Safety
        questions:
          - { id: guns, kind: yes_no, label: Access to firearms, text: Is there a gun where you live or stay?, denies: [no] }
          - { id: plan, kind: yes_no, label: Has a plan, text: Have you thought about how?, denies: [no] }
          - id: conditions
            kind: multiple_choice
            denies: [none]
            label: Health history
            text: Do you have any of these?
            options:
              - { id: asthma, text: "Asthma" }
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
        "rules.yaml": """
        categories:
          - { id: review, title: Review, rank: 10, outcome: Review. }
        rules:
          - { id: firearm, category: review, when: guns == true, finding: Firearm access. }
        """,
      ]))
  }

  @Test func aYesWithWordsKeepsTheWordsInTheNoteAndTheReasons() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes at my dads place", "no, only in passing")
    let summary = Summary(session: patient.session, sessionID: "s1")
    let entries = summary.sections.values.flatMap { $0 }
    let guns = try #require(entries.first { $0.question == "guns" })
    #expect(guns.answer == "Yes — typed: \"yes at my dads place\"")
    let reason = try #require(summary.screening.findings.first?.evidence.first)
    #expect(reason.answer == "Yes — typed: \"yes at my dads place\"")
    // A no with words is shown with them, not folded into a "Denies" line that would drop them.
    let plan = try #require(entries.first { $0.question == "plan" })
    #expect(plan.answer == "No — typed: \"no, only in passing\"" && plan.negative == nil)
  }

  @Test func aPlainAnswerOrFillerAddsNothingAndAChangedAnswerForgetsTheOldWords() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes at my dads place", "back", "back", "yes I do", "no")
    let entries = Summary(session: patient.session, sessionID: "s1").sections.values.flatMap { $0 }
    #expect(entries.first { $0.question == "guns" }?.answer == "Yes")
    #expect(entries.first { $0.question == "plan" }?.negative == true)
  }

  static func entry(_ id: String, _ session: Session) throws -> Summary.Entry {
    try #require(Summary(session: session, sessionID: "s1").sections.values.flatMap { $0 }.first { $0.question == id })
  }

  @Test func anAnswerChosenWithADoubtKeepsTheWordsAndIsNotADenial() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no", "no", "none i think", "probably never")
    let conditions = try Self.entry("conditions", patient.session)
    #expect(conditions.answer == "None of these — typed: \"none i think\"")
    #expect(conditions.negative != true)
    let drinks = try Self.entry("drinks", patient.session)
    #expect(drinks.answer == "Never — typed: \"probably never\"")
    #expect(drinks.negative != true)
    // Said plainly, the same answers are denials, as before.
    var plain = ScriptedPatient(dialog: try Self.dialog())
    plain.type("no", "no", "none", "never")
    #expect(try Self.entry("conditions", plain.session).negative == true)
    #expect(try Self.entry("drinks", plain.session).answer == "Never")
  }
}
