import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeStore

@Suite struct ReviewQueueTests {
  func item(_ id: String, time: String, tier: Int = 0, reviewed: Bool = false) -> ReviewCase {
    ReviewCase(
      sessionID: id, state: "submitted", time: time, summary: nil, markdown: nil, session: nil,
      alerts: tier > 0 ? [StoredAlert(sessionID: id, rule: "r", tier: tier, raisedAt: time)] : [],
      reviews: reviewed ? [StoredReview(sessionID: id, reviewedAt: time, reviewer: "c", sealedNote: nil)] : [])
  }

  /// An intake that stopped part way is not given a clean bill on the queue: its outcome says it
  /// covers only the answers given.
  @Test func anUnfinishedIntakesOutcomeSaysWhatItCovers() throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    patient.type(["yes", "Grace", "Rivera"])
    var unfinished = item("u", time: "2026-01-01T09:00:00Z")
    unfinished.state = "suspended"
    var summary = Summary(session: patient.session, sessionID: "u")
    summary.stopped(.quit)
    unfinished.summary = summary
    #expect(unfinished.outcome.hasSuffix("what was not reached was not screened)"), "\(unfinished.outcome)")
  }

  @Test func escalationsFirstThenUnreviewedThenNewest() {
    let cases = [
      item("old-routine", time: "2026-01-01T09:00:00Z"),
      item("new-routine", time: "2026-01-02T09:00:00Z"),
      item("reviewed-routine", time: "2026-01-03T09:00:00Z", reviewed: true),
      item("tier2", time: "2026-01-01T08:00:00Z", tier: 2),
      item("tier3-reviewed", time: "2026-01-01T07:00:00Z", tier: 3, reviewed: true),
      item("tier3", time: "2026-01-01T06:00:00Z", tier: 3),
    ]
    #expect(
      ReviewQueue.ordered(cases).map(\.sessionID) == [
        "tier3", "tier3-reviewed", "tier2", "new-routine", "old-routine", "reviewed-routine",
      ])
  }
}
