import Foundation

/// Reads lines from a pipe or file: scripts, tests and replays. Invalid UTF-8 becomes U+FFFD
/// rather than an error, and a very long line is cut at `maximumBytes` (the rest is dropped).
public final class PlainLineReader: LineReader {
  private let descriptor: Int32
  private let writer: ScreenWriter
  private var buffer: [UInt8] = []
  private var atEnd = false
  public let maximumBytes: Int

  public init(descriptor: Int32 = STDIN_FILENO, writer: ScreenWriter, maximumBytes: Int = 1 << 20) {
    self.descriptor = descriptor
    self.writer = writer
    self.maximumBytes = maximumBytes
  }

  public func read(prompt: String, timeout: TimeInterval?, completions: @escaping (String) -> [String]) -> LineInput {
    writer.write(prompt)
    // On a pipe the timeout counts from the prompt to a whole line.
    let deadline = timeout.map { Date().addingTimeInterval($0) }
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = Self.decode(Array(buffer[..<newline].prefix(maximumBytes)))
        buffer.removeSubrange(...newline)
        echo(line)
        return .line(line)
      }
      if atEnd {
        guard !buffer.isEmpty else {
          writer.write("\n")
          return .endOfInput
        }
        let line = Self.decode(Array(buffer.prefix(maximumBytes)))
        buffer.removeAll()
        echo(line)
        return .line(line)
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
        // Past the cap, keep only enough to find the end of the line.
        if buffer.count < maximumBytes || chunk[..<count].contains(0x0A) {
          buffer.append(contentsOf: chunk[..<count])
        }
      }
    }
  }

  public func clearHistory() {}

  /// A pipe does not echo, so the line is shown after the prompt (sanitised, on one line, and
  /// shortened when huge) to keep the output readable as a conversation.
  private func echo(_ line: String) {
    let shown = line.count > 200 ? String(line.prefix(200)) + "…" : line
    writer.write(TerminalSanitizer.sanitize(shown, keepNewlines: false) + "\n")
  }

  static func decode(_ bytes: [UInt8]) -> String {
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\r") { text.removeLast() }
    return text
  }
}
