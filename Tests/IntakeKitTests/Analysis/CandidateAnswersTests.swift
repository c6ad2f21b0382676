import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Numbers in a dialog's conditions become candidate answers for path analysis; a number no Int
/// can hold used to trap converting it (found by the expression fuzzer: `age < 777...71`).
@Suite struct CandidateAnswersTests {
  static func dialog(_ condition: String) throws -> Dialog {
    let outcome = CheckerFixture.check(
      """
      section: main
      title: Main
      questions:
        - { id: dob, kind: date, text: Born? }
        - { id: packs, kind: integer, text: Packs? }
        - { id: bp, kind: blood_pressure, text: BP? }
        - { id: done, kind: message, text: Done., when: "\(condition)" }
      """)
    return try #require(outcome.dialog, "\(outcome.diagnostics)")
  }

  @Test(arguments: [
    "age(dob) < 7777777777777777777777777777777777777777777777777777777777777777777777777777777771",
    "age(dob) >= \(String(repeating: "9", count: 300)) or bp.systolic > 10000000000000000000",
    "bp.diastolic < -10000000000000000000 or packs == 1\(String(repeating: "0", count: 80))",
    "age(dob) > 9223372036854775807 or packs == 0.5",
  ])
  func hugeNumbersInConditionsAreAnalysedWithoutTrapping(condition: String) throws {
    let analysis = PathAnalysis(dialog: try Self.dialog(condition), clock: TestSupport.fixedClock, budget: 50)
    #expect(analysis.statesExplored > 0)
    // The FHIR questionnaire maps `packs == 10...0` to no enableWhen rather than trapping.
    _ = FHIRExport.questionnaire(try Self.dialog(condition))
  }

  @Test func wholeNumbersAreKeptOnlyInsideTheirRange() {
    #expect(CandidateAnswers.wholeNumber(17.9, in: 0...1_000) == 17)
    #expect(CandidateAnswers.wholeNumber(1_000.5, in: 0...1_000) == 1_000)
    #expect(CandidateAnswers.wholeNumber(1_001, in: 0...1_000) == nil)
    #expect(CandidateAnswers.wholeNumber(-0.5, in: 0...1_000) == nil)
    #expect(CandidateAnswers.wholeNumber(7.7e84, in: 0...1_000) == nil)
    #expect(CandidateAnswers.wholeNumber(.nan, in: 0...1_000) == nil)
  }
}
