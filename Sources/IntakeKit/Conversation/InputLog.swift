import Foundation
import Synchronization

/// What the kiosk saves as the patient goes, so a session can be rebuilt exactly after `quit`, a
/// timeout or a crash: every input, with the time it was typed. Replaying the inputs through the
/// conversation at those times gives back the same answers, the same place and the same flags.
public struct LoggedInput: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    /// The session began (the first entry; its time is the session's start).
    case start
    case line
    /// Ctrl-C abandoned a line.
    case cancelled
    /// Ctrl-D, or the end of piped input.
    case endOfInput = "end"
    /// A member of staff resumed a held screen (the staff code itself is never saved).
    case staffResume = "staff-resume"
    /// The patient chose a language on the first screen: its code. (A session saved before the
    /// kiosk offered languages has none, and is rebuilt in the dialog's own.)
    case language
  }

  public var kind: Kind
  public var at: Date
  public var line: String?

  public init(kind: Kind, at: Date, line: String? = nil) {
    self.kind = kind
    self.at = at
    self.line = line
  }

  public init(_ input: KioskScreen.Input, at: Date) {
    switch input {
    case .line(let text): self.init(kind: .line, at: at, line: text)
    case .cancelled: self.init(kind: .cancelled, at: at)
    case .endOfInput: self.init(kind: .endOfInput, at: at)
    case .staffResume: self.init(kind: .staffResume, at: at)
    }
  }

  /// The input as JSON. Throws rather than return something empty: what is sealed and saved
  /// must be the input itself.
  ///
  /// Written by hand, not by `JSONEncoder`: it is made at every answer, and the encoder's
  /// generic machinery was a tenth of an answer's time at the kiosk. It is the same JSON
  /// `decoded` reads (`LoggedInputTests` checks both ways against Foundation's coder): the time
  /// in milliseconds since 1970 as a number, the line as a string.
  public func encoded() throws -> Data {
    let milliseconds = at.timeIntervalSince1970 * 1000
    guard milliseconds.isFinite else {
      throw EncodingError.invalidValue(
        milliseconds, .init(codingPath: [CodingKeys.at], debugDescription: "a time that is not finite"))
    }
    var number = String(milliseconds)
    if number.hasSuffix(".0") { number.removeLast(2) }
    var json = "{\"kind\":" + JSONValue.quote(kind.rawValue) + ",\"at\":" + number
    if let line { json += ",\"line\":" + JSONValue.quote(line) }
    json += "}"
    return Data(utf8Of: json)
  }

  private enum CodingKeys: String, CodingKey {
    case kind, at, line
  }

  public static func decoded(_ data: Data) -> LoggedInput? {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .millisecondsSince1970
    return try? decoder.decode(LoggedInput.self, from: data)
  }
}

/// A clock that plays back recorded times, then runs on the wall clock.
final class ReplayClock: Sendable {
  private let instant = Mutex<Date?>(nil)

  func set(_ date: Date?) { instant.withLock { $0 = date } }

  func now() -> Date { instant.withLock { $0 } ?? Date() }
}

extension KioskScreen {
  /// A kiosk screen rebuilt from saved inputs (the first must be `.start`), ready to go on at the
  /// wall clock. Nil when the log does not begin with a start.
  ///
  /// A stop is undone: where the patient quit (`quit`, then yes) or the input ended, the screen
  /// goes back to where it was before they began to stop, and later inputs (after a resume) go on
  /// from there.
  public static func restored(
    dialog: Dialog, inputs: [LoggedInput], interactive: Bool, timeZone: TimeZone = .current
  ) -> KioskScreen? {
    guard let first = inputs.first, first.kind == .start else { return nil }
    let clock = ReplayClock()
    clock.set(first.at)
    let session = Session(dialog: dialog, clock: SessionClock(timeZone: timeZone) { clock.now() })
    var screen = KioskScreen(conversation: Conversation(session: session), interactive: interactive)
    _ = screen.start()
    // Saved before the kiosk asked for a language: it was the dialog's own.
    if screen.place == .choosingLanguage, inputs.dropFirst().first?.kind != .language {
      _ = screen.handle(.line(""))
    }
    var before: [KioskScreen] = []
    for input in inputs.dropFirst() {
      clock.set(input.at)
      before.append(screen)
      let step: Step
      switch input.kind {
      case .start: continue
      case .line: step = screen.handle(.line(input.line ?? ""))
      case .cancelled: step = screen.handle(.cancelled)
      case .endOfInput: step = screen.handle(.endOfInput)
      case .staffResume: step = screen.handle(.staffResume)
      case .language: step = screen.handle(.line(input.line ?? ""))
      }
      if step.ending == .quit || step.ending == .inputEnded { screen = lastSteady(before) ?? screen }
    }
    if screen.conversation.isConfirmingQuit { screen = lastSteady(before) ?? screen }
    clock.set(nil)
    return screen
  }

  /// The latest screen that was not in the middle of stopping.
  private static func lastSteady(_ screens: [KioskScreen]) -> KioskScreen? {
    screens.last { !$0.conversation.isConfirmingQuit && !$0.conversation.isDone }
  }

}
