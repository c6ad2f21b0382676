import Foundation

/// The patient's answers laid out to look over before they are sent: one section at a time
/// (the section's title, then its answers numbered in plain words), a long section split into
/// pages, every page short enough to fit the kiosk's screen (40 rows, `ScreenColumns.text` wide)
/// with the words around it.
struct AnswerPages: Sendable {
  /// One answer as shown: where it is (to change it) and its lines, already wrapped.
  struct Entry: Sendable, Equatable {
    var cursor: Cursor
    /// "First name: Ana", before numbering and wrapping.
    var words: String
  }

  struct Page: Sendable, Equatable {
    /// The section's title (what the patient saw above its questions).
    var title: String
    /// Which page of its section this is, and how many the section has.
    var part: Int
    var parts: Int
    var entries: [Entry]
  }

  /// Columns a line may use: the width the kiosk's writer wraps every screen to, so it never
  /// breaks a page's lines again.
  static let width = ScreenColumns.text
  /// Rows the answers of one page may take. The rest of 40 is the page's heading, the blank lines
  /// between, the hint under the answers, the prompt and the patient's last line above.
  static let rows = 30

  let pages: [Page]

  /// An answer in the patient's words: a scale's answer without its score ("Several days", not
  /// "Several days (1)"), a date as it was read back ("27 April 1986", not "1986-04-27"), a name
  /// as typed.
  static func said(_ value: Value, for question: Question, _ formatter: AnswerFormatter) -> String {
    switch (value, question.kind) {
    case (.number(let score), .scale(_, let options)):
      return options.first { $0.score == score }?.text ?? formatter.display(value, for: question.id)
    case (.date(let date), _): return date.spoken(formatter.words)
    case (.text(let typed), _) where question.isPersonName: return typed
    default: return formatter.display(value, for: question.id)
    }
  }

  /// The question as the patient was asked it: its last paragraph (a screen's introduction comes
  /// first), with earlier answers piped in.
  static func asked(_ question: Question, at cursor: Cursor, in session: Session) -> String {
    let text = session.renderForPatient(question.text, record: session.recordScope(at: cursor))
    // Most questions are one line: nothing to split (Foundation's splitting at every answer on
    // the pages was a twentieth of a replay).
    guard mayBreakLines(text) else {
      let trimmed = text.trimmingWhitespace()
      return trimmed.isEmpty ? question.label.joiningLines() : trimmed
    }
    // One line, wrapped by the page: a line break kept inside it made a page longer than counted.
    let last = lastParagraph(of: text) ?? question.label
    guard mayBreakLines(last) else { return last }
    return last.joiningLines()
  }

  /// The last paragraph of `text` that is not blank, trimmed: the text cut at every "\n\n"
  /// (left to right, by characters, as Foundation's `components(separatedBy:)` cuts it), searched
  /// from the end.
  /// Cut from the text's bytes: Foundation's cutting, and splitting by `Character`, were a
  /// twentieth of replaying a journey that looks over its answers.
  static func lastParagraph(of text: String) -> String? {
    let bytes = text.utf8
    let newline = UInt8(ascii: "\n")
    var starts = [bytes.startIndex]
    var ends: [String.Index] = []
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let next = bytes.index(after: index)
      // "\r\n" is one character: its "\n" does not begin a "\n\n".
      if bytes[index] == newline, next < bytes.endIndex, bytes[next] == newline,
        index == bytes.startIndex || bytes[bytes.index(before: index)] != UInt8(ascii: "\r")
      {
        ends.append(index)
        index = bytes.index(after: next)
        starts.append(index)
      } else {
        index = next
      }
    }
    ends.append(bytes.endIndex)
    for (start, end) in zip(starts, ends).reversed() {
      let paragraph = Substring(text.unicodeScalars[start..<end]).trimmingWhitespace()
      if !paragraph.isEmpty { return paragraph }
    }
    return nil
  }

  /// Whether `text` may hold a line break (`Character.isNewline`): U+000A to U+000D, or a byte of
  /// U+0085, U+2028 or U+2029 (which some other characters share: then it says yes, to be sure).
  private static func mayBreakLines(_ text: String) -> Bool {
    text.utf8.contains { (0x0A...0x0D).contains($0) || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }
  }

  /// The kiosk's words around the answers, in the patient's language.
  let words: KioskWords

  init(session: Session) {
    // In the patient's language: their options, and the kiosk's words.
    let dialog = session.shownDialog
    words = session.kioskWords
    let formatter = AnswerFormatter(dialog: dialog, words: words)
    var runs: [(section: String, entries: [Entry])] = []
    for cursor in Conversation.reviewableCursors(in: session) {
      guard let question = dialog.questions[cursor.questionID], let value = session.answer(at: cursor) else {
        continue
      }
      // The patient's words for each answer: the question's `patient_label`, or the question as
      // it was asked (its last paragraph), never the clinic's label ("PHQ-9 item 1: ...").
      var label = question.patientLabel ?? Self.asked(question, at: cursor, in: session)
      if case .item(let group, let record, _) = cursor {
        label = "\(dialog.questions[group]?.labelForPatient ?? group) \(record + 1): \(label)"
      }
      // "Do you smoke? No", "Dose: 20 mg".
      let separator = label.last.map { "?.!:".contains($0) } == true ? " " : ": "
      // "not sure" at a dose is said back as that, not as a skip.
      let said =
        value.isMissing && session.saidNotKnown(at: cursor)
        ? words(.shownNotKnown) : Self.said(value, for: question, formatter)
      let entry = Entry(cursor: cursor, words: label + separator + said)
      if runs.last?.section == question.section {
        runs[runs.count - 1].entries.append(entry)
      } else {
        runs.append((question.section, [entry]))
      }
    }
    var pages: [Page] = []
    for run in runs {
      let title = dialog.section(run.section)?.title ?? run.section
      var split: [[Entry]] = [[]]
      var used = 0
      for entry in run.entries {
        // Numbers run from 1 on each page; the widest a page can need is two digits.
        let height = Self.wrap(entry.words, number: 10).count
        if used + height > Self.rows, !(split.last?.isEmpty ?? true) {
          split.append([])
          used = 0
        }
        split[split.count - 1].append(entry)
        used += height
      }
      for (index, entries) in split.enumerated() {
        pages.append(Page(title: title, part: index + 1, parts: split.count, entries: entries))
      }
    }
    self.pages = pages
  }

  var isEmpty: Bool { pages.isEmpty }

  var count: Int { pages.count }

  /// Page `index` (0-based) as the patient sees it.
  func text(_ index: Int) -> String {
    let page = pages[index]
    let heading =
      page.parts > 1
      ? words(.reviewHeadingPart, ["title": page.title, "part": String(page.part), "parts": String(page.parts)])
      : words(.reviewHeading, ["title": page.title])
    var lines = ["== " + heading + " ==", ""]
    for (offset, entry) in page.entries.enumerated() {
      lines += Self.wrap(entry.words, number: offset + 1)
    }
    lines += ["", hint(index)]
    return lines.joined(separator: "\n")
  }

  /// Under page `index` (0-based) of the answers: where the patient is and what they can type.
  func hint(_ index: Int) -> String {
    let numbers = ["page": String(index + 1), "pages": String(pages.count)]
    let first = index + 1 < pages.count ? words(.reviewPage, numbers) : words(.reviewLastPage, numbers)
    // Broken at spaces as the answers are: a line wider than the screen is two rows the page
    // did not count (the Spanish hint is 113 columns).
    return Self.broken(first + "\n" + (index > 0 ? words(.reviewBackOrDone) : words(.reviewDone)))
  }

  /// Plain text broken at spaces to `width` columns, line by line.
  static func broken(_ text: String) -> String {
    // By units, one unit one character, as `wrap` (by `Character` it was a fifth of a page).
    if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
      return broken(units: Array(text.utf8), newline: UInt8(ascii: "\n"), space: UInt8(ascii: " ")) {
        String(decoding: $0, as: UTF8.self)
      }
    }
    let scalars = Array(text.unicodeScalars)
    guard scalars.count == text.count else { return brokenByCharacters(text) }
    return broken(units: scalars, newline: "\n", space: " ", text: string)
  }

  /// The paragraphs of `units` (cut at every `newline`, empty ones kept) and their words (cut at
  /// runs of `space`), in order: `paragraph` at the start of each (true for the first), `word`
  /// with each word's range. What `broken` and `wrap` both walk.
  private static func forEachWord<Unit: Equatable>(
    in units: [Unit], newline: Unit, space: Unit, paragraph: (_ first: Bool) -> Void, word: (Range<Int>) -> Void
  ) {
    var index = 0
    while index <= units.count {
      paragraph(index == 0)
      var end = index
      while end < units.count, units[end] != newline { end += 1 }
      var start = index
      while start < end {
        if units[start] == space {
          start += 1
          continue
        }
        var stop = start
        while stop < end, units[stop] != space { stop += 1 }
        word(start..<stop)
        start = stop
      }
      index = end + 1
    }
  }

  /// `broken(_:)` over units each of which is one character (`text` makes them a string).
  private static func broken<Unit: Equatable>(
    units: [Unit], newline: Unit, space: Unit, text: ([Unit]) -> String
  ) -> String {
    var out: [Unit] = []
    out.reserveCapacity(units.count + 8)
    // One line: its words joined by one space, a new line when the next would pass `width`.
    var length = 0
    forEachWord(
      in: units, newline: newline, space: space,
      paragraph: { first in
        if !first { out.append(newline) }
        length = 0
      },
      word: { word in
        if length > 0, length + 1 + word.count > width {
          out.append(newline)
          length = 0
        }
        if length > 0 {
          out.append(space)
          length += 1
        }
        out.append(contentsOf: units[word])
        length += word.count
      })
    return text(out)
  }

  /// `broken(_:)` by `Character`: the way for any text, and what the other ways must equal.
  static func brokenByCharacters(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      var lines: [String] = []
      var current = ""
      // The line's length kept as it grows, not counted again at every word.
      var length = 0
      for word in line.split(separator: " ") {
        let wordLength = word.count
        if !current.isEmpty, length + 1 + wordLength > width {
          lines.append(current)
          current = ""
          length = 0
        }
        if !current.isEmpty {
          current += " "
          length += 1
        }
        current.append(contentsOf: word)
        length += wordLength
      }
      lines.append(current)
      return lines.joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// "  3. Label: answer", broken at spaces to `width` columns; later lines are indented under
  /// the words. A word longer than a line is cut.
  static func wrap(_ words: String, number: Int) -> [String] {
    // Measured and cut by units: the bytes of ASCII (nearly every English answer; as before, a
    // "\r\n" is cut at its "\n"); else Unicode scalars when each character is one (Spanish,
    // precomposed); else characters. By `Character` it was a twentieth of a replay, and most of
    // showing a page.
    if words.isASCII {
      return wrap(units: Array(words.utf8), newline: UInt8(ascii: "\n"), space: UInt8(ascii: " "), number: number) {
        String(decoding: $0, as: UTF8.self)
      }
    }
    let scalars = Array(words.unicodeScalars)
    guard scalars.count == words.count else { return wrapCharacters(words, number: number) }
    return wrap(units: scalars, newline: "\n", space: " ", number: number, text: string)
  }

  /// Scalars as a string, encoded at once (appending them to a string's scalars one at a time
  /// was most of wrapping a Spanish answer).
  private static func string(_ scalars: [Unicode.Scalar]) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * 2)
    for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `wrap(_:number:)` by `Character`, for text whose characters are not each one scalar.
  static func wrapCharacters(_ words: String, number: Int) -> [String] {
    wrap(words, newline: "\n", space: " ", number: number) { String($0) }
  }

  /// `wrap(_:number:)` over units of text each of which is one character (`text` makes a line
  /// of them a string), a line built as units.
  private static func wrap<Unit: Equatable>(
    units: [Unit], newline: Unit, space: Unit, number: Int, text: ([Unit]) -> String
  ) -> [String] {
    let head = "  \(number). "
    let indent = head.utf8.count
    var lines: [String] = []
    // The line's words, after its head (the first) or an indent as wide (the rest).
    var line: [Unit] = []
    var length = indent
    var lineHasWords = false
    var first = true
    func startLine() {
      lines.append(first ? head + text(line) : String(repeating: " ", count: indent) + text(line))
      first = false
      line.removeAll(keepingCapacity: true)
      length = indent
      lineHasWords = false
    }
    forEachWord(
      in: units, newline: newline, space: space,
      paragraph: { _ in
        if lineHasWords { startLine() }
      },
      word: { word in
        var start = word.lowerBound
        while start < word.upperBound {
          let room = width - length - (lineHasWords ? 1 : 0)
          if word.upperBound - start <= room {
            if lineHasWords {
              line.append(space)
              length += 1
            }
            line.append(contentsOf: units[start..<word.upperBound])
            length += word.upperBound - start
            lineHasWords = true
            start = word.upperBound
          } else if lineHasWords {
            startLine()
          } else {
            line.append(contentsOf: units[start..<(start + room)])
            start += room
            startLine()
          }
        }
      })
    startLine()
    return lines
  }

  /// `wrap(_:number:)` over `words` by its elements (characters, or ASCII bytes); `text` makes a
  /// piece a string.
  static func wrap<Text: Collection>(
    _ words: Text, newline: Text.Element, space: Text.Element, number: Int, text: (Text.SubSequence) -> String
  ) -> [String] where Text.Element: Equatable {
    let head = "  \(number). "
    let indent = String(repeating: " ", count: head.count)
    var lines: [String] = []
    var line = head
    // The line's length in characters, kept as it grows: counting it again at every word made
    // wrapping a long answer quadratic.
    var length = head.count
    var lineHasWords = false
    for paragraph in words.split(separator: newline, omittingEmptySubsequences: false) {
      if lineHasWords {
        lines.append(line)
        line = indent
        length = indent.count
        lineHasWords = false
      }
      for word in paragraph.split(separator: space) {
        var word = word
        var wordLength = word.count
        while !word.isEmpty {
          let room = width - length - (lineHasWords ? 1 : 0)
          if wordLength <= room {
            if lineHasWords {
              line += " "
              length += 1
            }
            line += text(word)
            length += wordLength
            lineHasWords = true
            word = word[word.endIndex...]
          } else if lineHasWords {
            lines.append(line)
            line = indent
            length = indent.count
            lineHasWords = false
          } else {
            line += text(word.prefix(room))
            word = word.dropFirst(room)
            wordLength -= room
            lines.append(line)
            line = indent
            length = indent.count
          }
        }
      }
    }
    lines.append(line)
    return lines
  }
}
