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
}
