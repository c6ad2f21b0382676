import Testing

@testable import IntakeKit

/// Issue 15: a file that cannot be read as YAML is reported first, in plain words beside
/// libyaml's, and the names it would have declared do not bring a flood of follow-on errors.
@Suite struct UnreadableFileFirstTests {
  static let questions = """
    section: other
    title: Other
    questions:
      - id: first_name
        kind: text
        text: Your first name?
      - id: last_name
        kind: text
          label: Last name
        text: Your last name?
    """

  /// What the checker prints for `main` read after `other.yaml` (`questions`, which cannot be read).
  static func printedAfterOther(_ main: String) -> [String] {
    CheckerFixture.printed(
      main, files: ["other.yaml": questions],
      manifest: CheckerFixture.manifest.replacingOccurrences(of: "[main.yaml]", with: "[other.yaml, main.yaml]"))
  }

  @Test func aMisindentedKeyIsReportedFirstWithWhichLinesDisagree() {
    let printed = Self.printedAfterOther(
      """
      section: main
      title: Main
      questions:
        - id: greet
          kind: message
          text: "Hello {first_name} {last_name}."
          when: first_name != "x" and last_name != "y"
      """)
    #expect(printed.first?.hasPrefix("d/other.yaml:9:") == true, "\(printed)")
    #expect(printed.first?.contains("[IK100]") == true)
    #expect(printed.first?.contains("Line 9 is indented more than line 8 above it (6 spaces against 4)") == true)
    // The names the file declares are unknown elsewhere; that is said once, not once per use.
    #expect(!printed.contains { $0.contains("error: [IK105]") }, "\(printed)")
    #expect(printed.contains { $0.contains("more errors about unknown names, options or types are not shown") })
  }

  /// One follow-on error is counted in the singular.
  @Test func oneFollowOnErrorIsCountedAsOne() {
    let printed = Self.printedAfterOther(
      """
      section: main
      title: Main
      questions:
        - id: greet
          kind: message
          text: Hello.
          when: first_name != "x"
      """)
    #expect(
      printed.contains { $0.contains("1 more error about unknown names, options or types is not shown: it may come") },
      "\(printed)")
  }

  /// A key moved left of its neighbours, or a list item left of the others, lines up with
  /// nothing: said in plain words, not only in libyaml's ("did not find expected '-' indicator").
  @Test func aLineMovedLeftIsNamedWithWhereItShouldLineUp() {
    let key = CheckerFixture.printed(
      "section: main\ntitle: Main\nquestions:\n  - id: a\n    kind: yes_no\n   label: A\n    text: A?\n")
    #expect(
      key.first?.contains("Line 6 is indented 3 spaces, which lines up with nothing above it") == true, "\(key)")
    let item = CheckerFixture.printed(
      "section: main\ntitle: Main\nquestions:\n  - id: a\n    kind: choice\n    text: A?\n    options:\n"
        + "      - { id: x, text: X }\n     - { id: y, text: Y }\n")
    #expect(
      item.first?.contains("Line 9 is indented 5 spaces, which lines up with nothing above it") == true, "\(item)")
  }

  /// A condition that starts with a quoted word needs the whole value quoted.
  @Test func aValueStartingWithAQuoteSaysToQuoteItAll() {
    let printed = CheckerFixture.printed(
      "section: main\ntitle: Main\nquestions:\n  - id: a\n    kind: yes_no\n    when: \"x\" in b\n    text: A?\n")
    #expect(
      printed.first?.contains("put the whole value in single quotes: when: '\"x\" in b'") == true, "\(printed)")
  }

  @Test func aTabIsNamedAsTheCause() {
    let printed = CheckerFixture.printed(
      "section: main\ntitle: Main\nquestions:\n  - id: a\n\tkind: yes_no\n    text: A?\n")
    #expect(printed.first?.contains("indented with a tab; YAML indents with spaces only") == true, "\(printed)")
  }
}
