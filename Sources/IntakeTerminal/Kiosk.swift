import Foundation
import IntakeKit

/// What the kiosk needs from the program around it: saving the finished session and raising
/// staff alerts. Kept out of the loop so the loop never touches storage itself.
public protocol KioskHost: AnyObject {
  /// Saves the finished session; throws when it could not be saved.
  func submit(_ session: Session) throws
  /// Raises a staff alert for an escalation.
  func alert(session: Session, rule: String, tier: Int)
}

/// Something that wants to see the session as it happens (a transcript recorder).
public protocol KioskObserver: AnyObject {
  func shown(_ text: String)
  func typed(_ input: KioskScreen.Input)
}

/// The kiosk loop: reads lines, hands them to `KioskScreen`, writes what it returns through the
/// sanitising writer, and carries out its requests. It decides nothing itself.
public final class Kiosk {
  public enum Ending: Equatable, Sendable {
    case finished(KioskScreen.Ending)
    case terminated(Int32)
  }

  private var screen: KioskScreen
  private let reader: any LineReader
  private let writer: ScreenWriter
  private weak var host: (any KioskHost)?
  private weak var observer: (any KioskObserver)?

  public init(
    conversation: Conversation, reader: any LineReader, writer: ScreenWriter, host: any KioskHost,
    observer: (any KioskObserver)? = nil
  ) {
    screen = KioskScreen(conversation: conversation, interactive: writer.isTerminal)
    self.reader = reader
    self.writer = writer
    self.host = host
    self.observer = observer
  }

  /// The session as it stands (after `run`, as it ended).
  public var session: Session { screen.conversation.session }

  public func run() -> Ending {
    writer.clearScreen()
    if let ending = carryOut(screen.start()) { return finish(ending) }
    while true {
      if TerminationSignal.received != 0 { return finish(.terminated(TerminationSignal.received)) }
      let input: KioskScreen.Input
      switch reader.read(prompt: screen.prompt, completions: { [screen] in screen.completions(for: $0) }) {
      case .line(let line): input = .line(line)
      case .cancelled: input = .cancelled
      case .endOfInput: input = .endOfInput
      case .interrupted: return finish(.terminated(TerminationSignal.received))
      }
      // A termination signal also empties standard input: what was read is not the patient's.
      if TerminationSignal.received != 0 { return finish(.terminated(TerminationSignal.received)) }
      observer?.typed(input)
      if let ending = carryOut(screen.handle(input)) { return finish(ending) }
    }
  }

  /// Shows a step and acts on it; returns the ending when the session is over.
  private func carryOut(_ step: KioskScreen.Step) -> Ending? {
    for alert in step.alerts { host?.alert(session: screen.conversation.session, rule: alert.rule, tier: alert.tier) }
    show(step.text)
    if step.submit {
      var saved = true
      do { try host?.submit(screen.conversation.session) } catch { saved = false }
      let closing = screen.saved(saved)
      show(closing.text)
      return closing.ending.map(Ending.finished)
    }
    return step.ending.map(Ending.finished)
  }

  private func show(_ text: String) {
    guard !text.isEmpty else { return }
    writer.write(text)
    observer?.shown(text)
  }

  /// At a terminal, waits for Enter so the last words can be read, then wipes the screen and
  /// history: the next person sees nothing of this session.
  private func finish(_ ending: Ending) -> Ending {
    if case .finished(let how) = ending {
      if writer.isTerminal, how != .inputEnded {
        writer.line()
        _ = reader.read(prompt: "Press Enter to finish. ") { _ in [] }
      }
    }
    reader.clearHistory()
    writer.clearScreen()
    if case .terminated = ending { TerminationSignal.restoreTerminal() }
    return ending
  }
}

extension TranscriptRecorder: KioskObserver {}
