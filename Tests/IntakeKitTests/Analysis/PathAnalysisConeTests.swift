import IntakeTestSupport
import Testing

@testable import IntakeKit

/// What a target's search varies: in a dialog whose jumps all go forward, only the branches that
/// can skip what the target reads (or the target itself) are varied; one that skips only
/// questions nothing there reads takes its default.
@Suite struct PathAnalysisConeTests {
  /// `first`, then `count` pairs of a yes/no whose yes jumps over the question after it, then
  /// `last`; a rule reading `first` and `last`. `skipping` names a pair's branch that jumps over
  /// `last` instead (when its answer is `when`).
  static func dialog(count: Int, skipping: Int? = nil, when answer: Bool = true, lastWhen: String? = nil) throws
    -> Dialog
  {
    var questions = ["  - { id: first, kind: yes_no, text: First? }"]
    for index in 1...count {
      let target = index == skipping ? "after" : (index == count ? "last" : "b\(index + 1)")
      questions += [
        "  - id: b\(index)",
        "    kind: yes_no",
        "    text: Branch \(index)?",
        "    next:",
        "      - when: b\(index) == \(answer)",
        "        goto: \(target)",
        "  - { id: f\(index), kind: yes_no, text: Filler \(index)? }",
      ]
    }
    questions += [
      "  - { id: last, kind: yes_no, text: Last?\(lastWhen.map { ", when: \"\($0)\"" } ?? "") }",
      "  - { id: after, kind: yes_no, text: After? }",
    ]
    return try DialogLoader.load(
      InMemoryDialogFiles(
        root: "cone",
        files: [
          "dialog.yaml": "id: cone\nversion: \"1\"\ntitle: Cone\nsections: [main.yaml]\nrules: rules.yaml",
          "main.yaml": "section: main\ntitle: Main\nquestions:\n" + questions.joined(separator: "\n") + "\n",
          "rules.yaml": """
          categories: [{ id: review, title: Review, rank: 1, outcome: Review. }]
          rules:
            - id: both
              category: review
              when: first == true and last == true
              finding: Both.
          """,
        ]))
  }

  /// Thirty branches that jump only over fillers, and a rule no journey fires (`last` is asked
  /// only when `first` is no): proving it takes a handful of states. Varying every branch
  /// (2^30 journeys to rule out) ran out of its budget and left the rule undecided.
  @Test func branchesThatSkipNothingTheRuleReadsAreNotVaried() throws {
    let dialog = try Self.dialog(count: 30, lastWhen: "first == false")
    let analysis = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock, budget: 2_000)
    #expect(analysis.undecided.map(\.key) == [])
    #expect(analysis.unreachable.map(\.key) == ["rule:both=fired"])
    #expect(analysis.statesExplored < 5_000)
  }

  /// A branch that can jump over what the rule reads is still varied, whichever answer takes it
  /// (so whichever answer is the default): the rule is found by the journey that does not jump.
  @Test(arguments: [true, false]) func aBranchThatCanSkipWhatTheRuleReadsIsVaried(_ answer: Bool) throws {
    let analysis = PathAnalysis(
      dialog: try Self.dialog(count: 8, skipping: 5, when: answer), clock: TestSupport.fixedClock, budget: 2_000)
    #expect(analysis.undecided.map(\.key) == [])
    #expect(analysis.unreachable.map(\.key) == [])
    #expect(analysis.witnesses.contains { $0.target == "rule:both=fired" })
  }
}
