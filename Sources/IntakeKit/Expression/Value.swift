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
    if case .number(let value) = self { return value }
    return nil
  }
}
