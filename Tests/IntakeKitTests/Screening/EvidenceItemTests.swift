import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Reasons quote answers in plain words when the dialog gives a `cite` template.
@Suite struct EvidenceItemTests {
  /// Answers the fixture up to the medicines with "I drive myself", then the given medicine lines.
  func screened(medicines: [String]) throws -> ScreeningResult {
    var patient = ScriptedPatient(dialog: try EngineFixture.dialog())
    patient.type(["Ana", "1986-04-27", "no", "1", "1", "2", "120/80"] + medicines + ["no"])
    return Screening.evaluate(patient.session)
  }

  func citations(_ result: ScreeningResult, rule: String) -> [String?] {
    result.findings.first { $0.rule == rule }?.evidence.map(\.citation) ?? []
  }

  @Test func aRecordIsCitedInWordsWithTheMatchedGenericName() throws {
    let result = try screened(medicines: ["yes", "Ativan", "1 mg"])
    #expect(citations(result, rule: "sedative") == ["reports Ativan (lorazepam) at 1 mg"])
  }

  @Test func aSkippedFieldDropsItsOptionalSegment() throws {
    let result = try screened(medicines: ["yes", "lorazepam", "skip"])
    // The typed name already is the generic name, so it is not repeated either.
    #expect(citations(result, rule: "sedative") == ["reports lorazepam"])
  }

  @Test func anOptionIsCitedByItsCitePhrase() throws {
    let result = try screened(medicines: ["no"])
    #expect(citations(result, rule: "self_drive") == ["plans to get home driving themself"])
  }

  @Test func theSummaryShowsTheCitationInPlaceOfLabelAndAnswer() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "no", "1", "1", "2", "120/80", "yes", "Ativan", "1 mg", "no", "", ""] {
      _ = session.answer(line)
    }
    let markdown = MarkdownRenderer.render(Summary(session: session, sessionID: "s1"))
    // Under the reasons for the findings, by the finding's number.
    #expect(markdown.contains(". reports Ativan (lorazepam) at 1 mg\n"), "\(markdown)")
    #expect(!markdown.contains("Medicines #1: \"Medicine: Ativan"))
  }

  @Test func anEmptyGroupIsQuotedAsLabelAndAnswer() throws {
    let formatter = AnswerFormatter(dialog: try EngineFixture.dialog())
    var answers = Answers()
    answers.values = ["meds": .records([])]
    #expect(formatter.cite("meds", answers: answers) == nil)
    answers.values = ["meds": .records([["med": .text("zoloft")]])]
    #expect(formatter.cite("meds", answers: answers, record: 0) == "reports zoloft (sertraline)")
  }

  @Test func withoutACiteTemplateAnAnswerIsQuotedAsLabelAndAnswer() throws {
    var session = try EngineFixture.session()
    for line in ["Ana", "1986-04-27", "yes", "2"] { _ = session.answer(line) }
    let evidence = Screening.evaluate(session).findings.first { $0.rule == "smoker" }?.evidence
    #expect(evidence?.map(\.citation) == [nil, nil])
    #expect(evidence?.map(\.question) == ["Smokes", "Packs a day"])
  }
}
