import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A decimal comma made a point by hand, as the regular expression it replaced made it.
@Suite struct DecimalPointsTests {
  @Test func itReplacesWhatTheRegularExpressionReplaced() {
    let alphabet: [Character] = ["0", "2", "5", "9", ",", ",", " ", "a", ".", "٣", "é", "-"]
    var random = SplitMix(seed: 25)
    var texts = ["2,5 mg", "1,000", "1,2,3", "12,75", "0,123", "3,5,", ",5", "٣,٥"]
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...14, using: &random)
      texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "0" }))
    }
    for text in texts {
      let expected = text.replacingOccurrences(
        of: #"(\d),(\d{1,2})(?!\d)"#, with: "$1.$2", options: .regularExpression)
      #expect(Phrasebook.decimalPoints(text) == expected, "\(text.debugDescription)")
    }
    #expect(Phrasebook.decimalPoints("2,5 mg") == "2.5 mg")
    #expect(Phrasebook.decimalPoints("1,000") == "1,000")
  }
}
