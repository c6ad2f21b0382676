import Foundation

/// Reads a date the ways people type one: `04/27/1986`, `4/27/86`, `27/04/1986` (day first when
/// the first number cannot be a month), `1986-04-27`, `27.04.1986`, `April 27, 1986`,
/// `27 April 1986`, `27th of April 1986`, `Apr 27 86`. It returns every reading that could be
/// meant, so the kiosk can ask back rather than guess: `09/11/1985` gives two, 9 November and
/// 11 September; a two-digit year gives both centuries unless the question rules one out.
enum DateReading {
  /// Every calendar date `text` can stand for, before any rule of the question; empty when it
  /// is not a date at all.
  static func readings(_ text: String) -> [CalendarDate] {
    let tokens = Self.tokens(text)
    guard tokens.count == 3 else { return [] }
    var candidates: [(year: Int, month: Int, day: Int)] = []
    let months = tokens.enumerated().compactMap { index, token in Self.month(token).map { (index, $0) } }
    if months.count == 1, let (index, month) = months.first {
      // A month in words: the other two are the day and the year, in either order.
      let rest = tokens.enumerated().filter { $0.offset != index }.compactMap { Self.number($0.element) }
      guard rest.count == 2 else { return [] }
      for (day, year) in [(rest[0], rest[1]), (rest[1], rest[0])] where day.digits <= 2 {
        for full in Self.years(year) { candidates.append((full, month, day.value)) }
      }
    } else if months.isEmpty {
      let numbers = tokens.compactMap(Self.number)
      guard numbers.count == 3 else { return [] }
      if numbers[0].digits == 4 {
        // 1986-04-27: year first is always year, month, day.
        candidates.append((numbers[0].value, numbers[1].value, numbers[2].value))
      } else if numbers[0].digits <= 2, numbers[1].digits <= 2, [2, 4].contains(numbers[2].digits) {
        for year in Self.years(numbers[2]) {
          candidates.append((year, numbers[0].value, numbers[1].value))  // month first (US)
          candidates.append((year, numbers[1].value, numbers[0].value))  // day first
        }
      }
    }
    var seen = Set<CalendarDate>()
    return candidates.compactMap { CalendarDate(year: $0.year, month: $0.month, day: $0.day) }
      .filter { seen.insert($0).inserted }
  }

  /// The readings a question allows: not in the future, not too long ago, as its rule says.
  static func readings(_ text: String, rule: DateRule, today: CalendarDate) -> [CalendarDate] {
    readings(text).filter { date in
      if rule.notInFuture, date > today { return false }
      if let years = rule.maximumYearsAgo, date.years(until: today) > years { return false }
      return true
    }
  }

  private struct Number {
    var value: Int
    var digits: Int
  }

  private static let tokenSeparators = CharacterSet(charactersIn: " /-.,\t")

  /// Splits on spaces, slashes, dashes, dots and commas; drops "of" and ordinal endings.
  private static func tokens(_ text: String) -> [String] {
    let folded = ChoiceMatcher.fold(text)
    return folded.components(separatedBy: tokenSeparators).filter { !$0.isEmpty && $0 != "of" && $0 != "the" }.map {
      token in
      for suffix in ["st", "nd", "rd", "th"] where token.hasSuffix(suffix) {
        let stem = token.dropLast(2)
        if !stem.isEmpty, stem.allSatisfy(\.isNumber) { return String(stem) }
      }
      return token
    }
  }

  private static func number(_ token: String) -> Number? {
    guard !token.isEmpty, token.count <= 4, token.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(token)
    else { return nil }
    return Number(value: value, digits: token.count)
  }

  /// A two-digit year could be either century; four digits are what they say.
  private static func years(_ number: Number) -> [Int] {
    switch number.digits {
    case 4: [number.value]
    case 2: [1900 + number.value, 2000 + number.value]
    default: []
    }
  }

  static let monthNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]

  /// `apr`, `april`, `sept`: a month's name or its first three (or four) letters.
  private static func month(_ token: String) -> Int? {
    guard token.count >= 3, token.allSatisfy(\.isLetter) else { return nil }
    return monthNames.firstIndex { $0 == token || ($0.hasPrefix(token) && token.count <= 4) }.map { $0 + 1 }
  }
}

extension CalendarDate {
  /// Every date `text` can stand for (see `DateReading`): none, one, or two when the day and the
  /// month could be swapped or the century is not said.
  public static func readings(_ text: String) -> [CalendarDate] { DateReading.readings(text) }

  /// The date in words, day first, so it reads the same to everyone: `27 April 1986`.
  public var spoken: String { spoken(.english) }

  /// The date in words in the patient's language ("27 de abril de 1986").
  public func spoken(_ words: KioskWords) -> String {
    words(
      .dateSpoken,
      [
        "day": String(day), "year": String(year),
        // English capitalises its months; the language writes its own as it gives them.
        "month": words.language == nil
          ? DateReading.monthNames[month - 1].capitalized : words.say(DateReading.monthNames[month - 1]),
      ])
  }
}
