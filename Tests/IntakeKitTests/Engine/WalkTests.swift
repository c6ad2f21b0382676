import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A walk that takes up the last one (`WalkIndex`) must find exactly the path a walk from the
/// first question finds, whatever the patient does; and it must really be shorter.
@Suite struct WalkTests {
  /// Forward jumps, `when`s reading earlier answers and a computed total, a repeat group with a
  /// field shown only for some records, and a question that ends the dialog early.
  static let files = InMemoryDialogFiles(
    root: "walk",
    files: [
      "dialog.yaml": """
      id: walk
      version: "1"
      title: Walk
      sections: [main.yaml]
      scoring: scoring.yaml
      scales:
        - id: f
          options:
            - { id: a, text: Not at all, score: 0 }
            - { id: b, text: Several days, score: 1 }
            - { id: c, text: Most days, score: 2 }
      """,
      "scoring.yaml": """
      computed:
        - id: low_total
          value: sum(low1, low2)
      """,
      "main.yaml": """
      section: main
      title: Main
      questions:
        - id: smokes
          kind: yes_no
          label: Smokes
          text: Do you smoke?
          next:
            - when: smokes == false
              goto: low1
        - id: packs
          kind: integer
          label: Packs
          text: How many packs a day?
          min: 0
          max: 10
        - id: quit
          kind: yes_no
          label: Quit
          text: Would you like to stop?
          when: packs >= 2
        - id: low1
          kind: scale
          scale: f
          label: Low 1
          text: Low mood?
        - id: low2
          kind: scale
          scale: f
          label: Low 2
          text: Little interest?
        - id: meds
          kind: repeat
          label: Medicines
          text: Do you take any medicines?
          another: Any other medicine?
          record_label: "{med_name}"
          max_records: 3
          items:
            - id: med_name
              kind: text
              label: Medicine
              text: Which medicine?
            - id: med_daily
              kind: yes_no
              label: Daily
              text: Every day?
            - id: med_why
              kind: text
              label: Why
              text: What for?
              when: med_daily == false
        - id: follow
          kind: yes_no
          label: Follow-up
          text: May we call you?
          when: low_total >= 3
        - id: stop_here
          kind: yes_no
          label: Stop
          text: Stop here?
          end: true
          when: smokes == true and quit == false
        - id: last
          kind: text
          label: Anything else
          text: Anything else?
          required: false
      """,
    ])

  static func dialog(_ name: String) throws -> Dialog {
    switch name {
    case "shipped": return try TestSupport.shippedDialog()
    case "engine fixture": return try EngineFixture.dialog()
    case "loop":
      // A jump back: the stretch is asked again, and every walk starts from the first question.
      var files = Self.files
      files.files["main.yaml"]? += """

          - id: again
            kind: yes_no
            label: Again
            text: Go over your mood again?
            next:
              - when: again == true
                goto: low1
        """
      return try DialogLoader.load(files)
    default: return try DialogLoader.load(files)
    }
  }

  @Test func walksAreTakenUpUnlessAJumpGoesBack() throws {
    #expect(try Self.dialog("shipped").walkIndex?.resumable == true)
    #expect(try Self.dialog("walk").walkIndex?.resumable == true)
    // A jump to an ending outside the flow is last on the path.
    #expect(try Self.dialog("engine fixture").walkIndex?.resumable == true)
    #expect(try Self.dialog("loop").walkIndex?.resumable == false)
  }

  /// `intake check --no-paths` walks no session: its dialog is checked without a walk index (a
  /// tenth of the checks' work on 10,000 questions), reporting the same.
  @Test func aDialogCheckedOnlyToReportHasNoWalkIndex() throws {
    let indexed = DialogLoader.check(Self.files)
    let reported = DialogLoader.check(Self.files, indexesWalks: false)
    #expect(indexed.dialog?.walkIndex != nil)
    #expect(reported.dialog != nil)
    #expect(reported.dialog?.walkIndex == nil)
    #expect(reported.diagnostics == indexed.diagnostics)
  }

  @Test(arguments: ["walk", "shipped", "engine fixture", "loop"])
  func aWalkTakenUpIsTheWalkFromTheStart(name: String) throws {
    let dialog = try Self.dialog(name)
    let candidates = CandidateAnswers(dialog: dialog, today: TestSupport.fixedClock.today)
    var random = SplitMix(seed: 16)
    var steps = 0
    for _ in 0..<(name == "shipped" ? 12 : 40) {
      var resumed = Session(dialog: dialog, clock: TestSupport.fixedClock)
      var fromStart = resumed
      fromStart.resumesWalks = false
      var moves = 0
      while !resumed.isFinished, moves < 600 {
        moves += 1
        let roll = Int.random(in: 0..<100, using: &random)
        if roll < 6 {
          #expect(resumed.back() == fromStart.back())
        } else if roll < 12 {
          let answered = resumed.path.filter { resumed.answer(at: $0) != nil }
          if let cursor = answered.randomElement(using: &random) {
            #expect(resumed.revisit(cursor) == fromStart.revisit(cursor))
          }
        } else if roll < 16 {
          #expect(resumed.skip() == fromStart.skip())
        } else if let cursor = resumed.current {
          let options = candidates.candidates(at: cursor)
          guard let option = options.randomElement(using: &random) else { break }
          Self.type(option, into: &resumed)
          Self.type(option, into: &fromStart)
        }
        steps += 1
        try Self.expectSame(resumed, fromStart, after: steps)
      }
    }
  }

  /// An answer re-walks only the questions it can change, wherever it is in the dialog.
  @Test func anAnswerWalksOnlyWhatItCanChange() throws {
    let dialog = try Self.dialog("walk")
    var session = Session(dialog: dialog, clock: TestSupport.fixedClock)
    _ = session.submit("yes")
    // "2 packs" opens `quit`, two questions on: the walk goes from `packs` past `quit`.
    _ = session.submit("2")
    #expect(session.stepsWalkedLastTime == 2)
    _ = session.submit("yes")
    // `low1` is read by `follow`, four steps on (through the computed total).
    _ = session.submit("1")
    #expect(session.stepsWalkedLastTime == 4)
  }

  /// An answer at the frontier takes nothing off the path, and pruning looks at no answer; one
  /// that takes a question off the path has that question looked at, and its answer goes.
  @Test func pruningLooksOnlyAtAnswersThatLeftThePath() throws {
    let dialog = try Self.dialog("walk")
    var session = Session(dialog: dialog, clock: TestSupport.fixedClock)
    // The first answer's pruning looks at every answer (the walk before it began at the start).
    _ = session.submit("yes")
    let first = session.answersLookedAtPruning
    _ = session.submit("2")
    _ = session.submit("yes")
    #expect(session.current == .question("low1"))
    #expect(session.answersLookedAtPruning == first)
    // Fewer packs: `quit` is no longer asked, and its "yes" is not kept.
    let revisited = session.revisit(.question("packs"))
    #expect(revisited)
    _ = session.submit("1")
    #expect(session.answersLookedAtPruning > first)
    #expect(session.answer(at: .question("quit")) == nil)
    #expect(session.answer(at: .question("packs")) == .number(1))
  }

  /// A condition in the stretch an answer walks again is evaluated again only when it reads that
  /// answer: the others are as they came out before (`ConditionMemo`).
  @Test func anAnswerEvaluatesAgainOnlyTheConditionsReadingIt() throws {
    let dialog = try Self.dialog("walk")
    var session = Session(dialog: dialog, clock: TestSupport.fixedClock)
    // `smokes` is read by its own branch and by `stop_here`'s `when`; the stretch from one to the
    // other also holds `quit`'s and `follow`'s `when`s, which read other answers.
    _ = session.submit("yes")
    #expect(session.stepsWalkedLastTime == 8)
    #expect(session.conditionsEvaluatedLastTime == 2)
    // `packs` is read by `quit` only.
    _ = session.submit("2")
    #expect(session.conditionsEvaluatedLastTime == 1)
  }

  /// A condition reading the day (an age) is evaluated again on a new day, though none of the
  /// answers it reads has changed.
  @Test func aConditionReadingTheDayIsEvaluatedAgainOnANewDay() throws {
    let files = InMemoryDialogFiles(
      root: "day",
      files: [
        "dialog.yaml": """
        id: day
        version: "1"
        title: Day
        sections: [main.yaml]
        scoring: scoring.yaml
        """,
        "scoring.yaml": """
        computed:
          - id: years
            value: age(born)
        """,
        "main.yaml": """
        section: main
        title: Main
        questions:
          - id: born
            kind: date
            label: Born
            text: When were you born?
          - id: first
            kind: yes_no
            label: First
            text: First?
          - id: adult
            kind: yes_no
            label: Adult
            text: As an adult?
            when: years >= 18
          - id: again
            kind: yes_no
            label: Again
            text: Again?
            when: first == true
          - id: last
            kind: text
            label: Last
            text: Anything else?
            required: false
        """,
      ])
    let dialog = try DialogLoader.load(files)
    let instant = Box(TestSupport.fixedInstant)
    let clock = SessionClock(timeZone: TimeZone(identifier: "UTC") ?? .current) { instant.value }
    var resumed = Session(dialog: dialog, clock: clock)
    // Eighteen tomorrow (the clock stands at 2026-03-15).
    _ = resumed.submit("2008-03-16")
    #expect(!resumed.path.contains(.question("adult")))
    instant.value = TestSupport.fixedInstant.addingTimeInterval(24 * 60 * 60)
    // `first` is read by `again`: the walk goes again over `adult`, on the new day.
    _ = resumed.submit("yes")
    var fromStart = resumed
    fromStart.resumesWalks = false
    #expect(fromStart.path.contains(.question("adult")))
    #expect(resumed.path == fromStart.path)
  }

  /// A value the test changes under a session's clock.
  final class Box: @unchecked Sendable {
    var value: Date
    init(_ value: Date) { self.value = value }
  }

  /// As a patient would: a number asked back is confirmed.
  static func type(_ option: String, into session: inout Session) {
    if option == "skip" {
      _ = session.skip()
    } else if case .failure(let rejection) = session.submit(option), rejection.needsConfirmation,
      let first = rejection.readings.first
    {
      _ = session.submit(first.line, confirmed: true)
    }
  }

  static func expectSame(_ resumed: Session, _ fromStart: Session, after steps: Int) throws {
    let walk = resumed.walk()
    var fresh = resumed
    fresh.resumesWalks = false
    let full = fresh.walk()
    try #require(walk.cursors == full.cursors, "the path after \(steps) steps")
    #expect(walk.frontier == full.frontier)
    #expect(walk.frontierIndex == full.frontierIndex)
    #expect(walk.steps == full.steps)
    #expect(resumed.current == fromStart.current)
    try #require(resumed.answers == fromStart.answers, "the answers after \(steps) steps")
    #expect(resumed.visited == fromStart.visited)
    #expect(resumed.escalations.map(\.rule) == fromStart.escalations.map(\.rule))
    #expect(resumed.path == fromStart.path)
    // Path analysis asks how each condition came out without walking the whole path; coverage
    // logs them all along a walk that takes what the memo knows.
    let logged = fromStart.conditionOutcomes()
    #expect(resumed.conditionOutcomes() == logged, "the conditions logged after \(steps) steps")
    for question in resumed.dialog.questions.values {
      var sites = question.branches.indices.map { ConditionSite.branch(question.id, $0) }
      if question.when != nil { sites.append(.when(question.id)) }
      for site in sites {
        #expect(resumed.outcomes(at: site) == logged[site] ?? [], "\(site) after \(steps) steps")
      }
    }
  }
}
