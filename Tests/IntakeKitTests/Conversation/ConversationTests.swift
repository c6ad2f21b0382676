import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct ConversationTests {
  func patient() throws -> ScriptedPatient { ScriptedPatient(dialog: try EngineFixture.dialog()) }

  @Test func opensWithTheTitleAndFirstQuestion() throws {
    let patient = try patient()
    #expect(patient.transcript[0].hasPrefix("Fixture\n\nType your answer and press Enter."))
    #expect(patient.transcript[0].hasSuffix("== Main ==\n\nYour name?"))
  }

  @Test func choicesAcceptTheNumberTheTextOrAPrefix() throws {
    for input in ["2", "I drive myself", "i DRIVE", "i d", "myself"] {
      var patient = try patient()
      patient.type("Ana", "1986-04-27", "no", "1", "1")
      patient.type(input)
      #expect(patient.session.answers.value(of: "ride") == .choice("self"), "\(input)")
    }
  }

  /// "2" at a list asked back whose own words hold numbers ("1. 1 or 2 / 2. 3 or 4") may be the
  /// line's number or the count: it is never taken as "3 or 4" without a word.
  @Test func aNumberThatIsAlsoInAReadingsWordsIsNotTakenByItsPlace() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(
        root: "drinks",
        files: [
          "dialog.yaml": "id: drinks\nversion: \"1\"\ntitle: Drinks\nsections: [main.yaml]\n",
          "main.yaml": """
          section: main
          title: Main
          questions:
            - id: drinks
              kind: choice
              label: Drinks a day
              text: On a day you drink, how many drinks do you have?
              options:
                - { id: one_two, text: 1 or 2 }
                - { id: three_four, text: 3 or 4 }
                - { id: five_more, text: 5 or more }
            - id: last
              kind: text
              label: Anything else
              text: Anything else?
              required: false
          """,
        ]))
    var patient = ScriptedPatient(dialog: dialog)
    let asked = patient.type("2 or 3")
    #expect(asked.contains("Which do you mean?"), "\(asked)")
    let reply = patient.type("2")
    #expect(patient.session.answers.value(of: "drinks") == .missing)
    #expect(
      reply.hasPrefix("By 2, do you mean \"1 or 2\"? Type yes, or no if you meant answer 2, \"3 or 4\"."), "\(reply)")
    patient.type("yes")
    #expect(patient.session.answers.value(of: "drinks") == .choice("one_two"))
  }

  @Test func anAmbiguousAnswerIsAskedBackWithBothByTheirOwnNumbers() throws {
    var patient = try patient()
    patient.type("Ana", "1986-04-27", "no", "1")
    let current = patient.session.current
    let reply = patient.type("days")
    #expect(reply.hasPrefix("That could be more than one answer. Which do you mean?"))
    #expect(reply.contains("  2. Several days\n"))
    #expect(reply.contains("  4. Most days\n") || reply.contains("  3. Most days\n"))
    // The number picks by the option's own number, as in the list above.
    patient.type("2")
    #expect(patient.session.current != current)
  }

  @Test func tabCompletesChoicesAndLexiconNames() throws {
    var patient = try patient()
    patient.type("Ana", "1986-04-27", "no", "1", "1")
    #expect(patient.conversation.completions(for: "i") == ["I drive myself"])
    #expect(patient.conversation.completions(for: "") == ["Someone drives me", "I drive myself"])
    patient.type("2", "120/80", "yes")
    #expect(patient.conversation.completions(for: "at") == ["ativan"])
  }

  @Test func helpWhyAndBackAtTheFirstQuestion() throws {
    var patient = try patient()
    #expect(patient.type("help").contains("back    go to the previous question"))
    #expect(patient.type("why").hasPrefix("This helps the care team"))
    #expect(patient.type("back").hasPrefix("This is the first question."))
    #expect(patient.type("skip").hasPrefix("This question needs an answer"))
    #expect(patient.session.current == .question("name"))
  }

  @Test func reviewListsAnswersAndChangesOneThenContinues() throws {
    var patient = try patient()
    patient.type("Ana", "1986-04-27", "yes", "2", "1")
    let listing = patient.type("review")
    #expect(
      listing == """
        Your answers so far:
          1. Your name? Ana
          2. Thanks, Ana. Birth date? 1986-04-27
          3. Do you smoke? Yes
          4. How many packs a day? 2
          5. Low mood? Not at all (0)

        Type a number to change that answer, or press Enter to go on.
        """)
    let shown = patient.type("3")
    #expect(shown.hasPrefix("Do you smoke?"))
    #expect(shown.contains("Your answer was: Yes. Press Enter to keep it, or type a new answer."))
    patient.type("no")
    // Back where the patient was: the first unanswered question. `packs` is gone.
    #expect(patient.session.current == .question("dark"))
    #expect(!patient.session.answers.isAnswered("packs"))
  }

  @Test func quitAsksToConfirm() throws {
    var patient = try patient()
    #expect(patient.type("quit") == KioskWords.english(.confirmQuit))
    #expect(patient.type("maybe") == KioskWords.english(.confirmQuit))
    #expect(patient.type("no").hasPrefix("Let's continue.\n\nYour name?"))
    patient.type("quit", "yes")
    #expect(patient.events == [.quit])
    #expect(patient.conversation.isDone)
  }

  @Test func endOfInputAsksWhetherToQuit() throws {
    var conversation = Conversation(session: Session(dialog: try EngineFixture.dialog(), clock: TestSupport.fixedClock))
    _ = conversation.start()
    let reply = conversation.endOfInput()
    #expect(reply.text == KioskWords.english(.confirmQuit))
    let quit = conversation.handle("y")
    #expect(quit.events == [.quit])
  }

  @Test func finishingRaisesTheEventAndShowsNoScoresOrFindings() throws {
    var patient = try patient()
    patient.type("Ana", "1986-04-27", "yes", "3", "2", "3", "", "2", "120/80", "yes", "ativan", "", "no", "", "")
    #expect(patient.events.contains(.finished))
    #expect(patient.events.contains(.escalation(rule: "dark_high", tier: 3, alert: true)))
    let everything = patient.transcript.joined(separator: "\n")
    for secret in ["Dark thoughts most days.", "Takes a sedative", "Two-item", "Assess risk now", "See now."] {
      #expect(!everything.contains(secret), "the patient saw \(secret)")
    }
    #expect(everything.contains("Help is coming."))
  }

  @Test func oddInputNeverBreaksTheConversation() throws {
    var patient = try patient()
    for input in ["", "   ", "\u{1B}[31m", "\u{0}", String(repeating: "é", count: 100_000), "\u{FFFD}\u{FFFD}"] {
      patient.type(input)
    }
    #expect(patient.session.current == .question("name") || patient.session.current == .question("dob"))
  }

  @Test func multipleChoiceTakesNumbersOrWordsAndRespectsExclusiveOptions() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: m\nversion: \"1\"\ntitle: M\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - id: pick
            kind: multiple_choice
            text: Pick?
            options:
              - { id: a, text: Apples }
              - { id: b, text: Bananas }
              - { id: n, text: None of these, exclusive: true }
        """,
      ]))
    var patient = ScriptedPatient(dialog: dialog)
    #expect(patient.type("1, 3") == "\"None of these\" cannot be chosen together with other answers.")
    #expect(patient.conversation.completions(for: "apples, b") == ["apples, Bananas"])
    patient.type("bananas 1")
    #expect(patient.session.answers.value(of: "pick") == .missing)
    patient.type("2 1")
    #expect(patient.session.answers.value(of: "pick") == .choices(["a", "b"]))
  }
}

extension ConversationTests {
  @Test func textTypedAtAScreenThatAsksNothingIsNotDroppedSilently() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: intro, kind: message, text: The next questions are about sleep. }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
    var patient = ScriptedPatient(dialog: dialog)
    #expect(patient.type("(608) 555-0142").hasPrefix("This screen needs no answer, so what you typed was not kept."))
    #expect(patient.session.current == .question("intro"))
    #expect(patient.type("").contains("Do you smoke?"))
  }
}
