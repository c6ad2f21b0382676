import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Expressions nested or chained too deep, or too long, are diagnostics with the column of the
/// offending token, never a stack overflow in the parser, type checker or evaluator.
@Suite struct ExpressionParserLimitsTests {
  let origin = SourceLocation(file: "t.yaml", line: 3, column: 11)

  func failure(_ text: String) -> String? {
    guard case .failure(let diagnostic) = ExpressionParser.parse(text, at: origin) else { return nil }
    return diagnostic.description
  }

  static let tooDeep =
    "error: [IK205] this expression nests more than 100 levels deep (each bracket, call, 'not', '-' and each "
    + "further operator in a chain is a level); split it into computed values"

  @Test func fourThousandParenthesesAreTooLongNotACrash() {
    let text = String(repeating: "(", count: 4_000) + "true" + String(repeating: ")", count: 4_000)
    #expect(
      failure(text)
        == "t.yaml:3:4011: error: [IK206] this expression is 8004 characters long; the most is 4000: split it into "
        + "computed values")
  }

  @Test func aHundredThousandNotsAreTooLongNotACrash() {
    #expect(failure(String(repeating: "not ", count: 100_000) + "true")?.contains("[IK206]") == true)
  }

  @Test func theHundredAndFirstParenthesisIsBlamed() {
    let text = String(repeating: "(", count: 101) + "true" + String(repeating: ")", count: 101)
    // The 101st '(' is at offset 100.
    #expect(failure(text) == "t.yaml:3:111: " + Self.tooDeep)
    let fits = String(repeating: "(", count: 100) + "true" + String(repeating: ")", count: 100)
    #expect(failure(fits) == nil)
  }

  @Test func nestedCallsListsNotsAndMinusesCountAsLevels() {
    #expect(failure(String(repeating: "max(", count: 101) + "1" + String(repeating: ")", count: 101)) != nil)
    #expect(failure(String(repeating: "[", count: 101) + "1" + String(repeating: "]", count: 101)) != nil)
    #expect(failure(String(repeating: "not ", count: 101) + "true") == "t.yaml:3:411: " + Self.tooDeep)
    #expect(failure(String(repeating: "- ", count: 101) + "1") == "t.yaml:3:211: " + Self.tooDeep)
    #expect(failure(String(repeating: "not ", count: 99) + "true") == nil)
  }

  @Test func aLongChainOfOperatorsIsBlamedOnTheOperatorTooMany() {
    // 101 terms make a tree 101 deep; the 100th 'or' (offset 5 + 99 * 8) builds the 101st level.
    let chain = (0..<101).map { _ in "true" }.joined(separator: " or ")
    #expect(failure(chain) == "t.yaml:3:\(11 + 4 + 99 * 8 + 1): " + Self.tooDeep)
    #expect(failure((0..<100).map { _ in "1" }.joined(separator: " + ")) == nil)
  }

  @Test func theDeepestAllowedExpressionChecksAndEvaluates() throws {
    // 100 levels: 99 'not's around a literal. The checker and evaluator recurse this deep.
    let text = String(repeating: "not ", count: 99) + "(1 + 1 == 2)"
    #expect(failure(text) != nil)
    let fits = String(repeating: "not ", count: 97) + "(1 + 1 == 2)"
    let expression = try ExpressionParser.parse(fits, at: origin).get()
    #expect(expression.height == 100)
    let dialog = try EngineFixture.dialog()
    let sink = DiagnosticSink()
    let type = TypeChecker(
      questions: dialog.questions, computed: dialog.computed, lexicons: dialog.lexicons, sink: sink
    )
    .infer(expression, scope: .topLevel)
    #expect(type == .bool)
    #expect(sink.diagnostics.isEmpty)
    let value = Evaluator(dialog: dialog, answers: Answers(), today: TestSupport.fixedClock.today).value(expression)
    #expect(value == .bool(false))
  }

  @Test func theLengthLimitCountsCharacters() {
    let fits = "\"" + String(repeating: "é", count: ExpressionParser.maximumLength - 2) + "\""
    #expect(failure(fits) == nil)
    #expect(failure(fits + " ")?.contains("[IK206]") == true)
  }
}
