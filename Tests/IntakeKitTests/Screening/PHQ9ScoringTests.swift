import IntakeTestSupport
import Testing

@testable import IntakeKit

/// PHQ-9 as declared in the shipped dialog, against the published scoring (Kroenke, Spitzer &
/// Williams 2001): items 0-3, total 0-27, bands 0-4, 5-9, 10-14, 15-19, 20-27.
@Suite struct PHQ9ScoringTests {
  static func published(_ total: Int) -> String {
    switch total {
    case 0...4: "None-minimal"
    case 5...9: "Mild"
    case 10...14: "Moderate"
    case 15...19: "Moderately severe"
    default: "Severe"
    }
  }

  /// Item scores that add up to `total`, spread over items 1-8 so item 9 stays 0.
  static func items(for total: Int) -> [Int] {
    var remaining = total
    var scores: [Int] = []
    for _ in 0..<9 {
      let score = min(3, remaining)
      scores.append(score)
      remaining -= score
    }
    return scores.count == 9 && scores[8] > 0 ? [3, 3, 3, 3, 3, 3, 3, 3, scores[8]] : scores
  }

  @Test(arguments: 0...27)
  func totalAndBandMatchThePublishedScoring(total: Int) throws {
    let scores = Self.items(for: total)
    #expect(scores.reduce(0, +) == total)
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    patient.type(ShippedJourney().beforePHQ9 + scores.map { String($0 + 1) })
    let session = patient.session
    let computed = try #require(session.dialog.computed["phq9_total"])
    #expect(session.evaluator().value(computed.expression) == .number(Double(total)))
    let instrument = try #require(session.dialog.instruments.first { $0.id == "phq9" })
    #expect(instrument.band(for: Double(total))?.label == Self.published(total))
    // The difficulty item is asked only when some problem was checked.
    #expect((session.current == .question("phq9_difficulty")) == (total > 0))
  }

  @Test func item9AlwaysRaisesTheSuicideFlagWhateverTheTotal() throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    patient.type(ShippedJourney().beforePHQ9 + ["1", "1", "1", "1", "1", "1", "1", "1", "2"])
    #expect(patient.session.escalations.map(\.rule) == ["suicide_tier1"])
    #expect(patient.events.contains(.escalation(rule: "suicide_tier1", tier: 1, alert: false)))
  }

  @Test func item9OnMoreThanHalfTheDaysIsTier2() throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    patient.type(ShippedJourney().beforePHQ9 + ["1", "1", "1", "1", "1", "1", "1", "1", "3"])
    #expect(patient.session.escalations.map(\.rule) == ["suicide_tier2"])
  }
}
