import Foundation

/// Where the kiosk keeps sessions, submissions, alerts and the audit trail. Everything patient
/// related arrives already sealed; the store sees only ids, times, states and ciphertext. One
/// interface, so a PostgreSQL store for several sites can take SQLite's place.
///
/// Every method that changes something is one durable transaction, with its audit entry in the
/// same transaction: when it returns, the change survives a crash or power loss.
public protocol SessionStore: AnyObject {
  /// Records a new session with its data key sealed to the coordinator, and its first input
  /// (position 0) in the same transaction: a session is never stored without one.
  func startSession(_ session: StoredSession, firstInput: Data, at instant: Date) throws(StoreError)
  /// Saves one input of an open session, at its position (0, 1, 2, ...).
  func appendInput(sessionID: String, position: Int, sealed: Data) throws(StoreError)
  /// Makes an open session resumable with a code (by its lookup) until `expiresAt`; a session
  /// no longer open (sent, suspended, locked, expired) is left as it is. May be called on
  /// another thread while the store's other calls go on: the kiosk stores a resume wrap once
  /// scrypt has derived it, off the patient's answers.
  func setResume(sessionID: String, lookup: String, wrappedKey: Data, expiresAt: Date) throws(StoreError)
  /// The patient left (quit, timeout, signal): the session stays resumable.
  func suspend(sessionID: String, reason: String, at instant: Date) throws(StoreError)
  /// Stores the sealed submission and closes the session; its saved inputs are deleted.
  func submit(sessionID: String, sealed: Data, at instant: Date) throws(StoreError)
  /// Records a staff alert (session id, rule, tier, time, the kiosk's name: no answers) and
  /// returns its number.
  @discardableResult
  func raiseAlert(sessionID: String, rule: String, tier: Int, kiosk: String?, at instant: Date) throws(StoreError)
    -> Int
  /// A person acknowledges an alert at a staff monitor: it is recorded with their name, once.
  /// Returns false when there is no such alert or it was already acknowledged.
  func acknowledgeAlert(id: Int, by person: String, at instant: Date) throws(StoreError) -> Bool
  /// The acknowledgement of a session's alert for one escalation (its rule; a raised-again alert
  /// has the same rule): who and when, or nil. An earlier, lesser alert's acknowledgement does not
  /// count for a later crisis.
  func acknowledgement(sessionID: String, rule: String) throws(StoreError) -> (by: String, at: String)?
  /// A staff alert monitor is running: it says so every few seconds.
  func recordMonitorBeat(name: String, at instant: Date) throws(StoreError)
  /// When a staff alert monitor last said it was running, or nil if never.
  func lastMonitorBeat() throws(StoreError) -> Date?
  /// Sessions a code's lookup may open: resumable, not expired, not locked.
  func resumeCandidates(lookup: String, at instant: Date) throws(StoreError) -> [ResumeCandidate]
  /// Counts a wrong code or date of birth against a session; locks it at `limit`. Returns whether
  /// it is now locked.
  func recordFailedResume(sessionID: String, limit: Int, at instant: Date) throws(StoreError) -> Bool
  /// Marks a session resumed at the kiosk.
  func markResumed(sessionID: String, at instant: Date) throws(StoreError)
  /// The saved inputs of a session, in order.
  func inputs(sessionID: String) throws(StoreError) -> [Data]
  /// Closes sessions whose resume code has expired. Returns how many.
  func expireSessions(at instant: Date) throws(StoreError) -> Int
  /// Sessions still open when no kiosk is running were left by one that was killed or lost
  /// power: each becomes suspended (resumable as before) with a "recovered" audit entry.
  /// Returns how many. Call only while holding the kiosk lock (`DataFolder.lockForKiosk()`).
  func recoverOpenSessions(at instant: Date) throws(StoreError) -> Int
  /// Appends an audit entry on its own (views and exports in review).
  func audit(_ event: AuditEvent, sessionID: String?, detail: String?, at instant: Date) throws(StoreError)
  /// The whole audit trail, oldest first.
  func auditTrail() throws(StoreError) -> [AuditEntry]
  /// The newest audit entry's place and hash, or nil when the trail is empty.
  func auditHead() throws(StoreError) -> AuditHead?
  /// Sealed submissions, newest first.
  func submissions() throws(StoreError) -> [StoredSubmission]
  /// Staff alerts, newest first.
  func alerts() throws(StoreError) -> [StoredAlert]
  /// Every session, newest first, with its state and its data key sealed to the coordinator.
  func sessions() throws(StoreError) -> [SessionRecord]
  /// Records that a coordinator reviewed a session (the note sealed to the coordinator's key).
  func markReviewed(sessionID: String, reviewer: String, sealedNote: Data?, at instant: Date) throws(StoreError)
  /// Every review mark, oldest first.
  func reviews() throws(StoreError) -> [StoredReview]
  /// Until when review is locked after too many wrong passphrases, or nil.
  func reviewLockedUntil(at instant: Date) throws(StoreError) -> Date?
  /// Counts a wrong passphrase; at `limit` locks review for `lockout` and returns until when.
  func recordUnlockFailure(limit: Int, lockout: TimeInterval, at instant: Date) throws(StoreError) -> Date?
  /// A right passphrase: the failure count starts again.
  func recordUnlock(at instant: Date) throws(StoreError)
  /// The first key of each keyed stretch of the audit trail, sealed to the coordinator.
  func auditKeys() throws(StoreError) -> [AuditKeyRecord]
  /// The audit entries the kiosks wrote, which review reads facts from (alerts raised, why an
  /// intake stopped, staff resumes): a kiosk's store's own trail; in the central store, every
  /// kiosk's forwarded entries.
  func kioskAuditEntries() throws(StoreError) -> [AuditEntry]
  /// Whether review checks each submission's audit head against `auditTrail()`: true where the
  /// submission was stored beside that trail (a kiosk's store). The central store checks each
  /// kiosk's trail as its entries arrive instead, and reports what it found in `warnings()`.
  var checksSubmissionAuditHeads: Bool { get }
  /// What the store itself found wrong and staff should see (no patient data); none for a
  /// kiosk's store, whose checks throw instead.
  func warnings() throws(StoreError) -> [String]
  /// Verifies the audit trail: its hash chain, that every session, submission, alert and review
  /// it records is still there, and where the trail is keyed, that it ends where its key says.
  func verifyAudit() throws(StoreError)
}

extension SessionStore {
  /// Makes the session resumable with `resume`'s code until it expires.
  public func setResume(sessionID: String, _ resume: StoredResume) throws(StoreError) {
    try setResume(
      sessionID: sessionID, lookup: resume.lookup, wrappedKey: resume.wrappedKey, expiresAt: resume.expiresAt)
  }

  /// Checks every keyed audit entry's MAC with the keys the coordinator's private key opens.
  public func verifyKeyedAudit(with key: CoordinatorPrivateKey) throws(StoreError) -> KeyedAuditReport {
    let opener = Opener(privateKey: key)
    return AuditVerifier.keyed(try auditTrail(), keys: try auditKeys()) { record in
      guard
        let raw = try? opener.open(record.sealedKey, purpose: .auditKey, context: String(record.firstSequence)),
        raw.count == 32
      else { return nil }
      return raw
    }
  }
}
