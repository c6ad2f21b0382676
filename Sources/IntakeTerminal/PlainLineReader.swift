import Foundation

/// Reads lines from a pipe or file: scripts, tests and replays. Invalid UTF-8 becomes U+FFFD
/// rather than an error. A line over `limit` is dropped whole and reported as `.tooLong`: only
/// `limit.bytes` of it are ever held, however long it runs before its newline.
public final class PlainLineReader: LineReader {
  private let descriptor: Int32
  private let writer: ScreenWriter
  private var buffer: [UInt8] = []
  private var atEnd = false
  /// The current line already ran past the limit: what follows, up to its newline, is dropped.
  private var discarding = false
  public let limit: LineLimit

  /// How much of a line is echoed back on a pipe, in characters and in scalars.
  static let echoedLength = 200

  public init(descriptor: Int32 = STDIN_FILENO, writer: ScreenWriter, limit: LineLimit = .standard) {
    self.descriptor = descriptor
    self.writer = writer
    self.limit = limit
  }

  public func read(prompt: String, timeout: TimeInterval?, completions: @escaping (String) -> [String]) -> LineInput {
    writer.write(prompt)
    // On a pipe the timeout counts from the prompt to a whole line.
    let deadline = timeout.map { Date().addingTimeInterval($0) }
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let bytes = Array(buffer[..<newline])
        buffer.removeSubrange(...newline)
        return finished(bytes)
      }
      if buffer.count > limit.bytes {
        // Past the limit with no newline yet: keep nothing of this line.
        buffer.removeAll()
        discarding = true
      }
      if atEnd {
        guard !buffer.isEmpty || discarding else {
          writer.write("\n")
          return .endOfInput
        }
        let bytes = buffer
        buffer.removeAll()
        return finished(bytes)
      }
      if let deadline {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        let result = poll(&ready, 1, left)
        if result == 0 {
          writer.write("\n")
          return .timedOut
        }
        if result < 0, errno == EINTR {
          if TerminationSignal.received != 0 { return .interrupted }
          continue
        }
      }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR {
          if TerminationSignal.received != 0 { return .interrupted }
          continue
        }
        atEnd = true
      } else if count == 0 {
        atEnd = true
      } else {
        buffer.append(contentsOf: chunk[..<count])
      }
    }
  }

  public func clearHistory() {}

  /// The line's bytes (without its newline) as the reader's answer: the line, or `.tooLong`.
  private func finished(_ bytes: [UInt8]) -> LineInput {
    let overlong = discarding || bytes.count > limit.bytes
    discarding = false
    guard !overlong else { return refused() }
    let line = Self.decode(bytes)
    guard line.unicodeScalars.count <= limit.scalars else { return refused() }
    echo(line)
    return .line(line)
  }

  /// Nothing of an overlong line is echoed; the prompt line is ended so what follows stands apart.
  private func refused() -> LineInput {
    writer.write("\n")
    return .tooLong
  }

  /// A pipe does not echo, so the line is shown after the prompt (sanitised, on one line, and
  /// shortened when long) to keep the output readable as a conversation.
  private func echo(_ line: String) {
    writer.write(TerminalSanitizer.sanitize(Self.shortened(line), keepNewlines: false) + "\n")
  }

  /// At most `echoedLength` characters and as many scalars: a character heavy with combining
  /// marks counts for each of them, so the echo stays short whatever was typed.
  static func shortened(_ line: String) -> String {
    var kept = ""
    var characters = 0
    var scalars = 0
    for character in line {
      characters += 1
      scalars += character.unicodeScalars.count
      guard characters <= echoedLength, scalars <= echoedLength else { return kept + "…" }
      kept.append(character)
    }
    return kept
  }

  static func decode(_ bytes: [UInt8]) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\r") { text.removeLast() }
    return text
  }
}
