import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A line that names several medicines starts a record for each ("lexapro 20 mg once a day,
/// ativan 0.5 mg twice a day"), a name typed at "Any other medicines?" is a yes and that name,
/// and a medicine for depression still taken is carried into the medicines taken now (issue 12:
/// a screen per medicine saved, and a current antidepressant typed once).
@Suite struct SeveralRecordsFromLineTests {
  static let lexicon = """
    id: meds
    dose_unit: mg
    tags: [{ id: ssri, title: SSRI }]
    entries:
      - { name: escitalopram, aliases: [lexapro], tags: [ssri] }
      - { name: lorazepam, aliases: [ativan] }
      - { name: buprenorphine and naloxone, aliases: [suboxone] }
      - { name: naloxone }
    """

  static func dialog(carry: String = "") throws -> Dialog {
    try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: f\nversion: \"1\"\ntitle: F\nsections: [m.yaml]\nlexicons: [meds.yaml]",
        "meds.yaml": lexicon,
        "m.yaml": """
        section: m
        title: Medicines
        questions:
          - id: trials
            kind: repeat
            text: Have you taken a medicine for depression? If you have, type the name of each one.
            another: Another one? If so, type its name.
            items:
              - id: trial_drug
                kind: text
                lexicon: meds
                label: Medicine
                text: What was the name of the medicine?
              - id: trial_dose
                kind: dose
                medicine: trial_drug
                required: false
                label: Dose
                text: "What was the highest dose of {trial_drug}?"
              - id: trial_weeks
                kind: duration
                unit: weeks
                ongoing: still taking it
                label: How long
                text: "How long did you take {trial_drug}?"
          - id: meds
            kind: repeat
            patient_label: Medicine
            text: Do you take any medicines now? If you do, type the name of each one.
            another: Any other medicines? If so, type the name.
        \(carry)
            items:
              - id: med_name
                kind: text
                lexicon: meds
                label: Medicine
                patient_label: Name
                text: What is the name of the medicine?
              - id: med_dose
                kind: dose
                medicine: med_name
                required: false
                label: Dose
                text: "What dose of {med_name} do you take?"
              - id: med_frequency
                kind: choice
                label: How often
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

  static let carry = """
        carry:
          from: trials
          when: ongoing(trial_weeks)
          line: "{trial_drug}[ {trial_dose}]"
          note: "You said you still take {trial_drug}[ {trial_dose}], so it is already on this list."
    """

  static func names(_ patient: ScriptedPatient, _ group: String = "meds") -> [Value?] {
    patient.session.answers.records(of: group).map { $0[group == "meds" ? "med_name" : "trial_drug"] }
  }

  @Test func aNameAtTheGateIsAYesAndTheName() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    let next = patient.type("lexapro 20 mg")
    #expect(next.contains("How often do you take lexapro?"), "\(next)")
    #expect(Self.names(patient) == [.text("lexapro")])
    // Not sure is not a name: asked again as a yes or no.
    var unsure = ScriptedPatient(dialog: try Self.dialog())
    unsure.type("no")
    #expect(unsure.type("not sure").contains("yes or no"))
    #expect(Self.names(unsure).isEmpty)
    // A name the list does not know is still the name typed (the summary marks it for checking).
    var unknown = ScriptedPatient(dialog: try Self.dialog())
    unknown.type("no")
    #expect(unknown.type("Zzyzx herbal tea").contains("What dose of Zzyzx herbal tea do you take?"))
  }

  @Test func aLineNamingSeveralStartsARecordForEach() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    let next = patient.type("lexapro 20 mg once a day, ativan 0.5 mg twice a day and naloxone")
    #expect(Self.names(patient) == [.text("lexapro"), .text("ativan"), .text("naloxone")])
    #expect(
      next.hasPrefix(
        "Noted from what you typed: Dose: 20 mg. How often: Once a day.\n"
          + "(Medicine 2) Name: ativan. Dose: 0.5 mg. How often: Twice a day.\n"
          + "(Medicine 3) Name: naloxone. (Type back to change it.)"), "\(next)")
    // Only what the line did not say is asked, for the record it belongs to.
    #expect(next.contains("What dose of naloxone do you take?"))
    patient.type("skip", "daily")
    #expect(patient.session.current == .gate(group: "meds", index: 3))
  }

  /// A list pasted with a dash between medicines (a trial patient's notes from her phone ran
  /// together as one name, and the others were in no record); a dash in a range is not a cut.
  @Test func aDashBetweenSpacesSeparatesMedicines() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    patient.type("lexapro 20 mg once a day - ativan 0.5 mg twice a day \u{2013} naloxone")
    #expect(Self.names(patient) == [.text("lexapro"), .text("ativan"), .text("naloxone")])
    var range = ScriptedPatient(dialog: try Self.dialog())
    range.type("no")
    range.type("ativan 1-2 mg")
    #expect(Self.names(range) == [.text("ativan")])
  }

  @Test func aKnownNameWithAndInItIsOneName() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no", "buprenorphine and naloxone 8 mg")
    #expect(Self.names(patient) == [.text("buprenorphine and naloxone")])
  }

  /// Words after a frequency that start no known name are said back, not swallowed with it.
  @Test func anUnknownNameAfterAnotherIsSaidBack() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    let next = patient.type("lexapro 20 mg once a day, Zzyzx herbal tea")
    #expect(next.contains("Not used from what you typed: \"Zzyzx herbal tea\""), "\(next)")
    #expect(Self.names(patient) == [.text("lexapro")])
  }

  @Test func aMedicineStillTakenIsCarriedIntoTheMedicinesTakenNow() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(carry: Self.carry))
    patient.type("lexapro 20 mg, still taking it, 4 months so far", "ativan 1 mg for 2 months", "no")
    let shown = patient.transcript.last ?? ""
    #expect(
      shown.contains(
        "You said you still take lexapro 20 mg, so it is already on this list. (Type back to change it.)"),
      "\(shown)")
    #expect(shown.contains("How often do you take lexapro?"))
    // Ativan was stopped: not carried. The list asks for others after the carried one.
    #expect(Self.names(patient) == [.text("lexapro")])
    patient.type("once a day")
    #expect(patient.session.current == .gate(group: "meds", index: 1))
    // Without `carry` the list starts by asking.
    var plain = ScriptedPatient(dialog: try Self.dialog())
    plain.type("lexapro 20 mg, still taking it", "no")
    #expect(plain.session.current == .gate(group: "meds", index: 0))
  }

  /// Two numbers a screen asks for together ("165 lb, 5 ft 6 in"), and a name with the number
  /// after it: the first answers the question, the rest the question it asks for with it.
  @Test func aWeightWithAHeightAndANameWithANumberAnswerTwoQuestions() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: w\nversion: \"1\"\ntitle: W\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: weight, kind: decimal, unit: lb, other_units: { kg: 2.20462 }, min: 60, max: 700, label: Weight, text: "Weight, and height?" }
          - { id: height, kind: decimal, unit: in, other_units: { cm: 0.393701, ft: 12 }, min: 36, max: 96, label: Height, text: "Height?" }
          - { id: driver, kind: text, person_name: true, label: Name, text: "Who takes you home, and their number?" }
          - { id: driver_phone, kind: text, phone: true, label: Their phone number, text: "Their number?" }
          - id: relation
            kind: choice
            label: Who they are
            text: "Who is {driver} to you?"
            options:
              - { id: sibling, text: "My brother or sister", aliases: [sister, brother] }
              - { id: friend, text: "A friend" }
          - { id: done, kind: message, text: Done. }
        """,
      ]))
    var patient = ScriptedPatient(dialog: dialog)
    #expect(patient.type("70 kg, 170 cm").hasPrefix("Noted from what you typed: Height: 170 cm"))
    #expect(patient.session.answers.values["weight"]?.amount?.asGiven == "70 kg")
    let next = patient.type("my sister Dana Haddad, 555 201 9090")
    #expect(
      next.hasPrefix(
        "Noted from what you typed: Their phone number: 555 201 9090. Who they are: My brother or sister."), "\(next)")
    #expect(patient.session.answers.values["driver"] == .text("my sister Dana Haddad"))
    #expect(patient.session.current == .question("done"))
    // Without the number, it is asked, and who she is (said with the name) is not asked again.
    var later = ScriptedPatient(dialog: dialog)
    later.type("165", "5 ft 6 in")
    #expect(later.type("my sister Dana").contains("Their number?"))
    #expect(later.type("555 201 9090").contains("Done."))
    #expect(later.session.answers.values["relation"] == .choice("sibling"))
    // Words after the name that are not who she is are said back as not used; the number is
    // asked, with the name alone.
    var unsure = ScriptedPatient(dialog: dialog)
    unsure.type("165", "5 ft 6 in")
    let asked = unsure.type("sam, idk his number by heart its in my phone")
    #expect(asked.contains("idk his number by heart its in my phone"), "\(asked)")
    #expect(asked.contains("Their number?"), "\(asked)")
    #expect(unsure.session.answers.values["driver"] == .text("sam"))
  }

  /// A gate that asks for a name shows how to answer, not a numbered yes and no.
  @Test func aGateThatAsksForANameSaysSo() throws {
    let patient = ScriptedPatient(dialog: try Self.dialog())
    let first = patient.transcript.last ?? ""
    #expect(first.contains("If you have, type the name of each one.\n(Type the name, or no.)"), "\(first)")
    #expect(!first.contains("1. Yes"))
  }

  /// Words before the name ("only", "I take") are not part of it.
  @Test func wordsBeforeANameAreNotPartOfIt() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no", "I take lexapro 20 mg")
    #expect(Self.names(patient) == [.text("lexapro")])
  }

  /// A line the name question refuses (too long) leaves the patient at "another?": a "yes"
  /// typed next was kept as a medicine called Yes.
  @Test func aRefusedNameAtTheGateStaysAtTheGate() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no")
    let long = "Zzyzx " + String(repeating: "and more words ", count: 40)
    #expect(patient.type(long).contains("Please keep this under"))
    #expect(patient.session.current == .gate(group: "meds", index: 0))
    #expect(patient.session.answers.records(of: "meds").isEmpty)
  }

  /// "still taking it" after a name is kept, though no length is said with it.
  @Test func stillTakingItAloneIsKept() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(carry: Self.carry))
    patient.type("lexapro 20 mg, twice a day, still taking it")
    let record = try #require(patient.session.answers.records(of: "trials").first)
    #expect(record["trial_weeks"]?.amount?.ongoing == true)
  }

  /// A hedge after a number and a comma ("About 50, I think.") is not said back as not used.
  @Test func aHedgeAfterANumberIsNotSaidBack() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: h\nversion: \"1\"\ntitle: H\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: age_then, kind: integer, min: 1, max: 120, label: Age then, text: "How old were you?" }
          - { id: done, kind: message, text: Done. }
        """,
      ]))
    var patient = ScriptedPatient(dialog: dialog)
    let next = patient.type("About 50, I think.")
    #expect(!next.contains("Not used"), "\(next)")
    #expect(patient.session.answers.values["age_then"] == .number(50))
  }
}
