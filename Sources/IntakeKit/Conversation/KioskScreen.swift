/// Everything the kiosk prints, as a pure state machine over the conversation: the blank lines
/// between screens, the closing words after a save, what is said when input ends. The terminal
/// loop only reads lines, writes this text and carries out the requests; transcript replay
/// drives this same type, so a transcript is exactly what a kiosk on a pipe prints.
public struct KioskScreen: Sendable {
  /// What the patient did at the prompt.
  public enum Input: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line was abandoned.
    case cancelled
    /// Ctrl-D, or the end of piped input.
    case endOfInput
    /// A member of staff resumed a held screen (at the kiosk, with its staff code; what they
    /// typed is never part of the session).
    case staffResume
  }

  /// How a session at the kiosk ended.
  public enum Ending: String, Equatable, Sendable, Codable {
    case submitted
    case quit
    case saveFailed = "save-failed"
    case inputEnded = "input-ended"
  }

  /// One step's result: text to print, alerts to raise, and whether to save now.
  public struct Step: Equatable, Sendable {
    public var text: String = ""
    public var alerts: [Alert] = []
    /// The session finished: save it, then call `saved(_:)`.
    public var submit = false
    public var ending: Ending?
  }

  public struct Alert: Equatable, Sendable {
    public var rule: String
    public var tier: Int
  }

  /// The kiosk's own words, in the patient's language.
  public var words: KioskWords { conversation.words }

  public private(set) var conversation: Conversation
  /// At a terminal Ctrl-D asks whether to quit; on a pipe the end of input ends the session.
  public let interactive: Bool

  public init(conversation: Conversation, interactive: Bool) {
    self.conversation = conversation
    self.interactive = interactive
  }

  public var prompt: String { conversation.prompt }

  /// A held screen (`hold: staff`) is showing: only a member of staff moves it on.
  public var isHeld: Bool { conversation.isHeld }

  /// Where the next typed line goes (`Conversation.place`).
  public var place: ScreenPlace { conversation.place }

  public func completions(for prefix: String) -> [String] { conversation.completions(for: prefix) }

  public mutating func start() -> Step {
    let reply = conversation.start()
    return step(for: reply)
  }

  public mutating func handle(_ input: Input) -> Step {
    // The reply is worked out before `step(for:)` is called: written as `step(for:
    // conversation.handle(line))`, Swift copies the whole screen to call `step` on while the
    // argument changes the conversation, and every table of the session the answer touched
    // (its answers, its path) was then copied too: each answer cost more the longer the dialog.
    let reply: Conversation.Reply
    switch input {
    case .line(let line):
      reply = conversation.handle(line)
    case .cancelled:
      return Step()
    case .staffResume:
      reply = conversation.staffResume()
    case .endOfInput:
      guard interactive else { return Step(text: words(.inputEnded) + "\n", ending: .inputEnded) }
      let ended = conversation.endOfInput()
      var step = step(for: ended)
      step.text = "\n" + step.text
      return step
    }
    return step(for: reply)
  }

  /// Staff acknowledged the alert: the held screen's new words, or nil.
  public mutating func staffAcknowledged() -> String? {
    conversation.staffAcknowledged().map { "\n" + $0 + "\n" }
  }

  /// The current question again (after the patient came back from the idle warning).
  public mutating func repeatText() -> String { "\n" + conversation.currentScreen() + "\n" }

  /// What a resumed patient sees: a welcome back and the question they were at.
  public mutating func resumedText() -> String {
    "\n" + words(.welcomeBack) + "\n\n" + conversation.currentScreen() + "\n"
  }

  /// After the host tried to save the finished session: the closing words and the ending.
  public func saved(_ succeeded: Bool) -> Step {
    let session = conversation.session
    let endedEarly = session.shown.last.flatMap { session.dialog.questions[$0.questionID] }?.ends ?? false
    // After an `end:` screen (under age, consent declined) the screen has said what happens; the
    // kiosk claims nothing more.
    let closing =
      succeeded
      ? (endedEarly ? words(.endedEarly) : session.shownDialog.note.word(.submitted)) : words(.saveFailed)
    return Step(text: "\n" + closing + "\n", ending: succeeded ? .submitted : .saveFailed)
  }

  private func step(for reply: Conversation.Reply) -> Step {
    var step = Step()
    // A blank line between the patient's answer and what comes next keeps each screen apart.
    if !reply.text.isEmpty { step.text = "\n" + reply.text + "\n" }
    for event in reply.events {
      switch event {
      case .escalation(let rule, let tier, let alert): if alert { step.alerts.append(Alert(rule: rule, tier: tier)) }
      case .finished: step.submit = true
      case .quit: step.ending = .quit
      }
    }
    return step
  }
}
