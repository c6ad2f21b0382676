import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct ExpressionTests {
  let origin = SourceLocation(file: "t.yaml", line: 3, column: 11)

  func parse(_ text: String) throws -> Expression {
    try ExpressionParser.parse(text, at: origin).get()
  }

  /// Evaluates `text` over the fixture dialog with the given top-level answers.
  func evaluate(_ text: String, _ values: [String: Value] = [:]) throws -> Value {
    var answers = Answers()
    answers.values = values
    let dialog = try EngineFixture.dialog()
    let sink = DiagnosticSink()
    let expression = try parse(text)
    _ = TypeChecker(questions: dialog.questions, computed: dialog.computed, lexicons: dialog.lexicons, sink: sink)
      .infer(expression, scope: .topLevel)
    #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics)")
    return Evaluator(dialog: dialog, answers: answers, today: TestSupport.fixedClock.today).value(expression)
  }

  /// Quoted texts keep every scalar between the quotes; a node's source drops only trailing
  /// spaces, tabs and line feeds (a last `Character` of several scalars is kept whole).
  @Test func quotedTextsAndSourcesAreCutExactly() throws {
    guard case .text(let text) = try parse("'é ñ \u{1F600} x'").kind else {
      Issue.record("not a text")
      return
    }
    #expect(text == "é ñ \u{1F600} x")
    let pieces = ["", "a", " ", "\t", "\n", "\r\n", " \u{301}", "é"]
    for first in pieces {
      for second in pieces {
        for third in pieces {
          let string = first + second + third
          var reference = string
          while let last = reference.last, last == " " || last == "\t" || last == "\n" { reference.removeLast() }
          #expect(string.trimmingTrailingSpaces() == reference, "\(string.unicodeScalars.map(\.value))")
        }
      }
    }
  }

  @Test func precedenceAndArithmetic() throws {
    #expect(try evaluate("1 + 2 * 3 == 7") == .bool(true))
    #expect(try evaluate("(1 + 2) * 3 == 9") == .bool(true))
    #expect(try evaluate("10 / 4 == 2.5") == .bool(true))
    #expect(try evaluate("-2 < 0 and not (1 > 2)") == .bool(true))
    #expect(try evaluate("1 / 0 == 0") == .bool(false))  // division by zero is missing, not a crash
  }

  @Test func missingNeverEqualsAnythingAndComparisonsWithItAreFalse() throws {
    #expect(try evaluate("packs == 1") == .bool(false))
    #expect(try evaluate("packs != 1") == .bool(false))
    #expect(try evaluate("packs < 1") == .bool(false))
    #expect(try evaluate("packs >= 0") == .bool(false))
    #expect(try evaluate("not (packs == 1)") == .bool(true))
    #expect(try evaluate("answered(packs)") == .bool(false))
    #expect(try evaluate("packs + 1") == .missing)
    #expect(try evaluate("sum(mood, dark)", ["mood": .number(1)]) == .missing)
    #expect(try evaluate("ride in [\"self\"]") == .bool(false))
    #expect(try evaluate("answered(note)", ["note": .missing]) == .bool(false))
  }

  @Test func answeredValues() throws {
    let values: [String: Value] = [
      "packs": .number(2), "ride": .choice("self"), "mood": .number(1), "dark": .number(2),
    ]
    #expect(try evaluate("packs == 2 and answered(packs)", values) == .bool(true))
    #expect(try evaluate("ride == \"self\"", values) == .bool(true))
    #expect(try evaluate("ride in [\"driver\", \"self\"]", values) == .bool(true))
    #expect(try evaluate("total", values) == .number(3))
    #expect(try evaluate("max(mood, dark) - min(mood, dark)", values) == .number(1))
  }

  @Test func countTrueCountsHoldingConditions() throws {
    let values: [String: Value] = ["mood": .number(2), "dark": .number(1), "smokes": .bool(true), "packs": .number(1)]
    #expect(try evaluate("count_true(mood >= 2, dark >= 2, smokes == true, packs > 1)", values) == .number(2))
    #expect(try evaluate("count_true(mood >= 2, dark >= 2) >= 2", values) == .bool(false))
  }

  @Test func matchesTestsTextAgainstAPattern() throws {
    #expect(try evaluate("matches(name, \"[0-9] *(mg|mcg)\")", ["name": .text("20 MG")]) == .bool(true))
    #expect(try evaluate("matches(name, \"[0-9] *(mg|mcg)\")", ["name": .text("twenty")]) == .bool(false))
    #expect(try evaluate("matches(name, \"x\")", [:]) == .missing)
  }

  @Test func datesAndAge() throws {
    let dob: [String: Value] = ["dob": .date(try #require(CalendarDate(year: 2008, month: 3, day: 15)))]
    // The fixed clock is 2026-03-15: the 18th birthday counts on the day.
    #expect(try evaluate("age(dob)", dob) == .number(18))
    let dayAfter: [String: Value] = ["dob": .date(try #require(CalendarDate(year: 2008, month: 3, day: 16)))]
    #expect(try evaluate("age(dob) < 18", dayAfter) == .bool(true))
    #expect(try evaluate("dob < today()", dob) == .bool(true))
  }

  @Test func recordsAndLexiconTags() throws {
    let meds: [String: Value] = [
      "meds": .records([["med": .text("Ativan 1 mg")], ["med": .text("zoloft")], ["med": .text("xyzzy")]])
    ]
    #expect(try evaluate("count(meds)", meds) == .number(3))
    #expect(try evaluate("any(meds, \"sedative\" in tags(med))", meds) == .bool(true))
    #expect(try evaluate("all(meds, \"sedative\" in tags(med))", meds) == .bool(false))
    #expect(try evaluate("count(meds, count(tags(med)) == 0)", meds) == .number(2))
    // sertraline has no tags here but is known; xyzzy is not.
    #expect(try evaluate("count(meds, not known(med))", meds) == .number(1))
    #expect(try evaluate("any(meds, known(med))", [:]) == .missing)
    #expect(try evaluate("any(meds, len(med) > 3)", [:]) == .missing)
  }

  @Test func concernCodesAndCoalesce() throws {
    let meds: [String: Value] = ["meds": .records([["med": .text("Ativan")], ["med": .text("zoloft")]])]
    #expect(try evaluate("count(meds, \"SED\" in concerns(med))", meds) == .number(1))
    #expect(try evaluate("coalesce(packs, 0) + 1", [:]) == .number(1))
    #expect(try evaluate("coalesce(packs, 0) + 1", ["packs": .number(3)]) == .number(4))
  }

  @Test func evidenceIsOnlyWhatMadeItTrue() throws {
    var answers = Answers()
    answers.values = ["smokes": .bool(true), "ride": .choice("self"), "packs": .number(1)]
    let dialog = try EngineFixture.dialog()
    let evaluator = Evaluator(dialog: dialog, answers: answers, today: TestSupport.fixedClock.today)
    let either = evaluator.evaluate(try parse("packs > 5 or ride == \"self\""))
    #expect(either.value == .bool(true))
    #expect(either.evidence == [AnswerReference(question: "ride")])
    let allReasons = evaluator.evaluate(try parse("packs >= 1 or ride == \"self\""))
    #expect(allReasons.evidence == [AnswerReference(question: "packs"), AnswerReference(question: "ride")])
    let both = evaluator.evaluate(try parse("smokes == true and packs >= 1"))
    #expect(both.evidence == [AnswerReference(question: "smokes"), AnswerReference(question: "packs")])
    let negated = evaluator.evaluate(try parse("ride == \"self\" and not (packs > 5)"))
    #expect(negated.evidence == [AnswerReference(question: "ride")])
  }

  /// An evaluator that cites nothing (a walk's, which `holds` and `value` then use as it is)
  /// reads every condition as one that cites, and cites nothing.
  @Test func leavingOutTheEvidenceChangesNoValue() throws {
    let dialog = try EngineFixture.dialog()
    let conditions = [
      "packs > 5 or ride == \"self\"", "smokes == true and packs >= 1", "ride == \"self\" and not (packs > 5)",
      "not smokes", "count_true(smokes, packs > 2) >= 1", "coalesce(packs, 0) + 1 > 1", "answered(packs)",
    ]
    let answerSets: [[String: Value]] = [
      [:], ["smokes": .bool(true)], ["smokes": .bool(false), "packs": .number(3)],
      ["smokes": .bool(true), "ride": .choice("self"), "packs": .number(1)], ["ride": .choice("friend")],
    ]
    for values in answerSets {
      var answers = Answers()
      answers.values = values
      let citing = Evaluator(dialog: dialog, answers: answers, today: TestSupport.fixedClock.today)
      let quiet = citing.withoutEvidence
      for text in conditions {
        let condition = try parse(text)
        #expect(quiet.holds(condition) == citing.holds(condition), "\(text) \(values)")
        #expect(quiet.value(condition) == citing.value(condition), "\(text) \(values)")
        #expect(quiet.evaluate(condition).value == citing.evaluate(condition).value, "\(text) \(values)")
        #expect(quiet.evaluate(condition).evidence.isEmpty, "\(text) \(values)")
      }
    }
  }

  @Test func aCountOfNoneCitesWhatWasAnsweredInstead() throws {
    let dialog = try EngineFixture.dialog()
    func evidence(_ records: [Record]) throws -> [AnswerReference] {
      var answers = Answers()
      answers.values = ["meds": .records(records)]
      let evaluator = Evaluator(dialog: dialog, answers: answers, today: TestSupport.fixedClock.today)
      return evaluator.evaluate(try parse("count(meds, \"sedative\" in tags(med)) < 1")).evidence
    }
    // Nothing counted: the records that did not count are the reason, or the empty group itself.
    #expect(
      try evidence([["med": .text("zoloft")]]).contains(AnswerReference(question: "med", group: "meds", record: 0)))
    #expect(try evidence([]) == [AnswerReference(question: "meds")])
    // Something counted: only what counted.
    #expect(
      try evidence([["med": .text("zoloft")], ["med": .text("ativan")]]).allSatisfy { $0.record == 1 })
  }

  @Test func syntaxErrorsPointAtTheProblem() {
    func failure(_ text: String) -> String? {
      if case .failure(let diagnostic) = ExpressionParser.parse(text, at: origin) { return diagnostic.description }
      return nil
    }
    #expect(failure("a == \"open") == "t.yaml:3:16: error: [IK200] this text has no closing \"")
    #expect(failure("1 < a < 3") == "t.yaml:3:17: error: [IK200] comparisons do not chain; write 'a < b and b < c'")
    #expect(failure("a && b") == "t.yaml:3:13: error: [IK200] use 'and', 'or' and 'not' for logic")
    #expect(
      failure("sum(a, b")
        == "t.yaml:3:19: error: [IK200] expected ')' to close the call to sum(, found 'end of expression'")
    #expect(failure("") == "t.yaml:3:11: error: [IK200] the expression ends too early")
  }

  /// Names are letters of any script, digits and underscores; numbers and digits in names are
  /// ASCII digits only (the tokenizer tells ASCII by value, the rest by Unicode's properties).
  @Test func namesAndNumbersAreToldApartInAnyScript() throws {
    guard case .binary(.greaterOrEqual, let name, let number) = try parse("edad_años2 >= 18.5").kind else {
      Issue.record("not a comparison")
      return
    }
    guard case .reference("edad_años2", nil) = name.kind, case .number(18.5) = number.kind else {
      Issue.record("read as \(name.kind) and \(number.kind)")
      return
    }
    guard case .reference("Größe", nil) = try parse("Größe").kind else {
      Issue.record("a name in German")
      return
    }
    // An Arabic-Indic digit is neither part of a name nor a number.
    if case .failure(let diagnostic) = ExpressionParser.parse("x\u{0661}", at: origin) {
      #expect(diagnostic.description.contains("unexpected character"))
    } else {
      Issue.record("x\u{0661} was read")
    }
    #expect((try? parse("1 <= 2 and a != b")) != nil)
  }

  @Test func calendarDatesParseTheFormsPatientsType() {
    #expect(CalendarDate.parse("04/27/1986") == CalendarDate(year: 1986, month: 4, day: 27))
    #expect(CalendarDate.parse("1986-04-27") == CalendarDate(year: 1986, month: 4, day: 27))
    #expect(CalendarDate.parse("27.04.1986") == CalendarDate(year: 1986, month: 4, day: 27))
    #expect(CalendarDate.parse("02/30/1986") == nil)
    #expect(CalendarDate.parse("02/29/2024") != nil)
    #expect(CalendarDate.parse("yesterday") == nil)
  }
}
