import IntakeTestSupport
import Testing

@testable import IntakeKit

/// An unanswered question is not a "no" where conditions are counted: `count_true` and
/// `count(records, condition)` decide each condition in three-valued (Kleene) logic and are
/// missing when one cannot be decided. `when`s and rules keep their two-valued reading.
@Suite struct MissingInCountsTests {
  let origin = SourceLocation(file: "t.yaml", line: 3, column: 11)

  /// Evaluates `text` over the engine fixture with the given top-level answers, after checking it.
  func evaluate(_ text: String, _ values: [String: Value] = [:]) throws -> Value {
    var answers = Answers()
    answers.values = values
    let dialog = try EngineFixture.dialog()
    let sink = DiagnosticSink()
    let expression = try ExpressionParser.parse(text, at: origin).get()
    _ = TypeChecker(questions: dialog.questions, computed: dialog.computed, lexicons: dialog.lexicons, sink: sink)
      .infer(expression, scope: .topLevel)
    #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics)")
    return Evaluator(dialog: dialog, answers: answers, today: TestSupport.fixedClock.today).value(expression)
  }

  let answered: [String: Value] = ["mood": .number(2), "dark": .number(0), "smokes": .bool(false)]

  @Test func aConditionOverAMissingAnswerMakesTheCountMissing() throws {
    #expect(try evaluate("count_true(mood >= 2, dark >= 2)", answered) == .number(1))
    // packs was never asked: whether it is over 1 is not known, so neither is the count.
    #expect(try evaluate("count_true(mood >= 2, packs > 1)", answered) == .missing)
    #expect(try evaluate("count_true(packs != 1)", answered) == .missing)
    #expect(try evaluate("count_true(ride in [\"self\"])", answered) == .missing)
    #expect(try evaluate("count_true(not (packs > 1))", answered) == .missing)
    // ...and so is everything built on it: a rule over the count does not hold.
    #expect(try evaluate("count_true(mood >= 2, packs > 1) >= 1", answered) == .bool(false))
    #expect(try evaluate("count_true(mood >= 2, packs > 1) + 1", answered) == .missing)
    // A condition that is false is a "no", and whether a question was answered is always known.
    #expect(try evaluate("count_true(dark >= 2, smokes == true)", answered) == .number(0))
    #expect(try evaluate("count_true(answered(packs))", answered) == .number(0))
  }

  @Test func orAndAndAreDecidedWhenTheOtherSideSettlesThem() throws {
    // Kleene: unknown or true is true, unknown and false is false, whatever the answer would be.
    #expect(try evaluate("count_true(packs > 1 or mood >= 2)", answered) == .number(1))
    #expect(try evaluate("count_true(mood >= 2 or packs > 1)", answered) == .number(1))
    #expect(try evaluate("count_true(packs > 1 and dark >= 2)", answered) == .number(0))
    #expect(try evaluate("count_true(smokes == true and packs > 1)", answered) == .number(0))
    // Otherwise they are unknown.
    #expect(try evaluate("count_true(packs > 1 or dark >= 2)", answered) == .missing)
    #expect(try evaluate("count_true(packs > 1 and mood >= 2)", answered) == .missing)
    #expect(try evaluate("count_true(mood >= 2 and packs > 1)", answered) == .missing)
    #expect(try evaluate("count_true(not (packs > 1 and mood >= 2))", answered) == .missing)
    #expect(try evaluate("count_true(not (packs > 1 and dark >= 2))", answered) == .number(1))
    // A `when` or rule keeps its two-valued reading: a condition over a missing answer does not
    // hold, and `not` of it does.
    #expect(try evaluate("packs > 1 or dark >= 2", answered) == .bool(false))
    #expect(try evaluate("not (packs > 1)", answered) == .bool(true))
  }

  @Test func aSkippedFollowUpAfterANoToItsGateCountsAsNoBecauseTheExpressionSaysSo() throws {
    let gate = "count_true(smokes == true and packs > 1)"
    #expect(try evaluate(gate, ["smokes": .bool(false)]) == .number(0))
    #expect(try evaluate(gate, ["smokes": .bool(true)]) == .missing)
    #expect(try evaluate(gate, ["smokes": .bool(true), "packs": .number(2)]) == .number(1))
    // A fallback says it too: coalesce takes it for an undecided condition.
    #expect(try evaluate("count_true(coalesce(packs > 1, false))", [:]) == .number(0))
    #expect(try evaluate("count_true(coalesce(packs > 1, true))", [:]) == .number(1))
    #expect(try evaluate("count_true(coalesce(packs > 1, true))", ["packs": .number(0)]) == .number(0))
  }

  @Test func computedConditionsCarryWhetherTheyAreDecided() throws {
    // `total` is sum(mood, dark): missing without dark, so a condition on it is undecided.
    #expect(try evaluate("count_true(total >= 1)", ["mood": .number(2)]) == .missing)
    #expect(try evaluate("count_true(total >= 1)", answered) == .number(1))
  }

  @Test func aRecordWhoseConditionCannotBeDecidedMakesTheirCountMissing() throws {
    let meds: [String: Value] = ["meds": .records([["med": .text("Ativan")], ["med": .text("zoloft")]])]
    #expect(try evaluate("count(meds, dose == \"1 mg\")", meds) == .missing)
    #expect(try evaluate("count(meds, coalesce(dose == \"1 mg\", false))", meds) == .number(0))
    #expect(try evaluate("count(meds, \"SED\" in concerns(med) and dose == \"1 mg\")", meds) == .missing)
    #expect(try evaluate("count(meds, \"SED\" in concerns(med) or dose == \"1 mg\")", meds) == .missing)
    #expect(try evaluate("count(meds, \"SED\" in concerns(med))", meds) == .number(1))
    // any/all are decided when the records settle them, and inside a count otherwise missing.
    #expect(try evaluate("count_true(any(meds, \"SED\" in concerns(med) or dose == \"1 mg\"))", meds) == .number(1))
    #expect(try evaluate("count_true(any(meds, dose == \"1 mg\"))", meds) == .missing)
    #expect(try evaluate("count_true(all(meds, \"SED\" in concerns(med) and dose == \"1 mg\"))", meds) == .number(0))
  }
}
