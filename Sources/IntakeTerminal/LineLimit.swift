import IntakeKit

/// The most a line reader takes in for one line, whatever the question: a bound on memory, on
/// what is echoed, and on what reaches the conversation, the input log and the seal. Counted in
/// UTF-8 bytes and Unicode scalars, because a line of combining marks is short in characters and
/// long in everything that costs. A longer line is refused whole (`LineInput.tooLong`) and the
/// patient is asked again; nothing already answered is touched.
public struct LineLimit: Sendable, Equatable {
  public var bytes: Int
  public var scalars: Int

  public init(bytes: Int, scalars: Int) {
    self.bytes = bytes
    self.scalars = scalars
  }

  /// 16 KiB and 4,096 scalars: well beyond the longest answer the shipped dialog takes (1,000
  /// characters), small enough that echoing, saving and sealing a line stays cheap.
  public static let standard = LineLimit(bytes: 16_384, scalars: 4_096)

  /// The standard limit, raised where a text question of `dialog` allows more, so the reader
  /// never refuses a line that question would accept.
  public static func fitting(_ dialog: Dialog) -> LineLimit {
    var limit = standard
    for question in dialog.questions.values {
      guard case .text(let maxLength, _) = question.kind else { continue }
      let answer = TextLimit(characters: maxLength)
      limit.bytes = max(limit.bytes, answer.bytes)
      limit.scalars = max(limit.scalars, answer.scalars)
    }
    return limit
  }
}
