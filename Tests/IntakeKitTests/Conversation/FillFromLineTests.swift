import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A line that says more than the question asked ("Lexapro 20mg every morning" at the name of a
/// medicine) answers the questions after it where that is clear, says so, and asks the rest.
@Suite struct FillFromLineTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: f\nversion: \"1\"\ntitle: F\nsections: [m.yaml]\nlexicons: [meds.yaml]",
        "meds.yaml": """
        id: meds
        dose_unit: mg
        tags: [{ id: ssri, title: SSRI }]
        entries:
          - { name: escitalopram, aliases: [lexapro], tags: [ssri] }
          - { name: lorazepam, aliases: [ativan] }
          - { name: levothyroxine, dose_unit: mcg }
        """,
        "m.yaml": """
        section: m
        title: Medicines
        questions:
          - id: meds
            kind: repeat
            text: Do you take any medicines?
            another: Any other medicines?
            items:
              - id: med_name
                kind: text
                lexicon: meds
                label: Medicine
                text: What is the name of the medicine?
              - id: med_dose
                kind: dose
                medicine: med_name
                required: false
                label: Dose
                text: "What dose of {med_name} do you take?"
              - id: med_weeks
                kind: duration
                unit: weeks
                ongoing: still taking it
                label: How long
                text: "How long have you taken {med_name}?"
              - id: med_frequency
                kind: choice
                label: How often
                patient_label: How often you take it
                text: "How often do you take {med_name}?"
                options:
                  - { id: once, text: "Once a day", aliases: [every morning, every night, daily] }
                  - { id: twice, text: "Twice a day" }
                  - { id: rarely, text: "Less often than that" }
          - id: done
            kind: message
            text: Done.
        """,
      ]))
  }

  static func record(_ patient: ScriptedPatient) -> Record { patient.session.answers.records(of: "meds").first ?? [:] }

  /// A name the lexicon knows exactly, then a number: a number is never part of a medicine's
  /// name, so nothing is asked back (it was a screen per medicine; issue 12).
  @Test func aNameWithADoseAndHowOftenFillsThemAndAsksOnlyWhatIsMissing() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes")
    let next = patient.type("Lexapro 20mg every morning")
    // The dose is filled; how long is not in the line, so it is asked, and how often waits.
    #expect(next.hasPrefix("Noted from what you typed: Dose: 20 mg. (Type back to change it.)"))
    #expect(next.contains("How long have you taken Lexapro?"))
    #expect(Self.record(patient)["med_name"] == .text("Lexapro"))
    #expect(
      Self.record(patient)["med_dose"]
        == .quantity(Quantity(parts: [.init(value: 20, unit: "mg")], value: nil, unit: "mg")))
    #expect(Self.record(patient)["med_frequency"] == nil)
  }

  @Test func everythingTheLineSaysIsFilledInOrder() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes", "lorazapam 0.5mg for 3 months every night")
    let next = patient.type("yes")
    #expect(
      next.hasPrefix(
        "Noted from what you typed: Dose: 0.5 mg. How long: 3 months (about 13 weeks). How often you take it: Once a day."
      ))
    #expect(next.contains("Any other medicines?"))
    #expect(Self.record(patient)["med_name"] == .text("lorazepam"))
    #expect(Self.record(patient)["med_frequency"] == .choice("once"))
  }

  @Test func aBareNumberAfterTheNameIsNotTakenAsAnOption() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes")
    let next = patient.type("lexapro 2")
    #expect(next.contains("What dose of lexapro do you take?"))
    #expect(Self.record(patient)["med_dose"] == nil)
  }

  /// Words after the name could be part of it: asked back, and "no" keeps the line as typed.
  @Test func keepingTheLineAsTypedFillsNothing() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("yes", "Lexapro every morning").hasPrefix("Is the medicine's name Lexapro?"))
    let next = patient.type("no")
    #expect(next.contains("What dose of Lexapro every morning"))
    #expect(Self.record(patient)["med_frequency"] == nil)
  }

  /// "what?" at the name asked back is never the name: the question is asked again (a trial
  /// patient's "what?" became the medicine's name, piped as "How long did you take what??").
  @Test func whatAtTheNameAskedBackAsksItAgain() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    #expect(patient.type("yes", "Lexapro every morning").hasPrefix("Is the medicine's name Lexapro?"))
    #expect(patient.type("what?").hasPrefix("Is the medicine's name Lexapro?"))
    #expect(Self.record(patient)["med_name"] == nil)
    patient.type("yes")
    #expect(Self.record(patient)["med_name"] == .text("Lexapro"))
    // At a question, "huh" says why it is asked and asks it again.
    let asked = patient.type("huh")
    #expect(asked.contains("What dose of Lexapro do you take?"), "\(asked)")
  }

  /// A bare number at the dose is asked back in the medicine's usual unit, never assumed.
  @Test func aBareDoseIsConfirmedInTheMedicinesUsualUnit() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes", "levothyroxine")
    #expect(patient.type("25").hasPrefix("Is that 25 mcg?"))
    patient.type("yes")
    #expect(
      Self.record(patient)["med_dose"]
        == .quantity(Quantity(parts: [.init(value: 25, unit: "mcg")], value: nil, unit: "mcg")))
    var other = ScriptedPatient(dialog: try Self.dialog())
    other.type("yes", "lorazepam")
    #expect(other.type("2").hasPrefix("Is that 2 mg?"))
    #expect(other.type("no") == "No problem. Please type it again.")
    other.type("2 tablets")
    #expect(
      Self.record(other)["med_dose"]
        == .quantity(Quantity(parts: [.init(value: 2, unit: "tablets")], value: nil, unit: "tablets")))
  }

  /// "yes, lexapro" at "Do you take any medicines?": a yes, and the first medicine's name.
  @Test func aYesWithAKnownNameStartsTheRecordWithIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let next = patient.type("yes, lexapro")
    #expect(next.contains("What dose of lexapro do you take?"))
    #expect(Self.record(patient)["med_name"] == .text("lexapro"))
    // More than a name the list knows exactly is what was typed for the name, read as the name
    // question reads it (asked back), never dropped: "ya lexapor" was a yes and nothing more.
    var slip = ScriptedPatient(dialog: try Self.dialog())
    #expect(slip.type("ya lexapor").hasPrefix("Did you mean lexapro?"))
    #expect(slip.session.current == .item(group: "meds", index: 0, question: "med_name"))
    slip.type("yes")
    #expect(Self.record(slip)["med_name"] == .text("lexapro"))
    // Two names: a record for each (SeveralRecordsFromLineTests); the first is asked about first.
    var two = ScriptedPatient(dialog: try Self.dialog())
    #expect(two.type("yes, lexapro and ativan").contains("What dose of lexapro do you take?"))
    #expect(two.session.answers.records(of: "meds").count == 1)
    two.type("10 mg", "still taking it", "daily")
    #expect(two.session.answers.records(of: "meds").map { $0["med_name"] } == [.text("lexapro"), .text("ativan")])
  }

  /// The length after a name is read as the question reads it: "a year and a half" was kept as
  /// a year (with "and a half" dropped), and "still on it" lost that the patient still takes it.
  @Test(arguments: [
    ("lexapro 20 mg for a year and a half", "1.5 years", false),
    ("lexapro 20 mg, still on it, 2 months so far", "2 months", true),
    ("lexapro 20 mg for about 5 months", "about 5 months", false),
  ])
  func aLengthAfterTheNameIsReadWhole(typed: String, given: String, ongoing: Bool) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes")
    let next = patient.type(typed)
    #expect(!next.contains("Not used from what you typed"), "\(next)")
    guard case .quantity(let amount)? = Self.record(patient)["med_weeks"] else {
      Issue.record("no length: \(next)")
      return
    }
    #expect(amount.asGiven == given)
    #expect(amount.ongoing == ongoing)
  }

  /// "Levothyroxine." is the name levothyroxine: the full stop made "What dose of Levothyroxine.
  /// do you take?".
  @Test func aNameEndsWithoutItsFullStop() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("yes")
    #expect(patient.type("Levothyroxine.").contains("What dose of Levothyroxine do you take?"))
    #expect(Self.record(patient)["med_name"] == .text("Levothyroxine"))
  }

  /// Replaying the typed lines gives the same answers: what was filled is derived, not stored.
  @Test func fillingReplaysFromTheTypedLines() throws {
    let dialog = try Self.dialog()
    var first = ScriptedPatient(dialog: dialog)
    first.type("yes", "lorazapam 0.5mg for 3 months every night", "yes")
    var second = ScriptedPatient(dialog: dialog)
    second.type("yes", "lorazapam 0.5mg for 3 months every night", "yes")
    #expect(first.session.answers == second.session.answers)
    #expect(first.session.current == second.session.current)
  }
}

/// A yes-or-no question answered with what a yes would lead to: "150/95" at "Do you know your
/// latest reading?", "yes Tom" at "Will someone be with you?". Both are kept.
@Suite struct FollowUpAnswerTests {
  static func dialog() throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: f\nversion: \"1\"\ntitle: F\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: Health
        questions:
          - id: bp_known
            kind: yes_no
            text: Do you know your most recent blood pressure reading?
          - id: last_bp
            kind: blood_pressure
            when: bp_known == true
            label: Most recent reading
            text: What was it?
          - id: companion_any
            kind: yes_no
            text: Will someone be with you for the rest of the day?
          - id: companion
            kind: text
            person_name: true
            max_length: 60
            when: companion_any == true
            label: Who will be with the patient
            text: Who will be with you?
          - id: done
            kind: message
            text: Done.
        """,
      ]))
  }

  @Test func aReadingAtDoYouKnowItIsAYesAndTheReading() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let next = patient.type("150/95")
    #expect(next.hasPrefix("Noted from what you typed: Most recent reading: 150/95 mmHg."))
    #expect(next.contains("Will someone be with you"))
    #expect(patient.session.answers.value(of: "bp_known") == .bool(true))
    #expect(patient.session.answers.value(of: "last_bp") == .bloodPressure(BloodPressure(systolic: 150, diastolic: 95)))
  }

  /// The kiosk's own example line is left out where the text already gives one.
  @Test func anExampleIsNotSaidTwice() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    let plain = patient.type("yes")
    #expect(plain.contains("(For example 128/82.)"))
    let withExample = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: e\nversion: \"1\"\ntitle: E\nsections: [m.yaml]",
        "m.yaml": "section: m\ntitle: M\nquestions:\n  - id: bp\n    kind: blood_pressure\n"
          + "    text: What was it? For example 128/82.\n",
      ]))
    let shown = ScriptedPatient(dialog: withExample).transcript.joined()
    #expect(shown.contains("For example 128/82."))
    #expect(!shown.contains("(For example 128/82.)"))
  }

  @Test func aReadingWithWordsAroundItIsFoundInTheLine() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("148/92 at the pharmacy")
    #expect(patient.session.answers.value(of: "last_bp") == .bloodPressure(BloodPressure(systolic: 148, diastolic: 92)))
  }

  /// A reading said as it is spoken ("138 over 86"), at "Do you know it?" and at the reading
  /// itself: it was refused twice ("Please answer yes or no", then "type the two numbers with a
  /// slash").
  @Test(arguments: ["about 138 over 86", "Yes. 138 over 86, this morning."])
  func aReadingSaidAloudIsTheReading(typed: String) throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type(typed)
    #expect(patient.session.answers.value(of: "last_bp") == .bloodPressure(BloodPressure(systolic: 138, diastolic: 86)))
    var asked = ScriptedPatient(dialog: try Self.dialog())
    asked.type("yes", "138 over 86")
    #expect(asked.session.answers.value(of: "last_bp") == .bloodPressure(BloodPressure(systolic: 138, diastolic: 86)))
  }

  @Test func aNameOrWhoTheyAreAtWillSomeoneBeWithYouIsAYesAndTheName() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    #expect(patient.type("yes Tom").contains("Done."))
    #expect(patient.session.answers.value(of: "companion") == .text("Tom"))
    var other = ScriptedPatient(dialog: try Self.dialog())
    other.type("no")
    other.type("my daughter")
    #expect(other.session.answers.value(of: "companion") == .text("my daughter"))
  }

  /// Words that are neither a yes nor a clear answer to what follows are refused, not guessed.
  @Test func somethingElseIsStillRefused() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    #expect(patient.type("prob jen idk") == "Please answer yes or no.")
    #expect(patient.session.answers.value(of: "companion_any") == .missing)
  }
}
