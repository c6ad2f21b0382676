import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A rating ("8/10", "7 out of 10") read by hand is what the regular expression it replaced
/// matched.
@Suite struct RatingPrefixTests {
  static let pattern = #"^[^0-9]*([0-9]{1,2}) ?(/|out of) ?([0-9]{1,3})\b"#

  @Test func itMatchesWhatTheRegularExpressionMatched() {
    let pieces = ["0", "7", "10", "8", "/", " ", "out of", "out", " of", "a", "_", "\u{301}", "٣", "-", ".", "x"]
    var random = SplitMix(seed: 810)
    var texts = ["8/10", "8 / 10 burning", "7 out of 10", "pain 6/10mg", "123/10", "1/1000", "9/10_", "4/10."]
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...8, using: &random)
      texts.append((0..<count).map { _ in pieces.randomElement(using: &random) ?? "" }.joined())
    }
    for text in texts {
      let expected = text.range(of: Self.pattern, options: .regularExpression).map { String(text[$0]) }
      #expect(AnswerParser.ratingPrefix(text).map { String(text[$0]) } == expected, "\(text.debugDescription)")
    }
    #expect(AnswerParser.rating("about 7 out of 10", outOf: 10) == 7)
    #expect(AnswerParser.rating("11/10", outOf: 10) == nil)
  }
}
