import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Choices in words, as patients type them: aliases and sentences, numbers in words, bands, and
/// never a bare number taken as a position when it could be a value.
@Suite struct ChoiceWordsTests {
  static func shipped() throws -> Dialog { try TestSupport.shippedDialog() }

  func matcher(_ question: String) throws -> ChoiceMatcher {
    let found = try #require(try Self.shipped().questions[question])
    return ChoiceMatcher(options: found.options, numbers: found.numberReading ?? .ask)
  }

  func id(_ outcome: ChoiceMatcher.Outcome) -> String? {
    if case .matched(let option) = outcome { return option.id }
    return nil
  }

  @Test(arguments: [
    ("uber", "rideshare_alone"), ("Lyft", "rideshare_alone"), ("a cab", "rideshare_alone"),
    ("my wife will drive me", "adult_drives"), ("my husband will drive me", "adult_drives"),
    ("My sister is picking me up", "adult_drives"), ("I'll drive", "drive_self"), ("the bus", "transit_alone"),
    ("not sure yet", "unsure"), ("1", "adult_drives"),
  ])
  func transportInWords(_ typed: String, _ expected: String) throws {
    #expect(id(try matcher("ride_home").match(typed)) == expected)
  }

  /// How often, written with an x: two trial patients typed "3x a day" and "1x a day" and were
  /// refused ("Please type the number of your answer").
  @Test(arguments: [
    ("3x a day", "daily_more"), ("3 x a day", "daily_more"), ("3x daily", "daily_more"), ("4x a day", "daily_more"),
    ("2x a day", "daily_twice"), ("2 x a day", "daily_twice"), ("2x daily", "daily_twice"),
    ("1x a day", "daily_once"), ("1x daily", "daily_once"), ("2x a week", "weekly"), ("3x a week", "weekly"),
    ("1x a week", "rarely"),
  ])
  func frequenciesWrittenWithAnX(_ typed: String, _ expected: String) throws {
    #expect(id(try matcher("med_frequency").match(typed)) == expected)
  }

  /// A comparison is not the option it compares with: "less than 2 times a day" was stored
  /// "Twice a day". It is not taken (the patient is asked to choose); the options' own words
  /// with a comparison in them still are.
  @Test func aComparisonIsNotTakenForTheOptionItNames() throws {
    let matcher = try matcher("med_frequency")
    for typed in [
      "less than 2 times a day", "more than twice a day", "less than 3x a day", "2x a day or less",
      "up to 4 times a day", "over 2 times a day",
    ] {
      #expect(id(matcher.match(typed)) == nil, "\(typed)")
    }
    #expect(id(matcher.match("three or more times a day")) == "daily_more")
    #expect(id(matcher.match("i take it 2 times a day")) == "daily_twice")
    #expect(id(matcher.match("over the counter, twice a day")) == "daily_twice")
    #expect(id(try self.matcher("audit_3").match("less than monthly")) == "less_than_monthly")
  }

  /// "alone since my wife died" was kept as living with a partner or family (by "wife") without
  /// a word: a patient who lives alone, which the psychiatrist must know for the ride home and
  /// the hours after an infusion. Named both ways, it is asked back.
  @Test func livingAloneInWordsIsNeverTakenForFamily() throws {
    let matcher = try matcher("living_situation")
    for typed in ["alone", "by myself", "on my own", "just me", "I live alone"] {
      #expect(id(matcher.match(typed)) == "alone", "\(typed)")
    }
    guard case .ambiguous(let both) = matcher.match("alone since my wife died") else {
      Issue.record("not asked back")
      return
    }
    #expect(both.map(\.id) == ["alone", "family"])
    #expect(id(matcher.match("with my wife")) == "family")
  }

  /// "qiute a bit" names "A little bit" by its words "a bit", and "Quite a bit" with a slip: a
  /// veteran's PTSD item was kept at 1, not 3, without a word (issue 12, round six).
  @Test func anAnswerNamedAsTypedAndAnotherWithASlipIsAskedBackWithBoth() throws {
    guard case .ambiguous(let both) = try matcher("pcl5_3").match("qiute a bit") else {
      Issue.record("not asked back")
      return
    }
    #expect(both.map(\.id) == ["a_little", "quite_a_bit"])
    #expect(id(try matcher("pcl5_3").match("quite a bit")) == "quite_a_bit")
  }

  /// Several answers typed without commas, one with a slip: all of them, asked back ("ptsd
  /// depresion" kept PTSD and dropped depression).
  @Test func severalAnswersWithASlipAreAllAskedBack() throws {
    let question = try #require(try Self.shipped().questions["treat_conditions"])
    var parser = AnswerParser(question: question, today: CalendarDate(year: 2026, month: 11, day: 30)!)
    guard case .failure(let asked) = parser.parse("ptsd depresion") else {
      Issue.record("taken without asking")
      return
    }
    #expect(asked.message == "Did you mean: Depression; PTSD or trauma?")
    parser.confirmed = true
    #expect(parser.parse(asked.readings[0].line) == .success(.choices(["depression", "ptsd"])))
  }

  @Test(arguments: [
    ("ride_home", "my friend rosa will drive me and stay with me", "adult_drives"),
    ("trial_response", "stopped because of nausea", "side_effects"),
    ("work_status", "working part time", "working"),
  ])
  func wordsPeopleUsedInRoundSix(_ question: String, _ typed: String, _ expected: String) throws {
    #expect(id(try matcher(question).match(typed)) == expected)
  }

  @Test func aSentenceNamingTwoOptionsIsAskedBackWithBoth() throws {
    guard case .ambiguous(let both) = try matcher("ride_home").match("an uber with my wife") else {
      Issue.record("not asked back")
      return
    }
    #expect(Set(both.map(\.id)) == ["adult_drives", "rideshare_alone"])
  }

  @Test(arguments: [("my pain doctor", "pain_specialist"), ("my gp", "other"), ("not sure", "unsure")])
  func whoMadeThePainDiagnosis(_ typed: String, _ expected: String) throws {
    #expect(id(try matcher("pain_diagnosed_by").match(typed)) == expected)
  }

  @Test func aBareNumberAtOptionsThatAreNumbersIsNeverTakenAsAPositionSilently() throws {
    let drinks = try matcher("audit_2")
    #expect(drinks.match("2") == .valueOrPosition(typed: 2, value: drinks.options[0], position: drinks.options[1]))
    #expect(drinks.match("two") == .valueOrPosition(typed: 2, value: drinks.options[0], position: drinks.options[1]))
    // Where value and position agree, or there is no such position, there is nothing to ask.
    #expect(id(drinks.match("1")) == "one_two")
    #expect(id(drinks.match("7")) == "seven_nine")
    #expect(id(drinks.match("12")) == "ten_plus")
    #expect(id(drinks.match("one or two")) == "one_two")
    #expect(id(drinks.match("3 or 4")) == "three_four")
    // A range in one band is that band; one across two bands is asked back with both.
    #expect(id(drinks.match("3-4 beers")) == "three_four")
    guard case .ambiguous(let bands) = drinks.match("4-5 beers") else {
      Issue.record("4-5 was not asked back")
      return
    }
    #expect(bands.map(\.id) == ["three_four", "five_six"])
  }

  @Test func theKioskAsksBackAndNoMeansThePosition() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - id: drinks
            kind: choice
            numbers: ask
            text: Drinks on a typical day?
            options:
              - { id: one_two, text: "1 or 2" }
              - { id: three_four, text: "3 or 4" }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
    var patient = ScriptedPatient(dialog: dialog)
    #expect(
      patient.type("2")
        == "By 2, do you mean \"1 or 2\"? Type yes, or no if you meant answer 2, \"3 or 4\". (Type yes or no.)")
    #expect(patient.type("no").contains("Do you smoke?"))
    #expect(patient.session.answers.values["drinks"] == .choice("three_four"))
    patient.type("back")
    #expect(patient.type("2", "yes").contains("Do you smoke?"))
    #expect(patient.session.answers.values["drinks"] == .choice("one_two"))
  }

  @Test func optionsThatAreNumbersWarnUnlessTheDialogSaysHowToReadThem() throws {
    let files = InMemoryDialogFiles(files: [
      "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
      "m.yaml": """
      section: m
      title: M
      questions:
        - id: cups
          kind: choice
          text: Cups of coffee a day?
          options:
            - { id: few, text: "1 or 2" }
            - { id: many, text: "3 or more" }
        - id: naps
          kind: choice
          numbers: values
          text: Naps a week?
          options:
            - { id: few, text: "1 or 2" }
            - { id: many, text: "3 or more" }
      """,
    ])
    let outcome = DialogLoader.check(files)
    let warnings = outcome.diagnostics.filter { $0.code == .numericOptions }
    #expect(warnings.count == 1)
    #expect(warnings.first?.message.contains("'cups'") == true)
  }

  /// The byte-by-byte split of plain ASCII gives what the split by `Character` gives.
  @Test func wordsOfASCIIAreTheWordsByCharacter() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array(" \t\r\n!\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~\u{7F}")
    for length in 0..<40 {
      for _ in 0..<50 {
        let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? " " })
        let expected = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
          .joined(separator: " ")
        #expect(ChoiceMatcher.words(text) == expected, "\(text.debugDescription)")
      }
    }
    #expect(ChoiceMatcher.words("  Don't, 2 cafés!") == "Don't 2 cafés")
  }

  /// The options' own words, from the forms folded once, are what folding each option's text
  /// and aliases again says, for every question of the shipped dialog in English and Spanish.
  @Test func anOptionsOwnWordsAreKnownFromItsFoldedForms() throws {
    let english = try Self.shipped()
    let spanish = english.localized(try #require(english.translations.first))
    for dialog in [english, spanish] {
      for question in dialog.questions.values where !question.options.isEmpty {
        let matcher = ChoiceMatcher(options: question.options, numbers: question.numberReading ?? .ask)
        let candidates =
          question.options.flatMap { [$0.text] + $0.aliases }.map { ChoiceMatcher.words(ChoiceMatcher.fold($0)) }
          + ["friends and family", "depression", "ptsd and depression", "", "ansiedad y ptsd"]
        for words in candidates {
          let refolded = question.options.contains { option in
            ([option.text] + option.aliases).contains { ChoiceMatcher.words(ChoiceMatcher.fold($0)) == words }
          }
          #expect(matcher.areOptionsWords(words) == refolded, "\(question.id): \(words)")
        }
      }
    }
  }
}
