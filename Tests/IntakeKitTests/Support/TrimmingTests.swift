import Foundation
import Testing

@testable import IntakeKit

/// The standard-library trimming and folding give what Foundation's gave, on every kind of space
/// and mark: the answer parsers moved off Foundation for speed, not to read answers differently.
@Suite struct TrimmingTests {
  /// Every scalar up to U+3100 (every space, line break and combining mark of the scripts a
  /// dialog is likely to use) and a few beyond, each around words and alone.
  static let scalars: [Unicode.Scalar] =
    (0x1...0x3100).compactMap(Unicode.Scalar.init) + [0xFEFF, 0x1F600, 0xE0041].compactMap(Unicode.Scalar.init)

  static func samples(_ scalar: Unicode.Scalar) -> [String] {
    let s = String(scalar)
    return [s, s + s, "\(s)word\(s)", "\(s)two words\(s)\(s)", " \(s)a", "a\(s) ", "\(s)\u{301}a", "a \u{301}\(s)"]
  }

  @Test func whitespaceIsFoundationsWhitespaceAndNewlines() {
    var differing: [String] = []
    for scalar in Self.scalars {
      for text in Self.samples(scalar)
      where text.trimmingWhitespace() != text.trimmingCharacters(in: .whitespacesAndNewlines) {
        differing.append(String(format: "U+%04X in %@", scalar.value, text.debugDescription))
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
  }

  @Test func spacesAreFoundationsWhitespaces() {
    var differing: [String] = []
    for scalar in Self.scalars {
      for text in Self.samples(scalar) where text.trimmingSpaces() != text.trimmingCharacters(in: .whitespaces) {
        differing.append(String(format: "U+%04X in %@", scalar.value, text.debugDescription))
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
  }

  @Test func punctuationIsFoundationsPunctuationCharacters() {
    let inWords = CharacterSet.punctuationCharacters.subtracting(["'", "-"])
    let spacesAndPunctuation = CharacterSet.whitespaces.union(.punctuationCharacters)
    var differing: [String] = []
    for scalar in Self.scalars {
      let s = String(scalar)
      for text in [s, "\(s)word\(s)", " \(s)a\(s) ", "\(s)\u{301}a", "O'\(s)-"] {
        if text.trimmingPunctuation() != text.trimmingCharacters(in: .punctuationCharacters)
          || text.trimmingPunctuation(keeping: ["'", "-"]) != text.trimmingCharacters(in: inWords)
          || text.trimmingSpacesAndPunctuation() != text.trimmingCharacters(in: spacesAndPunctuation)
        {
          differing.append(String(format: "U+%04X in %@", scalar.value, text.debugDescription))
        }
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
  }

  /// Past the scalars above: every scalar Foundation calls punctuation beyond U+3100, each at
  /// both ends of a word (those past U+FFFF Foundation's trimming leaves on Linux).
  @Test func punctuationPastTheCommonScriptsIsFoundations() {
    let spacesAndPunctuation = CharacterSet.whitespaces.union(.punctuationCharacters)
    var differing: [String] = []
    for value in UInt32(0x3101)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value), CharacterSet.punctuationCharacters.contains(scalar) else { continue }
      let text = "\(scalar)a \(scalar)b\(scalar)"
      if text.trimmingPunctuation() != text.trimmingCharacters(in: .punctuationCharacters)
        || text.trimmingSpacesAndPunctuation() != text.trimmingCharacters(in: spacesAndPunctuation)
      {
        differing.append(String(format: "U+%04X", scalar.value))
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
  }

  /// Texts with ASCII ends are trimmed from their bytes: every mix of ASCII spaces, tabs, other
  /// bytes and a non-ASCII scalar at either end gives what the scalar way gives.
  @Test func asciiEndsAreTrimmedAsScalarsAre() {
    let pieces = [" ", "\t", "a", ".", "\u{200B}", "\u{A0}", "é", "\u{301}", "\r\n", "-"]
    var differing: [String] = []
    for a in pieces {
      for b in pieces {
        for c in pieces {
          for text in [a + b + c, a + "x y" + b + c, a + b + "z" + c + a] {
            if text.trimmingSpaces() != text.trimmingCharacters(in: .whitespaces)
              || text.trimmingWhitespace() != text.trimmingCharacters(in: .whitespacesAndNewlines)
              || text.trimmingPunctuation() != text.trimmingCharacters(in: .punctuationCharacters)
            {
              differing.append(text.debugDescription)
            }
          }
        }
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
  }

  @Test func givenCharactersAreTrimmedAsFoundationTrimsThem() {
    let set = " ,.;:-"
    for text in ["", " ", ",.", " - a, b. ", "a", ",a,", " .;:-\t", "é,", ",\u{301}a"] {
      #expect(text.trimming(charactersIn: set) == text.trimmingCharacters(in: CharacterSet(charactersIn: set)))
    }
  }

  @Test func aSubstringTrimsOnlyItsOwnText() throws {
    let line = "  one,  two  "
    let comma = try #require(line.firstIndex(of: ","))
    #expect(line[..<comma].trimmingSpaces() == "one")
    #expect(line[line.index(after: comma)...].trimmingWhitespace() == "two")
  }

  @Test func foldingIsFoundationsCaseAndDiacriticFolding() {
    var differing: [String] = []
    for scalar in Self.scalars {
      for text in Self.samples(scalar) {
        let expected = text.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
        if text.foldedForMatching() != expected {
          differing.append(String(format: "U+%04X in %@", scalar.value, text.debugDescription))
        }
      }
    }
    #expect(differing.isEmpty, "\(differing.prefix(10))")
    #expect("Sí, CLARO".foldedForMatching() == "si, claro")
    #expect("Ünïcödé".foldedForMatching() == "unicode")
  }
}
