import Testing

@testable import IntakeKit

/// What changed for the patient between a journey's recorded expectations and a replay, in words.
@Suite struct OutcomeChangesTests {
  func expectations(_ pairs: [(Expectations.Key, [String])]) -> Expectations {
    Expectations(items: pairs.map { Expectations.Item(key: $0.0, values: $0.1, line: 0) })
  }

  @Test func theEndingOutcomeFindingsAndEscalationsAreComparedInWords() {
    let recorded = expectations([
      (.ending, ["submitted"]), (.outcome, ["physician_review"]), (.findings, ["crps_severe", "pain_baseline"]),
      (.escalations, []),
    ])
    let replayed = expectations([
      (.ending, ["input-ended"]), (.outcome, ["none"]), (.findings, ["pain_baseline", "transport_unknown"]),
      (.escalations, ["suicide_tier2 (tier 2)"]), (.scores, ["phq9 = 3"]),
    ])
    #expect(
      OutcomeChanges.between(recorded: recorded, replayed: replayed) == [
        "ending submitted → input-ended", "outcome physician_review → none", "crps_severe no longer fires",
        "transport_unknown now fires", "escalation suicide_tier2 (tier 2) now raised",
      ])
  }

  @Test func onlyWhatTheJourneyRecordedIsCompared() {
    let recorded = expectations([(.ending, ["submitted"])])
    let replayed = expectations([(.ending, ["submitted"]), (.outcome, ["info"]), (.findings, ["x"])])
    #expect(OutcomeChanges.between(recorded: recorded, replayed: replayed).isEmpty)
    #expect(OutcomeChanges.between(recorded: nil, replayed: replayed).isEmpty)
  }

  /// A band's label may hold a comma: the scores are split between scores, not inside one.
  @Test func aCommaInsideABandIsNotASeparator() throws {
    let expectations = try Expectations.parse(
      ["scores: audit_c = 9 (Positive, high), phq9 = not asked"], firstLine: 1, path: "t")
    #expect(expectations.items.first?.values == ["audit_c = 9 (Positive, high)", "phq9 = not asked"])
    #expect(expectations.lines == ["scores: audit_c = 9 (Positive, high), phq9 = not asked"])
  }
}
