import Foundation
import IntakeKit

/// One intake as the coordinator sees it: finished or not, opened with the coordinator's key.
public struct ReviewCase: Sendable {
  public var sessionID: String
  /// submitted, open, suspended, expired or locked.
  public var state: String
  /// When it was submitted, or last changed when it was not.
  public var time: String
  /// When the patient began it at the kiosk.
  public var startedAt: String = ""
  /// The site and kiosk it was taken at, when the store holds several sites' records.
  public var site: String?
  public var kiosk: String?
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
  /// Status changes, assignments and notes from the browser console, oldest first.
  public var events: [CaseEvent] = []
  /// Why the intake's sealed records could not be opened, when they could not.
  public var problem: ReviewProblem?
  /// The highest tier the audit trail records for this session's alerts: the urgency stays
  /// known when the alert rows or the sealed summary are gone or do not open.
  public var auditedTier: Int = 0

  public var isSubmitted: Bool { state == "submitted" }
  /// Someone has worked on it: a review mark, or a status past new.
  public var isReviewed: Bool { !reviews.isEmpty || status != .new }

  /// Anyone has done anything with it in a console: a review mark, a status, an assignment, a
  /// note, a clearance.
  public var isWorkedOn: Bool { !reviews.isEmpty || !events.isEmpty }

  /// Where it is in the clinic's work: its last status change, or new.
  public var status: CaseStatus {
    events.last { $0.kind == .status }.flatMap { $0.value.flatMap(CaseStatus.init(rawValue:)) } ?? .new
  }

  /// The account it is assigned to, or nil.
  public var assignee: String? { events.last { $0.kind == .assignment }?.value }

  /// The highest escalation tier raised (0 for none), from the summary or the alerts.
  public var tier: Int {
    max(summary?.safety.map(\.tier).max() ?? 0, alerts.map(\.tier).max() ?? 0, auditedTier)
  }

  /// The rank of the highest category that fired (the dialog's ranks), 0 for none.
  public var rank: Int { summary?.screening.findings.map(\.rank).max() ?? 0 }

  /// The outcome line, or what is known without a summary.
  public var outcome: String {
    if let problem { return problem.description }
    // An unfinished intake's outcome covers only what was reached: said on the queue as in the note.
    if let summary {
      return summary.screening.outcome.text + (summary.finished == false ? " " + SummaryText.partialOutcome : "")
    }
    return tier > 0
      ? "Staff alert (tier \(tier)); its dialog version is not in --dialog" : "Its dialog version is not in --dialog"
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

/// Why an intake's sealed records did not open. Either way it is audited and listed at its
/// true urgency, never as a quiet "cannot be opened".
public enum ReviewProblem: Sendable, Equatable, CustomStringConvertible {
  /// The session's key opens with this coordinator key, but a record of it does not: it was
  /// altered (or moved from another session). Names the record.
  case tampered(String)
  /// Nothing of the session opens with this key: sealed to another coordinator key (or its
  /// key record was altered).
  case wrongKey

  public var description: String {
    switch self {
    case .tampered(let record):
      "TAMPERED (\(record)): altered, it does not open though the session's key does; keep the data folder"
    case .wrongKey: "Does not open with this key: sealed to another coordinator key, or altered"
    }
  }
}

/// A review mark's note as opened: what the coordinator can rely on.
public enum ReviewNote: Sendable, Equatable {
  /// The note, and the reviewer and time it was sealed with match the store's.
  case verified(String)
  /// A note from before marks sealed their reviewer and time: the text is authentic, the name
  /// and time beside it are not proven.
  case unverifiedReviewer(String)
  /// No seal at all (only marks from before every mark was sealed): nothing is proven.
  case unsealed
  /// The seal does not open with this reviewer, time and session: the mark was changed.
  case altered
}

extension ReviewCase {
  /// Takes what was opened from an earlier opening of the same, unchanged session; the alerts,
  /// review marks and case work stay this reading's.
  mutating func fill(from earlier: ReviewCase) {
    time = earlier.time
    summary = earlier.summary
    markdown = earlier.markdown
    session = earlier.session
    inputs = earlier.inputs
    dialogID = earlier.dialogID
    dialogVersion = earlier.dialogVersion
    problem = earlier.problem
  }
}
