import Foundation

/// Parses shared by sessions of one dialog: those of one path analysis, which types the same few
/// candidate answers at the same questions over and over, and the journeys `intake test`
/// replays, which type the same "no" and "0" at the same questions. Parsing a line is pure given
/// the question, the line, the parser's settings and the day, and it was most of the analysis's
/// time and a fifth of a replay's. The sessions also share the dialog as each translation shows
/// it (`localized`).
public final class ParseMemo: @unchecked Sendable {
  public init() {}

  struct Key: Hashable {
    var question: String
    /// The day the line is read on, where the reading depends on it: at a date question ("3
    /// weeks ago", "June", a date of birth too far back). Nil elsewhere, where no reading reads
    /// the day, so the journeys recorded on different days share their parses.
    var today: CalendarDate?
    var gate: Bool
    var input: Typed
    var confirmed: Bool
    var readsBack: Bool
    var usualUnit: String?
    /// The language the line was read in (nil: the dialog's own).
    var language: String? = nil
  }

  /// A line as typed, equal to another only byte for byte: two strings Swift calls equal
  /// (`"José"` composed and decomposed) are two lines here, as a parse keeps what was typed and
  /// a length limit counts bytes.
  struct Typed: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: Typed, rhs: Typed) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
      hasher.combine(text.utf8.count)
      let hashed: Void? = text.utf8.withContiguousStorageIfAvailable {
        hasher.combine(bytes: UnsafeRawBufferPointer($0))
      }
      if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
    }
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

  // Guarded by `lock`: the dialog each translation makes, by the translation's language.
  private var localizedDialogs: [String: Dialog] = [:]

  /// `dialog` as `translation` shows it, made once for every session that speaks its language
  /// (every Spanish journey of `intake test` localised the whole dialog again). The sessions
  /// sharing a memo share one dialog, so the language names the result.
  func localized(_ dialog: Dialog, _ translation: Translation) -> Dialog {
    if let known = lock.withLock({ localizedDialogs[translation.language] }) { return known }
    let made = dialog.localized(translation)
    lock.withLock { localizedDialogs[translation.language] = made }
    return made
  }

  /// How many parses are kept (for tests).
  var count: Int { lock.withLock { results.count } }

  /// The languages whose dialog is made (for tests).
  var localizedLanguages: Set<String> { lock.withLock { Set(localizedDialogs.keys) } }
}
