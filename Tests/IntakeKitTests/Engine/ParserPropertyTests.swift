import Foundation
import IntakeTestSupport
import PropertyBased
import Testing

@testable import IntakeKit

/// Properties of the answer parsers over generated input rather than chosen examples: they
/// never crash, they never accept what they cannot represent, and what they show or what a
/// patient writes in the usual forms reads back to the same value. A failure prints the input
/// and a `.fixedSeed(...)` that reproduces it.
@Suite struct ParserPropertyTests {
  /// The shipped weight question: pounds, kilograms accepted.
  static let weight = NumberRange(minimum: 60, maximum: 700, unit: "lb", otherUnits: ["kg": 2.20462])
  /// The shipped height question: inches; feet, centimetres and metres accepted.
  static let height = NumberRange(
    minimum: 36, maximum: 96, unit: "in", otherUnits: ["ft": 12, "cm": 0.393701, "m": 39.3701])
  /// The shipped antidepressant-trial question: weeks, any length of time accepted.
  static let weeks = NumberRange(minimum: 0, maximum: 1000, unit: "weeks")
  /// A question with a unit and no bounds, where nothing after the parser would catch a
  /// number it should not have given.
  static let unbounded = NumberRange(unit: "lb", otherUnits: ["kg": 2.20462])

  /// Close enough for a value computed two ways in floating point.
  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }

  /// How long `text` says in `unit`, nil when it is vague or not a length of time.
  static func length(_ text: String, in unit: String) -> Double? {
    guard case .parts(let parts)? = DurationWords.read(text) else { return nil }
    return DurationWords.length(parts, in: unit)
  }

  /// What is wrong with an amount kept at a question with `range`, or nil: every part as given
  /// and the value in the question's unit are finite, and the value is within the range.
  static func problem(_ amount: Quantity, _ range: NumberRange) -> String? {
    guard amount.parts.allSatisfy({ $0.value.isFinite }) else { return "a part is not finite: \(amount)" }
    guard let number = amount.value else { return amount.ongoing ? nil : "no value: \(amount)" }
    guard number.isFinite else { return "not finite: \(number)" }
    return range.allows(number) ? nil : "out of range: \(number)"
  }

  // MARK: Never crashes, never accepts what it cannot represent

  /// A number the kiosk stores is used in scores, doses and findings: whatever is typed (a
  /// 400-digit number, `nan`, emoji), it is a finite number or not a number at all.
  @Test func aNumberIsFiniteOrNothing() async {
    await propertyCheck(count: 300, input: TypedLines.any()) { line in
      for text in [line, line + " lb", String(line.filter { $0.isNumber || $0 == "." || $0 == "-" })] {
        if let number = AnswerParser.number(text, unit: "lb") { #expect(number.isFinite, "\(text.debugDescription)") }
      }
    }
  }

  /// A weight or height is finite whatever is typed: a number too large for a Double after
  /// converting kilograms or feet must be refused, not stored as infinity.
  @Test func aMeasureIsFiniteOrNothing() async {
    let lines = Gen.oneOf(TypedLines.any(), TypedLines.measure, TypedLines.duration)
    await propertyCheck(count: 400, input: lines) { line in
      for range in [Self.weight, Self.height, Self.weeks, Self.unbounded] {
        if let amount = AnswerParser.measure(line, range) {
          #expect(amount.value?.isFinite == true, "\(line.debugDescription) in \(range.unit ?? ""): \(amount)")
          #expect(amount.parts.allSatisfy { $0.value.isFinite }, "\(line.debugDescription): \(amount)")
        }
      }
    }
  }

  /// A length of time is a number of the asked unit, finite and not negative, or vague, or
  /// not a length of time: `nan weeks` is not "some weeks".
  @Test func aDurationIsFiniteOrVagueOrNothing() async {
    let lines = Gen.oneOf(TypedLines.any(), TypedLines.duration)
    await propertyCheck(count: 400, input: lines) { line in
      if case .parts(let parts)? = DurationWords.read(line) {
        #expect(parts.allSatisfy { $0.value.isFinite && $0.value >= 0 }, "\(line.debugDescription): \(parts)")
      }
      for unit in ["days", "weeks", "months", "years"] {
        if let value = Self.length(line, in: unit) {
          #expect(value.isFinite && value >= 0, "\(line.debugDescription) in \(unit): \(value)")
        }
      }
    }
  }

  /// A count read from words is a plain whole number the session can hold: never negative,
  /// never larger than nine digits, whatever else is on the line.
  @Test func numberWordsGiveSmallWholeNumbersOrNothing() async {
    await propertyCheck(count: 300, input: TypedLines.any()) { line in
      _ = NumberWords.digits(in: line)
      _ = AnswerParser.spokenNumber(line, allowsZero: true)
      if let value = NumberWords.value(line) { #expect((0...999_999_999).contains(value), "\(line.debugDescription)") }
    }
  }

  /// Every question of the shipped dialog, given anything at all: what it keeps is a value the
  /// session, the summary and the sealed record can hold (a finite number in the question's
  /// range, a real date its rule allows, text within its limits, an option it has).
  @Test func noShippedQuestionKeepsWhatItCannotRepresent() async throws {
    let dialog = try TestSupport.shippedDialog()
    let questions = dialog.questions.values.filter { !$0.kind.isMessage }.sorted { $0.id < $1.id }
    let today = CalendarDate(TestSupport.fixedInstant, in: TimeZone(identifier: "UTC") ?? .current)
    let lines = Gen.oneOf(TypedLines.any(), TypedLines.measure, TypedLines.duration, TypedLines.date)
    await propertyCheck(count: 400, input: zip(Gen.int(in: 0...(questions.count - 1)), lines)) { index, line in
      let question = questions[index]
      for confirmed in [false, true] {
        let parser = AnswerParser(question: question, today: today, confirmed: confirmed)
        guard case .success(let value) = parser.parse(line) else { continue }
        let problem = Self.unrepresentable(value, question, today)
        #expect(problem == nil, "\(question.id) ← \(line.debugDescription): \(problem ?? "")")
      }
    }
  }

  /// What is wrong with `value` as an answer to `question`, or nil.
  static func unrepresentable(_ value: Value, _ question: Question, _ today: CalendarDate) -> String? {
    switch (question.kind, value) {
    case (.integer(let range), .quantity(let amount)), (.decimal(let range), .quantity(let amount)):
      return problem(amount, range)
    case (.duration(let rule), .quantity(let amount)):
      return problem(amount, rule.range)
    case (.integer(let range), .number(let number)), (.decimal(let range), .number(let number)):
      guard number.isFinite else { return "not finite: \(number)" }
      return range.allows(number) ? nil : "out of range: \(number)"
    case (.scale(_, let options), .number(let score)):
      return options.contains { ($0.score ?? 0) == score } ? nil : "no option scores \(score)"
    case (.date(let rule), .date(let date)):
      guard CalendarDate(year: date.year, month: date.month, day: date.day) == date else { return "no such date" }
      return DateReading.readings(date.description, rule: rule, today: today) == [date] ? nil : "not allowed"
    case (.text(let maxLength, _), .text(let text)):
      return TextLimit(characters: maxLength).excess(in: text) == nil && !text.isEmpty ? nil : "over the limit"
    case (.choice(let options), .choice(let id)):
      return options.contains { $0.id == id } ? nil : "no option \(id)"
    case (.multipleChoice(let options), .choices(let ids)):
      return !ids.isEmpty && ids.allSatisfy({ id in options.contains { $0.id == id } }) ? nil : "bad options \(ids)"
    case (.yesNo, .bool), (.repeatGroup, .bool), (_, .missing): return nil
    case (.bloodPressure, .bloodPressure(let reading)):
      return reading.systolic > reading.diastolic ? nil : "reading \(reading)"
    default: return "a \(value) for a \(question.kind.name) question"
    }
  }

  /// Very long lines (pastes, a key held down, a flood of marks) are read or refused in
  /// reasonable time by every parser, without a crash.
  @Test(.timeLimit(.minutes(1))) func veryLongLinesAreReadWithoutCrashing() async {
    let options = [AnswerOption(id: "a", text: "Not at all"), AnswerOption(id: "b", text: "1 or 2 times a week")]
    await propertyCheck(count: 6, input: TypedLines.any(pieces: 500...1500)) { line in
      _ = AnswerParser.yesNo(line)
      _ = AnswerParser.spokenNumber(line, allowsZero: true)
      _ = AnswerParser.number(line, unit: "lb")
      _ = AnswerParser.measure(line, Self.height)
      _ = AnswerParser.measure(line, Self.weeks)
      _ = NumberWords.value(line)
      _ = DateReading.readings(line)
      _ = ChoiceMatcher(options: options).match(line)
      _ = PersonName.read(line)
      #expect(TextLimit(characters: 500).excess(in: line) != nil || line.count <= 500)
    }
  }

  // MARK: Round trips

  /// A number as the kiosk shows it ("Your answer was: 182.5 lb") reads back to that number.
  @Test func aShownNumberReadsBack() async {
    let numbers = zip(Gen.int(in: -1_000_000_000...1_000_000_000), Gen.int(in: 0...290)).map { hundredths, power in
      Double(hundredths) / 100 * pow(10, Double(power / 10))
    }
    await propertyCheck(count: 300, input: numbers) { number in
      let shown = formatNumber(number) + " lb"
      let read = AnswerParser.number(shown, unit: "lb")
      #expect(read.map { abs($0 - number) <= max(0.005, abs(number) * 1e-12) } == true, "\(shown) → \(read as Any)")
    }
  }

  /// A weight written the ways people write it reads back in pounds: "80 kg", "80kg", "176
  /// pounds". A wrong factor here changes a dose.
  @Test func aWeightReadsBackInPounds() async {
    let forms = ["%@ kg", "%@kg", "%@ kilos", "%@ kilograms", "%@ lb", "%@ lbs", "%@ pounds", "%@"]
    let input = zip(Gen.int(in: 1...6000), Gen.int(in: 0...(forms.count - 1)))
    await propertyCheck(count: 300, input: input) { tenths, form in
      let amount = formatNumber(Double(tenths) / 10)
      let line = forms[form].replacingOccurrences(of: "%@", with: amount)
      let expected = Double(tenths) / 10 * (form < 4 ? 2.20462 : 1)
      let read = AnswerParser.measure(line, Self.weight)?.value
      #expect(read.map { Self.close($0, expected) } == true, "\(line) → \(read as Any), not \(expected)")
    }
  }

  /// A height in feet and inches ("5 ft 10 in", "5'10", "5’10”", "5 foot 10"), in centimetres or
  /// in metres reads back in inches.
  @Test func aHeightReadsBackInInches() async {
    let input = zip(Gen.int(in: 0...8), Gen.int(in: 0...11), Gen.int(in: 0...8), Gen.int(in: 50...250))
    await propertyCheck(count: 300, input: input) { feet, inches, form, centimetres in
      let (line, expected): (String, Double)
      switch form {
      case 0: (line, expected) = ("\(feet) ft \(inches) in", Double(feet * 12 + inches))
      case 1: (line, expected) = ("\(feet)'\(inches)", Double(feet * 12 + inches))
      case 2: (line, expected) = ("\(feet)'\(inches)\"", Double(feet * 12 + inches))
      case 3: (line, expected) = ("\(feet)\u{2019}\(inches)\u{201D}", Double(feet * 12 + inches))
      case 4: (line, expected) = ("\(feet) foot \(inches)", Double(feet * 12 + inches))
      case 5: (line, expected) = ("\(feet) feet and \(inches).5 inches", Double(feet * 12 + inches) + 0.5)
      case 6: (line, expected) = ("\(centimetres) cm", Double(centimetres) * 0.393701)
      case 7: (line, expected) = ("\(centimetres)cm", Double(centimetres) * 0.393701)
      default: (line, expected) = (formatNumber(Double(centimetres) / 100) + " m", Double(centimetres) / 100 * 39.3701)
      }
      let read = AnswerParser.measure(line, Self.height)?.value
      #expect(read.map { Self.close($0, expected) } == true, "\(line) → \(read as Any), not \(expected)")
    }
  }

  /// "N months" at a question asked in weeks is N × 30.4375 / 7 weeks, whole or not: how long
  /// a medicine was tried decides whether the trial counts.
  @Test func monthsReadBackInWeeks() async {
    let input = zip(Gen.int(in: 0...600), Gen.int(in: 0...3))
    await propertyCheck(count: 300, input: input) { tenths, form in
      let amount = formatNumber(Double(tenths) / 10)
      let line = ["\(amount) months", "about \(amount) months", "\(amount) mos", "for \(amount) months"][form]
      let expected = Double(tenths) / 10 * 30.4375 / 7
      let read = Self.length(line, in: "weeks")
      #expect(read.map { Self.close($0, expected) } == true, "\(line) → \(read as Any), not \(expected)")
    }
  }

  /// "2 and a half years", "two and a half months", "3 weeks and a half", "half a year": the
  /// half is added to the amount, never put in its place.
  @Test func halvesAreAdded() async {
    let units = ["day", "week", "month", "year"]
    await propertyCheck(count: 300, input: zip(Gen.int(in: 1...40), Gen.int(in: 0...3), Gen.int(in: 0...4))) {
      number, unit, form in
      let name = units[unit]
      let line: String
      var amount = Double(number) + 0.5
      switch form {
      case 0: line = "\(number) and a half \(name)s"
      case 1: line = "\(TypedLines.words(for: number % 100, style: 0)) and a half \(name)s"
      case 2: line = "\(number) \(name)s and a half"
      case 3: line = "about \(number) and half \(name)s"
      default:
        line = "half a \(name)"
        amount = 0.5
      }
      let expected = amount * (DurationWords.days[name + "s"] ?? .nan) / 7
      let read = Self.length(line, in: "weeks")
      #expect(read.map { Self.close($0, expected) } == true, "\(line) → \(read as Any), not \(expected)")
    }
  }

  /// Two amounts in a row ("1 1/2 years", "1,5 months", "2 6 weeks") are not a length of time:
  /// asked again, rather than read as the last number alone.
  @Test func twoAmountsInARowAreNotADuration() async {
    let input = zip(Gen.int(in: 0...99), Gen.int(in: 0...99), Gen.int(in: 2...9), Gen.int(in: 0...2))
    await propertyCheck(count: 200, input: input) { first, second, third, form in
      let line = ["\(first) \(second)/\(third) years", "\(first),\(second) months", "\(first) \(second) weeks"][form]
      #expect(DurationWords.read(line) == nil, "\(line)")
    }
  }

  /// "N years and M months" at a question asked in months adds up: neither part is dropped
  /// from how long a patient has been ill or on a medicine.
  @Test func yearsAndMonthsAddUp() async {
    await propertyCheck(count: 200, input: zip(Gen.int(in: 1...40), Gen.int(in: 1...11))) { years, months in
      let line = "\(years) years and \(months) months"
      let expected = (Double(years) * 365.25 + Double(months) * 30.4375) / 30.4375
      let read = Self.length(line, in: "months")
      #expect(read.map { Self.close($0, expected) } == true, "\(line) → \(read as Any), not \(expected)")
    }
  }

  /// A whole number written in words, hedged or not, reads back to the number, alone or in a
  /// sentence: "twenty-five", "about Forty", "took nine pills".
  @Test func wholeNumbersInWordsReadBack() async {
    await propertyCheck(count: 300, input: TypedLines.numberInWords) { number, words in
      #expect(NumberWords.value(words) == number, "\(words)")
      #expect(NumberWords.digits(in: "took \(words) pills") == "took \(number) pills", "\(words)")
      #expect(AnswerParser.spokenNumber("about \(words)", allowsZero: true) == String(number), "\(words)")
    }
  }

  /// Digits read back to the number they spell, up to nine digits.
  @Test func digitsReadBack() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...999_999_999)) { number in
      #expect(NumberWords.value(String(number)) == number)
      #expect(AnswerParser.spokenNumber("~\(number)", allowsZero: false) == String(number))
    }
  }

  /// A yes with polite filler is a yes, a no with filler is a no, and a line with both is not
  /// an answer: the kiosk asks again rather than guess which the patient meant.
  @Test func yesAndNoWithFillerAndNeverBoth() async {
    let yes = AnswerParser.yesWords.sorted()
    let no = AnswerParser.noWords.sorted()
    let filler = AnswerParser.fillerWords.sorted()
    let input = zip(
      Gen.int(in: 0...(yes.count - 1)), Gen.int(in: 0...(no.count - 1)),
      Gen.int(in: 0...(filler.count - 1)).array(of: 0...3), Gen.int(in: 0...3))
    await propertyCheck(count: 300, input: input) { yesIndex, noIndex, fillerIndices, position in
      let fillers = fillerIndices.map { filler[$0] }
      func line(_ words: [String]) -> String {
        var all = fillers
        for word in words { all.insert(word, at: min(position, all.count)) }
        return all.joined(separator: " ")
      }
      #expect(AnswerParser.yesNo(line([yes[yesIndex]])) == true, "\(line([yes[yesIndex]]))")
      #expect(AnswerParser.yesNo(line([no[noIndex]])) == false, "\(line([no[noIndex]]))")
      let both = line([yes[yesIndex], no[noIndex]])
      #expect(AnswerParser.yesNo(both) == nil, "\(both)")
    }
  }

  /// Whatever is typed at a yes-or-no question, reading it never crashes.
  @Test func yesNoReadsAnyLine() async {
    await propertyCheck(count: 300, input: TypedLines.any()) { line in
      if let answer = AnswerParser.yesNo(line) {
        // An answer needs a word for it: a line of no letters or digits is never a yes or a no.
        #expect(line.contains { $0.isLetter || $0.isNumber }, "\(line.debugDescription) → \(answer)")
      }
    }
  }

  // MARK: Inputs the properties found

  /// `Double` reads "nan" and "inf": "nan weeks" was kept as NaN weeks at the trial question
  /// (NaN passes both range checks). A 306-digit number of years is finite, but not in weeks:
  /// it was infinity, kept wherever the question has no maximum.
  @Test func notANumberOfWeeksIsRefused() throws {
    #expect(DurationWords.read("nan weeks") == nil)
    #expect(Self.length(String(repeating: "5", count: 306) + " y", in: "weeks") == nil)
    let dialog = try TestSupport.shippedDialog()
    let question = try #require(dialog.questions["trial_weeks"])
    let today = CalendarDate(TestSupport.fixedInstant, in: TimeZone(identifier: "UTC") ?? .current)
    let parser = AnswerParser(question: question, today: today)
    #expect(throws: AnswerRejection.self) { try parser.parse("nan weeks").get() }
    #expect(throws: AnswerRejection.self) { try parser.parse("inf months").get() }
    #expect(throws: AnswerRejection.self) { try parser.parse(String(repeating: "9", count: 306) + " years").get() }
  }

  /// A refusal at a height question suggests feet from the number typed: a number past
  /// `Int.max` ("99999999999999999999 stone") crashed the kiosk converting it.
  @Test func aHugeNumberInAnUnknownUnitIsRefusedWithoutACrash() throws {
    let dialog = try TestSupport.shippedDialog()
    let today = CalendarDate(TestSupport.fixedInstant, in: TimeZone(identifier: "UTC") ?? .current)
    for id in ["height", "weight"] {
      let parser = AnswerParser(question: try #require(dialog.questions[id]), today: today)
      for typed in ["99999999999999999999 stone", String(repeating: "9", count: 400) + " x"] {
        #expect(throws: AnswerRejection.self) { try parser.parse(typed).get() }
      }
    }
  }

  /// 308 nines of kilograms is a finite number of kilograms but not of pounds: it was returned
  /// as infinity, kept wherever the question has no maximum.
  @Test func aWeightTooLargeInPoundsIsNoWeight() {
    let huge = String(repeating: "9", count: 308)
    #expect(AnswerParser.measure(huge + " kg", Self.unbounded) == nil)
    #expect(AnswerParser.measure(huge + " lb " + huge + " lb", Self.unbounded) == nil)
    #expect(AnswerParser.measure(huge + " ft", Self.height) == nil)
  }

  /// The decimal point was a word break: "1.5 months" and "0.1 months" were two amounts (read
  /// as the last one, or refused), ".5 years" was 5 years. A full stop after a word is still no
  /// part of it.
  @Test func aDecimalAmountOfTimeKeepsItsPoint() {
    #expect(
      Self.length("1.5 months", in: "weeks").map { Self.close($0, 1.5 * 30.4375 / 7) } == true)
    #expect(
      Self.length("0.1 months", in: "weeks").map { Self.close($0, 0.1 * 30.4375 / 7) } == true)
    #expect(Self.length("about 2.5 years.", in: "months") == 30)
    #expect(Self.length(".5 years", in: "months") == 6)
    #expect(Self.length("3 months...", in: "months") == 3)
  }

  /// The last of two amounts in a row won: "1 1/2 years" was 2 years, "1,5 months" 5 months,
  /// "1,000 days" 0 days. Now they are not read, and the question is asked again.
  @Test func twoAmountsInARowAreAskedAgain() {
    #expect(DurationWords.read("1 1/2 years") == nil)
    #expect(DurationWords.read("1,5 months") == nil)
    #expect(DurationWords.read("1,000 days") == nil)
  }

  /// "2 and a half years" was half a year: the article reset the 2 and the half replaced it.
  @Test func andAHalfIsAddedToTheNumber() {
    #expect(Self.length("2 and a half years", in: "months") == 30)
    #expect(Self.length("one and a half years", in: "months") == 18)
    #expect(Self.length("a year and a half", in: "months") == 18)
    #expect(Self.length("half a year", in: "months") == 6)
  }
}
