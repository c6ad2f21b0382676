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

  public func typed(_ input: KioskScreen.Input) { entries.append(.typed(input)) }

  /// The transcript so far, with expectations from `session` as it ended.
  public func transcript(session: Session, ending: KioskScreen.Ending?) -> Transcript {
    Transcript(
      dialogID: dialog.id, dialogVersion: dialog.version, clock: clock, timeZone: timeZone, interactive: interactive,
      preamble: ["# Recorded at the kiosk. Edit the comments and expectations; replay with: intake test"],
      lines: entries.map { Transcript.Line(entry: $0, number: 0) },
      expectations: SessionResult(session: session, ending: ending).expectations())
  }
}
