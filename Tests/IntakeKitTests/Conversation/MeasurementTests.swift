import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Numbers in other units, and a gentle check for unlikely values instead of a dead end.
@Suite struct MeasurementTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: m\nversion: \"1\"\ntitle: M\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: Body
        questions:
          - id: weight
            kind: decimal
            text: Your weight in pounds?
            unit: lb
            other_units: { kg: 2.20462 }
            min: 60
            max: 700
            plausible_min: 80
            plausible_max: 400
          - id: height
            kind: decimal
            text: Your height in inches?
            unit: in
            other_units: { cm: 0.393701, ft: 12 }
            min: 36
            max: 96
          - id: done
            kind: message
            text: Done.
        """,
      ]))
  }

  @Test(arguments: [
    ("165", 165.0), ("165 lb", 165.0), ("80 kg", 176.3696), ("80kg", 176.3696), ("1,65", 165.0),
  ])
  func weightsInPoundsOrKilograms(typed: String, pounds: Double) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type(typed)
    guard case .number(let stored) = patient.session.answers.value(of: "weight") else {
      Issue.record("not accepted: \(patient.transcript.last ?? "")")
      return
    }
    #expect(abs(stored - pounds) < 0.001)
  }

  @Test(arguments: [("70", 70.0), ("5 ft 10 in", 70.0), ("5'10\"", 70.0), ("5 ft", 60.0), ("178 cm", 70.0787)])
  func heightsInInchesFeetOrCentimetres(typed: String, inches: Double) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("165", typed)
    guard case .number(let stored) = patient.session.answers.value(of: "height") else {
      Issue.record("not accepted: \(patient.transcript.last ?? "")")
      return
    }
    #expect(abs(stored - inches) < 0.001)
  }

  @Test func anUnknownUnitIsRefusedWithTheRange() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("12 stone") == "Please type a number from 60 to 700 lb.")
  }

  @Test func anUnlikelyValueIsConfirmedNotRefused() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("450") == "You entered 450 lb. Is that right? (Type yes or no.)")
    #expect(patient.type("maybe") == "Please type yes or no, or type your answer again.")
    #expect(patient.type("no") == "No problem. Please type it again.")
    #expect(patient.session.current == .question("weight"))
    patient.type("450")
    let next = patient.type("yes")
    #expect(next.hasPrefix("Your height in inches?"))
    #expect(patient.session.answers.value(of: "weight") == .number(450))
    // Impossible values are still refused outright.
    var other = ScriptedPatient(dialog: try Self.dialog())
    #expect(other.type("900") == "Please type a number from 60 to 700 lb.")
  }
}

extension MeasurementTests {
  @Test func aBareNumberLikelyInAnotherUnitIsAskedBackWithBoth() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let asked = patient.type("68")
    #expect(asked.hasPrefix("Is that 68 kg or 68 lb?"))
    #expect(asked.contains("  1. 68 kg\n  2. 68 lb"))
    patient.type("1")
    guard case .number(let stored) = patient.session.answers.value(of: "weight") else {
      Issue.record("no weight stored")
      return
    }
    #expect(abs(stored - 68 * 2.20462) < 0.001)
  }
}
