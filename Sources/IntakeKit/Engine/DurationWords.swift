/// A length of time as people say it, read in the unit a question asks for: "3 months",
/// "about a year", "1 year and 2 months", "18 months", "two years", "a year and a half", "6 wks".
/// A vague amount ("a few weeks", "several months") is not a number: the kiosk asks for one.
enum DurationWords {
  /// Days in each unit; a month is an average month.
  static let days: [String: Double] = [
    "day": 1, "days": 1, "d": 1,
    "week": 7, "weeks": 7, "wk": 7, "wks": 7, "w": 7,
    "month": 30.4375, "months": 30.4375, "mo": 30.4375, "mos": 30.4375, "mth": 30.4375, "mths": 30.4375,
    "year": 365.25, "years": 365.25, "yr": 365.25, "yrs": 365.25, "y": 365.25,
  ]
  static let vague: Set<String> = ["few", "couple", "several", "some", "many", "lot", "lots"]
  /// Words around a duration that do not change it.
  static let ignored = NumberWords.hedges.union(["for", "and", "of", "old", "just", "over", "like"])

  /// What `text` says in `unit` (one of the keys above), or nil when it is not a duration.
  static func value(_ text: String, in unit: String) -> Reading? {
    guard let target = days[unit.lowercased()] else { return nil }
    var words = NumberWords.digits(in: ChoiceMatcher.words(ChoiceMatcher.fold(text))).split(separator: " ")
      .map(String.init)
    words.removeAll(where: ignored.contains)
    if words.contains(where: vague.contains) { return .vague }
    var total = 0.0
    var pending: Double?
    var parts = 0
    var index = 0
    while index < words.count {
      let word = words[index]
      if let number = Double(word) {
        pending = number
      } else if word == "a" || word == "an" || word == "one" {
        // "half a year": the article does not undo the half.
        if pending != 0.5 { pending = 1 }
      } else if word == "half" {
        // "a year and a half": half of the unit just named; "half a year": half of the next.
        if pending == nil || pending == 1, parts > 0, let last = lastUnit(words, before: index) {
          total += 0.5 * last
          pending = nil
        } else {
          pending = 0.5
        }
      } else if let unitDays = days[word] {
        total += (pending ?? 1) * unitDays
        pending = nil
        parts += 1
      } else {
        return nil
      }
      index += 1
    }
    guard parts > 0, pending == nil else { return nil }
    return .days(total / target)
  }

  private static func lastUnit(_ words: [String], before index: Int) -> Double? {
    words[..<index].last(where: { days[$0] != nil }).flatMap { days[$0] }
  }

  enum Reading: Equatable {
    /// The duration in the asked unit.
    case days(Double)
    /// "a few weeks": understood as a duration, but not as a number.
    case vague
  }
}
