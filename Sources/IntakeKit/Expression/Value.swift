/// A blood pressure reading as a patient gives it, `128/82`.
public struct BloodPressure: Hashable, Sendable, Codable, CustomStringConvertible {
  public var systolic: Int
  public var diastolic: Int

  public init(systolic: Int, diastolic: Int) {
    self.systolic = systolic
    self.diastolic = diastolic
  }

  public var description: String { "\(systolic)/\(diastolic)" }
}

/// One record of a repeat group (a medication, an antidepressant trial): field id to value.
public typealias Record = [String: Value]

/// A value in the expression language and in a session's answers.
///
/// `missing` is explicit: a question skipped, not asked, or not yet reached. It never equals
/// anything, and every comparison with it is false.
public enum Value: Hashable, Sendable {
  case missing
  case bool(Bool)
  case number(Double)
  /// An amount with the unit it was given in; in expressions it is its value in the question's
  /// unit (`number`).
  case quantity(Quantity)
  case text(String)
  case date(CalendarDate)
  /// The id of the option chosen.
  case choice(String)
  /// The ids of the options chosen, in the dialog's order.
  case choices([String])
  case bloodPressure(BloodPressure)
  case records([Record])
  /// Tags from a lexicon match (for example a medication's classes), or a literal list.
  case tags(Set<String>)
  case list([Value])

  public var isMissing: Bool { self == .missing }

  var asNumber: Double? {
    switch self {
    case .number(let value): return value
    case .quantity(let quantity): return quantity.value
    default: return nil
    }
  }

  /// The amount, when the answer is one.
  public var amount: Quantity? {
    if case .quantity(let quantity) = self { return quantity }
    return nil
  }

  /// The value as expressions see it: an amount is its number in the question's unit (missing
  /// when only "still taking it" was said).
  var forExpressions: Value {
    guard case .quantity(let quantity) = self else { return self }
    if let value = quantity.value { return .number(value) }
    // A dose has no one unit to compare in: rules see its words ("20 mg").
    return quantity.ongoing || quantity.parts.isEmpty ? .missing : .text(quantity.asGiven)
  }
}
