import Testing

@testable import IntakeKit

/// Reading a transcript's typed lines: the screen named in `>[place] text` is found from the
/// line's bytes where they are ASCII, and must be what reading it by character finds.
@Suite struct TranscriptTests {
  /// Every mix of these pieces after `[`: ASCII names, a bracket inside, a mark after the `]` or
  /// after the space, letters that are not ASCII, no closing bracket at all.
  @Test func aPlaceFromBytesIsThePlaceByCharacter() {
    let pieces = ["phq9_1", "meds", "[1]", ".dose", "]", " ", "\u{301}", "é", "x", ":review", "[", "]]"]
    var texts: [String] = ["["]
    for _ in 0..<3 { texts += texts.flatMap { text in pieces.map { text + $0 } } }
    var compared = 0
    for text in Set(texts) {
      let line = Substring(text)
      let fast = Result { () throws(TranscriptError) in try Transcript.splitPlace(line, path: "t", line: 1) }
      let slow = Result { () throws(TranscriptError) in try Transcript.splitPlaceByCharacter(line, path: "t", line: 1) }
      switch (fast, slow) {
      case (.success(let a), .success(let b)):
        #expect(a.0 == b.0 && a.1 == b.1, "\(text.debugDescription)")
      case (.failure(let a), .failure(let b)):
        #expect(a.description == b.description, "\(text.debugDescription)")
      default:
        Issue.record("\(text.debugDescription): \(fast) but by character \(slow)")
      }
      compared += 1
    }
    #expect(compared > 1000)
  }

  /// A line is shown, typed, staff's or a comment by its first character: a mark joined to `>`
  /// or `#` makes it a shown line, as it always did.
  @Test func aMarkJoinedToALinesFirstCharacterMakesItShown() throws {
    let text = "dialog: d 1\nclock: 2026-03-15T14:30:00Z UTC\n---\n>\u{301} typed?\n#\u{301} comment?\n> yes\n"
    let transcript = try Transcript.parse(text, path: "t.transcript")
    #expect(
      transcript.lines.map(\.entry) == [
        .shown(">\u{301} typed?"), .shown("#\u{301} comment?"), .typed(.line("yes"), at: nil),
      ])
  }

  /// An expectation's list is cut at its commas, not at those in brackets: from the bytes where
  /// the text is ASCII, the same parts as by character.
  @Test func anExpectationListFromBytesIsTheListByCharacter() {
    let pieces = ["a", ",", " ", "(", ")", "b c", ", ", "9 (Positive, high)"]
    var texts: [String] = [""]
    for _ in 0..<5 { texts = texts.flatMap { text in pieces.map { text + $0 } } }
    for text in texts {
      #expect(Expectations.split(text) == Expectations.splitByCharacter(text), "\(text.debugDescription)")
    }
    #expect(
      Expectations.split("audit_c = 9 (Positive, high), phq9 = 3") == ["audit_c = 9 (Positive, high)", "phq9 = 3"])
  }
}
