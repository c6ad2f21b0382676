import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A question for an audience is never shown where the audience's condition does not hold: proved
/// from its own `when` when that says so, else by path analysis, which gives a witness (IK311).
@Suite struct AudienceProofTests {
  static func files(pregnancyWhen: String, sexNext: String = "") -> InMemoryDialogFiles {
    InMemoryDialogFiles(
      root: "aud",
      files: [
        "dialog.yaml": """
        id: aud
        version: "1"
        title: Aud
        sections: [main.yaml]
        audiences:
          - id: can_be_pregnant
            when: sex != "male"
        """,
        "main.yaml": """
        section: main
        title: Main
        questions:
          - id: sex
            kind: choice
            text: What sex were you assigned at birth?
            options:
              - { id: female, text: "Female" }
              - { id: male, text: "Male" }
              - { id: intersex, text: "Intersex" }
        \(sexNext)
          - id: pregnant
            kind: yes_no
            audience: can_be_pregnant
        \(pregnancyWhen)
            text: Are you pregnant?
          - id: after
            kind: yes_no
            text: Anything else?
        """,
      ])
  }

  static func proved(_ when: String, sexNext: String = "") throws -> Bool {
    let dialog = try DialogLoader.load(files(pregnancyWhen: when, sexNext: sexNext))
    let audience = try #require(dialog.audiences["can_be_pregnant"])
    return AudienceProof.guardsImply("pregnant", audience.condition, in: dialog, today: TestSupport.fixedClock.today)
  }

  @Test func aWhenThatSaysSoIsAProofWithoutSearching() throws {
    #expect(try Self.proved("    when: sex != \"male\""))
    #expect(try Self.proved("    when: sex != \"male\" and answered(sex)"))
    // Another way of saying it: every value the answer can take is tried, missing too.
    #expect(try Self.proved("    when: sex in [\"female\", \"intersex\"]"))
    #expect(try !Self.proved("    when: sex != \"female\""))
    #expect(try !Self.proved("    when: not (sex == \"male\")"))  // true when sex is missing
    #expect(try !Self.proved(""))
  }

  @Test func aQuestionShownOutsideItsAudienceIsAnErrorWithAWitness() throws {
    let dialog = try DialogLoader.load(Self.files(pregnancyWhen: "    when: answered(sex)"))
    let analysis = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock)
    let found = analysis.diagnostics.filter { $0.code == .outsideAudience }
    #expect(
      found.map(\.description) == [
        "aud/main.yaml:12:9: error: [IK311] 'pregnant' is for audience 'can_be_pregnant' (sex != \"male\"), but an "
          + "answer sequence shows it where that does not hold: sex is \"male\"; make its 'when' (or the branches "
          + "that lead to it) keep everyone else away"
      ])
    let violation = try #require(analysis.violations.first { $0.code == .outsideAudience })
    #expect(violation.inputs == ["Male"] || violation.inputs == ["2"])
    // The witness replays to the question, asked of a man.
    let witness = analysis.transcript(for: violation.inputs, comment: "witness")
    #expect(witness.text.contains("Are you pregnant?"))
  }

  @Test func aBranchThatKeepsOthersAwayIsProvedBySearch() throws {
    let sexNext = """
          next:
            - when: sex == "male"
              goto: after
      """
    // The question's own `when` says nothing: only the branch keeps men away.
    #expect(try !Self.proved("", sexNext: sexNext))
    let dialog = try DialogLoader.load(Self.files(pregnancyWhen: "", sexNext: sexNext))
    let analysis = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock)
    #expect(analysis.diagnostics.filter { [.outsideAudience, .analysisUndecided].contains($0.code) }.isEmpty)
  }

  /// The shipped pregnancy questions say who they are for in their own `when`: proved without
  /// a search, so the lint costs `intake check` nothing measurable.
  @Test func theShippedAudiencesAreProvedWithoutSearching() throws {
    let dialog = try TestSupport.shippedDialog()
    let questions = dialog.questions.values.filter { $0.audience != nil }
    #expect(!questions.isEmpty)
    for question in questions {
      let audience = try #require(question.audience.flatMap { dialog.audiences[$0.value] })
      #expect(
        AudienceProof.guardsImply(question.id, audience.condition, in: dialog, today: TestSupport.fixedClock.today),
        "\(question.id)")
    }
  }
}
