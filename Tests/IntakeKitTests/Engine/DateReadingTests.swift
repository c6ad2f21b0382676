import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Dates as patients type them: every common English form is read, a date that reads two ways
/// is asked back with both, and nothing is stored with a meaning the person did not give it.
@Suite struct DateReadingTests {
  static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate? {
    CalendarDate(year: year, month: month, day: day)
  }

  static let today = CalendarDate(TestSupport.fixedInstant, in: TimeZone(identifier: "UTC") ?? .current)
  static let birth = DateRule(notInFuture: true, maximumYearsAgo: 120)

  @Test(arguments: [
    "04/27/1986", "4/27/1986", "4/27/86", "1986-04-27", "27/04/1986", "27.04.1986", "27-04-1986", "April 27, 1986",
    "april 27 1986", "27 April 1986", "27th of April 1986", "Apr 27 86", "APRIL 27TH, 1986", "27 apr 1986",
    " 04 / 27 / 1986 ",
  ])
  func oneReading(_ typed: String) throws {
    #expect(DateReading.readings(typed, rule: Self.birth, today: Self.today) == [try #require(Self.date(1986, 4, 27))])
  }

  @Test func aDayAndMonthThatCouldSwapGiveBoth() throws {
    let readings = DateReading.readings("09/11/1985", rule: Self.birth, today: Self.today)
    #expect(readings == [Self.date(1985, 9, 11), Self.date(1985, 11, 9)].compactMap { $0 })
    #expect(readings.map(\.spoken) == ["11 September 1985", "9 November 1985"])
    // The same day twice is one reading.
    #expect(DateReading.readings("05/05/1985", rule: Self.birth, today: Self.today).count == 1)
  }

  @Test func aTwoDigitYearIsThePastCenturyOnlyWhenThatIsTheOnlyPlausibleReading() {
    // 2086 is in the future for a birth date; 1910 and 2010 are both possible.
    #expect(DateReading.readings("4/27/86", rule: Self.birth, today: Self.today) == [Self.date(1986, 4, 27)!])
    #expect(DateReading.readings("4/27/10", rule: Self.birth, today: Self.today).count == 2)
    // Without the rule, both centuries remain.
    #expect(DateReading.readings("4/27/86").count == 2)
  }

  @Test(arguments: ["", "yesterday", "13/13/1986", "02/30/1986", "1986", "April 1986", "4/27", "27 Aprile 1986x"])
  func notADate(_ typed: String) {
    #expect(DateReading.readings(typed, rule: Self.birth, today: Self.today).isEmpty)
  }

  @Test func theResumeKeyIsReadBackAndAnAmbiguousDateIsAskedBack() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nresume_with: dob\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: dob, kind: date, text: Birth date? }
          - { id: visit, kind: date, text: Last visit?, not_in_future: false }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
    // A date of birth that can mean one date only is kept as typed (a screen fewer; issue 12).
    var certain = ScriptedPatient(dialog: dialog)
    #expect(certain.type("April 27, 1986").contains("Last visit?"))
    // One whose century the question chose (2086 is in the future) is read back first.
    var patient = ScriptedPatient(dialog: dialog)
    #expect(patient.type("April 27, 86") == "You typed 27 April 1986. Is that right? (Type yes or no.)")
    #expect(patient.type("no") == "No problem. Please type it again.")
    let asked = patient.type("09/11/1985")
    #expect(asked.hasPrefix("That date could be read more than one way."))
    #expect(asked.contains("  1. 11 September 1985\n  2. 9 November 1985"))
    // Choosing by words is read back no further: the choice was the confirmation.
    #expect(patient.type("november").contains("Last visit?"))
    #expect(patient.conversation.session.answers.values["dob"] == .date(try #require(Self.date(1985, 11, 9))))
    // A date that is not the resume key, and reads one way, is kept at once.
    #expect(patient.type("2026-11-02").contains("Do you smoke?"))
  }

  @Test func theNumberOfAReadingPicksThatReading() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": "section: m\ntitle: M\nquestions:\n  - { id: visit, kind: date, text: Last visit? }\n",
      ]))
    for (typed, expected) in [("1", Self.date(1985, 9, 11)), ("2", Self.date(1985, 11, 9))] {
      var patient = ScriptedPatient(dialog: dialog)
      _ = patient.type("09/11/1985")
      patient.type(typed)
      #expect(patient.conversation.session.answers.values["visit"] == .date(try #require(expected)))
    }
  }

  @Test func aNewAnswerInsteadOfYesOrNoIsTakenAsTheAnswer() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nresume_with: dob\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: dob, kind: date, text: Birth date? }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
    var patient = ScriptedPatient(dialog: dialog)
    _ = patient.type("11/09/1985")
    #expect(patient.type("27 April 86") == "You typed 27 April 1986. Is that right? (Type yes or no.)")
    #expect(patient.type("yes").contains("Do you smoke?"))
    #expect(patient.conversation.session.answers.values["dob"] == .date(try #require(Self.date(1986, 4, 27))))
  }
}

/// Yes and no as people say them.
@Suite struct YesNoTests {
  @Test(arguments: [
    "yes", "Yes", "y", "yeah", "yeah sure", "yep", "yup", "sure", "ok", "okay", "of course", "yes please", "yes I do",
    "sí", "si", "Claro", "yes, I have", "1", "yes but only once", "yeah I see a therapist at the VA", "ye",
  ])
  func yes(_ typed: String) { #expect(AnswerParser.yesNo(typed) == true) }

  @Test(arguments: ["no", "No", "n", "nope", "nah", "no thanks", "no, I don't", "never", "not really", "2", "No."])
  func no(_ typed: String) { #expect(AnswerParser.yesNo(typed) == false) }

  @Test(arguments: ["yes and no", "maybe", "I'm not sure", "", "3", "yesterday", "no idea", "not act"])
  func neither(_ typed: String) { #expect(AnswerParser.yesNo(typed) == nil) }
}
