import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A session rebuilt from its saved inputs is the session the patient left.
@Suite struct InputLogTests {
  /// A kiosk screen on `dialog` at the fixed clock, past its opening screen.
  static func started(_ dialog: Dialog) -> KioskScreen {
    var screen = KioskScreen(
      conversation: Conversation(session: Session(dialog: dialog, clock: TestSupport.fixedClock)), interactive: false)
    _ = screen.start()
    return screen
  }

  @Test(arguments: [1, 30, 77, 140])
  func replayingTheSavedInputsGivesBackTheSameSession(after count: Int) throws {
    let dialog = try TestSupport.shippedDialog()
    let lines = ShippedJourney().lines
    let start = TestSupport.fixedInstant
    var screen = Self.started(dialog)
    var log = [LoggedInput(kind: .start, at: start)]
    for (index, line) in lines.prefix(count).enumerated() {
      _ = screen.handle(.line(line))
      // Stored as bytes and read back, as the store does.
      let entry = try #require(
        LoggedInput.decoded(try LoggedInput(.line(line), at: start.addingTimeInterval(Double(index))).encoded()))
      log.append(entry)
    }
    log.append(LoggedInput(.cancelled, at: start))
    var restored = try #require(
      KioskScreen.restored(
        dialog: dialog, inputs: log, interactive: false, timeZone: TimeZone(identifier: "UTC") ?? .current))
    #expect(restored.conversation.session.answers == screen.conversation.session.answers)
    #expect(restored.conversation.session.current == screen.conversation.session.current)
    #expect(restored.conversation.session.startedAt == start)
    #expect(restored.resumedText().contains("Welcome back."))
  }

  @Test(arguments: [false, true])
  func aStopIsUndoneAndLaterInputsGoOnFromWhereThePatientWas(interactive: Bool) throws {
    let dialog = try TestSupport.shippedDialog()
    let lines = ShippedJourney().lines
    let start = TestSupport.fixedInstant
    var straight = Self.started(dialog)
    for line in lines.prefix(40) { _ = straight.handle(.line(line)) }
    // Quit after 20 answers, resume and answer 20 more; then Ctrl-D (or the end of a pipe), resumed again.
    var log = [LoggedInput(kind: .start, at: start)]
    log += lines.prefix(20).map { LoggedInput(.line($0), at: start) }
    log += [LoggedInput(.line("quit"), at: start), LoggedInput(.line("yes"), at: start)]
    log += lines.dropFirst(20).prefix(20).map { LoggedInput(.line($0), at: start) }
    log += [LoggedInput(.endOfInput, at: start)]
    let restored = try #require(
      KioskScreen.restored(
        dialog: dialog, inputs: log, interactive: interactive, timeZone: TimeZone(identifier: "UTC") ?? .current))
    #expect(restored.conversation.session.answers == straight.conversation.session.answers)
    #expect(restored.conversation.session.current == straight.conversation.session.current)
    #expect(!restored.conversation.isConfirmingQuit)
    #expect(!restored.conversation.isDone)
  }

  @Test func aLogWithoutAStartIsNotRestored() throws {
    let dialog = try TestSupport.shippedDialog()
    #expect(
      KioskScreen.restored(dialog: dialog, inputs: [LoggedInput(.line("yes"), at: Date())], interactive: false) == nil)
  }

  @Test func anInputThatCannotBeEncodedThrowsInsteadOfSavingNothing() {
    // JSON has no NaN: the encoder fails, and an empty record must not be sealed in its place.
    #expect(throws: (any Error).self) {
      try LoggedInput(kind: .line, at: Date(timeIntervalSinceReferenceDate: .nan), line: "x").encoded()
    }
  }
}
