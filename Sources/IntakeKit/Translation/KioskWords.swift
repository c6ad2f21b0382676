import Foundation

/// The kiosk's own words in one language: its phrases (`KioskPhrase`), and the words it puts
/// inside answers it says back ("Yes", "months", "April"), each given by the English word the
/// program uses. English, the program's own, is `KioskWords.english`; a translation gives the
/// rest, and anything it leaves out is said in English rather than not at all.
public struct KioskWords: Sendable {
  /// The language's code ("es"); nil for the program's English.
  public let language: String?
  let phrases: [KioskPhrase: String]
  /// How the kiosk says an English word of its own in this language, by the word folded
  /// ("months" → "meses").
  let said: [String: String]

  init(language: String?, phrases: [KioskPhrase: String], said: [String: String]) {
    self.language = language
    self.phrases = phrases
    self.said = said
  }

  /// The program's own English.
  public static let english = KioskWords(language: nil, phrases: [:], said: [:])

  /// The phrase with its `{name}`s filled.
  public func callAsFunction(_ phrase: KioskPhrase, _ values: [String: String] = [:]) -> String {
    let template = phrases[phrase] ?? phrase.english
    guard !values.isEmpty else { return template }
    return Self.filling(template, values)
  }

  /// Whether every brace in `bytes` is a `Character` of its own, as any ASCII character between
  /// two ASCII ones is (or at an end): a brace with a mark after it ("{\u{301}") is one
  /// `Character` with it, not a brace.
  static func bracesStandAlone(_ bytes: [UInt8]) -> Bool {
    for index in bytes.indices where bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "}") {
      if index > 0, bytes[index - 1] >= 0x80 { return false }
      if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return false }
    }
    return true
  }

  /// `template` with each `{name}` that `values` has replaced: from its bytes where every brace
  /// stands alone (walking it by `Character` was a fortieth of a replay, and a translation's
  /// phrases, never ASCII, all went that way), else by `Character`; the two give the same text.
  static func filling(_ template: String, _ values: [String: String]) -> String {
    let bytes = Array(template.utf8)
    guard bracesStandAlone(bytes) else { return fillingByCharacter(template, values) }
    guard let firstOpen = bytes.firstIndex(of: UInt8(ascii: "{")) else { return template }
    var text = String(decoding: bytes[..<firstOpen], as: UTF8.self)
    var open = firstOpen
    while true {
      guard let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) else {
        return text + String(decoding: bytes[open...], as: UTF8.self)
      }
      let name = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
      text += values[name] ?? String(decoding: bytes[open...close], as: UTF8.self)
      guard let next = bytes[(close + 1)...].firstIndex(of: UInt8(ascii: "{")) else {
        return text + String(decoding: bytes[(close + 1)...], as: UTF8.self)
      }
      text += String(decoding: bytes[(close + 1)..<next], as: UTF8.self)
      open = next
    }
  }

  /// `template` with each `{name}` that `values` has replaced, walked by `Character`.
  static func fillingByCharacter(_ template: String, _ values: [String: String]) -> String {
    guard template.contains("{" as Character) else { return template }
    var text = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      // A brace never closed is kept as it is, with what comes before it once (it was written
      // twice when the text before it was added first).
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      text += rest[..<open]
      let name = String(rest[rest.index(after: open)..<close])
      if let value = values[name] {
        text += value
      } else {
        text += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return text + rest
  }

  /// An English word or phrase of the kiosk's ("Yes", "months", "about", "April") as this
  /// language says it, keeping a capital the English had; the word itself when the language
  /// gives none.
  public func say(_ english: String) -> String {
    guard language != nil, let word = said[english.foldedForMatching()] else { return english }
    guard english.first?.isUppercase == true, let first = word.first else { return word }
    return first.uppercased() + word.dropFirst()
  }

  /// A value the kiosk wrote in English words ("about 3 months so far", "27 April 1986") in
  /// this language, word by word (two-word phrases first). Only for the kiosk's own words around
  /// numbers and dates: never for what the patient wrote.
  public func sayAll(_ english: String) -> String {
    guard language != nil, !said.isEmpty else { return english }
    let words = english.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    var out: [String] = []
    var index = 0
    while index < words.count {
      if index + 1 < words.count, let pair = said[(words[index] + " " + words[index + 1]).foldedForMatching()] {
        out.append(pair)
        index += 2
        continue
      }
      // "months)," keeps what is around the word.
      let word = words[index]
      let core = word.trimmingPunctuation()
      if !core.isEmpty, core.first?.isLetter == true, said[core.foldedForMatching()] != nil,
        let range = word.range(of: core)
      {
        out.append(word.replacingCharacters(in: range, with: say(core)))
      } else {
        out.append(word)
      }
      index += 1
    }
    return out.joined(separator: " ")
  }

  /// Several choices joined the way the language lists them: "a, b or c".
  public func list(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " " + say("or") + " " + last
  }
}
