import Foundation
import IntakeKit

/// One intake as the coordinator sees it: finished or not, opened with the coordinator's key.
public struct ReviewCase: Sendable {
  public var sessionID: String
  /// submitted, open, suspended, expired or locked.
  public var state: String
  /// When it was submitted, or last changed when it was not.
  public var time: String
  /// Nil when the session could not be rebuilt (its dialog version is not at hand).
  public var summary: Summary?
  public var markdown: String?
  /// The session, when it had to be rebuilt to make the summary (an unfinished intake).
  public var session: Session?
  /// The saved inputs and the dialog they were typed on, to rebuild the session when an export
  /// needs typed answers (`ReviewDesk.session(of:)`); listing never replays them.
  public var inputs: [LoggedInput] = []
  public var dialogID: String = ""
  public var dialogVersion: String = ""
  public var alerts: [StoredAlert]
  public var reviews: [StoredReview]

  public var isSubmitted: Bool { state == "submitted" }
  public var isReviewed: Bool { !reviews.isEmpty }

  /// The highest escalation tier raised (0 for none), from the summary or the alerts.
  public var tier: Int {
    max(summary?.safety.map(\.tier).max() ?? 0, alerts.map(\.tier).max() ?? 0)
  }

  /// The rank of the highest category that fired (the dialog's ranks), 0 for none.
  public var rank: Int { summary?.screening.findings.map(\.rank).max() ?? 0 }

  /// The outcome line, or what is known without a summary.
  public var outcome: String {
    if let summary { return summary.screening.outcome.text }
    return tier > 0 ? "Staff alert (tier \(tier)); the intake cannot be opened here" : "Cannot be opened here"
  }

  /// Short labels of the categories that fired, most urgent first.
  public var flags: [String] {
    guard let summary else { return [] }
    var seen = Set<String>()
    return summary.screening.findings.sorted { $0.rank > $1.rank }.compactMap { finding in
      seen.insert(finding.categoryTitle).inserted ? finding.categoryTitle : nil
    }
  }
}
