import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct ReplayTests {
  static let inputs: [KioskScreen.Input] = [
    .line("Ana"), .line("1986-04-27"), .line("yes"), .line("2"), .line("1"), .line("2"), .line("1"), .line("Sam"),
    .line("120/80"), .line("no"), .line(""), .line(""),
  ]

  func recorded() throws -> Transcript {
    let dialog = try EngineFixture.dialog()
    var transcript = Transcript.play(Self.inputs, dialog: dialog, clock: TestSupport.fixedClock).transcript
    transcript.preamble = ["# A smoker with a driver."]
    return try Transcript.parse(transcript.text, path: "t.transcript")
  }

  func replay(_ text: String) throws -> Replay {
    Replay(try Transcript.parse(text, path: "t.transcript"), path: "t.transcript", dialog: try EngineFixture.dialog())
  }

  @Test func aRecordedTranscriptReadsAsAConversationAndReplaysClean() throws {
    let transcript = try recorded()
    #expect(
      transcript.text.hasPrefix(
        """
        # A smoker with a driver.
        dialog: fixture 2
        clock: 2026-03-15T14:30:00Z GMT
        ---

        Fixture

        """))
    #expect(transcript.text.contains("\n>[bp] 120/80\n\nAny medicines?\n(Type the name, or no.)\n>[meds[0]] no\n"))
    #expect(
      transcript.text.hasSuffix(
        """
        --- expect
        ending: submitted
        outcome: note
        findings: smoker
        absent: dark_high, self_drive, sedative
        escalations:
        scores: two = 1 (Low)
        sections: At a glance, Reasons for the findings, History
        questions:

        """))
    let replay = Replay(transcript, path: "t.transcript", dialog: try EngineFixture.dialog())
    #expect(replay.passed)
    #expect(replay.actual.text == transcript.text)
  }

  @Test func aChangedLineIsReportedWithItsLineNumberAndADiff() throws {
    let text = try recorded().text.replacingOccurrences(of: "How many packs a day?", with: "How many packs per day?")
    let replay = try replay(text)
    #expect(replay.passed == false)
    #expect(
      replay.divergence
        == Replay.Divergence(
          line: 24, message: "the kiosk showed something else",
          diff: [
            // Only the changed line is marked; the lines both share follow as context.
            "    2. No", "  >[smokes] yes", "  ", "- How many packs per day?", "+ How many packs a day?",
            "  >[packs] 2", "  ",
          ]))
  }

  @Test func aMissingAnswerIsReportedWhereTheTranscriptStopsMatching() throws {
    let text = try recorded().text.replacingOccurrences(of: ">[bp] 120/80\n", with: ">[bp] 12/80\n")
    let replay = try replay(text)
    #expect(replay.divergence?.line == 51)
    #expect(
      replay.divergence?.diff.contains(
        "+ That reading does not look right. The first number is usually larger, for example 128/82.") == true)
  }

  // MARK: Answers matched to questions by id

  @Test func aQuestionTheJourneyHasNoAnswerForStopsTheReplayAndSaysWhichAndWhere() throws {
    // As if `packs` had been inserted after the journey was recorded.
    let text = try recorded().text.replacingOccurrences(of: ">[packs] 2\n", with: "")
    let replay = try replay(text)
    #expect(replay.passed == false)
    let missing = try #require(replay.missingAnswer)
    #expect(missing.place == .at(.question("packs")))
    #expect(missing.isNew)
    #expect(
      replay.missingAnswerText(dialog: try EngineFixture.dialog())
        == "no answer for new question packs: \"How many packs a day?\" (line 30)")
    // Nothing later was typed at the wrong question, and no outcome is claimed for a replay that stopped.
    #expect(replay.outcomeChanges.isEmpty)
    #expect(!replay.session.answers.isAnswered("mood"))
  }

  @Test func anAnswerGivenForAMissingQuestionIsTypedThereAndTheRestStillLines() throws {
    let original = try recorded()
    let text = original.text.replacingOccurrences(of: ">[packs] 2\n", with: "")
    let replay = Replay(
      try Transcript.parse(text, path: "t.transcript"), path: "t.transcript", dialog: try EngineFixture.dialog(),
      answers: ["packs": "2"])
    #expect(replay.missingAnswer == nil)
    #expect(replay.filledAnswers == [.init(place: .at(.question("packs")), typed: "2")])
    #expect(replay.outcomeChanges.isEmpty)
    #expect(replay.updated.text == original.text)
  }

  @Test func aLineTypedAtAScreenNoLongerShownThereIsLeftOut() throws {
    let original = try recorded()
    // As if the journey had answered a question the dialog no longer has.
    let text = original.text.replacingOccurrences(of: ">[bp] 120/80\n", with: ">[weight] 70 kg\n>[bp] 120/80\n")
    let replay = try replay(text)
    #expect(replay.droppedAnswers.map(\.typed) == ["70 kg"])
    #expect(replay.droppedAnswers.first?.place == ScreenPlace("weight"))
    #expect(replay.outcomeChanges.isEmpty)
    #expect(replay.updated.text == original.text)
  }

  /// A question moved later or earlier keeps the answer the journey gave it.
  @Test func aMovedQuestionKeepsItsAnswer() throws {
    let original = try recorded()
    let text = original.text
    let mood = try #require(text.range(of: ">[mood] "))
    let moodLine = text[mood.lowerBound...].prefix { $0 != "\n" }
    // As if 'mood' had been asked later than it is now: its line comes after 'bp' in the file.
    var moved = text.replacingOccurrences(of: moodLine + "\n", with: "")
    moved = moved.replacingOccurrences(of: ">[bp] 120/80\n", with: ">[bp] 120/80\n" + moodLine + "\n")
    let later = try replay(moved)
    #expect(later.missingAnswer == nil)
    #expect(later.droppedAnswers.isEmpty)
    #expect(later.outcomeChanges.isEmpty)
    #expect(later.updated.text == original.text)
    // And earlier: before 'smokes'.
    let smokes = try #require(text.range(of: ">[smokes] "))
    let smokesLine = String(text[smokes.lowerBound...].prefix { $0 != "\n" })
    var earlier = text.replacingOccurrences(of: moodLine + "\n", with: "")
    earlier = earlier.replacingOccurrences(of: smokesLine + "\n", with: moodLine + "\n" + smokesLine + "\n")
    let replayed = try replay(earlier)
    #expect(replayed.missingAnswer == nil)
    #expect(replayed.updated.text == original.text)
  }

  @Test func aScreenNameThatIsNoQuestionIsNamedWithWhatWasMeant() throws {
    let text = try recorded().text.replacingOccurrences(of: ">[packs] 2\n", with: ">[pakcs] 2\n")
    let replay = try replay(text)
    #expect(
      replay.unknownScreens.map(\.message) == ["'>[pakcs]' names no question of this dialog; did you mean 'packs'?"])
  }

  @Test func placesReadBackAsWritten() throws {
    for text in ["pain_now", "meds[0]", "meds[2].dose", ":review", ":quit", ":end"] {
      #expect(ScreenPlace(text)?.description == text)
    }
    for text in [
      "", "meds[", "meds[x]", "meds[1]dose", "2abc", "a b", ":later", "méds[1]", "meds[\u{301}1]", "meds[1\u{301}]",
    ] {
      #expect(ScreenPlace(text) == nil, "\(text)")
    }
    let parsed = try Transcript.parse(
      "dialog: x 1\nclock: 2026-03-15T14:30:00Z UTC\n---\n>[meds[1].dose] 20 mg [daily]\n>>[crisis] staff resume\n>[end_q]\n",
      path: "t")
    #expect(
      parsed.lines.map(\.entry) == [
        .typed(.line("20 mg [daily]"), at: .at(.item(group: "meds", index: 1, question: "dose"))),
        .typed(.staffResume, at: .at(.question("crisis"))), .typed(.line(""), at: .at(.question("end_q"))),
      ])
  }

  @Test func unmetExpectationsNameTheirLines() throws {
    var text = try recorded().text
    text = text.replacingOccurrences(of: "findings: smoker", with: "findings: smoker, sedative")
    text = text.replacingOccurrences(of: "absent: dark_high, self_drive, sedative", with: "absent: smoker")
    text = text.replacingOccurrences(of: "scores: two = 1 (Low)", with: "scores: two = 2 (High)")
    let replay = try replay(text)
    #expect(replay.divergence == nil)
    #expect(
      replay.mismatches.map { "\($0.line): \($0.message)" } == [
        "68: expected finding 'sedative', but it did not fire", "69: expected no finding 'smoker', but it fired",
        "71: scores: expected 'two = 2 (High)', got 'two = 1 (Low)'",
      ])
  }

  @Test func inputAfterTheEndIsReported() throws {
    let text = try recorded().text.replacingOccurrences(of: "--- expect", with: "> one more\n--- expect")
    let replay = try replay(text)
    #expect(replay.divergence?.message == "the session ended before this input")
  }

  @Test func updateKeepsCommentsAndTheExpectationKeysTheAuthorKept() throws {
    var text = try recorded().text
    text = text.replacingOccurrences(of: ">[bp] 120/80\n", with: "# The reading is normal.\n>[bp] 120/80\n")
    text = text.replacingOccurrences(of: "How many packs a day?", with: "Packs?")
    let start = try #require(text.range(of: "--- expect\n"))
    text = String(text[..<start.upperBound]) + "outcome: review\n"
    let replay = try replay(text)
    let updated = replay.updated.text
    #expect(updated.contains("How many packs a day?"))
    #expect(updated.contains("(For example 128/82.)\n# The reading is normal.\n>[bp] 120/80\n"))
    #expect(updated.hasSuffix("--- expect\noutcome: note\n"))
    #expect(try self.replay(updated).passed)
  }

  @Test func malformedTranscriptsSayWhere() {
    func error(_ text: String) -> String? {
      do {
        _ = try Transcript.parse(text, path: "bad.transcript")
        return nil
      } catch {
        return error.description
      }
    }
    #expect(error("dialog: x 1\n") == "bad.transcript:1: error: no '---' line starts the body")
    #expect(
      error("dialog: x 1\nclock: yesterday\n---\n")
        == "bad.transcript:2: error: write 'clock: 2026-03-15T14:30:00Z UTC' (ISO time, then a time zone)")
    #expect(
      error("dialog: x 1\nclock: 2026-03-15T14:30:00Z UTC\nmood: calm\n---\n")
        == "bad.transcript:3: error: unknown header 'mood'; the header has 'dialog:', 'clock:', 'input:' and 'length:'")
    #expect(
      error("dialog: x 1\nclock: 2026-03-15T14:30:00Z UTC\n---\n>yes\n")
        == "bad.transcript:4: error: typed lines start with '> ' (a space after '>')")
    #expect(
      error("dialog: x 1\nclock: 2026-03-15T14:30:00Z UTC\n---\n>[meds[1 20 mg\n")
        == "bad.transcript:4: error: the screen's name after '>[' has no closing ']'")
    #expect(
      error("dialog: x 1\nclock: 2026-03-15T14:30:00Z UTC\n---\n>[two words] x\n")
        == "bad.transcript:4: error: 'two words' is not a screen: write a question id, 'group[2]', 'group[2].question', ':review', ':quit' or ':end'"
    )
    #expect(
      error("dialog: x 1\nclock: 2026-03-15T14:30:00Z UTC\n---\n--- expect\nverdict: fine\n")
        == "bad.transcript:5: error: expected one of ending: outcome: findings: absent: escalations: scores: sections: questions:"
    )
  }

  @Test func shownLinesThatLookLikeSyntaxAreEscaped() throws {
    let transcript = Transcript(
      dialogID: "x", dialogVersion: "1", clock: TestSupport.fixedInstant, timeZone: TimeZone(identifier: "UTC")!,
      lines: [
        .init(entry: .shown("> not typed"), number: 0), .init(entry: .shown("# not a comment"), number: 0),
        .init(entry: .shown("--- not a marker"), number: 0), .init(entry: .typed(.cancelled, at: nil), number: 0),
        .init(entry: .typed(.endOfInput, at: nil), number: 0), .init(entry: .typed(.line(""), at: nil), number: 0),
      ])
    #expect(transcript.text.hasSuffix("---\n\\> not typed\n\\# not a comment\n\\--- not a marker\n> ^C\n> ^D\n>\n"))
    let parsed = try Transcript.parse(transcript.text, path: "x")
    #expect(parsed.lines.map(\.entry) == transcript.lines.map(\.entry))
  }

  /// `intake test` shares one `ParseMemo` among its journeys: a line typed at the same question
  /// is parsed once, but on its own journey's day (a birth date of 20 March 2026 is in the future
  /// on 15 March and not on 1 April), and what each journey stores is what it stores alone.
  @Test func journeysSharingParsesReadALineOnTheirOwnDay() throws {
    let dialog = try EngineFixture.dialog()
    let days = ["2026-03-15T14:30:00Z", "2026-04-01T14:30:00Z"].compactMap { ISO8601DateFormatter().date(from: $0) }
    let parses = ParseMemo()
    var stored: [Value?] = []
    for day in days {
      var alone = Session(dialog: dialog, clock: .fixed(day))
      var sharing = Session(dialog: dialog, clock: .fixed(day))
      sharing.parses = parses
      for line in ["Ana", "2026-03-20"] {
        _ = alone.submit(line)
        _ = sharing.submit(line)
      }
      #expect(sharing.answers.values == alone.answers.values)
      stored.append(alone.answers.values["dob"])
    }
    // The line is read differently on the two days: else this shows nothing.
    #expect(stored.count == 2 && stored[0] != stored[1], "\(stored)")
  }

  /// Only a date's reading depends on the day: a line typed at any other question is parsed once
  /// for journeys recorded on different days, a date once for each day.
  @Test func journeysOnDifferentDaysShareTheParsesThatDoNotReadTheDay() throws {
    let dialog = try EngineFixture.dialog()
    let days = ["2026-03-15T14:30:00Z", "2026-04-01T14:30:00Z"].compactMap { ISO8601DateFormatter().date(from: $0) }
    let parses = ParseMemo()
    var session = Session(dialog: dialog, clock: .fixed(days[0]))
    session.parses = parses
    _ = session.submit("Ana")
    #expect(parses.count == 1)
    session = Session(dialog: dialog, clock: .fixed(days[1]))
    session.parses = parses
    _ = session.submit("Ana")
    #expect(parses.count == 1)
    _ = session.submit("1986-04-27")
    var earlier = Session(dialog: dialog, clock: .fixed(days[0]))
    earlier.parses = parses
    _ = earlier.submit("Ana")
    _ = earlier.submit("1986-04-27")
    #expect(parses.count == 3)
  }

  /// A line is the same line to the shared parses only byte for byte: "José" typed composed on
  /// one journey and decomposed on another is kept as each typed it (Swift calls the two strings
  /// equal).
  @Test func journeysSharingParsesKeepEachLineAsTyped() throws {
    let dialog = try EngineFixture.dialog()
    let parses = ParseMemo()
    var alone: [[UInt8]] = []
    for typed in ["Jos\u{E9}", "Jose\u{301}"] {
      var own = Session(dialog: dialog, clock: TestSupport.fixedClock)
      var sharing = Session(dialog: dialog, clock: TestSupport.fixedClock)
      sharing.parses = parses
      _ = own.submit(typed)
      _ = sharing.submit(typed)
      guard case .text(let kept)? = own.answers.values["name"], case .text(let shared)? = sharing.answers.values["name"]
      else {
        Issue.record("the name was not kept")
        return
      }
      #expect(Array(shared.utf8) == Array(kept.utf8), "\(typed.debugDescription)")
      alone.append(Array(kept.utf8))
    }
    // Kept as typed when parsed alone: else this shows nothing.
    #expect(alone.count == 2 && alone[0] != alone[1])
  }

  /// Journeys sharing parses also share the dialog a translation makes: made once, by the first
  /// session to speak the language, and what every session shows is that translation's.
  @Test func journeysSharingParsesShareATranslatedDialog() throws {
    let dialog = try TestSupport.shippedDialog()
    let spanish = try #require(dialog.translation("es"))
    let own = dialog.localized(spanish)
    let parses = ParseMemo()
    for _ in 0..<2 {
      var session = Session(dialog: dialog, clock: TestSupport.fixedClock)
      session.parses = parses
      let spoke = session.speak("es")
      #expect(spoke)
      for (id, question) in own.questions {
        #expect(session.shownDialog.questions[id]?.text.source == question.text.source, "\(id)")
      }
    }
    #expect(parses.localizedLanguages == ["es"])
  }
}
