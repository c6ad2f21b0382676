import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct SessionTests {
  @Test func followsWhenConditionsAndBranches() throws {
    var session = try EngineFixture.session()
    #expect(session.current == .question("name"))
    accept(&session, "Ana")
    accept(&session, "04/27/1986")
    accept(&session, "no")
    // `packs` is asked only to smokers.
    #expect(session.current == .question("mood"))
    accept(&session, "1")
    accept(&session, "1")
    accept(&session, "2")  // I drive myself: the branch jumps past `driver`
    #expect(session.current == .question("bp"))
  }

  @Test func pipesEarlierAnswersIntoQuestionText() throws {
    var session = try EngineFixture.session()
    _ = session.answer("Ana")
    let text = session.render(try #require(session.dialog.questions["dob"]).text)
    #expect(text == "Thanks, Ana. Birth date?")
  }

  @Test func underageEndsTheDialog() throws {
    var session = try EngineFixture.session()
    _ = session.answer("Kid")
    _ = session.answer("2015-01-01")
    #expect(session.current == .question("minor"))
    _ = session.answer("")
    #expect(session.isFinished)
  }

  @Test func validationUsesTheDialogsMessages() throws {
    var session = try EngineFixture.session()
    _ = session.answer("Ana")
    _ = session.answer("1986-04-27")
    _ = session.answer("yes")
    reject(&session, "eleven", "Type a number of packs from 0 to 10.")
    reject(&session, "11", "Type a number of packs from 0 to 10.")
    accept(&session, "2")
  }

  @Test func checksRejectWithTheirMessage() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1", "1", "2"] { _ = session.answer(line) }
    #expect(session.current == .question("bp"))
    reject(&session, "260/90", "Please check that reading with staff.")
    accept(&session, "128 / 82")
    #expect(session.answers.value(of: "bp") == .bloodPressure(BloodPressure(systolic: 128, diastolic: 82)))
  }

  @Test func backReturnsToThePreviouslyShownQuestion() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1", "1"] { _ = session.answer(line) }
    #expect(session.current == .question("ride"))
    moved(session.back())
    #expect(session.current == .question("dark"))
    moved(session.back())
    moved(session.back())
    // `packs` was never shown (not a smoker), so back skips it.
    #expect(session.current == .question("smokes"))
  }

  @Test func changingAnEarlierAnswerDropsAnswersNoLongerOnThePath() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "yes", "2", "1", "1", "1", "Sam"] { _ = session.answer(line) }
    #expect(session.answers.value(of: "packs") == .number(2))
    #expect(session.answers.value(of: "driver") == .text("Sam"))
    // Go back to `smokes` and say no: `packs` leaves the path and its answer is dropped.
    while session.current != .question("smokes") { moved(session.back()) }
    accept(&session, "no")
    #expect(session.answers.isAnswered("packs") == false)
    // Later answers still on the path are kept, and the next question is the one after `smokes`.
    #expect(session.answers.value(of: "driver") == .text("Sam"))
    #expect(session.current == .question("mood"))
    // Changing the ride to "I drive myself" drops the driver's name.
    while session.current != .question("ride") { _ = session.answer("") }
    accept(&session, "2")
    #expect(session.answers.isAnswered("driver") == false)
  }

  @Test func computedValuesFollowChangedAnswers() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "2", "1"] { _ = session.answer(line) }
    let total = try #require(session.dialog.computed["total"])
    // "Several days" (1) + "Not at all" (0).
    #expect(session.evaluator().value(total.expression) == .number(1))
    _ = session.back()
    _ = session.back()
    accept(&session, "3")  // low mood now "Most days" (2)
    #expect(session.evaluator().value(total.expression) == .number(2))
  }

  @Test func repeatGroupsCollectRecords() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1", "1", "2", "120/80"] { _ = session.answer(line) }
    #expect(session.current == .gate(group: "meds", index: 0))
    for line in ["yes", "Ativan", "1 mg", "yes", "zoloft"] { accept(&session, line) }
    #expect(session.current == .item(group: "meds", index: 1, question: "dose"))
    moved(session.skip())
    #expect(session.current == .gate(group: "meds", index: 2))
    accept(&session, "no")
    #expect(
      session.answers.records(of: "meds") == [
        ["med": .text("Ativan"), "dose": .text("1 mg")], ["med": .text("zoloft"), "dose": .missing],
      ])
    #expect(session.current == .question("note"))
    let sedatives = try #require(session.dialog.computed["sedatives"])
    #expect(session.evaluator().value(sedatives.expression) == .number(1))
  }

  @Test func answeringNoToAnotherDropsLaterRecords() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1", "1", "2", "120/80", "yes", "a", "", "yes", "b", "", "no"] {
      _ = session.answer(line)
    }
    #expect(session.answers.records(of: "meds").count == 2)
    while session.current != .gate(group: "meds", index: 1) { moved(session.back()) }
    accept(&session, "no")
    #expect(session.answers.records(of: "meds").count == 1)
  }

  @Test func repeatGroupsStopAtTheirMaximum() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1", "1", "2", "120/80", "yes", "a", "", "yes", "b", "", "yes", "c", ""] {
      _ = session.answer(line)
    }
    #expect(session.answers.records(of: "meds").count == 3)
    #expect(session.current == .question("note"))
  }

  @Test func optionalQuestionsCanBeSkippedAndRequiredOnesCannot() throws {
    var session = try EngineFixture.session()
    stayed(session.skip())
    for line in ["Ana", "1986-04-27", "no", "1", "1", "2", "120/80", "no"] { _ = session.answer(line) }
    #expect(session.current == .question("note"))
    moved(session.skip())
    #expect(session.answers.values["note"] == .missing)
  }

  @Test func anEscalationInterruptsAtOnceAndThenResumes() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1"] { _ = session.answer(line) }
    accept(&session, "3")  // dark thoughts most days
    #expect(session.current == .interrupt("crisis"))
    #expect(session.escalations.map(\.rule) == ["dark_high"])
    #expect(session.escalations.first?.evidence.map(\.answer) == ["Most days (2)"])
    stayed(session.back())
    accept(&session, "")
    #expect(session.current == .question("ride"))
    // It is raised once, however the answers change afterwards.
    _ = session.back()
    _ = session.answer("3")
    #expect(session.escalations.count == 1)
  }

  @Test func emptyInputKeepsAnEarlierAnswerWhenRevisiting() throws {
    var session = try EngineFixture.session()
    _ = session.answer("Ana")
    reject(&session, "", "Please type an answer. Type help if you are not sure.")
    _ = session.back()
    accept(&session, "")
    #expect(session.answers.value(of: "name") == .text("Ana"))
  }

  @Test func textLengthIsBounded() throws {
    var session = try EngineFixture.session()
    reject(&session, String(repeating: "x", count: 100_000), "Please keep this under 20 characters (you typed 100000).")
  }

  @Test func aBranchBackToAnEarlierQuestionAsksItAgain() throws {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: l\nversion: \"1\"\ntitle: L\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - id: phone
            kind: text
            text: Phone?
          - id: confirm
            kind: yes_no
            text: "Is {phone} right?"
            next:
              - when: confirm == false
                goto: phone
        """,
      ]))
    var session = Session(dialog: dialog, clock: TestSupport.fixedClock)
    _ = session.answer("555 1234")
    _ = session.answer("no")
    #expect(session.current == .question("phone"))
    #expect(session.answers.isAnswered("confirm") == false)
    _ = session.answer("555 9999")
    _ = session.answer("yes")
    #expect(session.isFinished)
    #expect(session.answers.value(of: "phone") == .text("555 9999"))
  }

  @Test func theSameInputsGiveTheSameSession() throws {
    func run() throws -> Session {
      var session = try EngineFixture.session()
      for line in ["Ana", "1986-04-27", "yes", "1", "2", "3", "", "1", "Sam", "120/80", "yes", "ativan", "", "no", ""] {
        _ = session.answer(line)
      }
      return session
    }
    let first = try run()
    let second = try run()
    #expect(first.answers == second.answers)
    #expect(first.shown == second.shown)
    #expect(first.escalations == second.escalations)
  }
}
