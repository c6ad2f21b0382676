import Foundation

/// What a sealed submission holds: the summary as the psychiatrist reads it and as data.
public struct SubmissionPayload: Codable, Sendable, Equatable {
  public var format = "intake-submission-v1"
  public var sessionID: String
  public var markdown: String
  /// The summary as JSON (`JSONRenderer`).
  public var summaryJSON: String

  public init(sessionID: String, markdown: String, summaryJSON: String) {
    self.sessionID = sessionID
    self.markdown = markdown
    self.summaryJSON = summaryJSON
  }

  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return (try? encoder.encode(self)) ?? Data()
  }

  public static func decoded(_ data: Data) -> SubmissionPayload? {
    try? JSONDecoder().decode(SubmissionPayload.self, from: data)
  }
}
