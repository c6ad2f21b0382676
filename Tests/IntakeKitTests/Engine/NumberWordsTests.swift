import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Words cut from a typed line's bytes where it is ASCII are the words cutting it by `Character`
/// gives: `NumberWords.spokenWords` (at spaces and hyphens, lowercased) and
/// `AnswerParser.letterWords` (runs of letters and apostrophes).
@Suite struct NumberWordsTests {
  static let pieces = [
    " ", "  ", "-", "--", "a", "A", "Twenty", "five", "one", "I'm", "'", "2", "128/82", ".", ",", "\t", "\n", "x9",
    "YES", "no!", "?", "_", "{", "~",
  ]

  static func lines(seed: UInt64, count: Int) -> [String] {
    var random = SplitMix(seed: seed)
    return (0..<count).map { _ in
      (0..<Int.random(in: 0...10, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
    }
  }

  @Test func spokenWordsFromBytesAreTheWordsByCharacter() {
    for line in Self.lines(seed: 41, count: 5_000) {
      #expect(NumberWords.spokenWords(line) == NumberWords.spokenWordsByCharacter(line), "\(line.debugDescription)")
    }
    // Past ASCII, by `Character`: a space with a mark after it is no space.
    #expect(NumberWords.spokenWords("Dos y\u{301} media") == ["dos", "ý", "media"])
    #expect(NumberWords.spokenWords("dos \u{301}tres") == ["dos \u{301}tres"])
  }

  @Test func letterWordsFromBytesAreTheWordsByCharacter() {
    for line in Self.lines(seed: 43, count: 5_000) {
      #expect(AnswerParser.letterWords(line) == AnswerParser.letterWordsByCharacter(line), "\(line.debugDescription)")
    }
    #expect(AnswerParser.letterWords("sí, claro") == ["sí", "claro"])
  }
}
