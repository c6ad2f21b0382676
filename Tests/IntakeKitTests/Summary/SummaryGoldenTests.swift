import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The summary as golden files: Markdown and JSON for two journeys through the shipped dialog.
/// Run with INTAKE_UPDATE_GOLDEN=1 to re-bless after a deliberate change, then read the diff.
@Suite struct SummaryGoldenTests {
  static let folder = "Tests/IntakeKitTests/Summary/Golden/"

  func summary(_ journey: ShippedJourney) throws -> Summary {
    let patient = try journey.run()
    let finished = patient.session.isFinished
    #expect(finished)
    return Summary(session: patient.session, sessionID: "testsession01")
  }

  /// The baseline journey: medication interactions, a tier-1 flag, an adult driving home.
  @Test func baselineJourney() throws {
    let summary = try summary(ShippedJourney())
    Golden.expect(MarkdownRenderer.render(summary), matches: Self.folder + "baseline.md")
    Golden.expect(try JSONRenderer.render(summary), matches: Self.folder + "baseline.json")
  }

  /// A patient at high suicide risk with a label contraindication and no safe way home.
  @Test func escalationJourney() throws {
    var journey = ShippedJourney()
    journey.phq9 = ["4", "4", "3", "4", "3", "3", "4", "2", "3"]
    journey.phq9Difficulty = ["very"]
    journey.suicideScreen = ["yes", "yes", "yes", "yes", "", "no", "yes", "no", "no", "no"]
    // Not sure about one of the heart, blood-vessel or brain conditions, and which.
    journey.medical[0] = "not sure"
    journey.medical.insert("I was told something about a blood vessel in my head", at: 1)
    journey.transport = ["I will drive myself", "keep my plan", "no", "not sure", "I work early the next morning"]
    let summary = try summary(journey)
    let markdown = MarkdownRenderer.render(summary)
    Golden.expect(markdown, matches: Self.folder + "escalation.md")
    Golden.expect(try JSONRenderer.render(summary), matches: Self.folder + "escalation.json")
    Golden.expect(HTMLRenderer.render(summary), matches: Self.folder + "escalation.html")
    // An escalation stands out: a block of its own at the top of the first page, never in a
    // normal list; and only when one happened.
    #expect(markdown.contains("\n> **Safety, tier 3**: Suicide screen answers at the highest risk level"))
    #expect(!MarkdownRenderer.render(try self.summary(ShippedJourney())).contains("tier 3"))
  }

  /// Notes of intakes that did not go to the end: a declined consent (not a consult), an intake
  /// stopped part-way (its outcome qualified, an instrument incomplete, the parts not reached
  /// "not asked"), and a "not sure" kept as not sure.
  @Test func declinedStoppedAndNotSure() throws {
    var declined = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    declined.type("no")
    let declinedNote = MarkdownRenderer.render(Summary(session: declined.session, sessionID: "testsession02"))
    Golden.expect(declinedNote, matches: Self.folder + "declined.md")
    #expect(declinedNote.contains("Declined to take part: not a consult."))
    #expect(!declinedNote.contains("Routine psychiatrist consult"))

    let journey = ShippedJourney()
    var stopped = ScriptedPatient(dialog: try TestSupport.shippedDialog())
    stopped.type(journey.beforePHQ9 + Array(journey.phq9.prefix(3)))
    let stoppedNote = MarkdownRenderer.render(Summary(session: stopped.session, sessionID: "testsession03"))
    Golden.expect(stoppedNote, matches: Self.folder + "stopped.md")
    #expect(
      stoppedNote.contains("(from the answers given before the intake stopped; what was not reached was not screened)"))
    #expect(declinedNote.contains("## Transport\nNot asked: the intake stopped before this part."))

    var unsure = ShippedJourney()
    let count = unsure.psychiatric.count
    // Not sure about psychotic symptoms (when: not sure either), then no to mania.
    unsure.psychiatric.replaceSubrange((count - 2)..<count, with: ["not sure", "4", "no", "no"])
    let unsureNote = MarkdownRenderer.render(try summary(unsure))
    #expect(unsureNote.contains("The patient is not sure whether they have had psychotic symptoms"), "\(unsureNote)")
    #expect(!unsureNote.contains("Psychotic symptoms, a psychotic disorder, or psychosis in a close relative reported"))
  }

  @Test func theFirstPageComesFirstThenTheAnswersByHeading() throws {
    let markdown = MarkdownRenderer.render(try summary(ShippedJourney()))
    let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") || $0.hasPrefix("### ") }.map(
      String.init)
    #expect(
      Array(headings.prefix(5)) == [
        "## At a glance", "### Findings", "### Scores", "### Questions for the psychiatrist",
        "## Reasons for the findings",
      ])
    #expect(
      headings.filter { $0.hasPrefix("## ") } == [
        "## At a glance", "## Reasons for the findings", "## History", "## Medications", "## Goals", "## Transport",
      ])
  }

  @Test func thePrintablePageIsSelfContainedAndPatientTextStaysText() throws {
    var journey = ShippedJourney()
    journey.reasons[1] = "<script>alert(1)</script> **bold** | pipe & \\ back"
    let html = HTMLRenderer.render(try summary(journey))
    #expect(!html.contains("<script"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; **bold** | pipe &amp; \\ back"))
    // Nothing is fetched: no link, image, script or font from anywhere.
    for needle in ["http://", "https://", "<img", "<link", "src=", "@import"] { #expect(!html.contains(needle)) }
    #expect(html.contains("@media print"))
    #expect(html.contains("<h3>Questions for the psychiatrist</h3>"))
    #expect(html.contains("<table>"))
  }

  @Test func patientTextCannotAddMarkup() {
    #expect(
      MarkdownRenderer.escape("## <b>x</b> [link](y) | *z*\nnext")
        == "## \\<b\\>x\\</b\\> \\[link\\](y) \\| \\*z\\* next")
  }

  @Test func everyFindingAndQuestionCitesAnswers() throws {
    let summary = try summary(ShippedJourney())
    for finding in summary.screening.findings { #expect(!finding.evidence.isEmpty, "\(finding.rule)") }
    for question in summary.screening.questions { #expect(!question.evidence.isEmpty, "\(question.text)") }
  }
}
