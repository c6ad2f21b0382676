import Foundation

/// Where an intake is in the clinic's work. New until someone contacts the patient; then booked,
/// declined (by the patient) or not suitable (the clinic's decision).
public enum CaseStatus: String, Sendable, CaseIterable, Codable {
  case new
  case contacted
  case booked
  case declined
  case notSuitable = "not-suitable"

  public var title: String {
    switch self {
    case .new: "New"
    case .contacted: "Contacted"
    case .booked: "Booked"
    case .declined: "Declined"
    case .notSuitable: "Not suitable"
    }
  }

  /// Where it may go next. A booked patient may cancel (declined) or be found not suitable; a
  /// closed case is reopened as contacted (the patient called back).
  public var next: [CaseStatus] {
    switch self {
    case .new: [.contacted, .booked, .declined, .notSuitable]
    case .contacted: [.booked, .declined, .notSuitable, .new]
    case .booked: [.declined, .notSuitable, .contacted]
    case .declined, .notSuitable: [.contacted]
    }
  }
}

/// What a clearance event records (its `value`).
public enum ClearanceDecision: String, Sendable, CaseIterable {
  /// A psychiatrist reviewed the findings that need one and clears the intake for booking.
  case cleared = "psychiatrist"
  /// A psychiatrist reviewed them and does not clear it: booking stays refused.
  case notCleared = "not-cleared"
  /// Someone recorded how a finding any member of staff may resolve was resolved.
  case resolved
}

/// What kind of change a case event is.
public enum CaseEventKind: String, Sendable, Codable {
  case status
  /// `value` is the psychiatrist's account name, or nil when unassigned.
  case assignment
  /// The note is sealed to the clinic's key with the session, account and time.
  case note
  /// A decision before booking (`value` is a `ClearanceDecision`: a psychiatrist's clears every
  /// level), with a sealed note of what was checked.
  case clearance
}

/// One change to an intake's place in the clinic's work, by a named account, kept for ever.
public struct CaseEvent: Sendable, Equatable {
  public var id: Int
  public var sessionID: String
  public var kind: CaseEventKind
  /// The new status's raw value, or the assignee's name.
  public var value: String?
  public var sealedNote: Data?
  public var account: String
  public var at: String

  public init(
    id: Int = 0, sessionID: String, kind: CaseEventKind, value: String?, sealedNote: Data? = nil, account: String,
    at: String
  ) {
    self.id = id
    self.sessionID = sessionID
    self.kind = kind
    self.value = value
    self.sealedNote = sealedNote
    self.account = account
    self.at = at
  }

  package var auditEvent: AuditEvent {
    switch kind {
    case .status: .caseStatusChanged
    case .assignment: .caseAssigned
    case .note: .caseNoted
    case .clearance: .caseCleared
    }
  }

  /// The audit detail: the account and, for a status or assignment, what it became (never note text).
  package var auditDetail: String {
    switch kind {
    case .status: "\(value ?? "") by \(account)"
    case .assignment: "\(value ?? "nobody") by \(account)"
    case .note: "by \(account)"
    case .clearance: "\(value ?? "") by \(account)"
    }
  }
}
