import IntakeTestSupport
import Testing

/// The golden helper's report: the lines that differ, numbered, golden `-` and produced `+`.
@Suite struct GoldenDiffTests {
  @Test func aChangedLineIsShownWithItsNumberBothWays() {
    let diff = Golden.lineDiff("a\nb\nc\nd", "a\nB\nc\nd\ne")
    #expect(diff == "-2: b\n+2: B\n+5: e")
  }

  @Test func identicalTextHasNoDifferences() {
    #expect(Golden.lineDiff("same\ntext", "same\ntext").isEmpty)
  }

  @Test func aLongDifferenceIsCutShort() {
    let diff = Golden.lineDiff((1...100).map(String.init).joined(separator: "\n"), "")
    #expect(diff.hasSuffix("… (more differences)"))
    #expect(diff.split(separator: "\n").count == 41)
  }
}
