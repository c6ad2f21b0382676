/// Numbers as people write them in words: "two", "one or two", "twenty five", "a dozen". Used
/// to read counts and to match options whose text is a number ("1 or 2").
enum NumberWords {
  static let units: [String: Int] = [
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12, "a dozen": 12,
  ]
  static let tens: [String: Int] = [
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
  ]

  /// Words before an amount that make it rough, not different: "about 40", "roughly a year".
  static let hedges: Set<String> = [
    "about", "around", "approximately", "approx", "roughly", "maybe", "nearly", "almost", "~", "abt", "prob",
    "probably", "just", "only", "like",
  ]
  /// Words after an amount that make it rough, not different: "40 or so", "19 idk", "185 i think".
  static let trailingHedges: [[String]] = [
    ["or", "so"], ["i", "think"], ["i", "guess"], ["idk"], ["maybe"], ["ish"], ["or", "something"],
    ["give", "or", "take"], ["probably"], ["prob"], ["now"], ["mostly"], ["i", "believe"],
  ]

  /// Words after an answer that say how it is said, not what: "3 tbh", "4 ngl", "2 honestly" (a
  /// trial patient's were refused at every scale). They are left out, and do not make it rough.
  static let trailingAsides: [[String]] = [
    ["tbh"], ["ngl"], ["honestly"], ["to", "be", "honest"], ["lol"], ["lmao"], ["fr"],
  ]

  /// Both, looked through together (made once: every number and option list reads a line this way).
  static let trailingHedgesAndAsides = trailingHedges + trailingAsides

  /// `words` (lower-case) without the hedges and asides at their end ("40 or so" → "40", "3 tbh"
  /// → "3"); never empties them.
  static func withoutTrailingHedges(_ words: [String]) -> [String] {
    var words = words
    while let tail = trailingHedgesAndAsides.first(where: {
      words.count > $0.count && Array(words.suffix($0.count)) == $0
    }) {
      words.removeLast(tail.count)
    }
    return words
  }

  /// Whether a folded line may end with an aside: told from its end alone, as every line at
  /// every option list is asked this (splitting each into words was a cost of its own).
  static func mayEndWithAside(_ folded: String) -> Bool {
    trailingAsides.contains { aside in aside.last.map { folded.hasSuffix(" " + $0) } ?? false }
  }

  /// `words` without the asides at their end ("quite a bit ngl" → "quite a bit"); never empties
  /// them.
  static func withoutTrailingAsides(_ words: [String]) -> [String] {
    var words = words
    while let aside = trailingAsides.first(where: { words.count > $0.count && Array(words.suffix($0.count)) == $0 }) {
      words.removeLast(aside.count)
    }
    return words
  }

  /// Whether `words` end with a hedge (an aside after it or instead does not count).
  static func endsWithHedge(_ words: [String]) -> Bool {
    let words = withoutTrailingAsides(words)
    return trailingHedges.contains { words.count > $0.count && Array(words.suffix($0.count)) == $0 }
  }

  /// The text with every number word replaced by its digits ("one or two" → "1 or 2",
  /// "twenty-five" → "25"); other words are kept as they are.
  static func digits(in text: String) -> String {
    // No letter, space or hyphen (a typed "2", "128/82"): no number word, nothing to split. Every
    // option list reads its line this way first.
    if text.utf8.allSatisfy({ $0 < 0x80 && !UInt8.isLetter($0) && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") })
    {
      return text
    }
    let words = spokenWords(text)
    var out: [String] = []
    var index = 0
    while index < words.count {
      let word = words[index]
      if let ten = tens[word] {
        if index + 1 < words.count, let unit = units[words[index + 1]], (1...9).contains(unit) {
          out.append(String(ten + unit))
          index += 2
          continue
        }
        out.append(String(ten))
      } else if word == "a", index + 1 < words.count, words[index + 1] == "dozen" {
        out.append("12")
        index += 2
        continue
      } else if let unit = units[word] {
        out.append(String(unit))
      } else {
        out.append(word)
      }
      index += 1
    }
    return out.joined(separator: " ")
  }

  /// The text lowercased and cut at spaces and hyphens, empty pieces left out: from the bytes
  /// where the text is ASCII (each byte a character; `digits` reads every option's text and
  /// every line this way, and by `Character` it was a fiftieth of a replay), else by `Character`.
  static func spokenWords(_ text: String) -> [String] {
    guard text.isASCII else { return spokenWordsByCharacter(text) }
    return text.asciiRuns(lowercasing: true) { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") }
  }

  /// `spokenWords` by `Character`, for any text.
  static func spokenWordsByCharacter(_ text: String) -> [String] {
    text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
  }

  /// A whole number typed in digits or words ("2", "two", "twenty five"); nil otherwise.
  static func value(_ text: String) -> Int? {
    let converted = digits(in: text.trimmingSpaces())
    guard !converted.isEmpty, converted.count <= 9, converted.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      return nil
    }
    return Int(converted)
  }
}
