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

  /// The amount stored for `id`: as the patient gave it, and its value in the question's unit.
  static func amount(_ patient: ScriptedPatient, _ id: String) -> (given: String, value: Double)? {
    guard case .quantity(let amount) = patient.session.answers.value(of: id), let value = amount.value else {
      return nil
    }
    return (amount.asGiven, value)
  }

  @Test(arguments: [
    ("165", "165 lb", 165.0), ("165 lb", "165 lb", 165.0), ("80 kg", "80 kg", 176.3696), ("80kg", "80 kg", 176.3696),
    ("80 kilos", "80 kg", 176.3696), ("1,65", "165 lb", 165.0),
  ])
  func weightsKeepTheUnitTheyWereGivenIn(typed: String, given: String, pounds: Double) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type(typed)
    let stored = try #require(Self.amount(patient, "weight"), "not accepted: \(patient.transcript.last ?? "")")
    #expect(stored.given == given)
    #expect(abs(stored.value - pounds) < 0.001)
  }

  @Test(arguments: [
    ("70", "70 in", 70.0), ("5 ft 10 in", "5 ft 10 in", 70.0), ("5'10\"", "5 ft 10 in", 70.0), ("5 ft", "5 ft", 60.0),
    ("178 cm", "178 cm", 70.0787),
  ])
  func heightsKeepTheUnitTheyWereGivenIn(typed: String, given: String, inches: Double) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("165", typed)
    let stored = try #require(Self.amount(patient, "height"), "not accepted: \(patient.transcript.last ?? "")")
    #expect(stored.given == given)
    #expect(abs(stored.value - inches) < 0.001)
  }

  /// The shipped height shows centimeters beside the patient's feet and inches, in one bracket,
  /// and that line typed back is the same height.
  @Test func aHeightShowsCentimetersBesideAndReadsBackTheSame() throws {
    let dialog = try TestSupport.shippedDialog()
    var patient = ScriptedPatient(dialog: dialog)
    patient.type(ShippedJourney().lines)
    let height = patient.session.answers.value(of: "height")
    let shown = AnswerFormatter(dialog: dialog).display(height, for: "height")
    #expect(shown == "5 ft 6 in (66 in; about 167.6 cm)")
    let question = try #require(dialog.questions["height"])
    let today = try #require(CalendarDate(year: 2026, month: 3, day: 15))
    let parser = AnswerParser(question: question, today: today, confirmed: true)
    #expect(parser.parse(shown) == parser.parse("5 ft 6 in"))
  }

  /// Staff see what the patient said, with the conversion beside it and marked when rounded:
  /// never "165.35 lb" alone for "75 kg", never a rounded figure passed off as typed.
  @Test func staffSeeTheAnswerAsGivenWithItsConversionBeside() throws {
    let dialog = try Self.dialog()
    var patient = ScriptedPatient(dialog: dialog)
    patient.type("75 kg", "5 ft 6")
    let formatter = AnswerFormatter(dialog: dialog)
    #expect(formatter.display(patient.session.answers.value(of: "weight"), for: "weight") == "75 kg (about 165 lb)")
    #expect(formatter.display(patient.session.answers.value(of: "height"), for: "height") == "5 ft 6 in (66 in)")
    var pounds = ScriptedPatient(dialog: dialog)
    pounds.type("165")
    #expect(formatter.display(pounds.session.answers.value(of: "weight"), for: "weight") == "165 lb")
  }

  @Test func anUnknownUnitIsRefusedWithTheRangeAndAnExampleFromWhatWasTyped() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("12 stone") == "Please type a number from 60 to 700 lb, for example 12 lb or 12 kg.")
    #expect(patient.type("heavy") == "Please type a number from 60 to 700 lb.")
  }

  /// The hint under a number question names its units in words, never "(Answer in in.)".
  @Test func theHintNamesTheUnitsInWords() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let height = patient.type("165")
    #expect(height.contains("(In inches; centimeters or feet are fine too.)"))
    #expect(!height.contains("in in."))
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
    #expect(Self.amount(patient, "weight")?.value == 450)
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
    let stored = try #require(Self.amount(patient, "weight"), "no weight stored")
    #expect(stored.given == "68 kg")
    #expect(abs(stored.value - 68 * 2.20462) < 0.001)
  }
}
