/// Which answer a piece of evidence is: a top-level question, or one field of one record.
public struct AnswerReference: Hashable, Sendable, Codable, Comparable {
  public var question: String
  /// For a record field: the repeat group and the record's 0-based position.
  public var group: String?
  public var record: Int?

  public init(question: String, group: String? = nil, record: Int? = nil) {
    self.question = question
    self.group = group
    self.record = record
  }

  public static func < (lhs: AnswerReference, rhs: AnswerReference) -> Bool {
    (lhs.group ?? lhs.question, lhs.record ?? -1, lhs.question) < (
      rhs.group ?? rhs.question, rhs.record ?? -1, rhs.question
    )
  }
}
