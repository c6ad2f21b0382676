import IntakeKit
import Testing

/// Computed values read each other, and the evaluator writes them out in place: a long chain
/// recursed once per value (a stack overflow in path analysis), and values that each read the
/// one before twice doubled at every step (a check that never finished). Both are now one error.
@Suite struct TypeCheckerLimitsTests {
  static let manifest = """
    id: f
    version: "1"
    title: F
    sections: [main.yaml]
    scoring: scoring.yaml
    """
  static let main = """
    section: main
    title: Main
    questions:
      - { id: n, kind: integer, text: N? }
      - { id: done, kind: message, text: Done., when: big > 1 }
    """

  /// A scoring file with `count` computed values, `c0` reading `n` and the rest `value(i)`;
  /// `big` reads the last one.
  func check(count: Int, _ value: (Int) -> String) -> DialogLoader.Outcome {
    var scoring = "computed:\n  - { id: big, value: c\(count - 1) }\n"
    for index in 0..<count { scoring += "  - { id: c\(index), value: \(index == 0 ? "n" : value(index)) }\n" }
    return CheckerFixture.check(Self.main, files: ["scoring.yaml": scoring], manifest: Self.manifest)
  }

  @Test func aLongChainOfComputedValuesIsOneErrorNotAStackOverflow() {
    // Declared last-first, so checking `big` recursed down all 5,000 before the fix.
    let outcome = check(count: 5_000) { "c\($0 - 1) + 1" }
    #expect(outcome.dialog == nil)
    #expect(outcome.diagnostics.map(\.code) == [.expressionTooDeep])
    #expect(
      outcome.diagnostics.first?.message
        == "this reads computed values built on each other more than 200 levels deep written out; a dialog never "
        + "needs this")
  }

  @Test func aShortChainLoads() {
    let outcome = check(count: 60) { "c\($0 - 1) + 1" }
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.dialog != nil)
  }

  @Test func valuesThatDoubleAtEveryStepAreBlamedOnTheFirstTooLarge() {
    // c(k) written out has 2^(k+2) - 3 parts: c12 has 16,381, c13 has 32,765.
    let outcome = check(count: 40) { "c\($0 - 1) + c\($0 - 1)" }
    #expect(outcome.dialog == nil)
    #expect(
      outcome.diagnostics.map(\.description) == [
        "d/scoring.yaml:16:11: error: [IK207] computed value 'c13' reads computed values that add up to more than "
          + "20000 parts written out; simplify them"
      ])
  }

  @Test func aMatchesPatternWithControlCharactersIsRefused() {
    // Found by the expression fuzzer: Foundation leaked memory compiling such patterns at every
    // evaluation. YAML reads "\\0" inside double quotes as NUL.
    let main =
      "section: main\ntitle: Main\nquestions:\n  - { id: t, kind: text, text: T? }\n"
      + "  - { id: m, kind: message, text: M., when: \"matches(t, '\\0a|b')\" }\n"
    #expect(
      CheckerFixture.printed(main) == [
        "d/main.yaml:5:57: error: [IK106] the pattern of matches() cannot contain control characters such as NUL or tab"
      ])
  }
}
