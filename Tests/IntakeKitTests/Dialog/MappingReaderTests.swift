import Testing

@testable import IntakeKit

/// Suggestions for mistyped names stay cheap however long the names in a hostile file are.
@Suite struct MappingReaderTests {
  @Test func nearMissesAreStillSuggested() {
    #expect(closestMatch(to: "txet", in: ["text", "kind", "when"]) == "text")
    #expect(closestMatch(to: "phq9_totl", in: ["phq9_total", "gad7_total"]) == "phq9_total")
    #expect(closestMatch(to: "zzzz", in: ["text", "kind"]) == nil)
  }

  @Test func twoVeryLongNamesAreNotCompared() {
    // Before the limit this allocated a 300,001 x 300,001 table (720 GB) and was killed.
    let long = String(repeating: "a", count: 300_000)
    #expect(closestMatch(to: long + "b", in: [long]) == nil)
  }

  @Test func aLongGotoTargetBesideALongIdIsAnErrorWithoutASuggestion() {
    let id = String(repeating: "q", count: 200_000)
    let printed = CheckerFixture.printed(
      "section: main\ntitle: Main\nquestions:\n  - { id: \(id), kind: yes_no, text: Q?, next: \(id)x }\n")
    #expect(printed.contains { $0.contains("[IK300]") && !$0.contains("did you mean") })
  }
}
