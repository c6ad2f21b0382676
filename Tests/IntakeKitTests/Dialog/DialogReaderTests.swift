import IntakeKit
import Testing

/// The section files, the scoring and the rules are read each on its own (on every core) and
/// then taken in the manifest's order: what meets across files must read as reading in order
/// reads it, at the later file, naming the earlier.
@Suite struct DialogReaderTests {
  static let manifest = """
    id: fixture
    version: "1"
    title: Fixture
    sections: [main.yaml, more.yaml]
    """

  static let main = """
    section: main
    title: Main
    questions:
      - id: q
        kind: yes_no
        text: One?
      - id: pet
        kind: choice
        text: Which pet?
        options:
          - { id: cat, text: Cat }
          - { id: other, text: Something else, specify: Which? }
    """

  /// The second section file, asking one question (written as a flow mapping, at line 4).
  static func more(asking question: String) -> String {
    "section: more\ntitle: More\nquestions:\n  - \(question)\n"
  }

  static func printed(more: String, files extra: [String: String] = [:], manifest: String = manifest) -> [String] {
    CheckerFixture.printed(main, files: ["more.yaml": more].merging(extra) { $1 }, manifest: manifest)
  }

  @Test func aQuestionIDUsedInAnEarlierFileIsReportedAtTheLaterNamingTheEarlier() {
    #expect(
      Self.printed(more: Self.more(asking: "{id: q, kind: yes_no, text: Two?}"))
        == ["d/more.yaml:4:10: error: [IK104] id 'q' is already used at d/main.yaml:4:9; ids must be unique"])
  }

  @Test func aQuestionNamedLikeAnEarlierFilesFollowUpIsReported() {
    #expect(
      Self.printed(more: Self.more(asking: "{id: pet_other, kind: text, text: Which one?}"))
        == [
          "d/more.yaml:4:10: error: [IK104] id 'pet_other' is already used at d/main.yaml:12:53; ids must be unique"
        ])
  }

  @Test func aSectionDeclaredInTwoFilesIsReportedOnce() {
    let printed = Self.printed(
      more: """
        section: main
        title: Main again
        questions:
          - id: r
            kind: yes_no
            text: Three?
        """)
    #expect(printed == ["d/more.yaml:1:10: error: [IK104] section 'main' is declared twice"])
  }

  @Test func aComputedValueNamedLikeAQuestionOrASettingIsReported() {
    let manifest = Self.manifest + "\nsettings: settings.yaml\nscoring: scoring.yaml\n"
    let printed = Self.printed(
      more: Self.more(asking: "{id: r, kind: yes_no, text: Three?}"),
      files: [
        "settings.yaml": "settings:\n  - {id: clinic_open, value: 'true'}\n",
        "scoring.yaml": """
        computed:
          - {id: q, value: 'r == true'}
          - {id: clinic_open, value: 'r == false'}
          - {id: either, value: 'r == true or q == true'}
        """,
      ], manifest: manifest)
    #expect(
      printed == [
        "d/scoring.yaml:2:10: error: [IK104] id 'q' is already used; ids must be unique",
        "d/scoring.yaml:3:10: error: [IK104] id 'clinic_open' is already used; ids must be unique",
      ])
  }

  @Test func filesReadApartKeepEverythingTheyHold() throws {
    let manifest = Self.manifest + "\nscoring: scoring.yaml\nrules: rules.yaml\n"
    let outcome = CheckerFixture.check(
      Self.main,
      files: [
        "more.yaml": Self.more(asking: "{id: r, kind: yes_no, text: Three?}"),
        "scoring.yaml": "computed:\n  - {id: both, value: 'q == true and r == true'}\n",
        "rules.yaml": """
        categories:
          - {id: a, title: A, rank: 1, outcome: proceed}
        rules:
          - {id: both_yes, category: a, when: both, finding: Both}
        """,
      ], manifest: manifest)
    #expect(outcome.errors.isEmpty, "\(outcome.diagnostics)")
    let dialog = try #require(outcome.dialog)
    #expect(dialog.sections.map(\.id) == ["main", "more"])
    #expect(dialog.flow == ["q", "pet", "pet_other", "r"])
    #expect(dialog.computed["both"] != nil)
    #expect(dialog.rules.map(\.id) == ["both_yes"])
    #expect(dialog.categories.map(\.id) == ["a"])
  }
}
