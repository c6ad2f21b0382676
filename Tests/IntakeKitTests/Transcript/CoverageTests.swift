import IntakeTestSupport
import Testing

@testable import IntakeKit

/// Coverage of the engine fixture, counted by hand: 16 questions; 12 options (smokes 2, mood 3,
/// dark 3, ride 2, the medicines gate 2); 3 conditions seen both ways (dob's branch, packs' when,
/// ride's branch) = 6; 4 rules fired and not = 8; 4 psychiatrist questions produced and not = 8.
@Suite struct CoverageTests {
  func session(_ inputs: [String]) throws -> Session {
    Transcript.play(
      inputs.map(KioskScreen.Input.line), dialog: try EngineFixture.dialog(), clock: TestSupport.fixedClock
    )
    .session
  }

  @Test func oneJourney() throws {
    var coverage = Coverage(dialog: try EngineFixture.dialog())
    #expect(coverage.items.count == 50)
    coverage.record(try session(ReplayTests.inputs.compactMap { if case .line(let text) = $0 { text } else { nil } }))
    #expect(coverage.counts(.node) == (12, 16))
    #expect(coverage.counts(.option) == (5, 12))
    #expect(coverage.counts(.condition) == (3, 6))
    #expect(coverage.counts(.rule) == (4, 8))
    #expect(coverage.counts(.question) == (4, 8))
    #expect(coverage.coveredCount == 28)
    #expect(coverage.percent == 56)
    let missing = coverage.missing.map(\.description)
    #expect(missing.contains("'crisis' never shown"))
    #expect(missing.contains("branch 1 of 'ride' (ride == \"self\") never true"))
    #expect(missing.contains("rule 'sedative' never fired"))
    #expect(coverage.missing.first { $0.key == "when:packs=false" }?.location.description == "fixture/main.yaml:23:11")
  }

  @Test func twoJourneysAddUp() throws {
    var coverage = Coverage(dialog: try EngineFixture.dialog())
    coverage.record(try session(["Ana", "1986-04-27", "yes", "2", "1", "2", "1", "Sam", "120/80", "no", "", ""]))
    // A non-smoker at risk who drives, takes a sedative, and ends with the crisis screen shown.
    coverage.record(
      try session(["Bo", "1990-01-01", "no", "3", "3", "", "2", "130/85", "yes", "ativan", "1 mg", "no", "", ""]))
    #expect(coverage.counts(.node) == (15, 16))  // only 'minor' never shown
    #expect(coverage.counts(.condition) == (5, 6))  // the under-18 branch never true
    #expect(coverage.counts(.rule) == (8, 8))
    #expect(coverage.missing.map(\.key).contains("rule:smoker=fired") == false)
    #expect(coverage.missing.map(\.key).contains("rule:self_drive=not-fired") == false)
  }

  /// The rules' keys worked out once for many journeys (as `intake test` does) are the rules'
  /// keys of each journey's items together: a rule fired on some journey, and left unfired on
  /// some journey, counts both ways.
  @Test func rulesGatheredOnceAreEachJourneysRules() throws {
    let sessions = [
      try session(["Ana", "1986-04-27", "yes", "2", "1", "2", "1", "Sam", "120/80", "no", "", ""]),
      try session(["Bo", "1990-01-01", "no", "3", "3", "", "2", "130/85", "yes", "ativan", "1 mg", "no", "", ""]),
    ]
    let dialog = try EngineFixture.dialog()
    let fired = sessions.map { Set(Screening.evaluate($0).findings.map(\.rule)) }
    // The journeys differ in what they fire, or the test would not tell union from intersection.
    #expect(fired[0] != fired[1])
    var each = Set<String>()
    for (session, rules) in zip(sessions, fired) { each.formUnion(Coverage.items(coveredBy: session, fired: rules)) }
    var once = Coverage.ruleItems(
      of: dialog, firedOnSome: fired[0].union(fired[1]), firedOnEvery: fired[0].intersection(fired[1]))
    for session in sessions { once.formUnion(Coverage.pathItems(coveredBy: session)) }
    #expect(once == each)
  }
}
