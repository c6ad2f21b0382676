import Foundation

/// What a line reader got from the patient.
public enum LineInput: Equatable, Sendable {
  case line(String)
  /// Ctrl-C: the line was abandoned; ask again.
  case cancelled
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
  /// A termination signal arrived while waiting.
  case interrupted
  /// No key came within the timeout; what was typed is dropped.
  case timedOut
  /// The line was longer than the reader's `LineLimit`: it was dropped whole (and not echoed),
  /// so the caller asks again.
  case tooLong
}

/// Reads one line at a time from the patient.
public protocol LineReader: AnyObject {
  /// Shows `prompt` and reads a line; `completions` answers Tab. With a `timeout`, gives up
  /// when no key comes for that many seconds.
  func read(prompt: String, timeout: TimeInterval?, completions: @escaping (String) -> [String]) -> LineInput
  /// Forgets every line of history (between patients).
  func clearHistory()
  /// Shows `prompt` and reads a line without showing what is typed, and without keeping it in
  /// the line history: a staff code typed at a held screen, in front of the patient.
  func readHidden(prompt: String) -> LineInput
  /// A hidden read at a held screen that, while no key has been pressed, runs `waiting.check`
  /// every `waiting.interval` seconds and gives up (`.timedOut`) when it returns true, so the
  /// kiosk can change what the screen says (staff acknowledged the alert).
  func readHidden(prompt: String, waiting: HeldWait?) -> LineInput
  /// Whether `readHidden(prompt:waiting:)` runs its check while nobody types (a terminal); a pipe
  /// reads the next line when it comes, and the kiosk checks between lines instead.
  var checksWhileWaiting: Bool { get }
  /// Keys typed and not yet read, as the kiosk starts to show a screen: the line being typed is
  /// kept for the screen's prompt, where it shows as typed and waits for an Enter typed once
  /// the screen is seen; its Enter and any line after it are thrown away. So nothing typed
  /// before the patient could see a question is sent as its answer, and nothing of the line
  /// being typed is lost. Says whether a line waits at the prompt and whether a line after it
  /// was thrown away, for the kiosk to tell the patient. A pipe keeps every line (its lines are a
  /// script, written for the questions to come).
  func keepTypedAheadUnsent() -> TypedAhead
  /// Throws away every key typed and not yet read (a held screen, whose hidden read throws them
  /// away in any case; the end of a patient's session, so nothing reaches the next person). A
  /// pipe keeps its lines.
  func discardTypedAhead()
}

/// What `LineReader.keepTypedAheadUnsent` did with the keys typed before a screen.
public enum TypedAhead: Equatable, Sendable {
  /// Nothing was typed ahead, or only Enters.
  case nothing
  /// A line waits, unsent, at the screen's prompt.
  case lineWaits
  /// A line waits, and lines typed after it, with something in them, were thrown away.
  case lineWaitsLaterDropped
  /// Nothing waits: what was typed ahead, with something in it, was thrown away.
  case dropped
}

/// What a held screen does while nobody types: checks every `interval` seconds whether there is
/// something new to show.
public struct HeldWait {
  public var interval: TimeInterval
  public var check: () -> Bool

  public init(interval: TimeInterval, check: @escaping () -> Bool) {
    self.interval = interval
    self.check = check
  }
}

extension LineReader {
  /// Where nothing typed is shown anyway (a pipe), a hidden read is a plain one.
  public func readHidden(prompt: String) -> LineInput {
    read(prompt: prompt, timeout: nil, completions: { _ in [] })
  }

  /// On a pipe the next line comes when it comes: the kiosk checks between lines instead.
  public func readHidden(prompt: String, waiting: HeldWait?) -> LineInput { readHidden(prompt: prompt) }

  public var checksWhileWaiting: Bool { false }

  public func keepTypedAheadUnsent() -> TypedAhead { .nothing }

  public func discardTypedAhead() {}

  /// Reads a line, waiting as long as it takes.
  public func read(prompt: String, completions: @escaping (String) -> [String]) -> LineInput {
    read(prompt: prompt, timeout: nil, completions: completions)
  }
}
