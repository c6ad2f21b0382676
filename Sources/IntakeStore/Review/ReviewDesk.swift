import Foundation
import IntakeKit

/// Opens what the kiosk stored, with the coordinator's private key: sealed submissions, and the
/// inputs of intakes that were never finished (rebuilt into a summary when their dialog version
/// is at hand). Every view and export goes into the audit trail.
public final class ReviewDesk {
  public let store: any SessionStore
  let opener: Opener
  let sealer: Sealer
  /// The public half of the key this desk opens with.
  public let publicKey: CoordinatorPublicKey
  /// The dialog a session was taken on, by id and version, when it is available.
  let dialog: @Sendable (String, String) -> Dialog?

  public init(
    store: any SessionStore, key: CoordinatorPrivateKey, dialog: @escaping @Sendable (String, String) -> Dialog?
  ) {
    self.store = store
    opener = Opener(privateKey: key)
    sealer = Sealer(recipient: key.publicKey)
    publicKey = key.publicKey
    self.dialog = dialog
  }

  /// Problems found while opening: audit entries a submission saw that the trail no longer holds.
  public private(set) var warnings: [String] = []

  /// What each session opened to, by the version of the session it was opened from: a console
  /// that lists the queue on every page opens each record once.
  private var opened: [String: (version: String, item: ReviewCase)] = [:]

  /// The intake as last opened by `cases`, without reading the store; nil if it never was.
  public func opened(_ sessionID: String) -> ReviewCase? { opened[sessionID]?.item }

  /// Every intake, in the order the coordinator should work. A record that does not open is
  /// kept in the list as tampered or sealed to another key, and audited.
  public func cases(at instant: Date = Date()) throws(StoreError) -> [ReviewCase] {
    let trail = try store.kioskAuditEntries()
    let hashes =
      store.checksSubmissionAuditHeads ? Dictionary(trail.map { ($0.sequence, $0.hash) }) { first, _ in first } : nil
    warnings = try store.warnings()
    let alerts = Dictionary(grouping: try store.alerts(), by: \.sessionID)
    let reviews = Dictionary(grouping: try store.reviews(), by: \.sessionID)
    let submissions = Dictionary(uniqueKeysWithValues: try store.submissions().map { ($0.sessionID, $0) })
    let events = Dictionary(grouping: try (store as? any StaffStore)?.caseEvents() ?? [], by: \.sessionID)
    var auditedTiers: [String: Int] = [:]
    for entry in trail where entry.event == .alertRaised {
      guard let session = entry.sessionID, let tier = entry.detail.flatMap({ Int($0.dropFirst(5)) }) else { continue }
      auditedTiers[session] = max(auditedTiers[session] ?? 0, tier)
    }
    var cases: [ReviewCase] = []
    for record in try store.sessions() {
      var item = ReviewCase(
        sessionID: record.id, state: record.state, time: record.updatedAt, summary: nil, markdown: nil, session: nil,
        alerts: alerts[record.id] ?? [], reviews: reviews[record.id] ?? [])
      item.events = events[record.id] ?? []
      item.startedAt = record.startedAt
      item.site = record.site
      item.kiosk = record.kiosk
      item.auditedTier = auditedTiers[record.id] ?? 0
      // What was opened before and has not changed since is not opened (or audited) again.
      let version = "\(record.state)|\(record.updatedAt)|\(record.inputCount)"
      if let known = opened[record.id], known.version == version {
        item.fill(from: known.item)
        cases.append(item)
        continue
      }
      if let submission = submissions[record.id] {
        item.time = submission.submittedAt
        do {
          let payload = try open(submission)
          if let hashes, let head = payload.auditHead, hashes[head.sequence] != head.hash {
            warnings.append(
              "the audit trail no longer holds entry \(head.sequence), which submission \(record.id) saw: "
                + "entries were removed or replaced")
          }
          item.markdown = payload.markdown
          item.summary = try JSONDecoder().decode(Summary.self, from: Data(payload.summaryJSON.utf8))
          item.inputs = payload.inputs
          item.dialogID = payload.dialogID
          item.dialogVersion = payload.dialogVersion
        } catch {
          item.problem = problem(of: record, "sealed summary")
        }
      } else {
        do {
          let inputs = try unfinishedInputs(record)
          if let session = rebuild(inputs, dialogID: record.dialogID, version: record.dialogVersion) {
            var summary = Summary(session: session, sessionID: record.id)
            // Why it stopped, as the kiosk recorded it when it kept the session.
            let suspended = trail.last { $0.sessionID == record.id && $0.event == .sessionSuspended }
            if let reason = suspended?.detail.flatMap(StopReason.init(rawValue:)) { summary.stopped(reason) }
            item.session = session
            item.summary = summary
            item.markdown = MarkdownRenderer.render(summary)
          }
        } catch {
          item.problem = problem(of: record, "saved answers")
        }
      }
      if item.problem != nil {
        try store.audit(
          .recordRejected, sessionID: record.id, detail: item.problem == .wrongKey ? "wrong key" : "tampered",
          at: instant)
      }
      opened[record.id] = (version, item)
      cases.append(item)
    }
    return ReviewQueue.ordered(cases)
  }

  /// Tells an altered record from one sealed to another key: if the session's own key record
  /// opens, this is the right key and the record was changed.
  private func problem(of record: SessionRecord, _ what: String) -> ReviewProblem {
    do {
      _ = try SessionCipher.recovered(sessionID: record.id, sealedKey: record.sealedKey, opener: opener)
      return .tampered(what)
    } catch {
      return .wrongKey
    }
  }

  /// The intake's session with typed answers: the one built for its summary, or rebuilt from the
  /// submission's inputs. Nil when its dialog version is not at hand.
  public func session(of item: ReviewCase) -> Session? {
    item.session ?? rebuild(item.inputs, dialogID: item.dialogID, version: item.dialogVersion)
  }

  /// The note of a review mark, opened, with whether its reviewer and time are the ones sealed
  /// with it. A note that does not open is reported as altered, never dropped.
  public func note(of review: StoredReview) -> ReviewNote {
    guard let sealed = review.sealedNote else { return .unsealed }
    let bound = Self.noteContext(review.sessionID, reviewer: review.reviewer, at: review.reviewedAt)
    if let plain = try? opener.open(sealed, purpose: .reviewMark, context: bound) {
      return .verified(String(decoding: plain, as: UTF8.self))
    }
    // Marks made before the reviewer and time were sealed with the note.
    if let plain = try? opener.open(sealed, purpose: .reviewNote, context: review.sessionID) {
      return .unverifiedReviewer(String(decoding: plain, as: UTF8.self))
    }
    return .altered
  }

  /// Marks an intake reviewed. The note (even an empty one) is sealed with the reviewer's name
  /// and the time as authenticated data, so changing either in the store is detected.
  public func markReviewed(_ sessionID: String, by reviewer: String, note: String, at instant: Date) throws {
    let at = SQLiteSessionStore.timestamp(instant)
    let sealed = try sealer.seal(
      Data(note.utf8), purpose: .reviewMark, context: Self.noteContext(sessionID, reviewer: reviewer, at: at))
    try store.markReviewed(sessionID: sessionID, reviewer: reviewer, sealedNote: sealed, at: instant)
  }

  /// Records a status change, an assignment or a note (sealed like a review mark's, with the
  /// account and time as authenticated data) for an intake.
  public func record(
    _ kind: CaseEventKind, value: String?, note: String? = nil, on sessionID: String, by account: String,
    at instant: Date
  ) throws {
    guard let staff = store as? any StaffStore else { throw StoreError.io("this store keeps no case work") }
    let at = SQLiteSessionStore.timestamp(instant)
    let sealed = try note.map {
      try sealer.seal(
        Data($0.utf8), purpose: .reviewMark, context: Self.noteContext(sessionID, reviewer: account, at: at))
    }
    try staff.recordCaseEvent(
      CaseEvent(sessionID: sessionID, kind: kind, value: value, sealedNote: sealed, account: account, at: at))
  }

  /// A case note, opened; `.altered` when its text, account or time was changed in the store.
  public func note(of event: CaseEvent) -> ReviewNote {
    guard let sealed = event.sealedNote else { return .unsealed }
    let bound = Self.noteContext(event.sessionID, reviewer: event.account, at: event.at)
    guard let plain = try? opener.open(sealed, purpose: .reviewMark, context: bound) else { return .altered }
    return .verified(String(decoding: plain, as: UTF8.self))
  }

  static func noteContext(_ sessionID: String, reviewer: String, at: String) -> String {
    [sessionID, reviewer, at].map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
  }

  /// Audits a view, with the account that looked when there is one.
  public func recordView(_ sessionID: String, by account: String? = nil, at instant: Date) throws(StoreError) {
    try store.audit(.submissionViewed, sessionID: sessionID, detail: account.map { "by \($0)" }, at: instant)
  }

  public func recordExport(_ sessionID: String, format: String, by account: String? = nil, at instant: Date)
    throws(StoreError)
  {
    try store.audit(
      .submissionExported, sessionID: sessionID, detail: format + (account.map { " by \($0)" } ?? ""), at: instant)
  }

  private func open(_ submission: StoredSubmission) throws -> SubmissionPayload {
    let plain = try opener.open(submission.sealed, purpose: .submission, context: submission.sessionID)
    guard let payload = SubmissionPayload.decoded(plain) else { throw SealError.rejected }
    return payload
  }

  /// Every saved input, or an error: one that does not open is not skipped.
  private func unfinishedInputs(_ record: SessionRecord) throws -> [LoggedInput] {
    let cipher = try SessionCipher.recovered(sessionID: record.id, sealedKey: record.sealedKey, opener: opener)
    return try store.inputs(sessionID: record.id).enumerated().map { position, sealed in
      guard let input = LoggedInput.decoded(try cipher.open(sealed, position: position)) else {
        throw SealError.rejected
      }
      return input
    }
  }

  private func rebuild(_ inputs: [LoggedInput], dialogID: String, version: String) -> Session? {
    guard let dialog = dialog(dialogID, version),
      let screen = KioskScreen.restored(dialog: dialog, inputs: inputs, interactive: false)
    else { return nil }
    return screen.conversation.session
  }
}
