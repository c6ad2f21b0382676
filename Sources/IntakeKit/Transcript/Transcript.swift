import Foundation

/// One recorded session, as a human-readable, diffable text file: a header (dialog and version,
/// the fixed clock), the body (what the kiosk showed, and `> ` lines for what the patient typed,
/// exactly as a kiosk on a pipe prints them), and an optional `--- expect` block.
///
/// ```
/// # A patient who drives themselves home.
/// dialog: ketamine-intake 1.0.0
/// clock: 2026-03-15T14:30:00Z UTC
/// ---
///
/// New patient questions for ketamine treatment
/// ...
/// > yes
/// ...
/// --- expect
/// ending: submitted
/// outcome: scheduling_blocked
/// findings: transport_not_allowed
/// ```
///
/// Each typed line names the screen it was typed at (`>[consent] no`, see `ScreenPlace`), so a
/// replay matches answers to questions by id after the dialog changes; a line without one
/// (`> no`, as an author may write by hand) is taken in order.
///
/// Lines starting with `#` are comments. A shown line that would start with `>`, `#`, `\` or
/// `---` is written with a leading `\`. `> ^C` is Ctrl-C and `> ^D` is Ctrl-D or the end of input.
/// `>> staff resume` is a member of staff resuming a held screen (`hold: staff`) with the kiosk's
/// staff code, which a transcript never holds.
public struct Transcript: Sendable, Equatable {
  public enum Entry: Sendable, Equatable {
    case shown(String)
    /// What was typed, and at which screen (nil when the transcript does not say).
    case typed(KioskScreen.Input, at: ScreenPlace?)
    case comment(String)
  }

  public struct Line: Sendable, Equatable {
    public var entry: Entry
    /// 1-based line number in the file, for messages.
    public var number: Int
  }

  public var dialogID: String
  public var dialogVersion: String
  public var clock: Date
  public var timeZone: TimeZone
  /// Whether it was played at a terminal (Ctrl-D asks to quit) or over a pipe (input ends).
  public var interactive: Bool
  /// Why this journey's length is not a patient's typical length (`length: every command and
  /// mistake on purpose`): it is left out of the length figures and the dialog's budget, and
  /// `intake test` says so.
  public var untypicalLength: String? = nil
  /// Comments before the header, kept when the transcript is rewritten.
  public var preamble: [String]
  public var lines: [Line]
  public var expectations: Expectations?

  public init(
    dialogID: String, dialogVersion: String, clock: Date, timeZone: TimeZone, interactive: Bool = true,
    preamble: [String] = [], lines: [Line] = [], expectations: Expectations? = nil
  ) {
    self.interactive = interactive
    self.dialogID = dialogID
    self.dialogVersion = dialogVersion
    self.clock = clock
    self.timeZone = timeZone
    self.preamble = preamble
    self.lines = lines
    self.expectations = expectations
  }

  public var sessionClock: SessionClock { .fixed(clock, timeZone: timeZone) }

  /// The inputs in order.
  public var inputs: [KioskScreen.Input] {
    lines.compactMap {
      if case .typed(let input, _) = $0.entry { return input }
      return nil
    }
  }

  // MARK: Text

  static let bodyMarker = "---"
  /// What staff did at the kiosk, rather than the patient: `>> ` lines. The only one so far.
  static let staffResumeWords = "staff resume"
  static let staffResumeLine = ">> " + staffResumeWords
  static let expectMarker = "--- expect"

  /// The transcript as file text.
  public var text: String {
    var out = preamble
    out.append("dialog: \(dialogID) \(dialogVersion)")
    out.append("clock: \(Self.formatClock(clock, timeZone)) \(timeZone.identifier)")
    if !interactive { out.append("input: pipe") }
    if let untypicalLength { out.append("length: \(untypicalLength)") }
    out.append(Self.bodyMarker)
    for line in lines {
      switch line.entry {
      case .shown(let text): out.append(Self.escape(text))
      case .typed(let input, let place): out.append(Self.typedLine(input, at: place))
      case .comment(let text): out.append(text)
      }
    }
    if let expectations { out += [Self.expectMarker] + expectations.lines }
    return out.joined(separator: "\n") + "\n"
  }

  static func typedLine(_ input: KioskScreen.Input, at place: ScreenPlace?) -> String {
    let tag = place.map { "[\($0)]" } ?? ""
    switch input {
    case .line(let text): return text.isEmpty ? ">" + tag : ">" + tag + " " + text
    case .cancelled: return ">" + tag + " ^C"
    case .endOfInput: return ">" + tag + " ^D"
    case .staffResume: return ">>" + tag + " " + staffResumeWords
    }
  }

  /// What was typed, as the line after `> ` shows it.
  static func typedText(_ input: KioskScreen.Input) -> String {
    String(typedLine(input, at: nil).drop { $0 == ">" }.dropFirst())
  }

  /// Splits `[place] rest` into the place and the rest; a line without `[` has no place. The
  /// place ends at the first `]` followed by a space or the end of the line (`[meds[1].dose] 20
  /// mg`), since places hold no spaces.
  static func splitPlace(_ text: Substring, path: String, line: Int) throws(TranscriptError) -> (
    ScreenPlace?, Substring
  ) {
    guard text.hasPrefix("[") else { return (nil, text) }
    guard let found = placeEnd(inASCII: text) else { return try splitPlaceByCharacter(text, path: path, line: line) }
    let name = String(text[text.index(after: text.startIndex)..<found])
    guard let place = ScreenPlace(name) else { throw Self.notAScreen(name, path: path, line: line) }
    return (place, text[text.index(after: found)...])
  }

  /// `splitPlace` by `Character`: the way for any line, and what the ASCII way must equal.
  static func splitPlaceByCharacter(_ text: Substring, path: String, line: Int) throws(TranscriptError) -> (
    ScreenPlace?, Substring
  ) {
    guard text.hasPrefix("[") else { return (nil, text) }
    var index = text.index(after: text.startIndex)
    while index < text.endIndex {
      let next = text.index(after: index)
      if text[index] == "]", next == text.endIndex || text[next] == " " {
        let name = String(text[text.index(after: text.startIndex)..<index])
        guard let place = ScreenPlace(name) else { throw Self.notAScreen(name, path: path, line: line) }
        return (place, text[next...])
      }
      index = next
    }
    throw TranscriptError(path: path, line: line, message: "the screen's name after '>[' has no closing ']'")
  }

  private static func notAScreen(_ name: String, path: String, line: Int) -> TranscriptError {
    TranscriptError(
      path: path, line: line,
      message:
        "'\(name)' is not a screen: write a question id, 'group[2]', 'group[2].question', ':review', ':quit' or ':end'"
    )
  }

  /// Where the place of `[place] rest` ends (its `]`) when every byte up to the character after
  /// it is ASCII, each byte a character, as nearly every typed line's place is: found from the
  /// bytes (by `Character` it was a quarter of reading a transcript). Nil when a byte is not
  /// ASCII there (a mark could join the `]` or the space to a character) or there is no end:
  /// `splitPlace` then reads it by character.
  private static func placeEnd(inASCII text: Substring) -> Substring.Index? {
    let bytes = text.utf8
    var index = bytes.index(after: bytes.startIndex)
    while index < bytes.endIndex {
      let byte = bytes[index]
      guard byte < 0x80 else { return nil }
      let next = bytes.index(after: index)
      if byte == UInt8(ascii: "]") {
        if next == bytes.endIndex { return index }
        if bytes[next] == UInt8(ascii: " ") {
          let after = bytes.index(after: next)
          guard after == bytes.endIndex || bytes[after] < 0x80 else { return nil }
          return index
        }
      }
      index = next
    }
    return nil
  }

  static func escape(_ shown: String) -> String {
    shown.hasPrefix(">") || shown.hasPrefix("#") || shown.hasPrefix("\\") || shown.hasPrefix("---")
      ? "\\" + shown : shown
  }

  static func formatClock(_ date: Date, _ timeZone: TimeZone) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = timeZone
    return formatter.string(from: date)
  }

  /// Reads a transcript; `path` names it in errors.
  public static func parse(_ text: String, path: String) throws(TranscriptError) -> Transcript {
    let rawLines = text.lines().map(String.init)
    var index = 0
    var preamble: [String] = []
    var header: [String: (String, Int)] = [:]
    while index < rawLines.count, rawLines[index] != bodyMarker {
      let line = rawLines[index]
      index += 1
      if line.hasPrefix("#") || line.trimmingSpaces().isEmpty {
        if header.isEmpty { preamble.append(line) }
        continue
      }
      guard let colon = line.firstIndex(of: ":") else {
        throw TranscriptError(path: path, line: index, message: "expected 'dialog:' or 'clock:' before '---'")
      }
      let key = String(line[..<colon]).trimmingSpaces()
      guard ["dialog", "clock", "input", "length"].contains(key) else {
        throw TranscriptError(
          path: path, line: index,
          message: "unknown header '\(key)'; the header has 'dialog:', 'clock:', 'input:' and 'length:'")
      }
      header[key] = (String(line[line.index(after: colon)...]).trimmingSpaces(), index)
    }
    guard index < rawLines.count else {
      let last = rawLines.lastIndex { !$0.isEmpty }.map { $0 + 1 } ?? 1
      throw TranscriptError(path: path, line: last, message: "no '---' line starts the body")
    }
    guard let dialog = header["dialog"] else {
      throw TranscriptError(path: path, line: 1, message: "missing 'dialog: <id> <version>'")
    }
    let dialogParts = dialog.0.split(separator: " ").map(String.init)
    guard dialogParts.count == 2 else {
      throw TranscriptError(path: path, line: dialog.1, message: "write 'dialog: <id> <version>'")
    }
    guard let clock = header["clock"] else {
      throw TranscriptError(path: path, line: 1, message: "missing 'clock: <ISO time> <time zone>'")
    }
    let clockParts = clock.0.split(separator: " ").map(String.init)
    guard let first = clockParts.first, let instant = try? Date.ISO8601FormatStyle().parse(first),
      let timeZone = clockParts.count > 1 ? TimeZone(identifier: clockParts[1]) : TimeZone(identifier: "UTC")
    else {
      throw TranscriptError(
        path: path, line: clock.1, message: "write 'clock: 2026-03-15T14:30:00Z UTC' (ISO time, then a time zone)")
    }
    var interactive = true
    if let input = header["input"] {
      guard input.0 == "terminal" || input.0 == "pipe" else {
        throw TranscriptError(path: path, line: input.1, message: "write 'input: terminal' or 'input: pipe'")
      }
      interactive = input.0 == "terminal"
    }
    index += 1

    var lines: [Line] = []
    // At most one per line left: made room for once, not grown (and copied) a dozen times.
    lines.reserveCapacity(rawLines.count - index)
    while index < rawLines.count, rawLines[index] != expectMarker {
      let raw = rawLines[index]
      index += 1
      // A final newline leaves one empty piece at the end; it is not a shown line.
      if index == rawLines.count, raw.isEmpty { break }
      let entry: Entry
      // A line that starts with none of the marks' bytes is a shown line: told from its first
      // byte, without asking whether it starts with each mark (no character made of other
      // bytes is one of them).
      let first = raw.utf8.first
      if first != UInt8(ascii: ">"), first != UInt8(ascii: "#"), first != UInt8(ascii: "\\") {
        entry = .shown(raw)
      } else if raw.hasPrefix(">>") {
        let (place, rest) = try splitPlace(raw.dropFirst(2), path: path, line: index)
        guard rest.trimmingSpaces() == staffResumeWords, rest.hasPrefix(" ") else {
          throw TranscriptError(
            path: path, line: index, message: "'>>' lines are what staff did; the only one is '\(staffResumeLine)'")
        }
        entry = .typed(.staffResume, at: place)
      } else if raw.hasPrefix(">") {
        let (place, rest) = try splitPlace(raw.dropFirst(), path: path, line: index)
        guard rest.isEmpty || rest.hasPrefix(" ") else {
          throw TranscriptError(path: path, line: index, message: "typed lines start with '> ' (a space after '>')")
        }
        let typed = String(rest.dropFirst())
        switch typed {
        case "^C": entry = .typed(.cancelled, at: place)
        case "^D": entry = .typed(.endOfInput, at: place)
        default: entry = .typed(.line(typed), at: place)
        }
      } else if raw.hasPrefix("#") {
        entry = .comment(raw)
      } else if raw.hasPrefix("\\") {
        entry = .shown(String(raw.dropFirst()))
      } else {
        entry = .shown(raw)
      }
      lines.append(Line(entry: entry, number: index))
    }
    var expectations: Expectations?
    if index < rawLines.count {
      expectations = try Expectations.parse(Array(rawLines[(index + 1)...]), firstLine: index + 2, path: path)
    }
    var transcript = Transcript(
      dialogID: dialogParts[0], dialogVersion: dialogParts[1], clock: instant, timeZone: timeZone,
      interactive: interactive, preamble: preamble, lines: lines, expectations: expectations)
    if let length = header["length"] {
      guard !length.0.isEmpty else {
        throw TranscriptError(
          path: path, line: length.1, message: "write 'length: <why this journey is not a typical length>'")
      }
      transcript.untypicalLength = length.0
    }
    return transcript
  }
}

/// A transcript that cannot be read, with where.
public struct TranscriptError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var message: String

  public var description: String { "\(path):\(line): error: \(message)" }
}
