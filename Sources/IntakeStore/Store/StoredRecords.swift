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
}

public struct StoredAlert: Sendable, Equatable {
  public var sessionID: String
  public var rule: String
  public var tier: Int
  public var raisedAt: String
}

public struct StoredReview: Sendable, Equatable {
  public var sessionID: String
  public var reviewedAt: String
  public var reviewer: String
  public var sealedNote: Data?
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
}
