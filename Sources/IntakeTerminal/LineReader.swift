/// What a line reader got from the patient.
public enum LineInput: Equatable, Sendable {
  case line(String)
  /// Ctrl-C: the line was abandoned; ask again.
  case cancelled
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
  /// A termination signal arrived while waiting.
  case interrupted
}

/// Reads one line at a time from the patient.
public protocol LineReader: AnyObject {
  /// Shows `prompt` and reads a line; `completions` answers Tab.
  func read(prompt: String, completions: @escaping (String) -> [String]) -> LineInput
  /// Forgets every line of history (between patients).
  func clearHistory()
}
