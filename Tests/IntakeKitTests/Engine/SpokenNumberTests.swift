import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Counts and ages as people type them.
@Suite struct SpokenNumberTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: stays, kind: integer, min: 0, max: 200, text: How many hospital stays? Type 0 if never. }
          - { id: first_age, kind: integer, min: 1, max: 120, text: About how old were you? }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
  }

  @Test(arguments: [("never", 0), ("none", 0), ("zero", 0), ("two", 2), ("about 3", 3), ("twenty five", 25)])
  func counts(_ typed: String, _ expected: Double) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type(typed)
    #expect(patient.session.answers.values["stays"] == .number(expected))
  }

  @Test(arguments: [("about 40", 40), ("40ish", 40), ("around forty", 40), ("maybe 12", 12), ("~30", 30)])
  func ages(_ typed: String, _ expected: Double) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("0", typed)
    #expect(patient.session.answers.values["first_age"] == .number(expected))
  }

  @Test func zeroWordsAreNotAnAnswerWhereZeroIsNotAllowed() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("0")
    #expect(patient.type("never").hasPrefix("Please type a whole number"))
    #expect(patient.session.current == .question("first_age"))
  }
}
