/// The span of time an option's text stands for, when the options are bands of time: "Less than
/// 6 months", "6 to 12 months", "1 to 2 years", "More than 2 years". A length of time the patient
/// types ("3 years", "about 8 months", "2-3 years") then chooses the band it falls in, and one on
/// a boundary ("a year") is asked back with both bands.
struct DurationBand: Equatable {
  /// In days; nil for an open end.
  var lowest: Double?
  var highest: Double?
  /// Whether the ends themselves are in the band ("6 to 12 months": yes; "more than 2 years": no).
  var openLow = false
  var openHigh = false

  /// The band of an option's text already folded and cut into words
  /// (`ChoiceMatcher.words(ChoiceMatcher.fold(text))`), as the matcher keeps every option's.
  init?(words folded: String) {
    let words = NumberWords.digits(in: folded).split(separator: " ").map(String.init)
    guard let unitWord = words.last(where: { DurationWords.units[$0] != nil && $0.count > 1 }),
      let unit = DurationWords.units[unitWord], let days = DurationWords.days[unit]
    else { return nil }
    let numbers = words.compactMap { Double($0) }
    let phrase = " " + words.joined(separator: " ") + " "
    // "2 to 4 times a month" is how often, not how long.
    let frequency = [" times ", " time ", " per ", " every ", " a day ", " a week ", " a month ", " a year "]
    guard !frequency.contains(where: { phrase.containsText($0) }) else { return nil }
    switch numbers.count {
    case 1 where phrase.containsText(" less than ") || phrase.containsText(" under ") || phrase.containsText(" up to "):
      highest = numbers[0] * days
      openHigh = !phrase.containsText(" up to ")
    case 1
    where phrase.containsText(" more than ") || phrase.containsText(" over ") || phrase.containsText(" or more "):
      lowest = numbers[0] * days
      openLow = !phrase.containsText(" or more ")
    case 2:
      lowest = numbers[0] * days
      highest = numbers[1] * days
    default:
      return nil
    }
  }

  /// Whether any of `low...high` (days) falls in the band.
  func overlaps(_ low: Double, _ high: Double) -> Bool {
    let aboveLow = lowest.map { openLow ? high > $0 : high >= $0 } ?? true
    let belowHigh = highest.map { openHigh ? low < $0 : low <= $0 } ?? true
    return aboveLow && belowHigh
  }

  /// The span of time typed, in days: one length ("3 years") or a range ("2-3 years", "2 to 3
  /// years"); nil when it is not a length of time.
  static func typedSpan(_ text: String) -> (low: Double, high: Double)? {
    let words = NumberWords.digits(in: ChoiceMatcher.words(ChoiceMatcher.fold(text))).split(separator: " ")
      .map(String.init)
    let numbers = words.compactMap { Double($0) }
    if numbers.count == 2, let unitWord = words.last(where: { DurationWords.units[$0] != nil }),
      let unit = DurationWords.units[unitWord], let days = DurationWords.days[unit],
      words.contains(where: { ["to", "or"].contains($0) }) || text.contains("-" as Character)
    {
      return (min(numbers[0], numbers[1]) * days, max(numbers[0], numbers[1]) * days)
    }
    guard case .parts(let parts)? = DurationWords.read(text), let length = DurationWords.length(parts, in: "days")
    else { return nil }
    return (length, length)
  }
}
