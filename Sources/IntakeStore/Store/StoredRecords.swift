import Foundation

// What the store hands back: ids, times, states and sealed bytes, never plaintext patient data.

/// A new session as the store sees it.
public struct StoredSession: Sendable {
  public var id: String
  public var dialogID: String
  public var dialogVersion: String
  /// The session's data key, sealed to the coordinator.
  public var sealedKey: Data

  public init(id: String, dialogID: String, dialogVersion: String, sealedKey: Data) {
    self.id = id
    self.dialogID = dialogID
    self.dialogVersion = dialogVersion
    self.sealedKey = sealedKey
  }
}

/// What makes a session resumable with a code: the code's lookup, the session's data key wrapped
/// under the code and the date of birth, and when the code stops working.
public struct StoredResume: Sendable, Equatable {
  public var lookup: String
  public var wrappedKey: Data
  public var expiresAt: Date

  public init(lookup: String, wrappedKey: Data, expiresAt: Date) {
    self.lookup = lookup
    self.wrappedKey = wrappedKey
    self.expiresAt = expiresAt
  }
}

public struct ResumeCandidate: Sendable {
  public var sessionID: String
  public var wrappedKey: Data
  public var dialogID: String
  public var dialogVersion: String
}

public struct StoredSubmission: Sendable {
  public var sessionID: String
  public var submittedAt: String
  public var sealed: Data

  package init(sessionID: String, submittedAt: String, sealed: Data) {
    self.sessionID = sessionID
    self.submittedAt = submittedAt
    self.sealed = sealed
  }
}

/// A staff alert: which session, how urgent, when, from which kiosk, and whether a person has
/// acknowledged it (who, when). No answers, and no rule name on a staff screen: the tier says
/// how urgent it is.
public struct StoredAlert: Sendable, Equatable {
  public var sessionID: String
  public var rule: String
  public var tier: Int
  public var raisedAt: String
  /// The alert's own number, stable: what a person acknowledges.
  public var id: Int = 0
  /// The kiosk that raised it (its configured name), nil for alerts from before names.
  public var kiosk: String? = nil
  /// The site of that kiosk, when the store holds several sites' records (the central store).
  public var site: String? = nil
  public var acknowledgedAt: String? = nil
  public var acknowledgedBy: String? = nil

  public init(
    sessionID: String, rule: String, tier: Int, raisedAt: String, id: Int = 0, kiosk: String? = nil,
    site: String? = nil, acknowledgedAt: String? = nil, acknowledgedBy: String? = nil
  ) {
    self.site = site
    self.sessionID = sessionID
    self.rule = rule
    self.tier = tier
    self.raisedAt = raisedAt
    self.id = id
    self.kiosk = kiosk
    self.acknowledgedAt = acknowledgedAt
    self.acknowledgedBy = acknowledgedBy
  }

  public var isAcknowledged: Bool { acknowledgedAt != nil }

  /// The audit detail of an acknowledgement at a kiosk ("alert 3 by Nurse Kim"): written by the
  /// kiosk's store, and read back by the central store from the kiosk's forwarded trail, so a
  /// console knows who went to a patient from the kiosk's own monitor.
  public static func acknowledgementDetail(alert id: Int, by person: String) -> String { "alert \(id) by \(person)" }

  /// The alert's number and the person, from an `acknowledgementDetail`.
  public static func acknowledgement(inDetail detail: String) -> (alert: Int, by: String)? {
    guard detail.hasPrefix("alert "), let by = detail.range(of: " by ") else { return nil }
    guard let id = Int(detail[detail.index(detail.startIndex, offsetBy: 6)..<by.lowerBound]) else { return nil }
    return (id, String(detail[by.upperBound...]))
  }
}

public struct StoredReview: Sendable, Equatable {
  public var sessionID: String
  public var reviewedAt: String
  public var reviewer: String
  public var sealedNote: Data?

  package init(sessionID: String, reviewedAt: String, reviewer: String, sealedNote: Data?) {
    self.sessionID = sessionID
    self.reviewedAt = reviewedAt
    self.reviewer = reviewer
    self.sealedNote = sealedNote
  }
}

/// A session as review sees it before opening anything.
public struct SessionRecord: Sendable {
  public var id: String
  public var dialogID: String
  public var dialogVersion: String
  /// open, suspended, submitted, expired or locked.
  public var state: String
  public var startedAt: String
  public var updatedAt: String
  public var sealedKey: Data
  /// How many inputs are saved (an open session's grow without changing `updatedAt`).
  public var inputCount: Int = 0
  /// The site and kiosk the intake was taken at, when the store holds several sites' records
  /// (the central store): configuration, not patient data.
  public var site: String? = nil
  public var kiosk: String? = nil

  package init(
    id: String, dialogID: String, dialogVersion: String, state: String, startedAt: String, updatedAt: String,
    sealedKey: Data, inputCount: Int = 0, site: String? = nil, kiosk: String? = nil
  ) {
    self.id = id
    self.dialogID = dialogID
    self.dialogVersion = dialogVersion
    self.state = state
    self.startedAt = startedAt
    self.updatedAt = updatedAt
    self.sealedKey = sealedKey
    self.inputCount = inputCount
    self.site = site
    self.kiosk = kiosk
  }
}
