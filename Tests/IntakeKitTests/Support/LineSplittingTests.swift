import IntakeTestSupport
import Testing

@testable import IntakeKit

/// `lines()` splits at "\n" and "\r\n", keeps empty lines and the text after the last break.
@Suite struct LineSplittingTests {
  @Test(arguments: [
    ("", [""]),
    ("a", ["a"]),
    ("a\n", ["a", ""]),
    ("a\nb", ["a", "b"]),
    ("a\r\nb\r\n", ["a", "b", ""]),
    ("\r\n", ["", ""]),
    ("x\r", ["x\r"]),
    ("\r\r\n", ["\r", ""]),
    ("\n\n", ["", "", ""]),
    ("é\nü\r\nßa", ["é", "ü", "ßa"]),
  ])
  func splitsAtEachLineBreak(text: String, expected: [String]) {
    #expect(text.lines().map(String.init) == expected)
  }

  @Test func aLineIsASliceOfTheText() throws {
    let text = "first\r\nsecond"
    let second = try #require(text.lines().last)
    #expect(second == "second")
    #expect(text[second.startIndex..<second.endIndex] == "second")
  }

  /// On every mix of line breaks, lone CRs, ASCII and other scalars, long and short, the lines
  /// are those a byte-by-byte search finds.
  @Test func splitsAsAByteSearchDoes() {
    var random = SplitMix(seed: 18)
    let pieces = ["\n", "\r", "\r\n", "a", "bc", "é", "\u{301}", "😀", String(repeating: "x", count: 40)]
    for _ in 0..<2_000 {
      let text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
        .joined()
      var expected: [String] = []
      var line: [UInt8] = []
      for byte in text.utf8 {
        if byte == UInt8(ascii: "\n") {
          if line.last == UInt8(ascii: "\r") { line.removeLast() }
          expected.append(String(decoding: line, as: UTF8.self))
          line = []
        } else {
          line.append(byte)
        }
      }
      expected.append(String(decoding: line, as: UTF8.self))
      #expect(text.lines().map(String.init) == expected, "\(text.debugDescription)")
    }
  }

  /// Words at spaces from the bytes in ASCII are the words `split(separator: " ")` gives by
  /// `Character`, and outside ASCII the `Character` way is kept (a mark after a space joins it).
  @Test func wordsAtSpacesAreSplitsByCharacter() {
    var random = SplitMix(seed: 19)
    let pieces = [" ", "  ", "a", "bc", "\t", "\r\n", "'", "é", " \u{301}", "x"]
    for _ in 0..<5_000 {
      let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
        .joined()
      #expect(
        text.wordsAtSpaces() == text.split(separator: " " as Character).map(String.init), "\(text.debugDescription)")
    }
  }

  /// Lines joined from the bytes are what splitting by `Character` at line breaks and joining
  /// with spaces gives, with every ASCII break, "\r\n", blank lines and breaks at the ends, and
  /// outside ASCII: U+0085, U+2028, U+2029, a mark after a break, letters and punctuation whose
  /// bytes begin as a break's do (U+00A0, U+2019, U+2014, U+20AC), an emoji sequence.
  @Test func linesAreJoinedAsSplittingByCharacterJoinsThem() {
    var random = SplitMix(seed: 23)
    let ascii = [" ", "a", "bc", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\t", "\n\n", "."]
    let other =
      ascii + [
        "é", "\u{85}", "\u{2028}", "\u{2029}", "\n\u{301}", "\r\u{301}", "\u{2028}\u{301}", "\u{A0}", "\u{2019}",
        "\u{2014}", "\u{20AC}", "\u{2027}", "\u{202A}", "👩‍⚕️", "\u{E2}",
      ]
    for round in 0..<6_000 {
      let pieces = round % 2 == 0 ? ascii : other
      let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }
        .joined()
      let expected = text.split(whereSeparator: \.isNewline).joined(separator: " ")
      #expect(text.joiningLines() == expected, "\(text.debugDescription)")
      #expect(text[...].joiningLines() == expected, "\(text.debugDescription)")
    }
  }
}
