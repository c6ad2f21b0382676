/// The UCUM code of a unit as dialogs and patients write it, for FHIR's `Quantity`
/// (https://ucum.org; the codes FHIR lists for common units). A unit without a code is still
/// written, as `unit` text alone.
enum UCUMUnit {
  static let codes: [String: String] = [
    "lb": "[lb_av]", "kg": "kg", "g": "g", "oz": "[oz_av]",
    "in": "[in_i]", "ft": "[ft_i]", "cm": "cm", "m": "m", "mm": "mm",
    "days": "d", "weeks": "wk", "months": "mo", "years": "a", "hours": "h", "minutes": "min",
    "mg": "mg", "mcg": "ug", "µg": "ug", "ug": "ug", "ml": "mL", "mL": "mL", "l": "L", "%": "%",
    "units": "[iU]", "iu": "[iU]", "mmhg": "mm[Hg]",
  ]

  /// A number without the binary floating-point tail arithmetic leaves (158.73263999999998 for
  /// 158.73264): nine decimal places are far finer than anything a patient says.
  static func tidy(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }

  /// `value` and `unit` as a FHIR Quantity, with its UCUM code when the unit has one.
  static func quantity(_ value: Double, unit: String) -> JSONValue { .object(fields(value, unit: unit)) }

  /// The fields of that Quantity, in the order FHIR lists them.
  static func fields(_ value: Double, unit: String) -> [(String, JSONValue)] {
    var pairs: [(String, JSONValue)] = [("value", .number(tidy(value))), ("unit", .string(unit))]
    if let code = codes[unit] ?? codes[unit.lowercased()] {
      pairs += [("system", .string("http://unitsofmeasure.org")), ("code", .string(code))]
    }
    return pairs
  }
}
