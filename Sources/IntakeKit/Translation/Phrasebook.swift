import Foundation

/// How a translation's patients say what the kiosk's readers understand: "sí" for yes, "no sé"
/// for don't know, "kilos", "meses", "abril", "tres", "ayuda" for help. A line typed in the
/// language is read by putting the English word the readers know in place of each form the
/// translation lists (longest first: "no sé" is one form, not "no" and "sé"), dropping the
/// words that only join others ("27 de abril de 1986"), and reading a decimal comma as a point
/// ("1,60 m") where the language writes it so.
///
/// Only the kinds of answer the kiosk reads as a value go through it (yes or no, numbers,
/// lengths of time, dates, doses, readings); text the patient writes (a name, their own words) is
/// kept exactly as typed. A translation's answer options are matched in the language directly.
public struct Phrasebook: Sendable {
  /// The English for each form, by the form folded (lower case, no accents).
  private var english: [String: String] = [:]
  /// The forms (folded) of each English word: the other way round, kept so asking for a word's
  /// forms at every answer does not go through every form.
  private var formsOfEnglish: [String: [String]] = [:]
  /// The most words any form has.
  private var longest = 1
  /// Words left out of a value ("de").
  private var ignored: Set<String> = []
  /// Whether "1,5" is one and a half.
  private var decimalComma = false

  /// No words of its own: English.
  public static let none = Phrasebook()

  public var isEmpty: Bool { english.isEmpty && ignored.isEmpty && !decimalComma }

  init() {}

  /// `forms` gives, for each English word or phrase, the language's ways of saying it.
  init(forms: [(english: String, forms: [String])], ignored: [String], decimalComma: Bool) {
    for (word, spellings) in forms {
      for spelling in spellings {
        let folded = Self.words(spelling).joined(separator: " ")
        guard !folded.isEmpty, english[folded] == nil else { continue }
        english[folded] = word
        formsOfEnglish[word, default: []].append(folded)
        longest = max(longest, folded.split(separator: " ").count)
      }
    }
    self.ignored = Set(ignored.map { Self.words($0).joined(separator: " ") })
    self.decimalComma = decimalComma
  }

  /// Each form (folded) and the English word it stands for (folded).
  var forms: [(form: String, english: String)] {
    english.map { ($0.key, $0.value.foldedForMatching()) }
  }

  /// The language's forms (folded) of any of the English words `english`.
  public func forms(of english: Set<String>) -> Set<String> {
    Set(english.flatMap { formsOfEnglish[$0] ?? [] }.filter { !$0.contains(" " as Character) })
  }

  /// Whether `text` says, in the language, the English words `english` ("por ejemplo" for "for
  /// example"), as whole words.
  public func says(_ english: String, in text: String) -> Bool {
    let words = " " + Self.words(text).joined(separator: " ") + " "
    return formsOfEnglish[english, default: []].contains { words.contains(" " + $0 + " ") }
  }

  /// The English word for a whole line that is one form ("ayuda" → "help"); nil otherwise.
  public func word(for line: String) -> String? {
    english[Self.words(line).joined(separator: " ")]
  }

  /// The line in the words the readers understand. Punctuation between words is kept, so
  /// "no, nunca" stays two answers' worth of words, and digits are never changed.
  public func reading(_ line: String) -> String { read(line).text }

  /// The reading of a line only when every word of it is one the phrasebook knows (a form, a
  /// word it leaves out, or a number): "hace 10 años", "nop". A line with words of its own
  /// ("ya nada me ayuda") is not one to match against the dialog's own options, where one known
  /// word in it ("nada") would pick an answer the patient did not give.
  public func wholeReading(_ line: String) -> String? {
    let found = read(line)
    return found.whole ? found.text : nil
  }

  /// A decimal comma made a point: the regular expression `(\d),(\d{1,2})(?!\d)` replaced by
  /// `$1.$2`, by hand ("2,5 mg" is "2.5 mg"; "1,000" stays). A comma is one between a digit and
  /// a run of one or two digits, not in a match already made (in "1,2,3" only the first).
  static func decimalPoints(_ text: String) -> String {
    var scalars = Array(text.unicodeScalars)
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .decimalNumber }
    var changed = false
    var free = 0  // where the next match may start: after the last one
    var index = 1
    while index < scalars.count {
      if scalars[index] == ",", index - 1 >= free, isDigit(scalars[index - 1]) {
        var digits = 0
        while index + 1 + digits < scalars.count, isDigit(scalars[index + 1 + digits]) { digits += 1 }
        if digits == 1 || digits == 2 {
          scalars[index] = "."
          changed = true
          free = index + 1 + digits
          index = free
          continue
        }
      }
      index += 1
    }
    guard changed else { return text }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  private func read(_ line: String) -> (text: String, whole: Bool) {
    guard !isEmpty else { return (line, false) }
    var whole = true
    var text = line
    if decimalComma {
      text = Self.decimalPoints(text)
    }
    // Tokens: runs of letters, digits and apostrophes, and what is between them.
    var tokens: [(word: String?, text: String)] = []
    var current = ""
    var inWord = false
    for character in text {
      let isWord =
        character.isLetter || character.isNumber || character == "'"
        || character == "."
          && current.last?.isNumber == true
      if isWord != inWord, !current.isEmpty {
        tokens.append((inWord ? current.foldedForMatching() : nil, current))
        current = ""
      }
      inWord = isWord
      current.append(character)
    }
    if !current.isEmpty { tokens.append((inWord ? current.foldedForMatching() : nil, current)) }
    var out = ""
    var index = 0
    while index < tokens.count {
      guard tokens[index].word != nil else {
        out += tokens[index].text
        index += 1
        continue
      }
      // The longest run of words from here that is a form, across single spaces only.
      var matched: (end: Int, english: String)? = nil
      var words: [String] = []
      var end = index
      while end < tokens.count, words.count < longest {
        guard let word = tokens[end].word else { break }
        words.append(word)
        if let found = english[words.joined(separator: " ")] { matched = (end, found) }
        guard end + 2 < tokens.count, tokens[end + 1].text == " " else { break }
        end += 2
      }
      if let matched {
        out += matched.english
        index = matched.end + 1
      } else if let word = tokens[index].word, ignored.contains(word) {
        index += 1
      } else {
        if let word = tokens[index].word, !word.allSatisfy({ $0.isNumber || $0 == "." }) { whole = false }
        out += tokens[index].text
        index += 1
      }
    }
    // Dropped words leave their spaces behind.
    return (out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "), whole)
  }

  /// The words of `text`, folded, as the phrasebook compares them.
  static func words(_ text: String) -> [String] {
    let folded = text.foldedForMatching()
    guard folded.isASCII else { return wordsByCharacter(folded) }
    // ASCII, nearly every line: a letter, a digit or an apostrophe told from its byte (by
    // `Character`, asking Unicode of each, this was most of telling whether an answer names a
    // language, which every answer is asked).
    var words: [String] = []
    var word: [UInt8] = []
    for byte in folded.utf8 {
      if UInt8.isLetter(byte) || UInt8.isDigit(byte) || UInt8.isApostrophe(byte) {
        word.append(byte)
      } else if !word.isEmpty {
        words.append(String(decoding: word, as: UTF8.self))
        word.removeAll(keepingCapacity: true)
      }
    }
    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
    return words
  }

  /// `words(_:)` of folded text by `Character`: the way for any text, and what the ASCII way
  /// must equal.
  static func wordsByCharacter(_ folded: String) -> [String] {
    folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" }).map(String.init)
  }
}

// Here, not with the other compiled forms (`DialogCompiledForm`): the phrasebook's tables are private.
extension Phrasebook: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(english)
    writer.write(formsOfEnglish)
    writer.write(longest)
    writer.write(ignored)
    writer.write(decimalComma)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    english = try reader.read()
    formsOfEnglish = try reader.read()
    longest = try reader.read()
    ignored = try reader.read()
    decimalComma = try reader.read()
  }
}
