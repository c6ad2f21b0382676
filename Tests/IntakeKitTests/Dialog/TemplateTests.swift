import Testing

@testable import IntakeKit

@Suite struct TemplateTests {
  let here = SourceLocation(file: "t.yaml", line: 3, column: 10)

  func parse(_ text: String, segments: Bool = true) -> (Template, [String]) {
    let sink = DiagnosticSink()
    let template = Template.parse(text, at: here, quoted: false, segments: segments, sink: sink)
    return (template, sink.diagnostics.map { "\($0.location.column): \($0.message)" })
  }

  func render(_ template: Template, _ words: [String: String]) -> String { template.render { words[$0] } }

  @Test func anOptionalSegmentIsWrittenOnlyWhenEveryNameInItHasWords() {
    let (template, errors) = parse("reports {drug}[ up to {dose}][ for {weeks}]")
    #expect(errors.isEmpty)
    #expect(template.references.map(\.name) == ["drug", "dose", "weeks"])
    #expect(
      render(template, ["drug": "sertraline", "dose": "100 mg", "weeks": "12 weeks"])
        == "reports sertraline up to 100 mg for 12 weeks")
    #expect(render(template, ["drug": "sertraline", "weeks": "12 weeks"]) == "reports sertraline for 12 weeks")
    #expect(render(template, [:]) == "reports (not answered)")
  }

  /// Words after the last name in a segment are the segment's ("[ Last high: {high}.]" lost its
  /// full stop).
  @Test func theWordsAfterTheLastNameInASegmentAreKept() {
    let (template, errors) = parse("Reported.[ Type: {type}.][ Last: {last}.]")
    #expect(errors.isEmpty)
    #expect(render(template, ["type": "II", "last": "a year ago"]) == "Reported. Type: II. Last: a year ago.")
    #expect(render(template, ["last": "a year ago"]) == "Reported. Last: a year ago.")
  }

  @Test func bracketsArePlainTextOutsideCiteTemplates() {
    let (template, errors) = parse("See [S15] for {name}", segments: false)
    #expect(errors.isEmpty)
    #expect(render(template, [:]) == "See [S15] for (not answered)")
  }

  @Test func doubledBracketsWriteLiteralBrackets() {
    let (template, errors) = parse("[[S15]] {name}")
    #expect(errors.isEmpty)
    #expect(render(template, ["name": "x"]) == "[S15] x")
  }

  /// `literal` (the fast way screens and notes take past a template that reads no name) is what
  /// `render` writes, and is there for every text without a name in it.
  @Test func aTemplateThatReadsNoNameIsItsLiteralText() {
    let texts = [
      "", "Welcome.", "What is your first name?", "Type {{help}} for help", "See [S15] first", "[[S15]] here",
      "Thanks, {first_name}.", "{name}", "reports {drug}[ up to {dose}]", "[ Last high: {high}.]", "Done.[ Type: II.]",
    ]
    for text in texts {
      for segments in [false, true] {
        let (template, errors) = parse(text, segments: segments)
        guard errors.isEmpty else { continue }
        var asked: [String] = []
        let rendered = template.render(missing: "(missing)") { name in
          asked.append(name)
          return nil
        }
        if let literal = template.literal {
          #expect(literal == rendered, "\(text)")
          #expect(asked.isEmpty, "\(text)")
        }
        if template.references.isEmpty, !(segments && text.contains("[")) {
          #expect(template.literal == rendered, "\(text): reads no name, yet has no literal text")
        }
      }
    }
  }

  @Test func unbalancedAndNestedBracketsAreReportedWhereTheyAre() {
    #expect(parse("a [b").1 == ["14: '[' has no closing ']'; write '[[' for a literal bracket"])
    #expect(parse("a] b").1 == ["11: ']' has no opening '['; write ']]' for a literal bracket"])
    #expect(parse("[a [b]").1 == ["13: optional segments cannot be nested; write '[[' for a literal bracket"])
  }
}
