import IntakeTestSupport
import Testing

@testable import IntakeKit

@Suite struct PathAnalysisTests {
  /// A planted semantically unreachable question ('ghost': its `when` can never hold, since
  /// `plan` is asked only when `thoughts` is true, which no range shows) and a
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
          when: plan == true and thoughts == false
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
        "planted/main.yaml:16:11: error: [IK304] no answer sequence shows 'ghost': its 'when' (plan == true and thoughts == false) is false on every path (path analysis tried every answer to the questions it depends on); fix the condition, or mark the question 'dormant: <why>' if that is meant",
        "planted/dialog.yaml:7:9: error: [IK310] safety property 'crisis_first' fails: when risk_high became true, the kiosk showed 'anything' instead of 'crisis'",
      ])
    let violation = try #require(analysis.violations.first)
    #expect(violation.inputs == ["I would rather talk about it in person.", "yes", "yes"])
    let witness = analysis.transcript(for: violation.inputs, comment: "witness")
    let replay = Replay(try Transcript.parse(witness.text, path: "w"), path: "w", dialog: dialog)
    #expect(replay.passed)
    // The transcript shows the violation: after the plan, the next screen is not the crisis one.
    #expect(witness.text.contains("Do you have a plan?\n  1. Yes\n  2. No\n>[plan] yes\n\nAnything else?"))
  }

  @Test func aDialogThatInterruptsAtOncePassesTheSameProperty() throws {
    var files = Self.planted
    files.files["main.yaml"] = files.files["main.yaml"]?.replacingOccurrences(
      of: "  - id: crisis\n    kind: message\n    when: risk_high\n    text: Help is on the way.", with: ""
    )
    .replacingOccurrences(
      of: "    when: plan == true and thoughts == false\n", with: "    when: thoughts == true\n")
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

  /// Dead code the author means (`dormant:`) is neither an error nor counted; dead code nothing
  /// marks is an error at its condition and counts as not covered.
  @Test func deadCodeIsAnErrorAndUncoveredUnlessMarkedDormant() throws {
    var files = Self.planted
    files.files["dialog.yaml"] = files.files["dialog.yaml"]?.replacingOccurrences(
      of: "safety:\n  - id: crisis_first\n    after: risk_high\n    show: crisis\n    alert: true\n", with: "safety:\n")
    let dead = try DialogLoader.load(files)
    let analysis = PathAnalysis(dialog: dead, clock: TestSupport.fixedClock)
    #expect(analysis.diagnostics.map(\.severity) == [.error])
    var coverage = Coverage(dialog: dead)
    coverage.exclude(provedBy: analysis)
    #expect(coverage.dead.contains("node:ghost"))
    #expect(coverage.missing.contains { $0.key == "node:ghost" })
    #expect(coverage.provedUnreachable.isEmpty)

    files.files["main.yaml"] = files.files["main.yaml"]?.replacingOccurrences(
      of: "    text: Nobody sees this.", with: "    text: Nobody sees this.\n    dormant: kept for the plan module")
    let meant = try DialogLoader.load(files)
    let quiet = PathAnalysis(dialog: meant, clock: TestSupport.fixedClock)
    #expect(quiet.diagnostics.isEmpty)
    var counted = Coverage(dialog: meant)
    counted.exclude(provedBy: quiet)
    #expect(counted.dead.isEmpty)
    #expect(counted.intended["node:ghost"] == "kept for the plan module")
    #expect(!counted.missing.contains { $0.key == "node:ghost" })
  }

  /// What the clinic's settings switch off is proved by the settings alone, with no search: a
  /// rule whose condition folds to false, its psychiatrist question, and a question whose `when`
  /// folds to false with its options. An author's `dormant:` is no proof: it is left for path
  /// analysis, and left missing until then.
  @Test func whatTheSettingsSwitchOffIsLeftOutWithoutPathAnalysis() throws {
    var files = Self.planted
    files.files["main.yaml"] = files.files["main.yaml"]?.replacingOccurrences(
      of: "    text: Nobody sees this.", with: "    text: Nobody sees this.\n    dormant: kept for the plan module"
    )
    .replacingOccurrences(
      of: "  - id: anything\n",
      with: "  - id: extra\n    kind: yes_no\n    when: offer_extra\n    text: One more?\n"
        + "  - id: anything\n")
    files.files["dialog.yaml"] = files.files["dialog.yaml"]?.replacingOccurrences(
      of: "scoring: scoring.yaml", with: "scoring: scoring.yaml\nrules: rules.yaml\nsettings: settings.yaml")
    files.files["settings.yaml"] = "settings:\n  - id: offer_extra\n    value: false\n"
    files.files["rules.yaml"] = """
      categories: [{ id: review, title: Review, rank: 1, outcome: Review. }]
      rules:
        - id: extra_plan
          category: review
          when: offer_extra and plan == true
          finding: A plan, asked again.
          questions:
            - Ask again.
      """
    let dialog = try DialogLoader.load(files)
    var coverage = Coverage(dialog: dialog)
    coverage.excludeSettled(in: dialog)
    let settled = [
      "node:extra", "option:extra=yes", "option:extra=no", "when:extra=true", "rule:extra_plan=fired",
      "question:extra_plan#0=produced",
    ]
    #expect(coverage.provedUnreachable.map(\.key).sorted() == settled.sorted())
    for key in settled { #expect(coverage.intended[key] == "the clinic's settings turn it off") }
    #expect(coverage.missing.contains { $0.key == "node:ghost" })
    #expect(coverage.missing.contains { $0.key == "rule:extra_plan=not-fired" })

    // The analysis adds what it proves to what the settings proved.
    coverage.exclude(
      provedBy: PathAnalysis(
        dialog: dialog, clock: TestSupport.fixedClock, proving: Set(coverage.missing.map(\.key))))
    #expect(coverage.intended["node:ghost"] == "kept for the plan module")
    #expect(coverage.intended["rule:extra_plan=fired"] == "the clinic's settings turn it off")
    #expect(!coverage.missing.contains { $0.key == "node:ghost" })
  }

  /// The settings prove only what can never happen whatever is answered: a rule whose condition
  /// always holds still goes unfired where a rule that replaces it fires, and a screen whose
  /// `when` the settings turn off is still shown when an escalation shows it.
  @Test func theSettingsProveNeitherAReplacedRuleUnfiredNorAnEscalationsScreenUnseen() throws {
    var files = Self.planted
    files.files["dialog.yaml"] = files.files["dialog.yaml"]?.replacingOccurrences(
      of: "scoring: scoring.yaml", with: "scoring: scoring.yaml\nrules: rules.yaml\nsettings: settings.yaml")
    files.files["settings.yaml"] = "settings:\n  - id: offer_extra\n    value: false\n"
    files.files["main.yaml"] = files.files["main.yaml"]?.replacingOccurrences(
      of: "  - id: crisis\n    kind: message\n    when: risk_high\n",
      with: "  - id: crisis\n    kind: message\n    when: offer_extra\n")
    files.files["rules.yaml"] = """
      categories: [{ id: review, title: Review, rank: 1, outcome: Review. }]
      rules:
        - id: always
          category: review
          when: not offer_extra
          finding: Always.
        - id: planned
          category: review
          when: plan == true
          replaces: [always]
          escalate: { tier: 3, show: crisis, alert: true }
          finding: A plan.
      """
    let dialog = try DialogLoader.load(files)
    #expect(!Dormancy.isSettled("rule:always=not-fired", in: dialog))
    #expect(!Dormancy.isSettled("node:crisis", in: dialog))
    // What the settings do prove is still proved.
    #expect(Dormancy.isSettled("when:crisis=true", in: dialog))
    var coverage = Coverage(dialog: dialog)
    coverage.excludeSettled(in: dialog)
    #expect(coverage.missing.contains { $0.key == "rule:always=not-fired" })
    #expect(coverage.missing.contains { $0.key == "node:crisis" })
  }

  /// `dormant:` on something a journey reaches switches nothing off: said, since an author may
  /// have meant it as a switch.
  @Test func aDormantRuleThatCanFireIsWarnedAbout() throws {
    var files = Self.planted
    files.files["main.yaml"] = files.files["main.yaml"]?.replacingOccurrences(
      of: "    when: plan == true and thoughts == false\n", with: "    when: thoughts == true\n")
    files.files["dialog.yaml"] = files.files["dialog.yaml"]?.replacingOccurrences(
      of: "scoring: scoring.yaml", with: "scoring: scoring.yaml\nrules: rules.yaml")
    files.files["rules.yaml"] = """
      categories: [{ id: review, title: Review, rank: 1, outcome: Review. }]
      rules:
        - id: has_plan
          category: review
          when: plan == true
          finding: A plan.
          dormant: not switched on at this clinic yet
      """
    let analysis = PathAnalysis(dialog: try DialogLoader.load(files), clock: TestSupport.fixedClock)
    let warned = analysis.diagnostics.filter { $0.code == .dormantButReachable }.map(\.message)
    #expect(warned.count == 1, "\(analysis.diagnostics.map(\.description))")
    #expect(warned.first?.hasPrefix("rule 'has_plan' is marked dormant but can fire") == true)
  }

  /// Past its time or memory, the analysis ends and says what it could not decide: never a
  /// process that runs on and on or fills the machine.
  @Test func theAnalysisEndsAtItsLimitsAndSaysWhatIsUndecided() throws {
    let dialog = try EngineFixture.dialog()
    let timed = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock, limits: .init(seconds: 0))
    #expect(timed.stoppedBy == "its time limit of 0 s")
    #expect(!timed.undecided.isEmpty)
    #expect(
      timed.diagnostics.contains { $0.message.hasPrefix("path analysis could not decide within its time limit of 0 s") }
    )
    let small = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock, limits: .init(megabytes: 1))
    #expect(small.stoppedBy == "its memory limit of 1 MiB")
    let ample = PathAnalysis(dialog: dialog, clock: TestSupport.fixedClock)
    #expect(ample.stoppedBy == nil && ample.undecided.isEmpty)
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

extension PathAnalysisTests {
  /// `next:`: at the answer that makes the condition true, the flow's own next question is the one
  /// named (a way home the clinic cannot accept is answered at once with the chance to change it).
  static func transport(changeWhen: String) -> InMemoryDialogFiles {
    InMemoryDialogFiles(
      root: "transport",
      files: [
        "dialog.yaml": """
        id: t
        version: "1"
        title: T
        sections: [main.yaml]
        safety:
          - id: transport_told
            after: ride == "drive"
            next: change
        """,
        "main.yaml": """
        section: main
        title: Main
        questions:
          - id: ride
            kind: choice
            text: How will you get home?
            options: [{ id: adult, text: "An adult drives me" }, { id: drive, text: "I drive myself" }]
          - id: name
            kind: text
            when: ride == "adult"
            text: Who drives you?
          - id: change
            kind: yes_no
            when: \(changeWhen)
            text: The clinic cannot let you drive. Will you change your plan?
          - id: done
            kind: message
            text: Done.
        """,
      ])
  }

  @Test func aQuestionThatMustComeNextIsProvedOrItsWitnessFound() throws {
    let told = PathAnalysis(
      dialog: try DialogLoader.load(Self.transport(changeWhen: "ride == \"drive\"")), clock: TestSupport.fixedClock)
    #expect(told.violations.isEmpty)
    // A slip in the condition (the question asked of the wrong plan) fails, with the answers.
    let slipped = PathAnalysis(
      dialog: try DialogLoader.load(Self.transport(changeWhen: "ride == \"adult\"")), clock: TestSupport.fixedClock)
    #expect(slipped.violations.map(\.property) == ["transport_told"])
    #expect(slipped.violations.first?.inputs == ["2"] || slipped.violations.first?.inputs == ["I drive myself"])
    #expect(
      slipped.diagnostics.map(\.description).contains {
        $0.contains(
          "safety property 'transport_told' fails: when ride == \"drive\" became true, the kiosk showed 'done'")
      })
  }
}

extension PathAnalysisTests {
  /// A safety property naming no question is one error at the name, whether it is a `next:`
  /// question or a `show:` screen (which is not reported twice).
  @Test(arguments: ["next", "show"])
  func aSafetyPropertyNamingNoQuestionIsOneError(key: String) throws {
    var files = Self.transport(changeWhen: "ride == \"drive\"")
    files.files["dialog.yaml"] = files.files["dialog.yaml"]?.replacingOccurrences(
      of: "next: change", with: "\(key): chnage")
    let errors = DialogLoader.check(files).diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.description))")
    #expect(errors.first?.message.contains("'chnage'") == true)
  }
}
