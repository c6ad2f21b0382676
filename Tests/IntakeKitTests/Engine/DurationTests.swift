import IntakeTestSupport
import Testing

@testable import IntakeKit

/// `duration` questions: the patient says how long in any unit, the answer keeps that unit, and
/// rules compare in the question's unit.
@Suite struct DurationTests {
  static func dialog(ongoing: Bool = true) throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [d.yaml]",
        "d.yaml": """
        section: d
        title: Trial
        questions:
          - id: took
            kind: duration
            unit: weeks
            min: 0
            max: 1000
        \(ongoing ? "    ongoing: still taking it\n" : "")\
            text: How long did you take it?
          - id: adequate
            kind: message
            when: took >= 6
            text: That is long enough to tell.
          - id: done
            kind: message
            text: Done.
        """,
      ]))
  }

  @Test(arguments: [
    ("3 months", "3 months", 13.04, true), ("8 weeks", "8 weeks", 8, true),
    ("about a year", "about 1 year", 52.18, true),
    ("1 year and 2 months", "1 year 2 months", 60.88, true), ("10 days", "10 days", 1.43, false),
    ("a year and a half", "1.5 years", 78.27, true), ("two weeks", "2 weeks", 2, false),
    // Slips in the unit (a patient typed "3 monts", which the kiosk had just echoed back, twice).
    ("3 monts", "3 months", 13.04, true), ("2 yrs", "2 years", 104.36, true),
  ])
  func anyUnitOfTimeIsKeptAndComparedInWeeks(typed: String, given: String, weeks: Double, adequate: Bool) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let next = patient.type(typed)
    guard case .quantity(let amount) = patient.session.answers.value(of: "took"), let value = amount.value else {
      Issue.record("not accepted: \(next)")
      return
    }
    #expect(amount.asGiven == given)
    #expect(abs(value - weeks) < 0.01)
    #expect(next.hasPrefix("That is long enough") == adequate)
  }

  /// "3" to "how long" could be weeks, months or years: asked, never assumed.
  @Test func aBareNumberIsAskedBackWithUnits() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("3").hasPrefix("Is that 3 weeks, 3 months or 3 years?"))
    #expect(patient.type("2").hasPrefix("That is long enough"))
    guard case .quantity(let amount) = patient.session.answers.value(of: "took") else {
      Issue.record("not kept")
      return
    }
    #expect(amount.asGiven == "3 months")
  }

  @Test func stillTakingItIsKeptWithHowLongSoFarWhenSaid() throws {
    let dialog = try Self.dialog()
    var patient = ScriptedPatient(dialog: dialog)
    // Nothing said about how long: rules cannot call it long enough.
    #expect(patient.type("still on it").hasPrefix("Done."))
    let formatter = AnswerFormatter(dialog: dialog)
    #expect(formatter.display(patient.session.answers.value(of: "took"), for: "took") == "still taking it")

    var soFar = ScriptedPatient(dialog: dialog)
    #expect(soFar.type("still taking it, about 3 months").hasPrefix("That is long enough"))
    #expect(
      formatter.display(soFar.session.answers.value(of: "took"), for: "took")
        == "about 3 months so far (about 13 weeks), still taking it")
  }

  @Test func stillTakingItIsRefusedWhereTheQuestionDoesNotAllowIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(ongoing: false))
    #expect(patient.type("still on it") == "Please type how long, for example 6 weeks, 3 months or about a year.")
  }

  @Test func aVagueAmountIsAskedForANumber() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("several months").hasPrefix("About how many weeks?"))
    #expect(patient.session.current == .question("took"))
  }

  /// "a few months" is most often about three: asked back, and kept only with a yes, rough.
  @Test func aFewIsAskedBackAsAboutThree() throws {
    let dialog = try Self.dialog()
    var patient = ScriptedPatient(dialog: dialog)
    #expect(patient.type("a few months").hasPrefix("Is that about 3 months?"))
    #expect(patient.session.current == .question("took"))
    patient.type("yes")
    let shown = AnswerFormatter(dialog: dialog).display(patient.session.answers.value(of: "took"), for: "took")
    #expect(shown.hasPrefix("about 3 months"))
  }

  /// FHIR gets one Quantity in the patient's smallest unit, with its UCUM code; "so far" is "at
  /// least" (`>=`).
  @Test func fhirKeepsTheUnitAndSaysAtLeastForAnOngoingLength() throws {
    let dialog = try Self.dialog()
    var patient = ScriptedPatient(dialog: dialog)
    patient.type("1 year and 2 months")
    let question = try #require(dialog.questions["took"])
    let json = FHIRExport.answerValues(patient.session.answers.value(of: "took"), question, dialog)
    #expect(
      json.first?.text()
        == JSONValue.object([
          (
            "valueQuantity",
            .object([
              ("value", .number(14)), ("unit", .string("months")), ("system", .string("http://unitsofmeasure.org")),
              ("code", .string("mo")),
            ])
          )
        ]).text())
    var ongoing = ScriptedPatient(dialog: dialog)
    ongoing.type("still on it, 8 weeks so far")
    let atLeast = FHIRExport.answerValues(ongoing.session.answers.value(of: "took"), question, dialog)
    #expect(atLeast.first?["valueQuantity"]?["comparator"]?.stringValue == ">=")
  }

  @Test func aDurationQuestionNeedsAUnitOfTime() throws {
    #expect(throws: (any Error).self) {
      try DialogLoader.load(
        InMemoryDialogFiles(files: [
          "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [d.yaml]",
          "d.yaml":
            "section: d\ntitle: T\nquestions:\n  - id: took\n    kind: duration\n    unit: kg\n    text: How long?\n",
        ]))
    }
  }

  /// How often is not how long: in "15 mg three times a day, for 8 months" the length is 8
  /// months (it was read as "1 day"), and "45 mg a day" has no length in it at all.
  @Test(arguments: [
    ("15 mg three times a day, for 8 months", "8 months"), ("once a day for 6 weeks", "6 weeks"),
    ("2 tablets a day for a year", "1 years"), ("45 mg a day", ""), ("twice a week", ""),
  ])
  func howOftenIsNotHowLong(typed: String, length: String) {
    let found = DurationWords.find(in: typed).map { found in
      found.parts.map { "\(formatNumber($0.value)) \($0.unit)" }.joined(separator: " ")
    }
    #expect((found ?? "") == length)
  }
}
