import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The byte search finds what Foundation's `contains` finds in folded words, which it replaces
/// in the checker's and the answer matcher's loops.
@Suite struct BytewiseSearchTests {
  @Test func findsWhatFoundationFindsInFoldedWords() {
    let texts = ["", " ", " every day ", " not every day ", "ano", " nearly every day ", " dias ", " ñu ", "aaab"]
    let needles = ["", " ", " every day ", "every", " day ", "day ", " nearly ", "ab", "aab", " dias ", "ñu", "x"]
    for text in texts {
      for needle in needles {
        #expect(text.containsBytes(of: needle) == (needle.isEmpty || text.contains(needle)), "\(text) / \(needle)")
      }
    }
  }

  /// `containsWords` says what searching the padded strings says, on every pair of short
  /// strings of spaces and two letters.
  @Test func wholeWordsAreFoundAsInThePaddedStrings() {
    var strings = [""]
    for _ in 0..<4 { strings += strings.flatMap { [$0 + " ", $0 + "a", $0 + "b"] } }
    let all = Array(Set(strings))
    for text in all {
      for phrase in all {
        #expect(
          text.containsWords(phrase) == (" " + text + " ").containsBytes(of: " " + phrase + " "), "\(text) / \(phrase)")
      }
    }
    #expect("take all that apply".containsWords("all that apply"))
    #expect(!"take all that applying".containsWords("all that apply"))
    #expect(!"small that apply".containsWords("all that apply"))
  }

  @Test func aNeedleLongerThanTheTextIsNotFound() {
    #expect(!"day".containsBytes(of: " day "))
    #expect("day".containsBytes(of: "day"))
  }

  /// Random texts, a third of them not ASCII: carriage returns, NULs, overlapping runs and the
  /// characters that other scalars stand in for.
  static func randomTexts() -> [String] {
    var random = SplitMix(seed: 41)
    let pieces = [
      "a", "a", "b", " ", ",", "&", "K", ";", "`", "-", "\r", "\n", "\r\n", "\0", "é", "e\u{301}", "\u{212A}",
    ]
    return (0..<3000).map { round in
      let usable = round % 3 != 0 ? pieces.filter(\.isASCII) : pieces
      return (0..<Int.random(in: 0...12, using: &random)).map { _ in usable.randomElement(using: &random) ?? "" }
        .joined()
    }
  }

  /// ASCII targets and others, those that scalars stand in for among them.
  static let targets = [
    "a", "aa", "aba", " ", " \n", "\n", "\r", "a\r", ",", " ,", " , ", " & ", "K", ";", "`", "-", "½", "é", "e",
    "\u{212A}", "\u{037E}", "\u{1FEF}", "\u{212A}a", "a\u{301}", "{answer}", " up to ", "for example",
  ]

  /// Replacing text by its bytes gives what Foundation's `replacingOccurrences` gives.
  @Test func replacingTextGivesWhatFoundationGives() {
    var random = SplitMix(seed: 43)
    for text in Self.randomTexts() {
      for target in Self.targets {
        let replacement = ["", "#", " and ", "0.5"].randomElement(using: &random) ?? "#"
        #expect(
          text.replacingOccurrences(ofText: target, with: replacement)
            == text.replacingOccurrences(of: target, with: replacement),
          "\(text.unicodeScalars.map { $0.value }) / \(target.unicodeScalars.map { $0.value })")
      }
    }
  }

  /// Looking for text by its bytes says what Foundation's `contains` says, on the same texts
  /// and targets as replacing, and the empty one.
  @Test func containingTextIsWhatFoundationSays() {
    for text in Self.randomTexts() {
      for target in [""] + Self.targets {
        #expect(
          text.containsText(target) == text.contains(target),
          "\(text.unicodeScalars.map { $0.value }) / \(target.unicodeScalars.map { $0.value })")
      }
    }
  }

  /// The scalars said to have an ASCII canonical form are all there are (to U+2FFFF, past
  /// which no scalar has a canonical decomposition).
  @Test func theScalarsWithAnASCIICanonicalFormAreKnown() {
    var found: Set<Unicode.Scalar> = []
    for value in UInt32(0x80)...0x2FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping
      if decomposed.unicodeScalars.allSatisfy(\.isASCII) { found.insert(scalar) }
    }
    #expect(found == String.asciiStandIns)
  }

  /// A target with a NUL is matched by its bytes in ASCII text (Foundation matches a NUL at a
  /// target's end past the text's end, or stops the program, so it is not asked here).
  @Test func aTargetWithANulIsMatchedByItsBytes() {
    #expect(!"ab".containsText("b\0"))
    #expect("a\0b".containsText("\0"))
    #expect("a\0b".containsText("a\0b"))
    #expect("ab".replacingOccurrences(ofText: "b\0", with: "#") == "ab")
    #expect("a\0b\0".replacingOccurrences(ofText: "\0", with: " ") == "a b ")
  }
}
