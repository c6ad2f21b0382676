import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The letters' bound never says two words are further apart than they are, so a search for
/// near spellings that skips words by it finds what it found without it.
@Suite struct LetterMaskTests {
  @Test func theBoundIsNeverMoreThanTheDistance() {
    var random = SplitMix(seed: 17)
    // A small alphabet, so that words share letters and come near; and scalars past the
    // letters, which share bits.
    let alphabet: [Unicode.Scalar] = ["a", "b", "c", "d", "e", "1", "é", "ß", "\u{3B1}", "\u{5D0}", "\u{1F600}"]
    var wrong: [String] = []
    for _ in 0..<20_000 {
      let a = (0..<Int.random(in: 0...7, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) }
      let b = (0..<Int.random(in: 0...7, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) }
      let bound = LetterMask(a).distanceBound(to: LetterMask(b))
      if bound > editDistance(a, b) {
        wrong.append("\(String(String.UnicodeScalarView(a))) \(String(String.UnicodeScalarView(b)))")
      }
    }
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
  }

  @Test func wordsWithOtherLettersAreRuledOut() {
    func bound(_ a: String, _ b: String) -> Int {
      LetterMask(Array(a.unicodeScalars)).distanceBound(to: LetterMask(Array(b.unicodeScalars)))
    }
    #expect(bound("sertraline", "sertralin") == 0)  // the same letters: left to the distance
    #expect(bound("lorazapam", "lorazepam") == 1)
    #expect(bound("lorazepam", "lorazepam") == 0)
    #expect(bound("abc", "xyz") == 3)
    #expect(bound("zoloft", "prozac") == 4)  // p, r, a and c
  }
}
