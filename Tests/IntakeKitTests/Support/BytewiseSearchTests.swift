import Foundation
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
}
