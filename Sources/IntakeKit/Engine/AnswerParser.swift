import Foundation

/// Turns what a patient typed into an answer of the question's kind, or a plain-language message
/// saying what is expected. The dialog's own `invalid` message replaces the default wording.
struct AnswerParser {
  let question: Question
  let today: CalendarDate

  func parse(_ input: String) -> Result<Value, AnswerRejection> {
    let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
    switch question.kind {
    case .message:
      return .success(.missing)
    case .yesNo:
      return Self.yesNo(text).map { .success(.bool($0)) } ?? reject("Please answer yes or no.")
    case .choice(let options):
      return choose(text, from: options).map { .choice($0.id) }
    case .scale(_, let options):
      return choose(text, from: options).map { .number($0.score ?? 0) }
    case .multipleChoice(let options):
      return chooseSeveral(text, from: options)
    case .integer(let range):
      guard var number = Self.measure(text, range) else {
        return reject("Please type a whole number" + Self.rangeHint(range) + ".")
      }
      // An answer in another unit converts to a fraction; a whole number in the main unit must be whole.
      if Self.number(text, unit: range.unit) != nil {
        guard number.rounded() == number else {
          return reject("Please type a whole number" + Self.rangeHint(range) + ".")
        }
      } else {
        number = number.rounded()
      }
      return inRange(number, range)
    case .decimal(let range):
      guard let number = Self.measure(text, range) else {
        return reject("Please type a number" + Self.rangeHint(range) + ".")
      }
      return inRange(number, range)
    case .date(let rule):
      guard let date = CalendarDate.parse(text) else {
        return reject("Please type the date as month/day/year, for example 04/27/1986.")
      }
      if rule.notInFuture, date > today { return reject("That date is in the future. Please check it.") }
      if let years = rule.maximumYearsAgo, date.years(until: today) > years {
        return reject("That date is more than \(years) years ago. Please check it.")
      }
      return .success(.date(date))
    case .text(let maxLength, _):
      guard !text.isEmpty else { return reject("Please type an answer.") }
      switch TextLimit(characters: maxLength).excess(in: text) {
      case .characters(let typed):
        return .failure(
          AnswerRejection(message: "Please keep this under \(maxLength) characters (you typed \(typed))."))
      case .scalars, .bytes:
        // The visible count would be misleading here (it can be 1), and the text is not echoed.
        return .failure(
          AnswerRejection(
            message: "Please keep this under \(maxLength) characters. Accent marks and symbols joined to a letter "
              + "count as characters too."))
      case nil:
        return .success(.text(text))
      }
    case .bloodPressure:
      return bloodPressure(text)
    case .repeatGroup:
      return Self.yesNo(text).map { .success(.bool($0)) } ?? reject("Please answer yes or no.")
    }
  }

  private func reject(_ fallback: String) -> Result<Value, AnswerRejection> {
    .failure(AnswerRejection(message: question.invalidMessage ?? fallback))
  }

  static func yesNo(_ text: String) -> Bool? {
    switch ChoiceMatcher.fold(text) {
    case "y", "yes", "1", "yeah", "yep", "true": true
    case "n", "no", "2", "nope", "false": false
    default: nil
    }
  }

  private func choose(_ text: String, from options: [AnswerOption]) -> Result<AnswerOption, AnswerRejection> {
    switch ChoiceMatcher(options: options).match(text) {
    case .matched(let option): return .success(option)
    case .ambiguous(let candidates):
      return .failure(
        AnswerRejection(
          message: "That could be " + candidates.map { "\"\($0.text)\"" }.joined(separator: " or ")
            + ". Please type a little more, or the number."))
    case .none:
      return .failure(
        AnswerRejection(
          message: question.invalidMessage ?? "Please type the number of your answer (1 to \(options.count))."))
    }
  }

  private func chooseSeveral(_ text: String, from options: [AnswerOption]) -> Result<Value, AnswerRejection> {
    var pieces = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    // "1 3 4" is three numbers, not one answer.
    pieces = pieces.flatMap { piece -> [String] in
      let words = piece.split(separator: " ").map(String.init)
      return words.count > 1 && words.allSatisfy({ Int($0) != nil }) ? words : [piece]
    }.filter { !$0.isEmpty }
    guard !pieces.isEmpty else {
      return .failure(AnswerRejection(message: "Please type the numbers of all that apply, separated by commas."))
    }
    var chosen: [String] = []
    for piece in pieces {
      switch choose(piece, from: options) {
      case .success(let option): if !chosen.contains(option.id) { chosen.append(option.id) }
      case .failure(let rejection):
        return .failure(AnswerRejection(message: "\"\(piece)\": " + rejection.message))
      }
    }
    if chosen.count > 1, let exclusive = options.first(where: { $0.exclusive && chosen.contains($0.id) }) {
      return .failure(AnswerRejection(message: "\"\(exclusive.text)\" cannot be chosen together with other answers."))
    }
    let ordered = options.map(\.id).filter(chosen.contains)
    return .success(.choices(ordered))
  }

  /// A number, allowing the question's unit after it ("180 lb") and thousands separators.
  static func number(_ text: String, unit: String?) -> Double? {
    var cleaned = text.lowercased().replacingOccurrences(of: ",", with: "")
    if let unit = unit?.lowercased(), cleaned.hasSuffix(unit) { cleaned = String(cleaned.dropLast(unit.count)) }
    cleaned = cleaned.trimmingCharacters(in: .whitespaces)
    guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
      let number = Double(cleaned), number.isFinite
    else { return nil }
    return number
  }

  /// A number in the main unit, or a sum of numbers with units the question accepts
  /// ("80 kg", "5 ft 10 in", "5'10\""), converted to the main unit.
  static func measure(_ text: String, _ range: NumberRange) -> Double? {
    if let plain = number(text, unit: range.unit) { return plain }
    guard !range.otherUnits.isEmpty else { return nil }
    var factors = range.otherUnits
    if let unit = range.unit?.lowercased() { factors[unit] = 1 }
    var cleaned = text.lowercased().replacingOccurrences(of: ",", with: "")
    if factors["ft"] != nil { cleaned = cleaned.replacingOccurrences(of: "'", with: " ft ") }
    if factors["in"] != nil { cleaned = cleaned.replacingOccurrences(of: "\"", with: " in ") }
    let scanner = Scanner(string: cleaned)
    scanner.charactersToBeSkipped = .whitespaces
    var total = 0.0
    var parts = 0
    while !scanner.isAtEnd {
      guard let value = scanner.scanDouble(), let unit = scanner.scanCharacters(from: .letters),
        let factor = factors[unit] ?? factors[String(unit.dropLast())]  // "kgs", "feet" is not handled
      else { return nil }
      total += value * factor
      parts += 1
    }
    return parts > 0 ? total : nil
  }

  static func rangeHint(_ range: NumberRange) -> String {
    let unit = range.unit.map { " \($0)" } ?? ""
    switch (range.minimum, range.maximum) {
    case (let low?, let high?): return " from \(formatNumber(low)) to \(formatNumber(high))\(unit)"
    case (let low?, nil): return " of at least \(formatNumber(low))\(unit)"
    case (nil, let high?): return " of at most \(formatNumber(high))\(unit)"
    default: return unit.isEmpty ? "" : " in\(unit)"
    }
  }

  private func inRange(_ number: Double, _ range: NumberRange) -> Result<Value, AnswerRejection> {
    if let low = range.minimum, number < low { return reject("Please type a number" + Self.rangeHint(range) + ".") }
    if let high = range.maximum, number > high { return reject("Please type a number" + Self.rangeHint(range) + ".") }
    return .success(.number(number))
  }

  private func bloodPressure(_ text: String) -> Result<Value, AnswerRejection> {
    let parts = text.replacingOccurrences(of: "mmhg", with: "", options: .caseInsensitive)
      .split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, let systolic = Int(parts[0]), let diastolic = Int(parts[1]) else {
      return reject("Please type the reading as two numbers with a slash, for example 128/82.")
    }
    guard (60...300).contains(systolic), (30...200).contains(diastolic), systolic > diastolic else {
      return reject("That reading does not look right. The first number is usually larger, for example 128/82.")
    }
    return .success(.bloodPressure(BloodPressure(systolic: systolic, diastolic: diastolic)))
  }
}

/// Why an answer was not accepted, in words for the patient.
public struct AnswerRejection: Error, Equatable, Sendable {
  public var message: String
  /// The answer is possible but unlikely: ask the patient to confirm it rather than refuse it.
  public var needsConfirmation = false

  public init(message: String, needsConfirmation: Bool = false) {
    self.message = message
    self.needsConfirmation = needsConfirmation
  }
}
