import Foundation
import IntakeKit

/// What a sealed submission holds: the summary as the psychiatrist reads it and as data, and
/// every input with its time, so review can rebuild the session exactly on the same dialog
/// version (for exports such as FHIR that need the answers as typed values).
public struct SubmissionPayload: Codable, Sendable, Equatable {
  public var format = "intake-submission-v1"
  public var sessionID: String
  public var dialogID: String
  public var dialogVersion: String
  public var markdown: String
  /// The summary as JSON (`JSONRenderer`).
  public var summaryJSON: String
  public var inputs: [LoggedInput]
  /// The newest audit entry when the submission was sealed. Review checks the trail still holds
  /// it: the hash chain alone cannot show that its newest entries were cut off.
  public var auditHead: AuditHead?

  public init(
    sessionID: String, dialogID: String, dialogVersion: String, markdown: String, summaryJSON: String,
    inputs: [LoggedInput], auditHead: AuditHead? = nil
  ) {
    self.sessionID = sessionID
    self.dialogID = dialogID
    self.dialogVersion = dialogVersion
    self.markdown = markdown
    self.summaryJSON = summaryJSON
    self.inputs = inputs
    self.auditHead = auditHead
  }

  /// The payload as JSON. Throws rather than return something empty that would then be sealed.
  public func encoded() throws(SealError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    do {
      return try encoder.encode(self)
    } catch {
      throw .sealingFailed
    }
  }

  public static func decoded(_ data: Data) -> SubmissionPayload? {
    try? JSONDecoder().decode(SubmissionPayload.self, from: data)
  }
}
