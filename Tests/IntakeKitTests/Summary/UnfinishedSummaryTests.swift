import Foundation
import IntakeTestSupport
import Synchronization
import Testing

@testable import IntakeKit

/// The note of an intake that did not go to the end says so at the top, with where it stopped
/// and when the patient last answered; an instrument stopped part-way has no total; a part never
/// reached says "not asked", never "nothing reported" (issue 13: nothing invented).
@Suite struct UnfinishedSummaryTests {
  /// A clock a minute further on at every reading, so "when it was opened" and "when the
  /// patient last answered" differ.
  static func tickingClock() -> SessionClock {
    let minutes = Mutex(0)
    return SessionClock(timeZone: TimeZone(identifier: "UTC") ?? .current) {
      let minute = minutes.withLock { value -> Int in
        value += 1
        return value
      }
      return TestSupport.fixedInstant.addingTimeInterval(Double(minute) * 60)
    }
  }

  @Test func anIntakeStoppedPartWaySaysWhereAndScoresNothingItDidNotAsk() throws {
    let journey = ShippedJourney()
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog(), clock: Self.tickingClock())
    patient.type(journey.beforePHQ9 + Array(journey.phq9.prefix(3)))
    let lastAnswer = try #require(patient.session.lastActivityAt)
    let summary = Summary(session: patient.session, sessionID: "s")
    #expect(summary.finished == false)
    #expect(
      summary.status
        == "Not finished: the patient stopped at \"PHQ-9 item 4: tired, little energy\" (How you have been feeling); nothing after it was asked."
    )
    // The end is the last answer, not the moment the summary was made (later on this clock).
    #expect(
      summary.finishedAt == Summary.timestampFormatter(TimeZone(identifier: "UTC") ?? .current).format(lastAnswer)
    )
    let phq9 = try #require(summary.screening.scores.first { $0.instrument == "phq9" })
    #expect(phq9.total == nil && phq9.band == nil)
    #expect(phq9.answeredItems == 3 && phq9.itemsToAsk == 9)
    let markdown = MarkdownRenderer.render(summary)
    #expect(markdown.contains("| PHQ-9 (depression); last 2 weeks | incomplete (3 of 9 answered) |  |"), "\(markdown)")
    #expect(markdown.contains("## Transport\nNot asked: the intake stopped before this part."), "\(markdown)")
    #expect(!markdown.contains("Nothing reported."))
  }

  /// Why it stopped, as the kiosk recorded it, follows where: a timeout may be someone who walked
  /// away; a finished intake is not changed.
  @Test func anUnfinishedIntakeSaysWhyItStopped() throws {
    var patient = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    patient.type(ShippedJourney().beforePHQ9)
    var summary = Summary(session: patient.session, sessionID: "s")
    summary.stopped(.timeout)
    #expect(summary.status?.hasSuffix("No answer came for the idle time: the patient may have walked away.") == true)
    var finished = Summary(session: try ShippedJourney().run().session, sessionID: "s")
    finished.stopped(.quit)
    #expect(finished.status == "Finished: the patient answered to the end and sent it.")
  }

  @Test func aFinishedIntakeAndAnEarlyEndingSaySo() throws {
    let finished = Summary(session: try ShippedJourney().run().session, sessionID: "s")
    #expect(finished.finished == true)
    #expect(finished.status == "Finished: the patient answered to the end and sent it.")
    var declined = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    declined.type("no")
    let summary = Summary(session: declined.session, sessionID: "s")
    #expect(
      summary.status
        == "Ended early at \"Declined to continue at the consent question\": the questions after it were not asked.")
  }
}
