/// Where the kiosk was waiting when a line was typed: a question (or a field of one record of a
/// repeat group, or the "another?" question before a record), the list of answers to change, the
/// quit confirmation, or the end.
///
/// A transcript writes it beside each typed line (`>[pain_now] 7`), so replay can match answers to
/// questions by id rather than by position: after an author inserts a question, the journeys that
/// reach it say they have no answer for it, instead of every later answer landing one question off.
public enum ScreenPlace: Hashable, Sendable, CustomStringConvertible {
  case at(Cursor)
  /// The first screen of a dialog in more than one language: which language.
  case choosingLanguage
  /// The list of answers after `review`, waiting for which one to change.
  case choosingAnswerToChange
  /// "Do you really want to stop?"
  case confirmingQuit
  /// After the last screen.
  case end

  /// The question this place shows, when it is one.
  public var questionID: String? {
    if case .at(let cursor) = self { return cursor.questionID }
    return nil
  }

  /// `pain_now`, `medications[2]` (the "another?" before record 3), `medications[2].dose`,
  /// `:review`, `:quit`, `:end`. Question ids are letters, digits and `_`, so these never clash.
  public var description: String {
    switch self {
    case .at(.question(let id)), .at(.interrupt(let id)): id
    case .at(.gate(let group, let index)): "\(group)[\(index)]"
    case .at(.item(let group, let index, let question)): "\(group)[\(index)].\(question)"
    case .choosingLanguage: ":language"
    case .choosingAnswerToChange: ":review"
    case .confirmingQuit: ":quit"
    case .end: ":end"
    }
  }

  /// Reads `description` back. An interrupt reads back as its question: the two show the same
  /// screen and compare equal through `matches`.
  public init?(_ text: String) {
    switch text {
    case ":language": self = .choosingLanguage
    case ":review": self = .choosingAnswerToChange
    case ":quit": self = .confirmingQuit
    case ":end": self = .end
    default:
      // Brackets found from the bytes in ASCII, as every place is (by `Character` it was most of
      // reading a typed line's place); by character otherwise.
      let ascii = text.isASCII
      guard let open = ascii ? text.utf8.firstIndex(of: UInt8(ascii: "[")) : text.firstIndex(of: "[") else {
        guard isIdentifier(text) else { return nil }
        self = .at(.question(text))
        return
      }
      let group = String(text[..<open])
      let rest = text[text.index(after: open)...]
      guard isIdentifier(group),
        let close = ascii ? rest.utf8.firstIndex(of: UInt8(ascii: "]")) : rest.firstIndex(of: "]"),
        let index = Int(rest[..<close]), index >= 0
      else { return nil }
      let tail = rest[rest.index(after: close)...]
      if tail.isEmpty {
        self = .at(.gate(group: group, index: index))
      } else if tail.hasPrefix("."), isIdentifier(String(tail.dropFirst())) {
        self = .at(.item(group: group, index: index, question: String(tail.dropFirst())))
      } else {
        return nil
      }
    }
  }

  /// The same screen, treating an interrupt and the question it shows as one.
  public func matches(_ other: ScreenPlace) -> Bool { description == other.description }
}
