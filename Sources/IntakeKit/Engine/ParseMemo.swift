import Foundation

/// Parses shared by the sessions of one path analysis, which types the same few candidate
/// answers at the same questions over and over: parsing a line is pure given the question, the
/// line and the parser's settings (the date is the analysis's fixed one), and it was most of the
/// analysis's time.
final class ParseMemo: @unchecked Sendable {
  struct Key: Hashable {
    var question: String
    var gate: Bool
    var input: String
    var confirmed: Bool
    var readsBack: Bool
    var usualUnit: String?
    /// The language the line was read in (nil: the dialog's own).
    var language: String? = nil
  }

  private var results: [Key: Result<Value, AnswerRejection>] = [:]
  private let lock = NSLock()
  /// Candidate answers are few per question; a bound all the same.
  private static let capacity = 200_000

  func result(for key: Key, parse: () -> Result<Value, AnswerRejection>) -> Result<Value, AnswerRejection> {
    if let known = lock.withLock({ results[key] }) { return known }
    let parsed = parse()
    lock.withLock {
      if results.count >= Self.capacity { results.removeAll(keepingCapacity: true) }
      results[key] = parsed
    }
    return parsed
  }
}
