import PropertyBased

@testable import IntakeKit

/// Lines as a kiosk keyboard, a paste or a confused terminal can deliver them, for the property
/// tests over the answer parsers. Each line is built from pieces (a piece is a kind and a seed),
/// so the library can shrink a failing line to fewer, smaller pieces.
enum TypedLines {
  /// The parsers' own words and signs, the numbers Swift's `Double` reads that no patient means
  /// (`nan`, `inf`), and characters that are known to be awkward: combining marks, joiners, bidi
  /// overrides, control characters, an escape sequence, letters that change length when folded.
  static let vocabulary: [String] = [
    " ", " ", " ", " and ", ", ", "/", "-", ".", "'", "\"", "\u{2019}", "\u{201D}", "~", "ish",
    "kg", "kgs", "kilos", "lb", "lbs", "pounds", "ft", "feet", "foot", "in", "inches", "cm", "m", "metres",
    "day", "days", "week", "weeks", "wks", "month", "months", "mo", "year", "years", "yr",
    "a", "an", "one", "half", "few", "several", "about", "around", "roughly", "like", "for", "of", "the",
    "yes", "yeah", "no", "nope", "not", "i do", "i don't", "sure", "never", "none", "zero", "nothing",
    "two", "twelve", "twenty", "forty", "ninety", "five", "nine", "dozen", "a dozen",
    "nan", "NaN", "inf", "infinity", "-inf", "1e308", "1e-400", "0x1p1023", "Ⅻ", "½", "٣", "１２",
    "april", "sept", "feb", "st", "th", "1st", "29", "31", "1900", "2000", "0000",
    "my", "husband", "best", "friend", "mother-in-law", "name", "is", "i'm", "call me", "(", ")",
    "\u{301}", "\u{308}", "\u{200D}", "\u{200B}", "\u{FEFF}", "\u{202E}", "\u{2066}", "\u{0}", "\u{7}", "\u{7F}",
    "\u{85}", "\u{1B}[2J", "\r\n", "\n", "\t", "\u{2028}", "İ", "ß", "ﬁ", "ſ", "Å", "é", "Ω",
    "🇻🇳", "👍🏽", "🧑🏽‍🦱", "👨‍👩‍👧‍👦", "\u{FFFD}", "\u{10FFFF}",
  ]

  /// Ranges of scalars worth aiming at: control characters, combining marks, general
  /// punctuation (joiners, bidi), emoji, and everything else.
  static let scalarRanges: [ClosedRange<UInt32>] = [
    0...0x1F, 0x7F...0x9F, 0x300...0x36F, 0x2000...0x206F, 0x1F300...0x1FAFF, 0...0x10FFFF,
  ]

  /// One piece of a line.
  static func piece(_ kind: Int, _ seed: Int) -> String {
    switch kind {
    case 0...3:
      return vocabulary[seed % vocabulary.count]
    case 4:
      return String(seed % 10_000)
    case 5:
      return String(seed % 1000) + "." + String(seed / 1000 % 1000)
    case 6:
      // Numbers too large for a Double, and just small enough that a unit's factor overflows.
      return String(repeating: String(seed % 9 + 1), count: 300 + seed / 9 % 12)
    case 7:
      let range = scalarRanges[seed % scalarRanges.count]
      let value = range.lowerBound + UInt32(seed / 8 % Int(range.upperBound - range.lowerBound + 1))
      return Unicode.Scalar(value).map { String(Character($0)) } ?? "\u{FFFD}"
    default:
      // A letter carrying a flood of combining marks: one visible character.
      return "a" + String(repeating: "\u{301}", count: seed % 300)
    }
  }

  /// A line of up to `pieces` pieces of any kind.
  static func any(pieces: ClosedRange<Int> = 0...12) -> Generator<String, some SendableSequenceType> {
    zip(Gen.int(in: 0...8), Gen.int(in: 0...Int.max)).array(of: pieces).map { parts in
      parts.map { piece($0.0, $0.1) }.joined()
    }
  }

  /// The amounts the measure and duration lines are built from: ordinary numbers, numbers at the
  /// edge of what a Double holds, and the words `Double` reads as not-a-number or infinity.
  static func amount(_ kind: Int, _ seed: Int) -> String {
    switch kind {
    case 0: return String(seed % 300)
    case 1: return String(seed % 300) + "." + String(seed / 300 % 100)
    case 2: return String(repeating: String(seed % 9 + 1), count: 300 + seed / 9 % 12)
    case 3: return ["nan", "inf", "infinity", "1e308", "1e309", "0x1p1023", "-5", "0", "007", "1,000"][seed % 10]
    default: return ["a", "an", "one", "half", "half a", "twenty five", "two", "a dozen", ""][seed % 9]
    }
  }

  /// A line that looks like a weight or a height: one to three amounts, each with a unit word,
  /// a foot or inch mark, or nothing.
  static var measure: Generator<String, some SendableSequenceType> {
    let units = AnswerParser.unitWords.keys.sorted() + ["'", "\"", "\u{2019}", "\u{201D}", ""]
    return zip(Gen.int(in: 0...4), Gen.int(in: 0...Int.max), Gen.int(in: 0...(units.count - 1)), Gen.bool)
      .array(of: 1...3)
      .map { parts in
        parts.map { amount($0.0, $0.1) + ($0.3 ? " " : "") + units[$0.2] }.joined(separator: " ")
      }
  }

  /// A line that looks like a length of time: amounts with time units, joined the ways people
  /// join them, sometimes hedged.
  static var duration: Generator<String, some SendableSequenceType> {
    let units = DurationWords.units.keys.sorted()
    let joins = [" ", " and ", ", ", " "]
    return zip(
      Gen.int(in: 0...4), Gen.int(in: 0...Int.max), Gen.int(in: 0...(units.count - 1)), Gen.int(in: 0...3)
    )
    .array(of: 1...3)
    .map { parts in
      parts.map { amount($0.0, $0.1) + " " + units[$0.2] + joins[$0.3] }.joined()
    }
  }

  /// A line that looks like a date: numbers that may or may not make a real day, in the
  /// layouts `DateReading` knows.
  static var date: Generator<String, some SendableSequenceType> {
    let years = ["86", "00", "0", "1900", "2000", "2001", "2004", "2100", "1600", "0000", "0001", "9999", "123"]
    return zip(Gen.int(in: 0...5), Gen.int(in: 0...14), Gen.int(in: 0...33), Gen.int(in: 0...years.count + 400))
      .map { parts in
        let (layout, month, day, yearIndex) = parts
        // Most years are four digits near today; some are the awkward ones above.
        let year = yearIndex < years.count ? years[yearIndex] : String(1700 + yearIndex - years.count)
        let name = (1...12).contains(month) ? DateReading.monthNames[month - 1] : "smarch"
        switch layout {
        case 0: return "\(month)/\(day)/\(year)"
        case 1: return "\(year)-\(month)-\(day)"
        case 2: return "\(day).\(month).\(year)"
        case 3: return "\(name.capitalized) \(day), \(year)"
        case 4: return "\(day)th of \(name) \(year)"
        default: return "\(String(name.prefix(3))) \(day) \(year)"
        }
      }
  }

  /// A whole number from 0 to 99 and how a patient might write it in words: "twenty five",
  /// "Twenty-Five", "nine".
  static var numberInWords: Generator<(Int, String), some SendableSequenceType> {
    zip(Gen.int(in: 0...99), Gen.int(in: 0...2)).map { number, style in
      (number, words(for: number, style: style))
    }
  }

  static let ones = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
  ]
  static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

  /// `number` (0 to 99) in words, written independently of `NumberWords`: style 0 spaced, 1
  /// hyphenated, 2 capitalised.
  static func words(for number: Int, style: Int) -> String {
    let text: String
    if number < 20 {
      text = ones[number]
    } else if number % 10 == 0 {
      text = tens[number / 10]
    } else {
      text = tens[number / 10] + (style == 1 ? "-" : " ") + ones[number % 10]
    }
    return style == 2 ? text.capitalized : text
  }
}
