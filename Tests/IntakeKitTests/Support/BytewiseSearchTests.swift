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

  @Test func aNeedleLongerThanTheTextIsNotFound() {
    #expect(!"day".containsBytes(of: " day "))
    #expect("day".containsBytes(of: "day"))
  }
}
