import Crypto
import Foundation

/// One entry of the audit trail: what happened and when, never patient data. Each entry's hash
/// covers the one before it, so changing or removing an entry breaks every hash after it.
public struct AuditEntry: Sendable, Equatable, Codable {
  public var sequence: Int
  public var at: String
  public var event: AuditEvent
  public var sessionID: String?
  /// A short non-identifying detail ("tier 3", "timeout").
  public var detail: String?
  public var previousHash: String
  public var hash: String

  /// The hash an entry must have, given the one before it.
  static func hash(
    sequence: Int, at: String, event: AuditEvent, sessionID: String?, detail: String?, previousHash: String
  ) -> String {
    let fields = [String(sequence), at, event.rawValue, sessionID ?? "", detail ?? "", previousHash]
    return SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8)).map { String(format: "%02x", $0) }
      .joined()
  }

  /// The hash before the first entry.
  static let genesis = String(repeating: "0", count: 64)
}

/// An audit entry's place and hash, sealed into submissions as a witness of the trail's length.
public struct AuditHead: Sendable, Equatable, Codable {
  public var sequence: Int
  public var hash: String

  public init(sequence: Int, hash: String) {
    self.sequence = sequence
    self.hash = hash
  }
}

/// What the audit trail records.
public enum AuditEvent: String, Sendable, Codable, CaseIterable {
  case sessionStarted = "session.started"
  case sessionSuspended = "session.suspended"
  case sessionResumed = "session.resumed"
  case resumeFailed = "resume.failed"
  case sessionLocked = "session.locked"
  case sessionExpired = "session.expired"
  case sessionSubmitted = "session.submitted"
  case alertRaised = "alert.raised"
  case submissionViewed = "submission.viewed"
  case submissionExported = "submission.exported"
  case submissionReviewed = "submission.reviewed"
  case reviewUnlocked = "review.unlocked"
  case reviewUnlockFailed = "review.unlock_failed"
  case reviewLocked = "review.locked"
  case alertsWatched = "alerts.watched"
  case casesListed = "review.listed"
  /// A sealed record (submission, saved input, session key, review note) did not open: altered,
  /// or sealed to another key.
  case recordRejected = "record.rejected"
  /// A session was open when its kiosk stopped without closing it (killed, power cut); found at
  /// the next start.
  case sessionRecovered = "session.recovered"
  /// A new audit key: the first entry of a keyed stretch of the trail.
  case auditKeyStarted = "audit.key_started"
}

/// Checks a chain of entries; returns the first problem, or nil when it holds.
enum AuditVerifier {
  static func problem(in entries: [AuditEntry]) -> String? {
    var previous = AuditEntry.genesis
    var expectedSequence = entries.first?.sequence ?? 1
    if expectedSequence != 1 { return "the trail starts at entry \(expectedSequence), not 1 (entries were removed)" }
    for entry in entries {
      if entry.sequence != expectedSequence {
        return "entry \(expectedSequence) is missing (the next is \(entry.sequence))"
      }
      if entry.previousHash != previous { return "entry \(entry.sequence) does not follow the entry before it" }
      let expected = AuditEntry.hash(
        sequence: entry.sequence, at: entry.at, event: entry.event, sessionID: entry.sessionID, detail: entry.detail,
        previousHash: entry.previousHash)
      if entry.hash != expected { return "entry \(entry.sequence) was changed" }
      previous = entry.hash
      expectedSequence += 1
    }
    return nil
  }
}
