import Foundation

/// Builds a transcript while a session runs at the kiosk: everything shown, every input, and at
/// the end an expectations block filled from the finished session's result.
public final class TranscriptRecorder {
  private var entries: [Transcript.Entry] = []
  private let dialog: Dialog
  private let clock: Date
  private let timeZone: TimeZone
  private let interactive: Bool

  public init(dialog: Dialog, startedAt: Date, timeZone: TimeZone, interactive: Bool) {
    self.dialog = dialog
    clock = startedAt
    self.timeZone = timeZone
    self.interactive = interactive
  }

  public func shown(_ text: String) {
    var pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if pieces.last == "" { pieces.removeLast() }
    entries += pieces.map(Transcript.Entry.shown)
  }

  /// `input` as typed at `place` (`KioskScreen.place` before it is handled).
  public func typed(_ input: KioskScreen.Input, at place: ScreenPlace) { entries.append(.typed(input, at: place)) }

  /// The transcript so far, with expectations from `session` as it ended.
  public func transcript(session: Session, ending: KioskScreen.Ending?) -> Transcript {
    Transcript(
      dialogID: dialog.id, dialogVersion: dialog.version, clock: clock, timeZone: timeZone, interactive: interactive,
      preamble: ["# Recorded at the kiosk. Edit the comments and expectations; replay with: intake test"],
      lines: entries.map { Transcript.Line(entry: $0, number: 0) },
      expectations: SessionResult(session: session, ending: ending).expectations())
  }
}

extension Transcript {
  /// Plays `inputs` at a kiosk screen and records the transcript, as `intake kiosk --record`
  /// would, stopping when the session ends. Used to generate transcripts and in tests.
  ///
  /// With `staffResumesHolds`, an empty line at a held screen (`hold: staff`) is played as staff
  /// resuming it, as path analysis's answer sequences press Enter at every screen that asks
  /// nothing. With `withLanguage`, the inputs are answers only, and the dialog's own language is
  /// chosen on the language screen (when it shows one) before them.
  public static func play(
    _ inputs: [KioskScreen.Input], dialog: Dialog, clock: SessionClock, interactive: Bool = true,
    preamble: [String] = [], staffResumesHolds: Bool = false, withLanguage: Bool = false
  ) -> (transcript: Transcript, session: Session) {
    let recorder = TranscriptRecorder(
      dialog: dialog, startedAt: clock.now(), timeZone: clock.timeZone, interactive: interactive)
    var screen = KioskScreen(
      conversation: Conversation(session: Session(dialog: dialog, clock: clock)), interactive: interactive)
    var ending: KioskScreen.Ending?
    func apply(_ step: KioskScreen.Step) {
      recorder.shown(step.text)
      if step.submit {
        let closing = screen.saved(true)
        recorder.shown(closing.text)
        ending = closing.ending
      } else if let stepEnding = step.ending {
        ending = stepEnding
      }
    }
    apply(screen.start())
    // Answers alone (path analysis's) are in the dialog's own language: chosen by number first.
    if withLanguage, screen.place == .choosingLanguage {
      recorder.typed(.line("1"), at: screen.place)
      apply(screen.handle(.line("1")))
    }
    for var input in inputs where ending == nil {
      if staffResumesHolds, screen.isHeld, input == .line("") { input = .staffResume }
      recorder.typed(input, at: screen.place)
      apply(screen.handle(input))
    }
    var transcript = recorder.transcript(session: screen.conversation.session, ending: ending)
    transcript.preamble = preamble
    return (transcript, screen.conversation.session)
  }
}
