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
  /// HMAC-SHA256 of `hash` under the entry's audit key (see `AuditKeyring`); nil in an unkeyed
  /// trail or stretch.
  public var mac: String?

  package init(
    sequence: Int, at: String, event: AuditEvent, sessionID: String?, detail: String?, previousHash: String,
    hash: String, mac: String? = nil
  ) {
    self.sequence = sequence
    self.at = at
    self.event = event
    self.sessionID = sessionID
    self.detail = detail
    self.previousHash = previousHash
    self.hash = hash
    self.mac = mac
  }

  /// The hash an entry must have, given the one before it.
  package static func hash(
    sequence: Int, at: String, event: AuditEvent, sessionID: String?, detail: String?, previousHash: String
  ) -> String {
    let fields = [String(sequence), at, event.rawValue, sessionID ?? "", detail ?? "", previousHash]
    return HexText.of(SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8)))
  }

  /// The hash before the first entry.
  package static let genesis = String(repeating: "0", count: 64)
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
  /// A member of staff typed the staff code at a held screen (a crisis screen): the intake went
  /// on with them there. The detail names the kiosk.
  case sessionStaffResumed = "session.staff_resumed"
  case resumeFailed = "resume.failed"
  case sessionLocked = "session.locked"
  case sessionExpired = "session.expired"
  case sessionSubmitted = "session.submitted"
  case alertRaised = "alert.raised"
  /// A person at a staff alert monitor acknowledged an alert (the detail names them).
  case alertAcknowledged = "alert.acknowledged"
  /// The clinic's alert command could not be run or failed (the detail says how).
  case alertCommandFailed = "alert.command_failed"
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
  /// A staff account was added to the browser console, or removed (the detail names it and its role).
  case accountAdded = "account.added"
  case accountRemoved = "account.removed"
  /// Someone signed in to the browser console, failed to, was locked out, or signed out.
  case consoleSignedIn = "console.signed_in"
  case consoleSignInFailed = "console.sign_in_failed"
  case consoleAccountLocked = "console.account_locked"
  case consoleSignedOut = "console.signed_out"
  /// An intake's place in the clinic's work changed: its status, who it is assigned to, a note.
  case caseStatusChanged = "case.status"
  case caseAssigned = "case.assigned"
  case caseNoted = "case.noted"
  /// A finding was cleared before booking (the detail says by whom, at which level).
  case caseCleared = "case.cleared"
}

/// The first key of a keyed stretch of the audit trail, sealed to the coordinator's key.
public struct AuditKeyRecord: Sendable, Equatable {
  public var firstSequence: Int
  public var sealedKey: Data
}

/// What the store holds that audit entries record: a deleted intake leaves entries naming it.
struct AuditedRows {
  var sessions: Set<String>
  var submissions: Set<String>
  var alerts: [String: Int]
  var reviews: [String: Int]
  /// Case events (status, assignment, note) per session.
  var caseEvents: [String: Int] = [:]
}

/// What checking the keyed trail with the coordinator's key found.
public struct KeyedAuditReport: Sendable, Equatable {
  /// The first entry whose MAC is wrong or missing, with why; nil when every keyed entry holds.
  public var problem: String?
  /// Facts a reader should know: unkeyed entries from before keying, new keys part way.
  public var notes: [String]
}

/// Checks a chain of entries; returns the first problem, or nil when it holds.
public enum AuditVerifier {
  package static func problem(in entries: [AuditEntry]) -> String? {
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

  /// Checks the last entries of a trail (the first of them only as the one the next follows):
  /// consecutive, each following the one before, each hash what its contents give. An empty
  /// trail, or one whose first entry is entry 1 and follows nothing, holds too.
  static func problem(inTail entries: [AuditEntry]) -> String? {
    guard let first = entries.first else { return nil }
    if first.sequence == 1 { return problem(in: entries) }
    var previous = first
    for entry in entries.dropFirst() {
      if entry.sequence != previous.sequence + 1 {
        return "entry \(previous.sequence + 1) is missing (the next is \(entry.sequence))"
      }
      if entry.previousHash != previous.hash { return "entry \(entry.sequence) does not follow the entry before it" }
      let expected = AuditEntry.hash(
        sequence: entry.sequence, at: entry.at, event: entry.event, sessionID: entry.sessionID, detail: entry.detail,
        previousHash: entry.previousHash)
      if entry.hash != expected { return "entry \(entry.sequence) was changed" }
      previous = entry
    }
    return nil
  }

  /// Entries that record something the store no longer has (or rows no entry records).
  static func missingRows(trail: [AuditEntry], in rows: AuditedRows) -> String? {
    var alerts: [String: Int] = [:]
    var reviews: [String: Int] = [:]
    var caseEvents: [String: Int] = [:]
    var started = Set<String>()
    var submitted = Set<String>()
    for entry in trail {
      guard let session = entry.sessionID else { continue }
      switch entry.event {
      case .sessionStarted:
        started.insert(session)
        if !rows.sessions.contains(session) {
          return "entry \(entry.sequence) records session \(session) starting, but the session is gone: it was deleted"
        }
      case .sessionSubmitted:
        submitted.insert(session)
        if !rows.submissions.contains(session) {
          return "entry \(entry.sequence) records session \(session)'s submission, but it is gone: it was deleted"
        }
      case .alertRaised: alerts[session, default: 0] += 1
      case .submissionReviewed: reviews[session, default: 0] += 1
      case .caseStatusChanged, .caseAssigned, .caseNoted, .caseCleared: caseEvents[session, default: 0] += 1
      default: break
      }
    }
    for (session, count) in alerts where rows.alerts[session, default: 0] < count {
      return
        "the trail records \(count) staff alert(s) for session \(session), the store holds fewer: they were deleted"
    }
    for (session, count) in caseEvents where rows.caseEvents[session, default: 0] < count {
      return
        "the trail records \(count) status change(s), assignment(s) or note(s) for session \(session), the store "
        + "holds fewer: they were deleted"
    }
    for (session, count) in reviews where rows.reviews[session, default: 0] < count {
      return
        "the trail records \(count) review mark(s) for session \(session), the store holds fewer: they were deleted"
    }
    if let stray = rows.sessions.subtracting(started).sorted().first {
      return "session \(stray) is in the store but the trail never recorded it starting: it was added"
    }
    if let stray = rows.submissions.subtracting(submitted).sorted().first {
      return "session \(stray) has a submission the trail never recorded: it was added"
    }
    return nil
  }

  /// Checks every MAC with the keys the coordinator opens. `openKey` opens a stretch's sealed
  /// first key (nil when it does not open).
  public static func keyed(
    _ entries: [AuditEntry], keys: [AuditKeyRecord], openKey: (AuditKeyRecord) -> Data?
  ) -> KeyedAuditReport {
    var notes: [String] = []
    let starts = Dictionary(keys.map { ($0.firstSequence, $0) }) { a, _ in a }
    let firstKeyed = keys.first?.firstSequence
    if let firstKeyed, firstKeyed > 1 {
      notes.append("entries 1 to \(firstKeyed - 1) were written before the trail was keyed")
    } else if firstKeyed == nil, !entries.isEmpty {
      notes.append("no entry is keyed: this store was written without the coordinator's key")
    }
    var key: Data?
    for entry in entries {
      if let record = starts[entry.sequence] {
        guard let opened = openKey(record) else {
          return KeyedAuditReport(
            problem: "the audit key starting at entry \(entry.sequence) does not open with this coordinator key",
            notes: notes)
        }
        if entry.sequence != firstKeyed {
          notes.append(
            "a new audit key started at entry \(entry.sequence): the kiosk's key file was missing (restored or deleted)"
          )
        }
        key = opened
      }
      guard let current = key else { continue }
      guard let mac = entry.mac, mac == AuditKeyring.mac(of: entry.hash, key: current) else {
        return KeyedAuditReport(
          problem:
            "entry \(entry.sequence) does not carry its audit key's MAC: it was changed or written by someone else",
          notes: notes)
      }
      key = AuditKeyring.ratchet(current)
    }
    return KeyedAuditReport(problem: nil, notes: notes)
  }
}
