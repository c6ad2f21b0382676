import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// "not sure" at an optional dose, length of time or date leaves the answer out, as `skip` does,
/// but the note and the patient's own look at their answers say the patient was not sure, never
/// that the question was skipped (a trial patient's "not sure" at a dose was printed "(skipped)").
@Suite struct NotSureAnswerTests {
  /// A medicine list with an optional dose, and an optional weight and height.
  static func dialog() throws -> Dialog { try SetAsideWordsTests.dialog() }

  @Test func notSureIsSaidAsNotSureAndASkipAsSkipped() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("sertraline", "not sure", "lorazepam", "skip", "no", "i don't know", "skip")
    let summary = Summary(session: patient.session, sessionID: "s1")
    let entries = summary.sections.values.flatMap { $0 }
    let meds = try #require(entries.first { $0.question == "meds" })
    #expect(
      meds.records?.map { $0.map(\.answer) } == [
        ["sertraline", "Not sure (the patient did not know)"], ["lorazepam", "(skipped)"],
      ])
    let weight = try #require(entries.first { $0.question == "weight" })
    #expect(weight.answer == "Not sure (the patient did not know)")
    #expect(weight.skipped == nil)
    let height = try #require(entries.first { $0.question == "height" })
    #expect(height.skipped == true)
    // The patient's own look at their answers says the same.
    let pages = AnswerPages(session: patient.session)
    let text = (0..<pages.count).map { pages.text($0) }.joined(separator: "\n")
    #expect(text.contains("Current medicines 1: What dose? (not sure)"))
    #expect(text.contains("Current medicines 2: What dose? (skipped)"))
    #expect(text.contains("How much do you weigh? (not sure)"))
    #expect(text.contains("How tall are you? (skipped)"))
  }

  @Test func anAnswerGivenAfterwardsIsNoLongerNotSure() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("no", "not sure")
    #expect(patient.session.saidNotKnown(at: .question("weight")))
    patient.type("back", "160", "skip")
    #expect(!patient.session.saidNotKnown(at: .question("weight")))
    let entries = Summary(session: patient.session, sessionID: "s1").sections.values.flatMap { $0 }
    #expect(entries.first { $0.question == "weight" }?.answer == "160 lb")
  }

  /// Enter alone at an optional question leaves it out, as `skip` does: it says nothing.
  @Test func enterAloneIsASkip() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog())
    patient.type("sertraline", "", "no", "", "")
    #expect(!patient.session.saidNotKnown(at: .item(group: "meds", index: 0, question: "med_dose")))
    #expect(!patient.session.saidNotKnown(at: .question("weight")))
  }
}
