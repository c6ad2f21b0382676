/// How an expression reads the questions it depends on when one of them is not answered: the
/// static side of "nothing invented" for instrument totals (IK208).
///
/// The evaluator's aggregates and comparisons are missing, or undecided in three-valued logic,
/// when an answer they need is missing; `or` and `and` are decided without it only when the
/// other side settles them, whatever the answer would have been. None of that invents an answer.
/// What does is a construct that puts a value in the place of a missing one: `coalesce`'s
/// fallback, a test of `answered(...)`, or a list literal holding an answer (a list is never
/// missing itself). This walks an expression, through the computed values it names, and says for
/// each question it reads which of the three it is.
struct UnansweredItems {
  /// How an expression depends on one question when that question is not answered.
  enum Reading: Int, Comparable {
    /// The expression is missing (or undecided) too.
    case strict
    /// It may have a value, but one that holds whatever the answer would have been.
    case settled
    /// It may have a value that stands in for the answer: an invented one, unless the dialog says
    /// why (`unasked_items`).
    case supplied

    static func < (a: Reading, b: Reading) -> Bool { a.rawValue < b.rawValue }
  }

  /// A question's reading, and for `supplied` the construct that supplies a value.
  struct Read {
    var reading: Reading
    var site: Expression?
  }

  let computed: [String: ComputedValue]
  /// Each computed value's reads, worked out once.
  private var memo: [String: [String: Read]] = [:]
  private var visiting: Set<String> = []

  init(computed: [String: ComputedValue]) { self.computed = computed }

  /// The reads of a computed value by its id (empty for a name that is not one).
  mutating func reads(ofComputed id: String) -> [String: Read] {
    if let known = memo[id] { return known }
    // A cycle is reported elsewhere; it reads nothing more here.
    guard let value = computed[id], !visiting.contains(id) else { return [:] }
    visiting.insert(id)
    let result = reads(value.expression)
    visiting.remove(id)
    memo[id] = result
    return result
  }

  mutating func reads(_ expression: Expression) -> [String: Read] {
    switch expression.kind {
    case .number, .text, .bool: return [:]
    case .reference(let name, _):
      if computed[name] != nil { return reads(ofComputed: name) }
      return [name: Read(reading: .strict, site: nil)]
    case .list(let items):
      // `x in [answer]` is false, not missing, when the answer is: the list supplies a value.
      return Self.supplied(by: expression, reading: items.map { reads($0) })
    case .not(let inner), .negate(let inner):
      return reads(inner)
    case .binary(let op, let lhs, let rhs):
      let sides = [reads(lhs), reads(rhs)]
      return op == .and || op == .or ? Self.either(sides) : Self.every(sides)
    case .call(let name, let arguments):
      switch name {
      case "answered":
        return Self.supplied(by: expression, reading: arguments.map { reads($0) })
      case "coalesce" where arguments.count == 2:
        let value = reads(arguments[0])
        let fallback = reads(arguments[1])
        var result: [String: Read] = [:]
        for (question, read) in value {
          // Missing only when the fallback is missing for the same question too.
          result[question] =
            read.reading == .strict && fallback[question]?.reading == .strict
            ? read : Read(reading: .supplied, site: read.site ?? expression)
        }
        // The fallback is used only when the value is missing, so with the value there a question
        // only the fallback reads does not matter.
        for (question, read) in fallback where result[question] == nil {
          result[question] = read.reading == .strict ? Read(reading: .settled, site: nil) : read
        }
        return result
      case "count" where arguments.count == 2, "any", "all":
        // The condition is decided per record in three-valued logic (count is missing when one
        // is not; any and all are decided only when the records settle them).
        return Self.every([reads(arguments[0]), Self.either([reads(arguments[1]), [:]])])
      default:
        // Everything else is missing when an argument is (sum, count_true, min, max, age, ...).
        return Self.every(arguments.map { reads($0) })
      }
    }
  }

  /// Parts all of which must have a value: strict when any part is.
  private static func every(_ parts: [[String: Read]]) -> [String: Read] {
    var result: [String: Read] = [:]
    for part in parts {
      for (question, read) in part {
        guard let seen = result[question] else {
          result[question] = read
          continue
        }
        if seen.reading == .strict || read.reading == .strict {
          result[question] = Read(reading: .strict, site: nil)
        } else if read.reading > seen.reading {
          result[question] = read
        }
      }
    }
    return result
  }

  /// Sides either of which may settle the whole (`or`, `and`): strict only when every side is.
  private static func either(_ parts: [[String: Read]]) -> [String: Read] {
    var result: [String: Read] = [:]
    let questions = Set(parts.flatMap(\.keys))
    for question in questions {
      let reads = parts.map { $0[question] }
      if reads.allSatisfy({ $0?.reading == .strict }) {
        result[question] = Read(reading: .strict, site: nil)
        continue
      }
      let worst = reads.compactMap { $0 }.max { $0.reading < $1.reading }
      result[question] =
        worst?.reading == .supplied ? worst : Read(reading: .settled, site: nil)
    }
    return result
  }

  /// Every question read under a construct that gives a value in place of a missing one.
  private static func supplied(by site: Expression, reading parts: [[String: Read]]) -> [String: Read] {
    var result: [String: Read] = [:]
    for part in parts {
      for (question, read) in part where result[question] == nil {
        result[question] = Read(reading: .supplied, site: read.reading == .supplied ? read.site : site)
      }
    }
    return result
  }
}
