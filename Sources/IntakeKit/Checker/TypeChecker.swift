import Foundation

/// Checks expressions against the dialog's questions and computed values when it loads, so a
/// kiosk never meets a type error: `"5" == 5`, an option that does not exist, an unknown name.
final class TypeChecker {
  /// Names in scope besides top-level ids: inside `any(meds, ...)` or a repeat item's `when`,
  /// the fields of that group's current record.
  struct Scope {
    var group: String?
    static let topLevel = Scope(group: nil)
  }

  let questions: [String: Question]
  let computed: [String: ComputedValue]
  let lexicons: [String: Lexicon]
  let sink: DiagnosticSink
  private var computedTypes: [String: ValueType?] = [:]
  private var inProgress: Set<String> = []

  /// How deep the evaluator may recurse for one expression, computed values it reads written
  /// out in place: twice what one expression may nest. Checking a chain of computed values that
  /// each read the one before recurses this deep too, so the limit also bounds the checker.
  static let maximumExpandedDepth = 2 * ExpressionParser.maximumDepth
  /// How many nodes the evaluator may visit for one expression, computed values written out in
  /// place. Computed values that each read the one before twice double at every step (the
  /// expression language's "billion laughs"); the shipped dialog's largest is 102 (11 deep).
  static let maximumExpandedSize = 20_000

  /// The expression depth of the current `infer` call, computed values included.
  private var depth = 0
  /// The deepest `depth` reached, or known to be reached through a computed value already checked.
  private var deepest = 0
  /// Nodes inferred so far, plus the expanded sizes of computed values read from the cache.
  private var counted = 0
  /// The expanded height and size of each computed value already checked.
  private var expansions: [String: (height: Int, size: Int)] = [:]
  /// Set once a too-deep expansion is reported, so one cause gives one error.
  private var reportedTooDeep = false

  static let functions = [
    "answered", "sum", "count", "any", "all", "age", "today", "len", "tags", "concerns", "known", "min", "max",
    "count_true",
    "matches", "coalesce", "ongoing", "choose",
  ]

  init(
    questions: [String: Question], computed: [String: ComputedValue], lexicons: [String: Lexicon], sink: DiagnosticSink
  ) {
    self.questions = questions
    self.computed = computed
    self.lexicons = lexicons
    self.sink = sink
  }

  /// Checks that `expression` is a yes/no condition.
  func checkCondition(_ expression: Expression, scope: Scope, what: String) {
    let start = counted
    let type = infer(expression, scope: scope)
    if counted - start > Self.maximumExpandedSize {
      sink.error(
        .computedTooLarge,
        "\(what) reads computed values that add up to more than \(Self.maximumExpandedSize) parts written out; "
          + "simplify them", at: expression.location)
      return
    }
    guard let type else { return }
    if type != .bool {
      sink.error(
        .typeMismatch, "\(what) must be a yes/no condition, but '\(expression.source)' is \(type)",
        at: expression.location)
    }
  }

  /// The type of a computed value, checking its expression on first use.
  func type(ofComputed id: String) -> ValueType? {
    if let known = computedTypes[id] { return known }
    guard let value = computed[id] else { return nil }
    if inProgress.contains(id) {
      sink.error(.cycleWithoutExit, "computed value '\(id)' depends on itself", at: value.location)
      return nil
    }
    inProgress.insert(id)
    let (startDepth, startCount, outerDeepest) = (depth, counted, deepest)
    deepest = depth
    var result = infer(value.expression, scope: .topLevel)
    var expansion = (height: deepest - startDepth, size: counted - startCount)
    inProgress.remove(id)
    if expansion.size > Self.maximumExpandedSize {
      sink.error(
        .computedTooLarge,
        "computed value '\(id)' reads computed values that add up to more than \(Self.maximumExpandedSize) parts "
          + "written out; simplify them", at: value.location)
      result = nil
    }
    if result == nil {
      // An error was reported inside: the values reading this one count it as one part (and get
      // no type), so one cause gives one error however often it is read.
      expansion = (height: 1, size: 1)
      (counted, deepest) = (startCount + 1, startDepth + 1)
    }
    deepest = max(outerDeepest, deepest)
    expansions[id] = expansion
    computedTypes[id] = result
    return result
  }

  /// Accounts for reading computed value `id` at the current depth. Reports and returns false
  /// when the evaluator would recurse too deep through it.
  private func enterComputed(_ id: String, at location: SourceLocation) -> Bool {
    let known = expansions[id]
    if let known {
      counted += known.size
      deepest = max(deepest, depth + known.height)
    }
    guard depth + (known?.height ?? 1) <= Self.maximumExpandedDepth else {
      reportTooDeep(at: location)
      return false
    }
    return true
  }

  private func reportTooDeep(at location: SourceLocation) {
    guard !reportedTooDeep else { return }
    reportedTooDeep = true
    sink.error(
      .expressionTooDeep,
      "this reads computed values built on each other more than \(Self.maximumExpandedDepth) levels deep "
        + "written out; a dialog never needs this", at: location)
  }

  /// The type a name has in `scope`, or nil after reporting why it cannot be read.
  func resolve(_ name: String, at location: SourceLocation, scope: Scope) -> ValueType? {
    if let question = questions[name] {
      if let group = question.group, group != scope.group {
        sink.error(
          .unknownReference,
          "'\(name)' is a field of repeat group '\(group)'; read it inside any(\(group), ...), all(\(group), ...) or count(\(group), ...)",
          at: location)
        return nil
      }
      guard let type = question.valueType else {
        sink.error(.typeMismatch, "'\(name)' is a message and has no answer to read", at: location)
        return nil
      }
      return type
    }
    if computed[name] != nil {
      guard enterComputed(name, at: location) else { return nil }
      return type(ofComputed: name)
    }
    let candidates = Array(questions.keys) + Array(computed.keys)
    sink.error(.unknownReference, "unknown name '\(name)'" + suggestion(name, candidates), at: location)
    return nil
  }

  func infer(_ expression: Expression, scope: Scope) -> ValueType? {
    counted += 1
    depth += 1
    defer { depth -= 1 }
    deepest = max(deepest, depth)
    guard depth <= Self.maximumExpandedDepth else {
      reportTooDeep(at: expression.location)
      return nil
    }
    switch expression.kind {
    case .number: return .number
    case .text: return .text
    case .bool: return .bool
    case .list(let items):
      var element: ValueType?
      for item in items {
        guard let type = infer(item, scope: scope) else { return nil }
        if let element, element != type {
          sink.error(
            .typeMismatch, "a list must hold one type; '\(item.source)' is \(type), not \(element)", at: item.location)
          return nil
        }
        element = type
      }
      return .list(of: element)
    case .reference(let name, let field):
      guard let base = resolve(name, at: expression.location, scope: scope) else { return nil }
      guard let field else { return base }
      if base == .bloodPressure, field == "systolic" || field == "diastolic" { return .number }
      sink.error(
        .unknownReference,
        base == .bloodPressure
          ? "a blood pressure has the fields 'systolic' and 'diastolic', not '\(field)'"
          : "'\(name)' is \(base) and has no field '\(field)'", at: expression.location)
      return nil
    case .not(let inner):
      guard let type = infer(inner, scope: scope) else { return nil }
      return expect(.bool, type, inner, "'not' needs a yes/no value") ? .bool : nil
    case .negate(let inner):
      guard let type = infer(inner, scope: scope) else { return nil }
      return expect(.number, type, inner, "'-' needs a number") ? .number : nil
    case .binary(let op, let lhs, let rhs):
      return inferBinary(op, lhs, rhs, expression, scope: scope)
    case .call(let name, let arguments):
      return inferCall(name, arguments, expression, scope: scope)
    }
  }

  private func expect(_ wanted: ValueType, _ actual: ValueType, _ expression: Expression, _ context: String) -> Bool {
    if wanted == actual { return true }
    sink.error(.typeMismatch, "\(context), but '\(expression.source)' is \(actual)", at: expression.location)
    return false
  }

  private func inferBinary(
    _ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression, _ whole: Expression, scope: Scope
  ) -> ValueType? {
    let left = infer(lhs, scope: scope)
    let right = infer(rhs, scope: scope)
    guard let left, let right else { return nil }
    switch op {
    case .and, .or:
      let ok =
        expect(.bool, left, lhs, "'\(op.rawValue)' needs yes/no values on both sides")
        && expect(.bool, right, rhs, "'\(op.rawValue)' needs yes/no values on both sides")
      return ok ? .bool : nil
    case .add, .subtract, .multiply, .divide:
      let ok =
        expect(.number, left, lhs, "'\(op.rawValue)' needs numbers")
        && expect(.number, right, rhs, "'\(op.rawValue)' needs numbers")
      return ok ? .number : nil
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      if left == right, left == .number || left == .date { return .bool }
      sink.error(
        .typeMismatch,
        "'\(op.rawValue)' compares two numbers or two dates, but '\(lhs.source)' is \(left) and '\(rhs.source)' is \(right)",
        at: whole.location)
      return nil
    case .equal, .notEqual:
      return checkEquality(lhs, left, rhs, right, whole) ? .bool : nil
    case .in:
      return checkMembership(lhs, left, rhs, right, whole) ? .bool : nil
    }
  }

  /// `"5" == 5` is an error, not false: the author meant one of them.
  private func checkEquality(
    _ lhs: Expression, _ left: ValueType, _ rhs: Expression, _ right: ValueType, _ whole: Expression
  ) -> Bool {
    if case .choice(let question) = left, right == .text { return checkOption(rhs, of: question) }
    if case .choice(let question) = right, left == .text { return checkOption(lhs, of: question) }
    if left == right, left != .bloodPressure { return true }
    var message = "cannot compare \(left) with \(right): '\(lhs.source)' and '\(rhs.source)' can never be equal"
    if (left == .text && right == .number) || (left == .number && right == .text) {
      message += "; text in quotes is not a number"
    }
    // `smokes == "yes"`: what an author writes first; say what to write.
    if let answer = left == .bool && right == .text ? lhs : right == .bool && left == .text ? rhs : nil {
      message +=
        "; a yes/no answer is true or false, not text: write '\(answer.source) == true' for yes, "
        + "'\(answer.source) == false' for no"
    }
    sink.error(.typeMismatch, message, at: whole.location)
    return false
  }

  private func checkMembership(
    _ lhs: Expression, _ left: ValueType, _ rhs: Expression, _ right: ValueType, _ whole: Expression
  ) -> Bool {
    switch (left, right) {
    case (.choice(let question), .list(let element)) where element == .text || element == nil:
      if case .list(let items) = rhs.kind { return items.allSatisfy { checkOption($0, of: question) } }
      return true
    case (.text, .choices(let question)):
      return checkOption(lhs, of: question)
    case (.text, .concerns(let lexicon)):
      if case .text(let code) = lhs.kind, lexicons[lexicon]?.concerns[code] == nil {
        let known = Array(lexicons[lexicon]?.concerns.keys ?? [:].keys)
        sink.error(
          .unknownOption, "lexicon '\(lexicon)' has no concern code '\(code)'" + suggestion(code, known),
          at: lhs.location)
        return false
      }
      return true
    case (.text, .tags(let lexicon)):
      if case .text(let tag) = lhs.kind, lexicons[lexicon]?.tags[tag] == nil {
        let known = Array(lexicons[lexicon]?.tags.keys ?? [:].keys)
        sink.error(
          .unknownOption, "lexicon '\(lexicon)' has no tag '\(tag)'" + suggestion(tag, known), at: lhs.location)
        return false
      }
      return true
    case (_, .list(let element)) where element == left || element == nil:
      return true
    default:
      sink.error(
        .typeMismatch, "'in' cannot test whether \(left) is in \(right) ('\(whole.source)')", at: whole.location)
      return false
    }
  }

  /// A text literal compared with a choice must name one of that question's options.
  private func checkOption(_ expression: Expression, of question: String) -> Bool {
    guard case .text(let option) = expression.kind else { return true }
    let options = questions[question]?.options.map(\.id) ?? []
    if options.contains(option) { return true }
    sink.error(
      .unknownOption,
      "'\(question)' has no option '\(option)'" + suggestion(option, options, listing: true), at: expression.location)
    return false
  }

  /// Checks every argument has `type`, reporting each one that does not.
  private func all(_ arguments: [Expression], are type: ValueType, scope: Scope, _ context: String) -> Bool {
    var ok = true
    for argument in arguments {
      guard let found = infer(argument, scope: scope) else {
        ok = false
        continue
      }
      ok = expect(type, found, argument, context) && ok
    }
    return ok
  }

  private func arity(_ name: String, _ arguments: [Expression], _ range: ClosedRange<Int>, _ whole: Expression) -> Bool
  {
    if range.contains(arguments.count) { return true }
    let wanted =
      range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
    sink.error(.unknownFunction, "\(name)() takes \(wanted) argument(s), not \(arguments.count)", at: whole.location)
    return false
  }

  private func inferCall(_ name: String, _ arguments: [Expression], _ whole: Expression, scope: Scope) -> ValueType? {
    switch name {
    case "answered":
      guard arity(name, arguments, 1...1, whole) else { return nil }
      guard case .reference = arguments[0].kind else {
        sink.error(.typeMismatch, "answered() takes a question or computed name", at: arguments[0].location)
        return nil
      }
      return infer(arguments[0], scope: scope) == nil ? nil : .bool
    case "today":
      return arity(name, arguments, 0...0, whole) ? .date : nil
    case "age":
      guard arity(name, arguments, 1...1, whole), let type = infer(arguments[0], scope: scope) else { return nil }
      return expect(.date, type, arguments[0], "age() needs a date") ? .number : nil
    case "len":
      guard arity(name, arguments, 1...1, whole), let type = infer(arguments[0], scope: scope) else { return nil }
      return expect(.text, type, arguments[0], "len() needs text") ? .number : nil
    case "sum", "min", "max":
      guard arity(name, arguments, 1...100, whole) else { return nil }
      return all(arguments, are: .number, scope: scope, "\(name)() works on numbers") ? .number : nil
    case "count_true":
      guard arity(name, arguments, 1...100, whole) else { return nil }
      return all(arguments, are: .bool, scope: scope, "count_true() counts yes/no conditions") ? .number : nil
    case "matches":
      guard arity(name, arguments, 2...2, whole), let type = infer(arguments[0], scope: scope) else { return nil }
      guard expect(.text, type, arguments[0], "matches() tests text") else { return nil }
      guard case .text(let pattern) = arguments[1].kind else {
        sink.error(
          .typeMismatch, "the pattern of matches() must be written as text in quotes", at: arguments[1].location)
        return nil
      }
      // NUL and other control characters have no use in a pattern, and Foundation leaks memory
      // compiling some patterns that hold NULs (found by the expression fuzzer); the evaluator
      // compiles the pattern at every evaluation, so refuse them here.
      if pattern.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
        sink.error(
          .invalidValue, "the pattern of matches() cannot contain control characters such as NUL or tab",
          at: arguments[1].location)
        return nil
      }
      // The evaluator's options, so a pattern that loads also compiles there.
      if (try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])) == nil {
        sink.error(.invalidValue, "'\(pattern)' is not a valid regular expression", at: arguments[1].location)
        return nil
      }
      return .bool
    case "tags", "concerns", "known":
      guard arity(name, arguments, 1...1, whole), let type = infer(arguments[0], scope: scope) else { return nil }
      guard case .reference(let field, nil) = arguments[0].kind, type == .text,
        case .text(_, let lexicon?) = questions[field]?.kind
      else {
        sink.error(.typeMismatch, "\(name)() takes a text question that has a 'lexicon'", at: arguments[0].location)
        return nil
      }
      switch name {
      case "tags": return .tags(lexicon: lexicon)
      case "concerns": return .concerns(lexicon: lexicon)
      default: return .bool
      }
    case "ongoing":
      guard arity(name, arguments, 1...1, whole), infer(arguments[0], scope: scope) != nil else { return nil }
      guard case .reference(let field, nil) = arguments[0].kind, case .duration(let rule)? = questions[field]?.kind,
        rule.ongoing != nil
      else {
        sink.error(
          .typeMismatch, "ongoing() takes a duration question that has 'ongoing' (\"still taking it\")",
          at: arguments[0].location)
        return nil
      }
      return .bool
    case "choose":
      // choose(condition, then, else): words or a number that depend on a condition, for a
      // finding that is said either way ("meets" or "not established").
      guard arity(name, arguments, 3...3, whole) else { return nil }
      checkCondition(arguments[0], scope: scope, what: "the condition of choose()")
      guard let first = infer(arguments[1], scope: scope), let second = infer(arguments[2], scope: scope) else {
        return nil
      }
      guard first == second else {
        sink.error(
          .typeMismatch, "choose() needs two values of the same type, but they are \(first) and \(second)",
          at: whole.location)
        return nil
      }
      return first
    case "coalesce":
      guard arity(name, arguments, 2...2, whole), let first = infer(arguments[0], scope: scope),
        let second = infer(arguments[1], scope: scope)
      else { return nil }
      guard first == second else {
        sink.error(
          .typeMismatch, "coalesce() needs two values of the same type, but they are \(first) and \(second)",
          at: whole.location)
        return nil
      }
      return first
    case "count", "any", "all":
      let range = name == "count" ? 1...2 : 2...2
      guard arity(name, arguments, range, whole), let type = infer(arguments[0], scope: scope) else { return nil }
      if name == "count", arguments.count == 1 {
        switch type {
        case .records, .choices, .tags, .concerns: return .number
        default:
          sink.error(
            .typeMismatch, "count() counts records or chosen options, but '\(arguments[0].source)' is \(type)",
            at: arguments[0].location)
          return nil
        }
      }
      guard case .records(let group) = type else {
        sink.error(
          .typeMismatch, "\(name)() needs the records of a repeat group first, but '\(arguments[0].source)' is \(type)",
          at: arguments[0].location)
        return nil
      }
      checkCondition(arguments[1], scope: Scope(group: group), what: "the condition of \(name)()")
      return name == "count" ? .number : .bool
    default:
      sink.error(
        .unknownFunction, "unknown function '\(name)'" + suggestion(name, Self.functions, listing: true),
        at: whole.location)
      return nil
    }
  }
}
