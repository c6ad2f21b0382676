import CEditLine
import CEditLineShim
import Foundation

/// Reads lines at a terminal through libedit: arrow keys, in-session history, Tab completion of
/// the current question's choices. ^C abandons the line, ^Z and ^\ do nothing, ^D on an empty
/// line reports the end of input.
public final class EditLineReader: LineReader {
  /// What libedit's C callbacks reach through `EL_CLIENTDATA`: callbacks capture nothing.
  final class State {
    var prompt: UnsafeMutablePointer<wchar_t>
    var completions: (String) -> [String] = { _ in [] }
    var cancelled = false
    let writer: ScreenWriter

    init(writer: ScreenWriter) {
      self.writer = writer
      prompt = Self.wide("")
    }

    func setPrompt(_ text: String) {
      prompt.deallocate()
      prompt = Self.wide(TerminalSanitizer.sanitize(text, keepNewlines: false))
    }

    static func wide(_ text: String) -> UnsafeMutablePointer<wchar_t> {
      let scalars = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
      let pointer = UnsafeMutablePointer<wchar_t>.allocate(capacity: scalars.count)
      pointer.initialize(from: scalars, count: scalars.count)
      return pointer
    }

    deinit { prompt.deallocate() }
  }

  private let editor: OpaquePointer
  private let history: OpaquePointer
  private let state: State
  /// Names and help text handed to EL_ADDFN, which keeps the pointers: they live as long as we do.
  private var keptStrings: [UnsafeMutablePointer<wchar_t>] = []

  /// The most one line may take; a longer one is dropped (past the limit, keys do not even reach
  /// libedit) and reported as `.tooLong`. Settable: the kiosk sets libedit up before its dialog,
  /// which says the limit, is read.
  public var limit: LineLimit

  /// Opens libedit on the standard streams; nil when that fails (the caller falls back to plain lines).
  public init?(writer: ScreenWriter, limit: LineLimit = .standard) {
    self.limit = limit
    Self.enableUTF8()
    guard let editor = intake_el_open("intake") else { return nil }
    guard let history = intake_history_open(200) else {
      el_end(editor)
      return nil
    }
    self.editor = editor
    self.history = history
    state = State(writer: writer)
    intake_el_set_history(editor, history)
    intake_el_set_clientdata(editor, Unmanaged.passUnretained(state).toOpaque())
    intake_el_set_prompt(editor) { editor in
      guard let raw = intake_el_clientdata(editor) else { return EditLineReader.emptyPrompt }
      return Unmanaged<State>.fromOpaque(raw).takeUnretainedValue().prompt
    }
    bind("intake-complete", "Complete the answer", "^I", EditLineReader.complete)
    bind("intake-cancel", "Abandon the line", "^C", EditLineReader.cancel)
    bind("intake-ignore", "Do nothing", "^Z", EditLineReader.ignore)
    // The key itself, not caret notation: libedit rejects "^\\" as a key string.
    bind("intake-ignore-quit", "Do nothing", "\u{1C}", EditLineReader.ignore)
    intake_el_kiosk_tty(editor)
  }

  deinit {
    el_end(editor)
    history_wend(history)
    keptStrings.forEach { $0.deallocate() }
  }

  /// Allocated once and never written to, so sharing it is safe.
  nonisolated(unsafe) private static let emptyPrompt = State.wide("")

  /// A Swift program starts in the C locale, where libedit drops non-ASCII input.
  private static func enableUTF8() {
    let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
    if current == "C" || current == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }
  }

  private func bind(_ name: String, _ help: String, _ key: String, _ function: intake_key_fn) {
    let namePointer = State.wide(name)
    let helpPointer = State.wide(help)
    let keyPointer = State.wide(key)
    keptStrings.append(namePointer)
    keptStrings.append(helpPointer)
    keptStrings.append(keyPointer)
    _ = intake_el_addfn(editor, namePointer, helpPointer, function)
    _ = intake_el_bind(editor, keyPointer, namePointer)
  }

  /// With echo off and the terminal's signal keys read as bytes (Ctrl-C cancels the line, as at
  /// any prompt), outside libedit, so the line is neither shown nor kept in the history.
  public func readHidden(prompt: String) -> LineInput { readHidden(prompt: prompt, waiting: nil) }

  /// The terminal's hidden read checks while nobody types (`SilentLine`).
  public var checksWhileWaiting: Bool { true }

  /// The keys the line editor read past the last line, with those the terminal holds, up to the
  /// first Enter, wait in its buffer for the next line (`intake_el_keep_typed_line_unsent`).
  public func keepTypedAheadUnsent() -> TypedAhead {
    var dropped: Int32 = 0
    let kept = intake_el_keep_typed_line_unsent(&dropped)
    switch (kept > 0, dropped != 0) {
    case (false, false): return .nothing
    case (true, false): return .lineWaits
    case (true, true): return .lineWaitsLaterDropped
    case (false, true): return .dropped
    }
  }

  /// The keys the line editor read ahead, and those the terminal holds (`TCIFLUSH`).
  public func discardTypedAhead() {
    intake_el_discard_typeahead()
    tcflush(STDIN_FILENO, TCIFLUSH)
  }

  public func readHidden(prompt: String, waiting: HeldWait?) -> LineInput {
    let writer = state.writer
    defer { writer.write("\n") }
    // A mark for each key: the patient at a held screen sees that typing works; nobody sees
    // the staff code typed there.
    let echo = SilentLine.Echo(mark: { writer.write("•") }, erase: { writer.rubOut() })
    // The hidden read throws away keys typed before it (`TCSAFLUSH`), and so those the line
    // editor read with an earlier line: a staff code is never made of keys typed for a question.
    intake_el_discard_typeahead()
    // The prompt once the keys before it are thrown away: shown sooner, it invited keys that
    // were then lost.
    return SilentLine.read(
      from: STDIN_FILENO, keysAsBytes: true, limit: limit.bytes, waiting: waiting, echo: echo,
      prompt: { writer.write(TerminalSanitizer.sanitize(prompt, keepNewlines: false)) })
  }

  public func read(prompt: String, timeout: TimeInterval?, completions: @escaping (String) -> [String]) -> LineInput {
    state.setPrompt(prompt)
    state.completions = completions
    // Let go of the completions when the line is read: they hold a copy of the kiosk's screen,
    // and while they do, handling the answer copies every table of the session it changes
    // (copy on write), and freeing that copy at the next prompt was a tenth of an answer.
    defer { state.completions = { _ in [] } }
    state.cancelled = false
    intake_el_set_idle_timeout(timeout.map { Int32(max(0, min($0 * 1000, 86_400_000))) } ?? -1)
    intake_el_begin_line(limit.bytes, limit.scalars)
    var count: Int32 = 0
    guard let line = el_wgets(editor, &count) else {
      if TerminationSignal.received != 0 { return .interrupted }
      if intake_el_timed_out() != 0 {
        el_reset(editor)
        state.writer.write("\n")
        return .timedOut
      }
      return count < 0 ? .interrupted : .endOfInput
    }
    if state.cancelled {
      state.writer.write("\n")
      return .cancelled
    }
    // Not kept in the history either: Up would bring back only the part that fitted.
    if intake_el_line_overflowed() != 0 { return .tooLong }
    var text = Self.string(line, count: Int(count))
    if text.hasSuffix("\n") { text.removeLast() }
    if !text.trimmingSpaces().isEmpty {
      let wide = State.wide(text)
      intake_history_enter(history, wide)
      wide.deallocate()
    }
    return .line(text)
  }

  public func clearHistory() { intake_history_clear(history) }

  static func string(_ pointer: UnsafePointer<wchar_t>, count: Int) -> String {
    var scalars = String.UnicodeScalarView()
    for index in 0..<count {
      if let scalar = Unicode.Scalar(UInt32(bitPattern: pointer[index])) { scalars.append(scalar) }
    }
    return String(scalars)
  }

  private static func state(of editor: OpaquePointer?) -> State? {
    guard let editor, let raw = intake_el_clientdata(editor) else { return nil }
    return Unmanaged<State>.fromOpaque(raw).takeUnretainedValue()
  }

  private static let cancel: @convention(c) (OpaquePointer, Int32) -> UInt8 = { editor, _ in
    EditLineReader.state(of: editor)?.cancelled = true
    return UInt8(CC_NEWLINE)
  }

  private static let ignore: @convention(c) (OpaquePointer, Int32) -> UInt8 = { _, _ in UInt8(CC_NORM) }

  private static let complete: @convention(c) (OpaquePointer, Int32) -> UInt8 = { editor, _ in
    guard let state = EditLineReader.state(of: editor), let info = el_wline(editor)?.pointee else {
      return UInt8(CC_REFRESH_BEEP)
    }
    let typedCount = info.cursor - info.buffer
    let typed = string(info.buffer, count: typedCount)
    let candidates = state.completions(typed)
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let common = Completion.commonPrefix(candidates)
    if candidates.count == 1 || common.count > typed.count {
      let replacement = candidates.count == 1 ? candidates[0] : common
      el_deletestr(editor, Int32(typedCount))
      let wide = State.wide(TerminalSanitizer.sanitize(replacement, keepNewlines: false))
      el_winsertstr(editor, wide)
      wide.deallocate()
      return UInt8(CC_REFRESH)
    }
    state.writer.write("\n" + candidates.joined(separator: "    ") + "\n")
    return UInt8(CC_REDISPLAY)
  }
}

/// Pure helpers for Tab completion, kept apart from libedit so they can be unit-tested.
public enum Completion {
  /// The longest prefix all candidates share, compared case-insensitively, in the first's spelling.
  public static func commonPrefix(_ candidates: [String]) -> String {
    guard var prefix = candidates.first.map(Array.init) else { return "" }
    for candidate in candidates.dropFirst() {
      let other = Array(candidate)
      var length = 0
      while length < min(prefix.count, other.count), prefix[length].lowercased() == other[length].lowercased() {
        length += 1
      }
      prefix = Array(prefix.prefix(length))
    }
    return String(prefix)
  }
}
