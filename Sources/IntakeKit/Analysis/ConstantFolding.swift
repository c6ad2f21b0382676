/// Partial evaluation of a condition with answers unknown and settings known: decides conditions
/// a clinic's settings make impossible (`not accept_active_suicidal_ideation and ...` when the
/// setting is true) without searching any answers.
enum ConstantFolding {
  /// True or false when the value does not depend on any answer; nil when it does.
  static func truth(of expression: Expression, in dialog: Dialog) -> Bool? {
    if case .bool(let value)? = constant(expression, dialog) { return value }
    return nil
  }

  private static func constant(_ expression: Expression, _ dialog: Dialog, depth: Int = 0) -> Value? {
    guard depth < 32 else { return nil }
    switch expression.kind {
    case .number(let value): return .number(value)
    case .text(let value): return .text(value)
    case .bool(let value): return .bool(value)
    case .reference(let name, nil):
      // Only computed values that are literals (settings) are known before any answer.
      guard let computed = dialog.computed[name] else { return nil }
      return constant(computed.expression, dialog, depth: depth + 1)
    case .not(let inner):
      guard case .bool(let value)? = constant(inner, dialog, depth: depth + 1) else { return nil }
      return .bool(!value)
    case .binary(.and, let lhs, let rhs):
      let left = constant(lhs, dialog, depth: depth + 1)
      let right = constant(rhs, dialog, depth: depth + 1)
      if left == .bool(false) || right == .bool(false) { return .bool(false) }
      if left == .bool(true), right == .bool(true) { return .bool(true) }
      return nil
    case .binary(.or, let lhs, let rhs):
      let left = constant(lhs, dialog, depth: depth + 1)
      let right = constant(rhs, dialog, depth: depth + 1)
      if left == .bool(true) || right == .bool(true) { return .bool(true) }
      if left == .bool(false), right == .bool(false) { return .bool(false) }
      return nil
    case .binary(let op, let lhs, let rhs) where op.isComparison:
      guard let left = constant(lhs, dialog, depth: depth + 1), let right = constant(rhs, dialog, depth: depth + 1),
        let order = Evaluator.order(left, right)
      else {
        if op == .equal || op == .notEqual, let left = constant(lhs, dialog, depth: depth + 1),
          let right = constant(rhs, dialog, depth: depth + 1)
        {
          let same = Evaluator.equal(left, right)
          return .bool(op == .equal ? same : !same)
        }
        return nil
      }
      switch op {
      case .less: return .bool(order < 0)
      case .lessOrEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      case .greaterOrEqual: return .bool(order >= 0)
      case .equal: return .bool(order == 0)
      default: return .bool(order != 0)
      }
    default:
      return nil
    }
  }
}
