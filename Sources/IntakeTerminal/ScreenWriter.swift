import Foundation
import IntakeKit

/// The one way text reaches the terminal. Everything passes through `TerminalSanitizer`; the
/// only raw sequences written are the writer's own screen controls.
public final class ScreenWriter: @unchecked Sendable {
  private let descriptor: Int32
  /// Whether the output is a terminal: only then are screen controls written and text wrapped.
  public let isTerminal: Bool
  private let wraps: Bool

  /// `wraps: false` keeps lines as they are (diagnostics, whose carets must line up).
  public init(descriptor: Int32 = STDOUT_FILENO, wraps: Bool = true) {
    self.descriptor = descriptor
    self.wraps = wraps
    isTerminal = isatty(descriptor) == 1
  }

  /// The standard error stream, unwrapped, for messages to staff and authors.
  public static func standardError() -> ScreenWriter { ScreenWriter(descriptor: STDERR_FILENO, wraps: false) }

  /// Text made ready to write (sanitised, wrapped as `write` would), so that work can be done
  /// before the moment the text may be shown: the kiosk makes an answer's next screen ready while
  /// the answer's save runs, and writes it once the save has returned.
  public struct Prepared: Sendable {
    fileprivate let text: String
  }

  /// `text` sanitised, wrapped to the terminal's width when it is one; nothing is written.
  public func prepare(_ text: String) -> Prepared {
    let safe = TerminalSanitizer.sanitize(text)
    return Prepared(text: isTerminal && wraps ? Self.wrap(safe, width: ScreenColumns.text(on: columns)) : safe)
  }

  /// Writes text made ready by `prepare`.
  public func write(_ prepared: Prepared) { emit(prepared.text) }

  /// Writes text, sanitised, wrapped to the terminal's width when it is one.
  public func write(_ text: String) { write(prepare(text)) }

  /// Writes text followed by a line break.
  public func line(_ text: String = "") { write(text + "\n") }

  /// Rings the terminal's bell (BEL): one of the two control sequences this writer sends on
  /// purpose, for a staff alert someone nearby should hear.
  public func bell() { emit("\u{7}") }

  /// Takes back the character before the cursor (BS, space, BS): the other one, for a hidden
  /// line's marks when Backspace is pressed.
  public func rubOut() { emit("\u{8} \u{8}") }

  /// Clears the screen and the scrollback, so nothing of a session stays visible.
  public func clearScreen() {
    guard isTerminal else { return }
    emit("\u{1B}[H\u{1B}[2J\u{1B}[3J")
  }

  public var columns: Int {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return 80 }
    return Int(size.ws_col)
  }

  private func emit(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0, errno == EINTR { continue }
      if written <= 0 { return }
      offset += written
    }
  }

  /// Word-wraps each line to `width` columns, keeping existing line breaks and indentation.
  static func wrap(_ text: String, width: Int) -> String {
    // Plain ASCII, nearly every screen, is measured in bytes (one byte, one column): counting
    // characters of every line and word was most of the wrapping.
    let ascii = text.isASCII
    func columns(_ part: Substring) -> Int { ascii ? part.utf8.count : part.count }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      guard columns(line) > width else { return String(line) }
      let indentWidth = line.prefix(while: { $0 == " " }).count
      let indent = String(repeating: " ", count: indentWidth)
      var lines: [String] = []
      var current = ""
      // The width of `current` so far, kept as it grows: counting it again for every word made
      // wrapping a paragraph quadratic (an eighth of an answer's time at the kiosk).
      var used = 0
      for word in line.split(separator: " ") {
        let wordWidth = columns(word)
        if current.isEmpty {
          current = indent + word
          used = indentWidth + wordWidth
        } else if used + 1 + wordWidth <= width {
          current += " " + word
          used += 1 + wordWidth
        } else {
          lines.append(current)
          current = indent + word
          used = indentWidth + wordWidth
        }
      }
      if !current.isEmpty { lines.append(current) }
      return lines.joined(separator: "\n")
    }.joined(separator: "\n")
  }
}
