import Foundation

/// Parses the expression language: literals, names, `a.field`, `not and or`, comparisons, `in`,
/// arithmetic and function calls. Errors carry the column of the offending token.
///
/// The parser, and everything that later walks an expression (type checker, evaluator, analyses),
/// recurses once per level, so both the nesting and the tree's height are limited here, and the
/// length with them: 100,000 `not`s or 4,000 `(` must be a diagnostic, not a stack overflow.
struct ExpressionParser {
  /// The deepest an expression may nest: brackets, calls, `not`, `-`, and each further operator
  /// in a chain such as `a or b or c` are each a level. The shipped dialog needs 8.
  static let maximumDepth = 100
  /// The longest an expression may be, in characters. The shipped dialog's longest is 346.
  static let maximumLength = 4_000

  private enum Token: Equatable {
    case number(Double), text(String), name(String), symbol(String), end
  }

  private let source: String
  /// `source` as scalars, once: offsets and node texts index into it.
  private let scalars: [Unicode.Scalar]
  /// `source`'s UTF-8, and where each scalar starts in it (one more for the end): a node's text
  /// is cut from the bytes, not built again scalar by scalar (a fifth of reading a dialog).
  private let bytes: [UInt8]
  private let byteOffsets: [Int]
  private let origin: SourceLocation
  private var tokens: [(token: Token, offset: Int)] = []
  private var index = 0
  /// Brackets, calls, `not` and `-` open around the current token.
  private var nesting = 0

  /// Parses `source`, written at `origin` (the first character of the expression).
  static func parse(_ source: String, at origin: SourceLocation) -> Result<Expression, Diagnostic> {
    var parser = ExpressionParser(source: source, origin: origin)
    do {
      let length = parser.scalars.count
      if length > maximumLength {
        throw Diagnostic.error(
          .expressionTooLong,
          "this expression is \(length) characters long; the most is \(maximumLength): split it into computed values",
          at: origin.advanced(by: maximumLength))
      }
      try parser.tokenize()
      let expression = try parser.parseOr()
      if parser.current != .end {
        throw parser.failure("unexpected '\(parser.describe(parser.current))' after a complete expression")
      }
      return .success(expression)
    } catch let diagnostic as Diagnostic {
      return .failure(diagnostic)
    } catch {
      return .failure(.error(.expressionSyntax, "cannot read this expression", at: origin))
    }
  }

  private init(source: String, origin: SourceLocation) {
    self.source = source
    self.scalars = Array(source.unicodeScalars)
    self.bytes = Array(source.utf8)
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var offset = 0
    for scalar in scalars {
      offsets.append(offset)
      offset += UTF8.width(scalar)
    }
    offsets.append(offset)
    self.byteOffsets = offsets
    self.origin = origin
  }

  /// The text of scalars `start..<end`.
  private func text(_ start: Int, _ end: Int) -> String {
    String(decoding: bytes[byteOffsets[start]..<byteOffsets[end]], as: UTF8.self)
  }

  private var current: Token { tokens[index].token }
  private var currentOffset: Int { tokens[index].offset }

  private func failure(_ message: String, offset: Int? = nil) -> Diagnostic {
    .error(.expressionSyntax, message, at: origin.advanced(by: offset ?? currentOffset))
  }

  private func describe(_ token: Token) -> String {
    switch token {
    case .number(let value): return formatNumber(value)
    case .text(let value): return "\"\(value)\""
    case .name(let value), .symbol(let value): return value
    case .end: return "end of expression"
    }
  }

  private mutating func tokenize() throws {
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
        continue
      }
      let start = i
      if Self.isDigit(c) {
        while i < scalars.count, Self.isDigit(scalars[i]) || scalars[i] == "." {
          i += 1
        }
        let text = self.text(start, i)
        guard let value = Double(text) else { throw failure("'\(text)' is not a number", offset: start) }
        tokens.append((.number(value), start))
      } else if c == "\"" || c == "'" {
        i += 1
        while i < scalars.count, scalars[i] != c { i += 1 }
        guard i < scalars.count else { throw failure("this text has no closing \(c)", offset: start) }
        // Cut from the source's bytes (made a scalar at a time, a quoted text cost a fifth of
        // reading its expression).
        tokens.append((.text(text(start + 1, i)), start))
        i += 1
      } else if Self.isLetter(c) || c == "_" {
        while i < scalars.count, Self.isLetter(scalars[i]) || scalars[i] == "_" || Self.isDigit(scalars[i]) {
          i += 1
        }
        tokens.append((.name(text(start, i)), start))
      } else {
        // "==", "!=", "<=", ">=".
        if c == "=" || c == "!" || c == "<" || c == ">", i + 1 < scalars.count, scalars[i + 1] == "=" {
          tokens.append((.symbol(String(String.UnicodeScalarView([c, "="]))), start))
          i += 2
        } else if "<>+-*/()[],.".unicodeScalars.contains(c) {
          tokens.append((.symbol(String(c)), start))
          i += 1
        } else if c == "=" {
          throw failure("use '==' to compare; a single '=' is not an operator here", offset: start)
        } else if c == "&" || c == "|" || c == "!" {
          throw failure("use 'and', 'or' and 'not' for logic", offset: start)
        } else {
          throw failure("unexpected character '\(c)'", offset: start)
        }
      }
    }
    tokens.append((.end, scalars.count))
  }

  /// An ASCII digit (the digits of other scripts are not numbers here). Asked of every scalar of
  /// every expression: ASCII is told by its value, not by Unicode's properties.
  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

  /// A letter of any script (Unicode's `Alphabetic`); ASCII told by its value.
  private static func isLetter(_ c: Unicode.Scalar) -> Bool {
    guard c.isASCII else { return c.properties.isAlphabetic }
    let lower = c.value | 0x20
    return lower >= 0x61 && lower <= 0x7A
  }

  private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

  private func text(from start: Int) -> String {
    let end = currentOffset
    return text(min(start, scalars.count), min(max(end, start), scalars.count)).trimmingTrailingSpaces()
  }

  /// A node for the text from `start`; `token` is the operator that made it, blamed when the
  /// tree grows taller than `maximumDepth`.
  private func make(_ kind: Expression.Kind, from start: Int, token: Int? = nil) throws -> Expression {
    let expression = Expression(kind: kind, location: origin.advanced(by: start), source: text(from: start))
    guard expression.height <= Self.maximumDepth else {
      throw tooDeep(at: token ?? start)
    }
    return expression
  }

  private func tooDeep(at offset: Int) -> Diagnostic {
    .error(
      .expressionTooDeep,
      "this expression nests more than \(Self.maximumDepth) levels deep (each bracket, call, 'not', '-' and "
        + "each further operator in a chain is a level); split it into computed values",
      at: origin.advanced(by: offset))
  }

  /// Opens one level of nesting at the current token, failing there past `maximumDepth`. Pair
  /// with `nesting -= 1` once the nested part is parsed.
  private mutating func enter() throws {
    guard nesting < Self.maximumDepth else {
      throw tooDeep(at: currentOffset)
    }
    nesting += 1
  }

  private mutating func expect(_ symbol: String, _ context: String) throws {
    guard current == .symbol(symbol) else {
      throw failure("expected '\(symbol)' \(context), found '\(describe(current))'")
    }
    advance()
  }

  private mutating func parseOr() throws -> Expression {
    let start = currentOffset
    var lhs = try parseAnd()
    while current == .name("or") {
      let token = currentOffset
      advance()
      let rhs = try parseAnd()
      lhs = try make(.binary(.or, lhs, rhs), from: start, token: token)
    }
    return lhs
  }

  private mutating func parseAnd() throws -> Expression {
    let start = currentOffset
    var lhs = try parseNot()
    while current == .name("and") {
      let token = currentOffset
      advance()
      let rhs = try parseNot()
      lhs = try make(.binary(.and, lhs, rhs), from: start, token: token)
    }
    return lhs
  }

  private mutating func parseNot() throws -> Expression {
    let start = currentOffset
    if current == .name("not") {
      try enter()
      defer { nesting -= 1 }
      advance()
      let inner = try parseNot()
      return try make(.not(inner), from: start)
    }
    return try parseComparison()
  }

  private mutating func parseComparison() throws -> Expression {
    let start = currentOffset
    let lhs = try parseAdditive()
    let op: BinaryOperator?
    switch current {
    case .symbol(let symbol): op = BinaryOperator(rawValue: symbol).flatMap { $0.isComparison ? $0 : nil }
    case .name("in"): op = .in
    default: op = nil
    }
    guard let op else { return lhs }
    let token = currentOffset
    advance()
    let rhs = try parseAdditive()
    if case .symbol(let next) = current, let again = BinaryOperator(rawValue: next), again.isComparison {
      throw failure("comparisons do not chain; write 'a < b and b < c'")
    }
    return try make(.binary(op, lhs, rhs), from: start, token: token)
  }

  private mutating func parseAdditive() throws -> Expression {
    let start = currentOffset
    var lhs = try parseMultiplicative()
    while case .symbol(let symbol) = current, symbol == "+" || symbol == "-" {
      let token = currentOffset
      advance()
      let rhs = try parseMultiplicative()
      lhs = try make(.binary(symbol == "+" ? .add : .subtract, lhs, rhs), from: start, token: token)
    }
    return lhs
  }

  private mutating func parseMultiplicative() throws -> Expression {
    let start = currentOffset
    var lhs = try parseUnary()
    while case .symbol(let symbol) = current, symbol == "*" || symbol == "/" {
      let token = currentOffset
      advance()
      let rhs = try parseUnary()
      lhs = try make(.binary(symbol == "*" ? .multiply : .divide, lhs, rhs), from: start, token: token)
    }
    return lhs
  }

  private mutating func parseUnary() throws -> Expression {
    let start = currentOffset
    if current == .symbol("-") {
      try enter()
      defer { nesting -= 1 }
      advance()
      let inner = try parseUnary()
      return try make(.negate(inner), from: start)
    }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws -> Expression {
    let start = currentOffset
    switch current {
    case .number(let value):
      advance()
      return try make(.number(value), from: start)
    case .text(let value):
      advance()
      return try make(.text(value), from: start)
    case .name("true"), .name("false"):
      let value = current == .name("true")
      advance()
      return try make(.bool(value), from: start)
    case .name(let name) where ["and", "or", "not", "in"].contains(name):
      throw failure("expected a value before '\(name)'")
    case .name(let name):
      advance()
      if current == .symbol("(") {
        try enter()
        defer { nesting -= 1 }
        advance()
        var arguments: [Expression] = []
        if current != .symbol(")") {
          arguments.append(try parseOr())
          while current == .symbol(",") {
            advance()
            arguments.append(try parseOr())
          }
        }
        try expect(")", "to close the call to \(name)(")
        return try make(.call(name, arguments), from: start)
      }
      if current == .symbol(".") {
        advance()
        guard case .name(let field) = current else { throw failure("expected a field name after '\(name).'") }
        advance()
        return try make(.reference(name, field: field), from: start)
      }
      return try make(.reference(name, field: nil), from: start)
    case .symbol("("):
      try enter()
      defer { nesting -= 1 }
      advance()
      let inner = try parseOr()
      try expect(")", "to close '('")
      return Expression(kind: inner.kind, location: inner.location, source: text(from: start))
    case .symbol("["):
      try enter()
      defer { nesting -= 1 }
      advance()
      var items: [Expression] = []
      if current != .symbol("]") {
        items.append(try parseOr())
        while current == .symbol(",") {
          advance()
          items.append(try parseOr())
        }
      }
      try expect("]", "to close the list")
      return try make(.list(items), from: start)
    case .end:
      throw failure("the expression ends too early")
    case .symbol(let symbol):
      throw failure("unexpected '\(symbol)'")
    }
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    // Nearly every text ends otherwise: told from its last byte, without finding its last
    // `Character` (a sixth of reading an expression).
    switch utf8.last {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"): break
    default: return self
    }
    var result = self
    while let last = result.last, last == " " || last == "\t" || last == "\n" { result.removeLast() }
    return result
  }
}

/// Numbers as a person writes them: `12`, not `12.0`; `1.5`, not `1.5000`.
public func formatNumber(_ value: Double) -> String {
  if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
  var text = String(format: "%.2f", value)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}
