import Foundation
import IntakeStore

/// Who a page is for: their name and role in the bar, and the token their forms carry.
struct PageContext: Sendable {
  var account: StaffAccount
  var formToken: String
  var zone: TimeZone
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
  var outcome: String
  var flags: [String]
  var reviewed: Bool

  var shortID: String { String(sessionID.prefix(8)) }
}

/// One line of an intake's history: a status change, an assignment, a note, a review mark.
struct HistoryLine: Sendable {
  var at: String
  var account: String
  var what: String
  var note: ReviewNote?
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
}

/// An alert on the alerts page, acknowledged or not.
struct RecentAlert: Sendable {
  var id: Int
  var tier: Int
  var kiosk: String?
  var raised: String
  var sessionID: String
  var acknowledgedBy: String?
  var acknowledgedAt: String?
}

/// Why signing in did not work.
enum SignInProblem: Sendable {
  case wrongNameOrPassphrase
  case locked(until: String)
  case damagedSlot
}
