/// Why a condition can never be true, found from the dialog alone, without searching answers:
/// the clinic's settings make it false, or it compares an answer with a number outside the
/// answer's range (`pain_now > 10` when `pain_now` has `max: 10`), or its parts ask for ranges
/// that do not meet (`age > 65 and age < 18`).
///
/// Settings are the clinic's to change, so a condition they turn off is intended
/// (`Verdict.turnedOffBySettings`); a condition the answers' ranges rule out is a mistake unless
/// marked `dormant:` (`Verdict.impossible`).
enum ImpossibleCondition {
  enum Verdict: Equatable {
    case turnedOffBySettings
    /// Never true, with the reason in words.
    case impossible(String)
  }

  static func verdict(_ expression: Expression, in dialog: Dialog) -> Verdict? {
    if ConstantFolding.truth(of: expression, in: dialog) == false { return .turnedOffBySettings }
    return reason(expression, dialog).map(Verdict.impossible)
  }

  /// The numbers an answer can hold, and where that is said.
  private struct Bounds {
    var low: Double
    var high: Double
    var said: String
  }

  /// A closed interval a conjunction asks a value to be in (open ends kept as strict flags).
  private struct Interval {
    var low = -Double.infinity
    var lowStrict = false
    var high = Double.infinity
    var highStrict = false

    var isEmpty: Bool { low > high || (low == high && (lowStrict || highStrict)) }

    mutating func meet(_ other: Interval) {
      if other.low > low || (other.low == low && other.lowStrict) { (low, lowStrict) = (other.low, other.lowStrict) }
      if other.high < high || (other.high == high && other.highStrict) {
        (high, highStrict) = (other.high, other.highStrict)
      }
    }
  }

  private static func reason(_ expression: Expression, _ dialog: Dialog) -> String? {
    switch expression.kind {
    case .binary(.or, let lhs, let rhs):
      guard let left = reason(lhs, dialog), let right = reason(rhs, dialog) else { return nil }
      return left + "; and " + right
    case .binary(.and, let lhs, let rhs):
      if let side = reason(lhs, dialog) ?? reason(rhs, dialog) { return side }
      // Two comparisons of the same answer whose ranges do not meet.
      var intervals: [String: (Interval, [String])] = [:]
      var equals: [String: (String, String)] = [:]  // name: (literal, source)
      for part in conjuncts(expression) {
        if let (name, literal) = equality(part) {
          if let earlier = equals[name], earlier.0 != literal {
            return "no '\(name)' is '\(earlier.1)' and '\(part.source)' at once"
          }
          equals[name] = (literal, part.source)
        }
        guard let (name, interval) = comparison(part) else { continue }
        var entry = intervals[name] ?? (Interval(), [])
        entry.0.meet(interval)
        entry.1.append(part.source)
        intervals[name] = entry
        if entry.0.isEmpty {
          return "no '\(name)' is " + entry.1.map { "'\($0)'" }.joined(separator: " and ") + " at once"
        }
      }
      return nil
    default:
      guard let (name, interval) = comparison(expression), let bounds = bounds(of: name, dialog) else { return nil }
      var possible = Interval(low: bounds.low, high: bounds.high)
      possible.meet(interval)
      guard possible.isEmpty else { return nil }
      return "'\(name)' is between \(number(bounds.low)) and \(number(bounds.high)) (\(bounds.said)), "
        + "so '\(expression.source)' is never true"
    }
  }

  private static func conjuncts(_ expression: Expression) -> [Expression] {
    if case .binary(.and, let lhs, let rhs) = expression.kind { return conjuncts(lhs) + conjuncts(rhs) }
    return [expression]
  }

  /// `name == literal` (either way round), with the literal as a comparable key.
  private static func equality(_ expression: Expression) -> (String, String)? {
    guard case .binary(.equal, let lhs, let rhs) = expression.kind else { return nil }
    func literal(_ kind: Expression.Kind) -> String? {
      switch kind {
      case .bool(let value): "bool:\(value)"
      case .text(let value): "text:\(value)"
      case .number(let value): "number:\(value)"
      default: nil
      }
    }
    switch (lhs.kind, rhs.kind) {
    case (.reference(let name, nil), let other): return literal(other).map { (name, $0) }
    case (let other, .reference(let name, nil)): return literal(other).map { (name, $0) }
    default: return nil
    }
  }

  /// `name op number` or `number op name`, as the interval it asks `name` to be in.
  private static func comparison(_ expression: Expression) -> (String, Interval)? {
    guard case .binary(let written, let lhs, let rhs) = expression.kind, written.isComparison else { return nil }
    let name: String
    let value: Double
    var op = written
    switch (lhs.kind, rhs.kind) {
    case (.reference(let reference, nil), .number(let number)):
      (name, value) = (reference, number)
    case (.number(let number), .reference(let reference, nil)):
      (name, value) = (reference, number)
      // Read `3 < x` as `x > 3`.
      switch op {
      case .less: op = .greater
      case .lessOrEqual: op = .greaterOrEqual
      case .greater: op = .less
      case .greaterOrEqual: op = .lessOrEqual
      default: break
      }
    default:
      return nil
    }
    switch op {
    case .less: return (name, Interval(high: value, highStrict: true))
    case .lessOrEqual: return (name, Interval(high: value))
    case .greater: return (name, Interval(low: value, lowStrict: true))
    case .greaterOrEqual: return (name, Interval(low: value))
    case .equal: return (name, Interval(low: value, high: value))
    default: return nil
    }
  }

  /// What a question's answer can be (its `min` and `max`, or its options' scores), or a
  /// computed value worked out from its parts (a total of scored items).
  private static func bounds(of name: String, _ dialog: Dialog, depth: Int = 0) -> Bounds? {
    if let computed = dialog.computed[name] {
      guard depth < 16, let (low, high) = interval(computed.expression, dialog, depth: depth + 1) else { return nil }
      return Bounds(low: low, high: high, said: "from what it adds up")
    }
    guard let question = dialog.questions[name] else { return nil }
    switch question.kind {
    case .integer(let range), .decimal(let range):
      guard let low = range.minimum, let high = range.maximum else { return nil }
      return Bounds(low: low, high: high, said: "its min and max")
    case .scale(_, let options):
      let scores = options.compactMap(\.score)
      guard let low = scores.min(), let high = scores.max(), scores.count == options.count else { return nil }
      return Bounds(low: low, high: high, said: "its options' scores")
    default:
      return nil
    }
  }

  /// The lowest and highest values of arithmetic over bounded answers (`sum`, `+`, `-`, `*`,
  /// `min`, `max`, `coalesce`); nil for anything else.
  private static func interval(_ expression: Expression, _ dialog: Dialog, depth: Int) -> (Double, Double)? {
    guard depth < 64 else { return nil }
    func of(_ inner: Expression) -> (Double, Double)? { interval(inner, dialog, depth: depth + 1) }
    switch expression.kind {
    case .number(let value): return (value, value)
    case .reference(let name, nil):
      return bounds(of: name, dialog, depth: depth).map { ($0.low, $0.high) }
    case .negate(let inner):
      return of(inner).map { (-$0.1, -$0.0) }
    case .binary(.add, let lhs, let rhs):
      guard let left = of(lhs), let right = of(rhs) else { return nil }
      return (left.0 + right.0, left.1 + right.1)
    case .binary(.subtract, let lhs, let rhs):
      guard let left = of(lhs), let right = of(rhs) else { return nil }
      return (left.0 - right.1, left.1 - right.0)
    case .binary(.multiply, let lhs, let rhs):
      guard let left = of(lhs), let right = of(rhs) else { return nil }
      let products = [left.0 * right.0, left.0 * right.1, left.1 * right.0, left.1 * right.1]
      return (products.min() ?? 0, products.max() ?? 0)
    case .call(let function, let arguments) where ["sum", "min", "max", "coalesce"].contains(function):
      let parts = arguments.map(of)
      guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
      let known = parts.compactMap { $0 }
      switch function {
      case "sum": return (known.map(\.0).reduce(0, +), known.map(\.1).reduce(0, +))
      case "min": return (known.map(\.0).min() ?? 0, known.map(\.1).min() ?? 0)
      case "max": return (known.map(\.0).max() ?? 0, known.map(\.1).max() ?? 0)
      default: return (known.map(\.0).min() ?? 0, known.map(\.1).max() ?? 0)
      }
    default:
      return nil
    }
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
