import Foundation
import Testing

@testable import IntakeStore

/// What a patient types as a resume code is bounded before it is upper-cased and filtered.
@Suite struct ResumeCodeTests {
  @Test func aCodeTypedWithSpacesAndDashesIsRead() {
    #expect(ResumeCode(typed: "  kx4m - 9tqp  ")?.normalized == "KX4M9TQP")
  }

  @Test func aCodeBuriedInAFloodOfSpacesIsNotACode() {
    // Spaces and dashes are ignored, so without a bound any amount of them would be taken in.
    #expect(ResumeCode(typed: "KX4M-9TQP" + String(repeating: " ", count: 100_000)) == nil)
    #expect(ResumeCode(typed: String(repeating: "-", count: 60) + "KX4M9TQP") == nil)
  }
}
