/// A parsed expression from a dialog file: a `when` condition, a branch condition, a computed
/// value, a rule. Every node keeps where it was written so type errors point at the operand.
public struct Expression: Sendable, CustomStringConvertible {
  public indirect enum Kind: Sendable {
    case number(Double)
    case text(String)
    case bool(Bool)
    case list([Expression])
    /// A name, optionally with a field: `weight`, `last_bp.systolic`.
    case reference(String, field: String?)
    case not(Expression)
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(String, [Expression])
  }

  public let kind: Kind
  public var location: SourceLocation
  /// The exact text the author wrote, for messages.
  public var source: String
  /// The number of nodes on the longest path from here to a leaf (a literal or name is 1).
  /// Kept with the node, from its children's, so limiting it costs nothing: the type checker,
  /// evaluator and analyses recurse this deep.
  public let height: Int

  init(kind: Kind, location: SourceLocation, source: String) {
    self.kind = kind
    self.location = location
    self.source = source
    var tallest = 0
    switch kind {
    case .number, .text, .bool, .reference: break
    case .list(let items), .call(_, let items): tallest = items.map(\.height).max() ?? 0
    case .not(let inner), .negate(let inner): tallest = inner.height
    case .binary(_, let lhs, let rhs): tallest = max(lhs.height, rhs.height)
    }
    height = tallest + 1
  }

  public var description: String { source }
}

/// Binary operators, loosest-binding first within each group.
public enum BinaryOperator: String, Sendable {
  case or, and
  case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  case `in`
  case add = "+", subtract = "-", multiply = "*", divide = "/"

  // Switches, not `[...].contains(self)`: asked at every comparison a walk evaluates.
  var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
    default: false
    }
  }
  var isArithmetic: Bool {
    switch self {
    case .add, .subtract, .multiply, .divide: true
    default: false
    }
  }
}

extension Expression {
  /// Every name the expression reads, with where; names inside `any`, `all` and `count`
  /// predicates are record fields and are listed separately by the checker.
  func visit(_ body: (Expression) -> Void) {
    body(self)
    switch kind {
    case .number, .text, .bool, .reference: break
    case .list(let items): items.forEach { $0.visit(body) }
    case .not(let inner), .negate(let inner): inner.visit(body)
    case .binary(_, let lhs, let rhs):
      lhs.visit(body)
      rhs.visit(body)
    case .call(_, let arguments): arguments.forEach { $0.visit(body) }
    }
  }
}
