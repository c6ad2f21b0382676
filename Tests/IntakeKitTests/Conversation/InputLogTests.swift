import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A session rebuilt from its saved inputs is the session the patient left.
@Suite struct InputLogTests {
  /// A kiosk screen on `dialog` at the fixed clock, past its opening screen (English chosen on
  /// the language screen, as `chosen` logs it).
  static func started(_ dialog: Dialog) -> KioskScreen {
    var screen = KioskScreen(
      conversation: Conversation(session: Session(dialog: dialog, clock: TestSupport.fixedClock)), interactive: false)
    _ = screen.start()
    if screen.place == .choosingLanguage { _ = screen.handle(.line("1")) }
    return screen
  }

  /// The start of a saved log: the session began, and English was chosen.
  static func chosen(at start: Date) -> [LoggedInput] {
    [LoggedInput(kind: .start, at: start), LoggedInput(kind: .language, at: start, line: "en")]
  }

  @Test(arguments: [1, 30, 77, 140])
  func replayingTheSavedInputsGivesBackTheSameSession(after count: Int) throws {
    let dialog = try TestSupport.shippedDialog()
    let lines = ShippedJourney().lines
    let start = TestSupport.fixedInstant
    var screen = Self.started(dialog)
    var log = Self.chosen(at: start)
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
    var log = Self.chosen(at: start)
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

  /// The hand-written JSON reads back as what was logged, and says what Foundation's encoder
  /// said: for every kind, lines with quotes, backslashes, control characters and any script,
  /// and times with and without fractions of a millisecond.
  @Test func theJSONOfAnInputIsTheJSONFoundationWouldWrite() throws {
    let foundation = JSONEncoder()
    foundation.dateEncodingStrategy = .millisecondsSince1970
    var generator = SystemRandomNumberGenerator()
    let pieces = [
      "a", " ", "\"", "\\", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "日本", "👩‍⚕️", "\u{2028}", "/", "{}",
    ]
    let times = [0, 1, -1, 1_764_500_000_000, 1_764_500_000_123.456, 4_102_444_800_000.5, 0.5, -1_000.25]
    for kind in [LoggedInput.Kind.start, .line, .cancelled, .endOfInput, .staffResume] {
      for time in times {
        for _ in 0..<20 {
          let line =
            kind == .line
            ? (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
              .joined() : nil
          let input = LoggedInput(kind: kind, at: Date(timeIntervalSince1970: time / 1000), line: line)
          let mine = try input.encoded()
          let theirs = try foundation.encode(input)
          #expect(LoggedInput.decoded(mine) == input, "\(String(decoding: mine, as: UTF8.self))")
          #expect(LoggedInput.decoded(mine) == LoggedInput.decoded(theirs))
        }
      }
    }
  }
}
