import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Filling a kiosk phrase's `{name}`s.
@Suite struct KioskWordsTests {
  /// A brace a phrase never closes (a translator's slip) is written as it is, once.
  @Test func aBraceNeverClosedIsKeptOnce() {
    let values = ["code": "7K2M-Q9XD"]
    for template in ["Your code is {code}. Keep it {safe", "Your code is {code}. Keep it {safe. Mantenga {"] {
      let expected = template.replacingOccurrences(of: "{code}", with: "7K2M-Q9XD")
      #expect(KioskWords.filling(template, values) == expected)
      #expect(KioskWords.fillingByCharacter(template, values) == expected)
    }
    #expect(KioskWords.fillingByCharacter("Código {code}, mañana {", values) == "Código 7K2M-Q9XD, mañana {")
  }

  /// From the bytes, a phrase is filled as walking it by `Character` fills it: names known and
  /// not, braces left open or closed twice, names next to each other and at the ends, letters
  /// past ASCII; a brace that is one `Character` with a mark after it is no brace either way.
  @Test func phrasesAreFilledAsByCharacter() {
    var random = SplitMix(seed: 31)
    let pieces = [
      "{", "}", "a", "code", "until", " ", ".", "{code}", "{until}", "{none}", "{}", "}{", "ñ", "mañana", "\u{301}",
      "{mañana}", "’", "👩‍⚕️",
    ]
    let valueSets: [[String: String]] = [
      ["code": "7K2M-Q9XD"], ["code": "", "until": "5 pm"], ["until": "mañana", "a": "{code}"], ["": "empty"],
      ["mañana": "tomorrow"],
    ]
    for _ in 0..<5_000 {
      let template = (0..<Int.random(in: 0...10, using: &random)).map { _ in
        pieces.randomElement(using: &random) ?? ""
      }.joined()
      for values in valueSets {
        let words = KioskWords(language: "xx", phrases: [.reviewHeading: template], said: [:])
        #expect(
          words(.reviewHeading, values) == KioskWords.fillingByCharacter(template, values), "\(template) \(values)")
      }
    }
  }
}
