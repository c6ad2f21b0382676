import Foundation
import IntakeKit
import IntakeStore

/// Real intakes for store and console tests: a shipped transcript's lines typed through the
/// engine, summarised, and sealed and stored as a kiosk stores them.
public enum SealedIntake {
  /// Types the shipped journey whose file name starts with `journey` ("06") and stores its
  /// sealed submission in `store` under `id`; `name` replaces the summary's name (what a hostile
  /// patient typed). Returns the session id.
  @discardableResult
  public static func store(
    _ journey: String, id: String, name: String? = nil, in store: any SessionStore, sealedTo key: CoordinatorPublicKey,
    at instant: Date
  ) throws -> String {
    let dialog = try TestSupport.shippedDialog()
    let folder = URL(fileURLWithPath: TestSupport.shippedDialogPath).appendingPathComponent("transcripts")
    guard
      let file = try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: {
        $0.hasPrefix(journey + "-")
      })
    else { throw Missing.journey(journey) }
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    let lines = try Transcript.parse(text, path: file).inputs.compactMap { input -> String? in
      if case .line(let typed) = input { return typed }
      return nil
    }
    // A journey in a dialog offered in several languages begins with the language chosen.
    let chooses = !dialog.translations.isEmpty
    var patient = ScriptedPatient(dialog: dialog, language: chooses ? lines.first ?? "1" : "1")
    patient.type(Array(lines.dropFirst(chooses ? 1 : 0)))
    var summary = Summary(session: patient.session, sessionID: id)
    if let name { summary.identity?.name = name }
    let payload = SubmissionPayload(
      sessionID: id, dialogID: dialog.id, dialogVersion: dialog.version, markdown: MarkdownRenderer.render(summary),
      summaryJSON: try JSONRenderer.render(summary), inputs: [])
    let sealer = Sealer(recipient: key)
    try store.startSession(
      StoredSession(
        id: id, dialogID: dialog.id, dialogVersion: dialog.version,
        sealedKey: try sealer.seal(Data(repeating: 1, count: 32), purpose: .sessionKey, context: id)),
      firstInput: Data([0]), at: instant)
    try store.submit(
      sessionID: id, sealed: try sealer.seal(payload.encoded(), purpose: .submission, context: id), at: instant)
    return id
  }

  public enum Missing: Error { case journey(String) }
}
