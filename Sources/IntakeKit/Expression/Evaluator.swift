import Foundation

/// Evaluates checked expressions over a session's answers.
///
/// Besides the value, it returns the evidence: the answers that decided the result, so a finding
/// can say why it fired. For `a or b` that is every side that was true; under `not`, nothing; for
/// `any(meds, ...)` only the matching records.
///
/// A condition has two readings. Its value is the one `when`, branches and rules have always
/// used: a comparison with missing is false, and `not` of that is true. Beside it the evaluator
/// keeps whether the condition is *decided* in three-valued (Kleene) logic: a comparison or `in`
/// that reads a missing answer is unknown, `not` of unknown is unknown, `unknown or true` is true,
/// `unknown and false` is false, and anything else with an unknown side is unknown. A decided
/// condition has the same value whatever the missing answers would have been. Aggregates that
/// turn conditions into numbers (`count_true`, `count(records, condition)`) use the decided
/// reading, so a condition that cannot be decided makes the number missing, never a "no";
/// `coalesce` takes its fallback for an undecided condition as for a missing value.
struct Evaluator {
  struct Result {
    var value: Value
    var evidence: [AnswerReference]
    /// The value is a condition that three-valued logic cannot decide (it read a missing answer
    /// and the rest does not settle it); `value` then holds its two-valued reading.
    var unknown = false

    /// The condition in three-valued logic: true, false, or nil when it cannot be decided
    /// (missing, or a yes/no that came from a missing answer).
    var decided: Bool? {
      guard !unknown, case .bool(let value) = value else { return nil }
      return value
    }

    /// Missing in three-valued logic: a missing value, or a condition that cannot be decided.
    var isUndecided: Bool { value.isMissing || unknown }
  }

  /// What evaluating reads of the dialog. Not the whole `Dialog`: copying one retains every
  /// table it holds, and an evaluator is copied for every computed value it reads.
  struct Tables {
    let questions: [String: Question]
    let computed: [String: ComputedValue]
    let lexicons: [String: Lexicon]
  }

  let dialog: Tables
  let answers: Answers
  let today: CalendarDate
  /// The record in scope inside `any`/`all`/`count` predicates and repeat items.
  var record: (group: String, index: Int, values: Record)?
  /// Whether three-valued decidedness is worked out in full: only under what reads it
  /// (`count_true`, `count`, `coalesce`), so a `when` pays for no more than its two-valued value.
  var decides = false
  /// Whether results carry their evidence: only a finding cites it, and a `when` or a branch
  /// evaluated at every step of a walk need not make a list of the answers it read.
  var cites = true

  init(
    dialog: Dialog, answers: Answers, today: CalendarDate, record: (group: String, index: Int, values: Record)? = nil
  ) {
    self.dialog = Tables(questions: dialog.questions, computed: dialog.computed, lexicons: dialog.lexicons)
    self.answers = answers
    self.today = today
    self.record = record
  }

  func value(_ expression: Expression) -> Value {
    // Not copied when it cites nothing already (a walk's): a copy retains every table it reads.
    guard cites else { return evaluate(expression).value }
    return withoutEvidence.evaluate(expression).value
  }

  /// This evaluator leaving out the evidence, for what reads only the value.
  var withoutEvidence: Evaluator {
    var copy = self
    copy.cites = false
    return copy
  }

  /// This evaluator working out three-valued decidedness in full, for what reads it.
  private var deciding: Evaluator {
    var copy = self
    copy.decides = true
    return copy
  }

  /// True only when the condition evaluates to true; missing counts as false.
  func holds(_ expression: Expression) -> Bool {
    guard cites else { return evaluate(expression).value == .bool(true) }
    return withoutEvidence.evaluate(expression).value == .bool(true)
  }

  func evaluate(_ expression: Expression) -> Result {
    switch expression.kind {
    case .number(let value): return Result(value: .number(value), evidence: [])
    case .text(let value): return Result(value: .text(value), evidence: [])
    case .bool(let value): return Result(value: .bool(value), evidence: [])
    case .list(let items):
      let results = items.map(evaluate)
      return Result(value: .list(results.map(\.value)), evidence: results.flatMap(\.evidence))
    case .reference(let name, let field):
      let base = lookup(name)
      guard let field else { return base }
      guard case .bloodPressure(let reading) = base.value else {
        return Result(value: .missing, evidence: base.evidence)
      }
      return Result(
        value: .number(Double(field == "systolic" ? reading.systolic : reading.diastolic)), evidence: base.evidence)
    case .not(let inner):
      // What made the inner part false is not a reason for the finding: no evidence under `not`.
      let result = evaluate(inner)
      return Result(value: .bool(result.value != .bool(true)), evidence: [], unknown: result.decided == nil)
    case .negate(let inner):
      let result = evaluate(inner)
      guard let number = result.value.asNumber else { return Result(value: .missing, evidence: result.evidence) }
      return Result(value: .number(-number), evidence: result.evidence)
    case .binary(let op, let lhs, let rhs):
      return binary(op, lhs, rhs)
    case .call(let name, let arguments):
      return call(name, arguments)
    }
  }

  /// A question's answer as stored: a field of the record in scope, or a top-level answer.
  private func answer(_ name: String) -> Value {
    if let record, dialog.questions[name]?.group == record.group { return record.values[name] ?? .missing }
    return answers.value(of: name)
  }

  /// A name's value: a field of the record in scope, a top-level answer, or a computed value.
  private func lookup(_ name: String) -> Result {
    if let record, dialog.questions[name]?.group == record.group {
      let reference = AnswerReference(question: name, group: record.group, record: record.index)
      return Result(value: answer(name).forExpressions, evidence: cites ? [reference] : [])
    }
    // An answer first: a loaded dialog's computed values and questions never share a name
    // (`DialogReader` refuses it), and most names read are answered questions, found with one
    // lookup where asking for a computed value first took two.
    if let answered = answers.values[name] {
      let value = answered.forExpressions
      return Result(value: value, evidence: value.isMissing || !cites ? [] : [AnswerReference(question: name)])
    }
    if let computed = dialog.computed[name] {
      var computing = self
      computing.record = nil
      return computing.evaluate(computed.expression)
    }
    return Result(value: .missing, evidence: [])
  }

  private func binary(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression) -> Result {
    switch op {
    case .and:
      let left = evaluate(lhs)
      guard left.value == .bool(true) else {
        // A left side that is false whatever the missing answers settles it; one that is
        // undecided leaves it to the right side (`unknown and false` is false).
        let unknown = left.decided != false && (!decides || evaluate(rhs).decided != false)
        return Result(value: .bool(false), evidence: left.evidence, unknown: unknown)
      }
      let right = evaluate(rhs)
      let unknown = right.decided != false && (left.decided == nil || right.decided == nil)
      return Result(
        value: .bool(right.value == .bool(true)), evidence: Self.both(left.evidence, right.evidence), unknown: unknown)
    case .or:
      // Both sides are evaluated so a finding cites every reason that holds, not just the first.
      let left = evaluate(lhs)
      let right = evaluate(rhs)
      let unknown = left.decided != true && right.decided != true && (left.decided == nil || right.decided == nil)
      let leftHolds = left.value == .bool(true)
      let rightHolds = right.value == .bool(true)
      if !leftHolds, !rightHolds {
        return Result(value: .bool(false), evidence: Self.both(left.evidence, right.evidence), unknown: unknown)
      }
      return Result(
        value: .bool(true), evidence: Self.both(leftHolds ? left.evidence : [], rightHolds ? right.evidence : []),
        unknown: unknown)
    default:
      break
    }
    let left = evaluate(lhs)
    let right = evaluate(rhs)
    let evidence = Self.both(left.evidence, right.evidence)
    if op.isArithmetic {
      guard let a = left.value.asNumber, let b = right.value.asNumber else {
        return Result(value: .missing, evidence: evidence)
      }
      let value: Double
      switch op {
      case .add: value = a + b
      case .subtract: value = a - b
      case .multiply: value = a * b
      default:
        guard b != 0 else { return Result(value: .missing, evidence: evidence) }
        value = a / b
      }
      return Result(value: .number(value), evidence: evidence)
    }
    // Every comparison with missing is false, `!=` included: missing is not a value. In
    // three-valued logic it is unknown, as is one over a condition that is itself undecided.
    let unknown = left.isUndecided || right.isUndecided
    if left.value.isMissing || right.value.isMissing {
      return Result(value: .bool(false), evidence: evidence, unknown: true)
    }
    let outcome: Bool
    switch op {
    case .equal: outcome = Self.equal(left.value, right.value)
    case .notEqual: outcome = !Self.equal(left.value, right.value)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard let order = Self.order(left.value, right.value) else {
        return Result(value: .bool(false), evidence: evidence, unknown: unknown)
      }
      switch op {
      case .less: outcome = order < 0
      case .lessOrEqual: outcome = order <= 0
      case .greater: outcome = order > 0
      default: outcome = order >= 0
      }
    case .in: outcome = Self.contains(right.value, left.value)
    default: outcome = false
    }
    return Result(value: .bool(outcome), evidence: evidence, unknown: unknown)
  }

  /// Two sides' evidence, one after the other. Without a new array when a side has none, as
  /// neither has in a `when` or a branch (which cite nothing): joining empty lists at every
  /// comparison of every walk was a part of reading a condition.
  static func both(_ first: [AnswerReference], _ second: [AnswerReference]) -> [AnswerReference] {
    if second.isEmpty { return first }
    if first.isEmpty { return second }
    return first + second
  }

  /// Choices compare equal to the text of their option id; nothing else crosses types.
  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.choice(let id), .text(let text)), (.text(let text), .choice(let id)): id == text
    default: a == b
    }
  }

  static func order(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.number(let x), .number(let y)): x < y ? -1 : (x > y ? 1 : 0)
    case (.date(let x), .date(let y)): x < y ? -1 : (x > y ? 1 : 0)
    default: nil
    }
  }

  static func contains(_ collection: Value, _ element: Value) -> Bool {
    switch collection {
    case .list(let items): items.contains { equal($0, element) }
    case .choices(let ids): if case .text(let text) = element { ids.contains(text) } else { false }
    case .tags(let tags): if case .text(let text) = element { tags.contains(text) } else { false }
    default: false
    }
  }

  private func call(_ name: String, _ arguments: [Expression]) -> Result {
    switch name {
    case "answered":
      let result = evaluate(arguments[0])
      return Result(value: .bool(!result.value.isMissing), evidence: result.evidence)
    case "today":
      return Result(value: .date(today), evidence: [])
    case "age":
      let result = evaluate(arguments[0])
      guard case .date(let birth) = result.value else { return Result(value: .missing, evidence: result.evidence) }
      return Result(value: .number(Double(birth.years(until: today))), evidence: result.evidence)
    case "len":
      let result = evaluate(arguments[0])
      guard case .text(let text) = result.value else { return Result(value: .missing, evidence: result.evidence) }
      return Result(value: .number(Double(text.count)), evidence: result.evidence)
    case "sum", "min", "max":
      let results = arguments.map(evaluate)
      let evidence = results.flatMap(\.evidence)
      let numbers = results.compactMap(\.value.asNumber)
      guard numbers.count == results.count, let first = numbers.first else {
        return Result(value: .missing, evidence: evidence)
      }
      let value: Double =
        switch name {
        case "sum": numbers.reduce(0, +)
        case "min": numbers.reduce(first, Swift.min)
        default: numbers.reduce(first, Swift.max)
        }
      return Result(value: .number(value), evidence: evidence)
    case "count_true":
      // Counts the conditions that hold. One that cannot be decided (it reads a missing answer)
      // makes the count missing: an unanswered item is not a "no". A dialog that means "not
      // asked counts as no" says so (`coalesce(item, false)`, `gate == true and item == true`).
      let results = arguments.map(deciding.evaluate)
      let holding = results.filter { $0.decided == true }
      let evidence = holding.flatMap(\.evidence)
      guard results.allSatisfy({ $0.decided != nil }) else {
        return Result(value: .missing, evidence: evidence)
      }
      return Result(value: .number(Double(holding.count)), evidence: evidence)
    case "matches":
      let result = evaluate(arguments[0])
      guard case .text(let text) = result.value, case .text(let pattern) = arguments[1].kind,
        let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
      else { return Result(value: .missing, evidence: result.evidence) }
      let range = NSRange(text.startIndex..., in: text)
      return Result(value: .bool(expression.firstMatch(in: text, range: range) != nil), evidence: result.evidence)
    case "tags", "concerns", "known":
      let result = evaluate(arguments[0])
      guard case .text(let text) = result.value, case .reference(let field, _) = arguments[0].kind,
        case .text(_, let lexiconID?) = dialog.questions[field]?.kind, let lexicon = dialog.lexicons[lexiconID]
      else { return Result(value: .missing, evidence: result.evidence) }
      let match = LexiconMatcher(lexicon: lexicon).match(text)
      if name == "known" { return Result(value: .bool(match != nil), evidence: result.evidence) }
      let tags = match?.entry.tags ?? []
      if name == "tags" { return Result(value: .tags(Set(tags)), evidence: result.evidence) }
      return Result(value: .tags(Set(tags.flatMap { lexicon.tagConcerns[$0] ?? [] })), evidence: result.evidence)
    case "ongoing":
      // "still taking it": kept on the amount, which expressions otherwise see as a number.
      guard case .reference(let name, nil) = arguments[0].kind else { return Result(value: .missing, evidence: []) }
      let evidence = evaluate(arguments[0]).evidence
      guard case .quantity(let quantity) = answer(name) else { return Result(value: .missing, evidence: evidence) }
      return Result(value: .bool(quantity.ongoing), evidence: quantity.ongoing ? evidence : [])
    case "choose":
      let condition = evaluate(arguments[0])
      guard case .bool(let holds) = condition.value else {
        return Result(value: .missing, evidence: condition.evidence)
      }
      let chosen = evaluate(arguments[holds ? 1 : 2])
      return Result(value: chosen.value, evidence: condition.evidence + chosen.evidence)
    case "coalesce":
      // An undecided condition is missing in three-valued logic: `coalesce(item == true, false)`.
      let first = deciding.evaluate(arguments[0])
      return first.isUndecided ? evaluate(arguments[1]) : first
    case "count", "any", "all":
      let collection = evaluate(arguments[0])
      if arguments.count == 1 {
        switch collection.value {
        case .records(let records): return Result(value: .number(Double(records.count)), evidence: collection.evidence)
        case .choices(let ids): return Result(value: .number(Double(ids.count)), evidence: collection.evidence)
        case .tags(let tags): return Result(value: .number(Double(tags.count)), evidence: collection.evidence)
        default: return Result(value: .missing, evidence: collection.evidence)
        }
      }
      guard case .records(let records) = collection.value, case .reference(let group, _) = arguments[0].kind else {
        return Result(value: .missing, evidence: collection.evidence)
      }
      var matching: [AnswerReference] = []
      var count = 0
      var failing: [AnswerReference] = []
      // Three-valued: records whose condition cannot be decided, and whether one is decided true
      // or false whatever the missing answers (for `any`, `all`).
      var undecided = 0
      var someTrue = false
      var someFalse = false
      for (index, values) in records.enumerated() {
        var scoped = self
        scoped.record = (group, index, values)
        scoped.decides = decides || name == "count"
        let result = scoped.evaluate(arguments[1])
        switch result.decided {
        case true?: someTrue = true
        case false?: someFalse = true
        case nil: undecided += 1
        }
        if result.value == .bool(true) {
          count += 1
          // A record that matched only through a `not` ("not known(med_name)") has no evidence of
          // its own, yet it is the reason: cite the record.
          if cites {
            matching +=
              result.evidence.isEmpty
              ? [AnswerReference(question: group, group: group, record: index)] : result.evidence
          }
        } else {
          failing += result.evidence
        }
      }
      switch name {
      case "count":
        // A record whose condition cannot be decided makes the count missing, as in count_true.
        guard undecided == 0 else { return Result(value: .missing, evidence: matching + failing) }
        // No record counted: what was answered instead is the reason (trials too short, or none
        // at all), so a "fewer than 2" finding cites them or the empty group.
        return Result(
          value: .number(Double(count)),
          evidence: count > 0 ? matching : failing.isEmpty ? collection.evidence : failing)
      case "any":
        return Result(
          value: .bool(count > 0), evidence: count > 0 ? matching : failing, unknown: !someTrue && undecided > 0)
      default:
        return Result(
          value: .bool(count == records.count), evidence: count == records.count ? matching : failing,
          unknown: !someFalse && undecided > 0)
      }
    default:
      return Result(value: .missing, evidence: [])
    }
  }
}
