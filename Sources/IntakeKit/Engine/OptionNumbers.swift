/// The numbers an option's text stands for, when it is itself a number or a band: "1 or 2",
/// "7, 8, or 9", "2 to 4 times a month", "10 or more". A number the patient types can then be
/// read as a value within a band as well as the option's position, and the two told apart.
struct OptionNumbers: Equatable {
  var lowest: Int
  /// Nil for an open band ("10 or more").
  var highest: Int?

  init?(_ text: String) {
    let folded = ChoiceMatcher.fold(text)
    guard let first = folded.first, first.isNumber else { return nil }
    let numbers = folded.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    guard let low = numbers.first else { return nil }
    lowest = low
    if folded.containsText(" or more") || folded.contains("+" as Character) || folded.containsText(" or over") {
      highest = nil
    } else {
      highest = numbers.max() ?? low
    }
  }

  func contains(_ value: Int) -> Bool {
    value >= lowest && highest.map { value <= $0 } ?? true
  }
}

/// How a bare number is read at a question whose options are themselves numbers.
public enum NumberReading: String, Sendable, CaseIterable {
  /// Asked back whenever the option it falls in and the option at that position differ (the default).
  case ask
  /// As a value: "2" is the option "1 or 2".
  case values
  /// As the option's position: "2" is the second option.
  case positions
}
