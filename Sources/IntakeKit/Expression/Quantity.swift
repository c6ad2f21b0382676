import Foundation

/// An amount as the patient gave it ("75 kg", "5 ft 6 in", "3 months", "still taking it"), with
/// its value in the question's unit beside it for rules.
///
/// What the patient typed is the answer; the value in the question's unit is a conversion for
/// rules, shown beside the answer and never instead of it, so "75 kg" is never shown to staff
/// as "165.35 lb" alone.
public struct Quantity: Hashable, Sendable, Codable {
  /// One number with the unit it was given in.
  public struct Part: Hashable, Sendable, Codable {
    public var value: Double
    /// The unit's symbol as the dialog declares it ("kg", "ft", "months").
    public var unit: String

    public init(value: Double, unit: String) {
      self.value = value
      self.unit = unit
    }
  }

  /// The amount as given, in order ("5 ft", "6 in"); empty when only `ongoing` was said.
  public var parts: [Part]
  /// The amount in `unit`, for rules; nil when no amount was given.
  public var value: Double?
  /// The question's unit.
  public var unit: String
  /// The length of time is still going on ("still taking it"): `value` is how long so far.
  public var ongoing: Bool
  /// The patient said it roughly ("about 3 months", "185 I think"): shown as "about".
  public var approximate = false

  public init(parts: [Part], value: Double?, unit: String, ongoing: Bool = false) {
    self.parts = parts
    self.value = value
    self.unit = unit
    self.ongoing = ongoing
  }

  /// An amount given in the question's own unit.
  public init(_ value: Double, unit: String) {
    self.init(parts: [Part(value: value, unit: unit)], value: value, unit: unit)
  }

  /// The amount in the patient's units: "75 kg", "5 ft 6 in", "3 months".
  public var asGiven: String {
    (approximate && !parts.isEmpty ? "about " : "")
      + parts.map { "\(Self.digits($0.value)) \($0.value == 1 ? Self.singular[$0.unit] ?? $0.unit : $0.unit)" }
      .joined(separator: " ")
  }

  /// A number with every digit it has (0.125 stays 0.125; `formatNumber` keeps two decimals,
  /// which would turn what a patient typed into another amount).
  static func digits(_ value: Double) -> String {
    if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
    let shortest = String(value)
    return shortest.contains("e" as Character) ? String(format: "%.6g", value) : shortest
  }

  /// Units named in words, said in the singular for one ("1 year").
  static let singular = ["days": "day", "weeks": "week", "months": "month", "years": "year"]

  /// Whether the amount was given in the question's unit alone, so no conversion is shown.
  public var isInQuestionUnit: Bool { parts.count == 1 && parts[0].unit == unit }

  /// The conversion to the question's unit, as it is shown beside the answer: exact when it is
  /// a whole number or a tenth, otherwise "about" and rounded (to a whole number from 10 up, a
  /// tenth below), so a rounded figure is never mistaken for what was typed and no more precise
  /// than what was said.
  public var converted: String? {
    guard let value, !isInQuestionUnit, !parts.isEmpty else { return nil }
    let tenth = (value * 10).rounded() / 10
    // Below 1, two significant figures: 0.025 is "0.025", never "0" or "0.03".
    let small = value != 0 && abs(value) < 1
    let significant: Double = {
      guard small else { return tenth }
      let scale = pow(10, 1 - floor(log10(abs(value))))
      return (value * scale).rounded() / scale
    }()
    let exact = abs((small ? significant : tenth) - value) < 1e-9
    let shown = exact || small ? (small ? significant : tenth) : value >= 10 ? value.rounded() : tenth
    return (exact && !approximate ? "" : "about ") + Self.digits(shown) + " \(unit)"
  }

  /// The amount as one number in the last (smallest) unit given, for formats that hold one
  /// number and one unit (FHIR's Quantity): "5 ft 6 in" is 66 in. `factors` maps each unit to
  /// the question's unit. Nil when there is no amount.
  public func single(factors: [String: Double]) -> Part? {
    guard let last = parts.last else { return nil }
    if parts.count == 1 { return last }
    guard let lastFactor = factors[last.unit], lastFactor > 0 else { return nil }
    var total = 0.0
    for part in parts {
      guard let factor = factors[part.unit] else { return nil }
      total += part.value * factor / lastFactor
    }
    return Part(value: (total * 1e9).rounded() / 1e9, unit: last.unit)
  }
}
