/// A length of time as people say it: "3 months", "about a year", "1 year and 2 months",
/// "18 months", "two years", "a year and a half", "6 wks". Each amount keeps the unit it was said
/// in; its length in the unit a question asks for is worked out beside it. A vague amount ("a few
/// weeks", "several months") is not a number: the kiosk asks for one.
enum DurationWords {
  /// The unit each spelling stands for, by its plural name.
  static let units: [String: String] = [
    "day": "days", "days": "days", "d": "days",
    "week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks", "w": "weeks", "weks": "weeks", "weeeks": "weeks",
    "month": "months", "months": "months", "mo": "months", "mos": "months", "mth": "months", "mths": "months",
    // Slips people make typing it ("3 monts" was refused while the kiosk echoed it back).
    "monts": "months", "mnths": "months", "monhs": "months", "moths": "months", "montsh": "months", "motnhs": "months",
    "year": "years", "years": "years", "yr": "years", "yrs": "years", "y": "years", "yeras": "years", "yaers": "years",
  ]
  /// Words before "a day", "a week" that make it how often, not how long: "three times a day",
  /// "once a week", "45 mg a day", "2 tablets a day" ("for 8 months" after it is the length).
  static let perWords: Set<String> = [
    "times", "time", "once", "twice", "thrice", "x", "mg", "mcg", "g", "ml", "tablet", "tablets", "pill", "pills",
    "capsule", "capsules", "puff", "puffs", "drop", "drops", "unit", "units", "iu", "dose", "doses",
  ]
  /// Days in each unit; a month is an average month, so a year is exactly 12 of them.
  static let days: [String: Double] = ["days": 1, "weeks": 7, "months": 30.4375, "years": 365.25]
  static let vague: Set<String> = ["few", "couple", "several", "some", "many", "lot", "lots"]
  /// Words around a duration that do not change it.
  static let ignored = NumberWords.hedges.union([
    "for", "and", "of", "old", "just", "over", "like", "now", "already", "total", "in",
  ])

  enum Reading: Equatable {
    /// The amounts as said, each in its unit ("1 year", "2 months").
    case parts([Quantity.Part])
    /// "a few weeks": understood as a duration, but not as a number.
    case vague
  }

  /// What `text` says as a length of time, or nil when it is not one.
  static func read(_ text: String) -> Reading? {
    // Words as `ChoiceMatcher.words` makes them, except that a decimal point stays: "1.5 months"
    // is one amount, not the two amounts "1" and "5".
    var plain = ""
    var rest = Substring(ChoiceMatcher.fold(text))
    while let character = rest.popFirst() {
      plain.append(character == "." && rest.first?.isNumber != true ? " " : character)
    }
    let spaced = plain.split { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "." }.joined(separator: " ")
    var words = NumberWords.digits(in: spaced).split(separator: " ").map(String.init)
    words.removeAll(where: ignored.contains)
    if words.contains(where: vague.contains), words.contains(where: { units[$0] != nil }) { return .vague }
    var parts: [Quantity.Part] = []
    var pending: Double?
    // An article ("a year") rather than a number ("1 and a half years").
    var article = false
    for word in words {
      if let number = Double(word), number.isFinite, number >= 0 {
        // "2 3 years" (from "2-3 years") is a range, not a length.
        if pending != nil, !article { return nil }
        pending = number
        article = false
      } else if word == "a" || word == "an" || word == "one" {
        // "half a year" keeps its half; "1 and a half" keeps its 1.
        if pending == nil {
          pending = 1
          article = true
        }
      } else if word == "half" {
        if let number = pending, !article {
          pending = number + 0.5  // "1 and a half years"
        } else if let last = parts.last, pending == nil || article {
          // "a year and a half": half of the unit just named.
          parts[parts.count - 1] = Quantity.Part(value: last.value + 0.5, unit: last.unit)
          pending = nil
        } else {
          pending = 0.5  // "half a year"
          article = false
        }
      } else if let unit = units[word] {
        parts.append(Quantity.Part(value: pending ?? 1, unit: unit))
        pending = nil
        article = false
      } else {
        return nil
      }
    }
    guard !parts.isEmpty, pending == nil else { return nil }
    return .parts(parts)
  }

  /// The first length of time inside a longer line ("for 3 months, didn't help"): one amount
  /// and its unit ("3 months", "a year"), and the words around it. Nil when there is none.
  static func find(in text: String) -> (parts: [Quantity.Part], rest: String)? {
    let words = NumberWords.digits(in: ChoiceMatcher.words(ChoiceMatcher.fold(text))).split(separator: " ")
      .map(String.init)
    for index in words.indices.dropLast() {
      guard let unit = units[words[index + 1]], words[index + 1].count > 1 else { continue }
      let word = words[index]
      let amount: Double? = ["a", "an", "one"].contains(word) ? 1 : Double(word).flatMap { $0.isFinite ? $0 : nil }
      guard let amount, amount >= 0 else { continue }
      if ["a", "an", "per"].contains(word), index > 0,
        perWords.contains(words[index - 1]) || Double(words[index - 1]) != nil
      {
        continue
      }
      // "for" before the amount goes with it.
      let start = index > 0 && words[index - 1] == "for" ? index - 1 : index
      return (
        [Quantity.Part(value: amount, unit: unit)], (words[..<start] + words[(index + 2)...]).joined(separator: " ")
      )
    }
    return nil
  }

  /// The length of `parts` in `unit` (any spelling above), or nil for a unit that is not time.
  static func length(_ parts: [Quantity.Part], in unit: String) -> Double? {
    guard let name = units[unit.lowercased()], let target = days[name] else { return nil }
    var total = 0.0
    for part in parts {
      guard let each = days[part.unit] else { return nil }
      total += part.value * each
    }
    // A finite number of years can be an infinite number of days.
    return total.isFinite ? total / target : nil
  }

  /// Whether `unit` is a unit of time.
  static func isTime(_ unit: String?) -> Bool { unit.map { units[$0.lowercased()] != nil } ?? false }
}
