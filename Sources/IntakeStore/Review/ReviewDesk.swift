import Foundation
import IntakeKit

/// Opens what the kiosk stored, with the coordinator's private key: sealed submissions, and the
/// inputs of intakes that were never finished (rebuilt into a summary when their dialog version
/// is at hand). Every view and export goes into the audit trail.
public final class ReviewDesk {
  public let store: any SessionStore
  let opener: Opener
  let sealer: Sealer
  /// The dialog a session was taken on, by id and version, when it is available.
  let dialog: @Sendable (String, String) -> Dialog?

  public init(
    store: any SessionStore, key: CoordinatorPrivateKey, dialog: @escaping @Sendable (String, String) -> Dialog?
  ) {
    self.store = store
    opener = Opener(privateKey: key)
    sealer = Sealer(recipient: key.publicKey)
    self.dialog = dialog
  }

  /// Problems found while opening: audit entries a submission saw that the trail no longer holds.
  public private(set) var warnings: [String] = []

  /// Every intake, in the order the coordinator should work.
  public func cases() throws(StoreError) -> [ReviewCase] {
    let trail = try store.auditTrail()
    let hashes = Dictionary(trail.map { ($0.sequence, $0.hash) }) { first, _ in first }
    warnings = []
    let alerts = Dictionary(grouping: try store.alerts(), by: \.sessionID)
    let reviews = Dictionary(grouping: try store.reviews(), by: \.sessionID)
    let submissions = Dictionary(uniqueKeysWithValues: try store.submissions().map { ($0.sessionID, $0) })
    var cases: [ReviewCase] = []
    for record in try store.sessions() {
      var item = ReviewCase(
        sessionID: record.id, state: record.state, time: record.updatedAt, summary: nil, markdown: nil, session: nil,
        alerts: alerts[record.id] ?? [], reviews: reviews[record.id] ?? [])
      if let submission = submissions[record.id] {
        item.time = submission.submittedAt
        if let payload = try? open(submission) {
          if let head = payload.auditHead, hashes[head.sequence] != head.hash {
            warnings.append(
              "the audit trail no longer holds entry \(head.sequence), which submission \(record.id) saw: "
                + "entries were removed or replaced")
          }
          item.markdown = payload.markdown
          item.summary = try? JSONDecoder().decode(Summary.self, from: Data(payload.summaryJSON.utf8))
          item.inputs = payload.inputs
          item.dialogID = payload.dialogID
          item.dialogVersion = payload.dialogVersion
        }
      } else if let inputs = try? unfinishedInputs(record),
        let session = rebuild(inputs, dialogID: record.dialogID, version: record.dialogVersion)
      {
        let summary = Summary(session: session, sessionID: record.id)
        item.session = session
        item.summary = summary
        item.markdown = MarkdownRenderer.render(summary)
      }
      cases.append(item)
    }
    return ReviewQueue.ordered(cases)
  }

  /// The intake's session with typed answers: the one built for its summary, or rebuilt from the
  /// submission's inputs. Nil when its dialog version is not at hand.
  public func session(of item: ReviewCase) -> Session? {
    item.session ?? rebuild(item.inputs, dialogID: item.dialogID, version: item.dialogVersion)
  }

  /// The note of a review mark, opened.
  public func note(of review: StoredReview) -> String? {
    guard let sealed = review.sealedNote,
      let plain = try? opener.open(sealed, purpose: .reviewNote, context: review.sessionID)
    else { return nil }
    return String(decoding: plain, as: UTF8.self)
  }

  /// Marks an intake reviewed; the note is sealed like everything else about the patient.
  public func markReviewed(_ sessionID: String, by reviewer: String, note: String, at instant: Date) throws {
    let sealed = note.isEmpty ? nil : try sealer.seal(Data(note.utf8), purpose: .reviewNote, context: sessionID)
    try store.markReviewed(sessionID: sessionID, reviewer: reviewer, sealedNote: sealed, at: instant)
  }

  public func recordView(_ sessionID: String, at instant: Date) throws(StoreError) {
    try store.audit(.submissionViewed, sessionID: sessionID, detail: nil, at: instant)
  }

  public func recordExport(_ sessionID: String, format: String, at instant: Date) throws(StoreError) {
    try store.audit(.submissionExported, sessionID: sessionID, detail: format, at: instant)
  }

  private func open(_ submission: StoredSubmission) throws -> SubmissionPayload? {
    let plain = try opener.open(submission.sealed, purpose: .submission, context: submission.sessionID)
    return SubmissionPayload.decoded(plain)
  }

  private func unfinishedInputs(_ record: SessionRecord) throws -> [LoggedInput] {
    let cipher = try SessionCipher.recovered(sessionID: record.id, sealedKey: record.sealedKey, opener: opener)
    return try store.inputs(sessionID: record.id).enumerated().compactMap { position, sealed in
      LoggedInput.decoded(try cipher.open(sealed, position: position))
    }
  }

  private func rebuild(_ inputs: [LoggedInput], dialogID: String, version: String) -> Session? {
    guard let dialog = dialog(dialogID, version),
      let screen = KioskScreen.restored(dialog: dialog, inputs: inputs, interactive: false)
    else { return nil }
    return screen.conversation.session
  }
}
