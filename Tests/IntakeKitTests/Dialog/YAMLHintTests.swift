import Testing

@testable import IntakeKit

/// The plain words beside a YAML syntax error about indentation.
@Suite struct YAMLHintTests {
  /// A key of a list item one space short of the item's first key is measured from that key, not
  /// from the dash: the fix the hint gives must be the right one.
  @Test func aListItemsKeyIsMeasuredFromTheItemsFirstKey() {
    let text = "questions:\n  - id: q\n   kind: text\n"
    #expect(
      YAMLHint.hint(text, line: 3)
        == "Line 3 is indented 3 spaces, which lines up with nothing above it; the lines of the same mapping "
        + "or list line up (the nearest above are at 2 and 4 spaces)")
    #expect(
      YAMLHint.hint("questions:\n  - id: q\n     kind: text\n", line: 3)
        == "Line 3 is indented more than line 2 above it (5 spaces against 4); keys of the same mapping line up, "
        + "and only a key with nothing after its ':' takes an indented block")
  }

  /// A line between two columns as near as each other names both, the same every time.
  @Test func twoEquallyNearColumnsAreBothNamed() {
    let text = "a:\n  - 1\n - 2\n"
    for _ in 0..<20 {
      #expect(
        YAMLHint.hint(text, line: 3)
          == "Line 3 is indented 1 spaces, which lines up with nothing above it; the lines of the same mapping "
          + "or list line up (the nearest above are at 0 and 2 spaces)")
    }
  }
}
