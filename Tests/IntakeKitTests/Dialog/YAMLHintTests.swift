import Testing

@testable import IntakeKit

/// The plain words beside a YAML syntax error about indentation.
@Suite struct YAMLHintTests {
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
