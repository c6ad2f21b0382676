import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A text answer's `max_length` counts visible characters; these prove it is also held to
/// scalars and bytes, so one letter carrying a flood of combining marks is not "one character"
/// that passes, is echoed and is sealed.
@Suite struct TextLimitTests {
  static let accentMessage =
    "Please keep this under 20 characters. Accent marks and symbols joined to a letter count as characters too."

  @Test func ordinaryAccentsFlagsAndEmojiFit() {
    let limit = TextLimit(characters: 60)
    #expect(limit.excess(in: "Zoë Nguyễn-Łukasz 🇻🇳 👍🏽 Ana") == nil)
    // The edge: 60 characters of a letter and three marks each are exactly 240 scalars.
    #expect(limit.excess(in: String(repeating: "a\u{301}\u{302}\u{303}", count: 60)) == nil)
    #expect(limit.excess(in: String(repeating: "a\u{301}\u{302}\u{303}", count: 61)) == .characters(61))
  }

  @Test func oneLetterWithManyMarksIsOverTheScalarLimit() {
    let text = "a" + String(repeating: "\u{301}", count: 300)
    #expect(text.count == 1)
    #expect(TextLimit(characters: 60).excess(in: text) == .scalars)
  }

  @Test func fewCharactersOfManyBytesAreOverTheByteLimit() {
    // Each is one character of four scalars and fifteen bytes: 40 are 160 scalars (within 240)
    // but 600 bytes (over 480).
    let text = String(repeating: "🧑🏽‍🦱", count: 40)
    #expect(text.count == 40)
    #expect(TextLimit(characters: 60).excess(in: text) == .bytes)
  }

  @Test func tooManyVisibleCharactersAreCountedForThePatient() {
    #expect(TextLimit(characters: 20).excess(in: String(repeating: "x", count: 100_000)) == .characters(100_000))
  }

  @Test func aMegabyteOfMarksOnOneLetterIsRefusedAndNothingElseIsLost() throws {
    var session = try EngineFixture.session()
    let flood = "a" + String(repeating: "\u{301}", count: 500_000)
    #expect(flood.count == 1)
    reject(&session, flood, Self.accentMessage)
    // Still at the same question, with nothing recorded; a real name then goes through.
    #expect(session.current == .question("name"))
    #expect(!session.answers.isAnswered("name"))
    accept(&session, "Ana")
    #expect(session.answers.value(of: "name") == .text("Ana"))
  }

  @Test func theRefusalDoesNotEchoWhatWasTyped() throws {
    var patient = ScriptedPatient(dialog: try EngineFixture.dialog())
    let reply = patient.type("MARKER" + String(repeating: "\u{301}", count: 2_000))
    #expect(reply == Self.accentMessage)
    #expect(!reply.contains("MARKER"))
  }
}
