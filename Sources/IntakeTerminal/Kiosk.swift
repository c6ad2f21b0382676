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

/// The kiosk loop: reads lines, passes them to the conversation, shows its replies through the
/// sanitising writer, and hands events to the host. It decides nothing itself.
public final class Kiosk {
  public enum Ending: Equatable, Sendable {
    case submitted
    case quit
    case saveFailed
    case inputEnded
    case terminated(Int32)
  }

  private var conversation: Conversation
  private let reader: any LineReader
  private let writer: ScreenWriter
  private weak var host: (any KioskHost)?

  public init(conversation: Conversation, reader: any LineReader, writer: ScreenWriter, host: any KioskHost) {
    self.conversation = conversation
    self.reader = reader
    self.writer = writer
    self.host = host
  }

  public static let submittedText =
    "Your answers have been sent to the care team. Thank you. Please let the front desk know you have finished."
  public static let saveFailedText =
    "We are sorry: your answers could not be saved. Please ask a member of staff for help now."

  public func run() -> Ending {
    writer.clearScreen()
    if let ending = show(conversation.start()) { return finish(ending) }
    while true {
      if TerminationSignal.received != 0 { return finish(.terminated(TerminationSignal.received)) }
      let input = reader.read(prompt: conversation.prompt) { [conversation] in conversation.completions(for: $0) }
      let reply: Conversation.Reply
      switch input {
      case .line(let line):
        reply = conversation.handle(line)
      case .cancelled:
        continue
      case .endOfInput:
        guard writer.isTerminal else {
          writer.line("The input ended before the questions were finished. Nothing was sent.")
          return finish(.inputEnded)
        }
        writer.line()
        reply = conversation.endOfInput()
      case .interrupted:
        return finish(.terminated(TerminationSignal.received))
      }
      if let ending = show(reply) { return finish(ending) }
    }
  }

  /// Shows a reply and acts on its events; returns the ending when the session is over.
  private func show(_ reply: Conversation.Reply) -> Ending? {
    for event in reply.events {
      if case .escalation(let rule, let tier, let alert) = event, alert {
        host?.alert(session: conversation.session, rule: rule, tier: tier)
      }
    }
    // A blank line between the patient's answer and what comes next keeps each screen apart.
    if !reply.text.isEmpty { writer.line("\n" + reply.text) }
    if reply.events.contains(.quit) { return .quit }
    guard reply.events.contains(.finished) else { return nil }
    do {
      try host?.submit(conversation.session)
      writer.line()
      writer.line(Self.submittedText)
      return .submitted
    } catch {
      writer.line()
      writer.line(Self.saveFailedText)
      return .saveFailed
    }
  }

  /// At a terminal, waits for Enter so the last words can be read, then wipes the screen and
  /// history: the next person sees nothing of this session.
  private func finish(_ ending: Ending) -> Ending {
    var terminated = false
    if case .terminated = ending { terminated = true }
    if writer.isTerminal, !terminated {
      writer.line()
      _ = reader.read(prompt: "Press Enter to finish. ") { _ in [] }
    }
    reader.clearHistory()
    writer.clearScreen()
    return ending
  }
}
