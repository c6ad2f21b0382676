import Testing

@testable import IntakeKit

/// What an id may be spelled with: an ASCII letter, then ASCII letters, digits and `_`.
@Suite struct IdentifierTests {
  /// The definition in Unicode's terms, which `isIdentifier` answered by its property tables
  /// before it read bytes.
  static func byProperties(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.properties.isAlphabetic else { return false }
    return text.unicodeScalars.allSatisfy {
      ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || $0 == "_"
    }
  }

  @Test func everyScalarInEveryPlaceIsJudgedAsByItsProperties() {
    var scalars = (0..<0x300).compactMap(Unicode.Scalar.init)
    scalars += ["\u{0661}", "\u{00E9}", "\u{2164}", "\u{FF21}", "\u{1D400}", "\u{E000}"]
    for scalar in scalars {
      for text in [String(scalar), "a\(scalar)", "\(scalar)a", "ab_1\(scalar)z"] {
        #expect(isIdentifier(text) == Self.byProperties(text), "\(text.debugDescription)")
      }
    }
    #expect(!isIdentifier(""))
    #expect(isIdentifier("phq9_item_10"))
    #expect(!isIdentifier("_hidden"))
    #expect(!isIdentifier("9lives"))
  }
}
