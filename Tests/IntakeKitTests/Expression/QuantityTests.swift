import Testing

@testable import IntakeKit

@Suite struct QuantityTests {
  /// A conversion shown beside an answer never rounds a small amount away: two significant
  /// figures below 1, a tenth below 10, whole numbers from 10.
  @Test(arguments: [
    (0.025, "0.025 h"), (0.0004567, "about 0.00046 h"), (0.333333, "about 0.33 h"), (2.54, "about 2.5 h"),
    (81.6466, "about 82 h"), (66, "66 h"), (1.5, "1.5 h"),
  ])
  func aConversionKeepsWhatMatters(value: Double, shown: String) {
    let amount = Quantity(parts: [.init(value: 1, unit: "other")], value: value, unit: "h")
    #expect(amount.converted == shown)
  }

  /// What the patient typed is shown with all its digits: 0.125 mg is not "0.13 mg".
  @Test func theAmountAsGivenKeepsEveryDigit() {
    #expect(Quantity(parts: [.init(value: 0.125, unit: "mg")], value: 0.125, unit: "mg").asGiven == "0.125 mg")
    #expect(Quantity(parts: [.init(value: 25, unit: "mcg")], value: 0.025, unit: "mg").asGiven == "25 mcg")
  }
}
