import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct PathAnalysisTests {
  /// A planted semantically unreachable question ('ghost': its `when` can never hold) and a
  /// planted safety violation (the crisis screen sits in the flow after another question instead
  /// of interrupting at once).
  static let planted = InMemoryDialogFiles(
    root: "planted",
    files: [
      "dialog.yaml": """
      id: planted
      version: "1"
      title: Planted
      sections: [main.yaml]
      scoring: scoring.yaml
      safety:
        - id: crisis_first
          after: risk_high
          show: crisis
          alert: true
        - id: complete
          finished_includes: [name]
      """,
      "main.yaml": """
      section: main
      title: Main
      questions:
        - id: name
          kind: text
          text: Your name?
        - id: thoughts
          kind: yes_no
          text: Thoughts of harming yourself?
        - id: plan
          kind: yes_no
          when: thoughts == true
          text: Do you have a plan?
        - id: ghost
          kind: message
          when: thoughts == true and thoughts == false
          text: Nobody sees this.
        - id: anything
          kind: yes_no
          text: Anything else?
        - id: crisis
          kind: message
          when: risk_high
          text: Help is on the way.
      """,
      "scoring.yaml": """
      computed:
        - id: risk_high
          value: plan == true
      """,
    ])

  @Test func findsExactlyThePlantedProblemsWithAWitnessThatReplaysToTheViolation() throws {
    let dialog = try DialogLoader.load(Self.planted)
    let analysis = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock)
    #expect(
      analysis.diagnostics.map(\.description) == [
        "planted/main.yaml:14:9: warning: [IK304] no answer sequence shows 'ghost'",
        "planted/dialog.yaml:7:9: error: [IK310] safety property 'crisis_first' fails: when risk_high became true, the kiosk showed 'anything' instead of 'crisis'",
      ])
    let violation = try #require(analysis.violations.first)
    #expect(violation.inputs == ["Sam Example", "yes", "yes"])
    let witness = analysis.transcript(for: violation.inputs, comment: "witness")
    let replay = Replay(try Transcript.parse(witness.text, path: "w"), path: "w", dialog: dialog)
    #expect(replay.passed)
    // The transcript shows the violation: after the plan, the next screen is not the crisis one.
    #expect(witness.text.contains("Do you have a plan?\n  1. Yes\n  2. No\n> yes\n\nAnything else?"))
  }

  @Test func aDialogThatInterruptsAtOncePassesTheSameProperty() throws {
    var files = Self.planted
    files.files["main.yaml"] = files.files["main.yaml"]?.replacingOccurrences(
      of: "  - id: crisis\n    kind: message\n    when: risk_high\n    text: Help is on the way.", with: ""
    )
    .replacingOccurrences(
      of: "    when: thoughts == true and thoughts == false\n", with: "    when: thoughts == true\n")
    files.files["off.yaml"] =
      "section: off\ntitle: Off\nflow: false\nquestions:\n  - id: crisis\n    kind: message\n    text: Help is on the way.\n"
    files.files["dialog.yaml"] = files.files["dialog.yaml"]?.replacingOccurrences(
      of: "sections: [main.yaml]", with: "sections: [main.yaml, off.yaml]\nrules: rules.yaml")
    files.files["rules.yaml"] = """
      categories: [{ id: urgent, title: Urgent, rank: 1, outcome: See now. }]
      rules:
        - id: risk
          category: urgent
          when: risk_high
          escalate: { tier: 3, show: crisis, alert: true }
          finding: High risk.
      """
    let analysis = PathAnalysis(dialog: try DialogLoader.load(files), clock: TestSupport.fixedClock)
    #expect(analysis.diagnostics.map(\.description) == [])
  }

  @Test func witnessesTogetherCoverEverythingReachable() throws {
    let dialog = try EngineFixture.dialog()
    let analysis = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock)
    var coverage = Coverage(dialog: dialog)
    for witness in analysis.witnesses {
      coverage.record(
        Transcript.play(witness.inputs.map(KioskScreen.Input.line), dialog: dialog, clock: TestSupport.fixedClock)
          .session)
    }
    let targets = coverage.items.filter { [.node, .condition, .rule].contains($0.kind) }
    let missed = targets.filter { !coverage.covered.contains($0.key) }.map(\.key)
    #expect(missed == [])
    #expect(analysis.unreachable.isEmpty)
  }

  @Test func theShippedDialogHasNoUnreachableBranchesAndKeepsItsSafetyProperties() throws {
    let analysis = PathAnalysis(dialog: try TestSupport.shippedDialog(), clock: TestSupport.fixedClock)
    #expect(analysis.diagnostics.map(\.description) == [])
    #expect(analysis.undecided.isEmpty)
  }
}
