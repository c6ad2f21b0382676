import Foundation
import IntakeStore

/// Who a page is for: their name and role in the bar, and the token their forms carry.
struct PageContext: Sendable {
  var account: StaffAccount
  var formToken: String
}

/// One intake as a row of the queue, and the head of its own page.
struct QueueRow: Sendable {
  var sessionID: String
  var name: String?
  var birthDate: String?
  var age: String?
  var taken: String
  /// submitted, open, suspended, expired or locked.
  var state: String
  var status: CaseStatus
  var assignee: String?
  var tier: Int
  /// Every alert of it acknowledged by a person.
  var acknowledged: Bool
  /// Who acknowledged its highest alert, and when.
  var acknowledgedBy: String?
  var outcome: String
  var flags: [String]
  var booking: BookingCheck
  /// Where it was taken ("kiosk lobby-1, site north"), when the store holds several sites'.
  var place: String?

  var shortID: String { String(sessionID.prefix(8)) }
}

/// What stands between an intake and "booked": the categories that fired whose findings a
/// psychiatrist must clear, or someone must record as resolved, and who has.
struct BookingCheck: Sendable {
  var psychiatrist: [String] = []
  var resolved: [String] = []
  /// The last psychiatrist's decision: cleared, or not cleared.
  var psychiatristDecision: CaseEvent?
  var resolvedBy: CaseEvent?

  var clearedByPsychiatrist: CaseEvent? {
    psychiatristDecision?.value == ClearanceDecision.cleared.rawValue ? psychiatristDecision : nil
  }
  var notCleared: CaseEvent? {
    psychiatristDecision?.value == ClearanceDecision.notCleared.rawValue ? psychiatristDecision : nil
  }
  var needsPsychiatrist: Bool { !psychiatrist.isEmpty && clearedByPsychiatrist == nil }
  var needsResolution: Bool { !resolved.isEmpty && resolvedBy == nil }
  var isBlocked: Bool { needsPsychiatrist || needsResolution }

  /// The queue's word on it, or nil when nothing is needed.
  var marker: String? {
    if let notCleared { return "Not cleared by \(notCleared.account)" }
    if needsPsychiatrist { return "Before booking: psychiatrist to clear" }
    if needsResolution { return "Before booking: record how it was resolved" }
    if let cleared = clearedByPsychiatrist { return "Cleared by \(cleared.account)" }
    return nil
  }

  /// Why booking is refused, in words for the coordinator; nil when it may be booked.
  var refusal: String? {
    var reasons: [String] = []
    if let notCleared {
      reasons.append("\(notCleared.account) did not clear it for booking (see their note)")
    } else if needsPsychiatrist {
      reasons.append("a psychiatrist must clear it first (\(psychiatrist.joined(separator: ", ")))")
    }
    if needsResolution {
      reasons.append("record how \(resolved.joined(separator: ", ")) was resolved first")
    }
    guard !reasons.isEmpty else { return nil }
    return "Not booked: " + reasons.joined(separator: "; and ") + ". See \"Before booking\" on this intake's page."
  }
}

/// One line of an intake's history: a status change, an assignment, a note, a review mark.
struct HistoryLine: Sendable {
  var at: String
  var account: String
  var what: String
  var note: ReviewNote?
  /// For the order (the text is in the clinic's zone).
  var instant: Date
}

/// An alert nobody has acknowledged, as the banner on every page shows it.
struct AlertView: Sendable {
  var id: Int
  var tier: Int
  var kiosk: String?
  var raised: String
  var minutesAgo: Int
  var sessionID: String
  var patient: String?
  /// The escalation's words from the note, when the intake is open here.
  var reason: String?
}

/// An alert on the alerts page, acknowledged or not.
struct RecentAlert: Sendable {
  var id: Int
  var tier: Int
  var kiosk: String?
  var raised: String
  var sessionID: String
  var patient: String?
  var reason: String?
  var acknowledgedBy: String?
  var acknowledgedAt: String?
}

/// Why signing in did not work.
enum SignInProblem: Sendable {
  case wrongNameOrPassphrase
  case locked(until: String)
  case damagedSlot
}
