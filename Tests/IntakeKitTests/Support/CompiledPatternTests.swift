import Foundation
import Testing

@testable import IntakeKit

/// A pattern compiled once finds what `range(of:options: .regularExpression)` finds.
@Suite struct CompiledPatternTests {
  @Test func findsWhatFoundationFinds() {
    let texts = [
      "", "148/92 at the pharmacy last week", "about 138 over 86", "165 sobre 100", "120 ÜBER 80 gestern",
      "165 lb, 5 ft 6 in", "Ana AND Luis", "sertraline; bupropion", "band and brand", "🙂 150/95 🙂", "e\u{301} 140 / 90",
      "1400/900", "90/60,", "myself\nand others", "a,\u{301}b", "120/80\u{301}", "165 sobre 100\u{20DD}",
      "a\u{301}, b", "120\u{301}/80",
    ]
    for pattern in [Session.partSeparator, Session.reading, Session.readingInWords] {
      for text in texts {
        let options: String.CompareOptions =
          pattern.caseInsensitive ? [.regularExpression, .caseInsensitive] : .regularExpression
        #expect(
          pattern.firstRange(in: text) == text.range(of: pattern.pattern, options: options),
          "\(pattern.pattern) \(text)")
      }
    }
  }

  @Test func theKiosksPatternsCompile() {
    for pattern in [Session.partSeparator, Session.reading, Session.readingInWords] {
      #expect(pattern.compiles, "\(pattern.pattern)")
    }
  }
}
