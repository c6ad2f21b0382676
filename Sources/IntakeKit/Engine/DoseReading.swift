/// A dose as people say it: "20 mg", "20mg", "0.5 mg", "half a milligram", "25 mcg", "one and a
/// half tablets", "1/2 tab". The amount is kept in the unit it was given in: 25 mcg stays 25 mcg,
/// never 0.03 mg.
enum DoseReading {
  /// Each spelling of a dose unit, and the symbol it is kept as.
  static let units: [String: String] = [
    "mg": "mg", "mgs": "mg", "milligram": "mg", "milligrams": "mg", "milligramme": "mg", "milligrammes": "mg",
    "mcg": "mcg", "µg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
    "g": "g", "gm": "g", "gram": "g", "grams": "g",
    "ml": "mL", "mls": "mL", "millilitre": "mL", "millilitres": "mL", "milliliter": "mL", "milliliters": "mL",
    "cc": "mL",
    "unit": "units", "units": "units", "iu": "units", "u": "units",
    "tablet": "tablets", "tablets": "tablets", "tab": "tablets", "tabs": "tablets", "pill": "tablets",
    "pills": "tablets", "capsule": "capsules", "capsules": "capsules", "cap": "capsules", "caps": "capsules",
    "puff": "puffs", "puffs": "puffs", "drop": "drops", "drops": "drops", "spray": "sprays", "sprays": "sprays",
    "patch": "patches", "patches": "patches", "%": "%",
  ]

  /// The line as lower-case words, numbers split from the units after them ("20mg" → "20 mg"),
  /// number words as digits, and "1/2" or "½" as 0.5.
  static func words(_ text: String) -> [String] {
    var spaced = ""
    for character in ChoiceMatcher.fold(text).replacingOccurrences(ofText: "½", with: " 0.5 ")
      .replacingOccurrences(ofText: "¼", with: " 0.25 ")
    {
      if let previous = spaced.last, previous.isNumber, character.isLetter || character == "%" || character == "µ" {
        spaced.append(" ")
      }
      spaced.append(character == "," || character == "(" || character == ")" ? " " : character)
    }
    return NumberWords.digits(in: spaced).split(separator: " ").map { word in
      // A simple fraction of a tablet ("1/2", "3/4"); "150/50" is a combination, not a fraction.
      let pieces = word.split(separator: "/")
      if pieces.count == 2, let top = Double(pieces[0]), let bottom = Double(pieces[1]), top < bottom,
        [2, 3, 4].contains(bottom)
      {
        return formatNumber(top / bottom)
      }
      return String(word)
    }
  }

  /// The whole line read as one dose, or nil when it is anything more or less.
  static func read(_ text: String) -> Quantity.Part? {
    let words = NumberWords.withoutTrailingHedges(words(text).filter { !NumberWords.hedges.contains($0) })
    guard let (part, used) = amount(words, from: 0), used == words.count else { return nil }
    return part
  }

  /// The first dose inside a longer line ("20mg every morning"), and the words around it.
  static func find(in text: String) -> (part: Quantity.Part, rest: String)? {
    let words = words(text)
    for start in words.indices {
      if let (part, end) = amount(words, from: start) {
        return (part, (words[..<start] + words[end...]).joined(separator: " "))
      }
    }
    return nil
  }

  /// A number alone ("20", "twenty"), which needs its unit.
  static func bareNumber(_ text: String) -> Double? {
    let words = NumberWords.withoutTrailingHedges(words(text).filter { !NumberWords.hedges.contains($0) })
    guard words.count == 1, let number = Double(words[0]), number.isFinite, number > 0 else { return nil }
    return number
  }

  /// An amount and its unit starting at `start`: the part and the index after it.
  private static func amount(_ words: [String], from start: Int) -> (Quantity.Part, Int)? {
    var pending: Double?
    // "a half tablet" is half; "one and a half" is one and a half.
    var article = false
    var index = start
    while index < words.count {
      let word = words[index]
      if let number = Double(word), number.isFinite, number > 0, word.first?.isNumber == true || word.first == "." {
        if let earlier = pending, number == 0.5, earlier >= 1, earlier.rounded() == earlier {
          pending = earlier + 0.5  // "1 1/2"
        } else if pending != nil {
          return nil
        } else {
          pending = number
        }
      } else if word == "half" {
        pending = (article ? 0 : pending.map { $0 >= 1 ? $0 : 0 } ?? 0) + 0.5  // "half", "one and a half"
        article = false
      } else if word == "a" || word == "an" || word == "and" || word == "of" {
        if pending == nil, word != "a", word != "an" { return nil }
        if pending == nil {
          pending = 1
          article = true
        }
      } else if let unit = units[word], let value = pending {
        return (Quantity.Part(value: value, unit: unit), index + 1)
      } else {
        return nil
      }
      index += 1
    }
    return nil
  }
}
