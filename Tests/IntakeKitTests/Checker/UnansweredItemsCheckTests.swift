import IntakeKit
import Testing

/// IK208: an instrument's total may not give a score in place of an unanswered item unless the
/// instrument says why (`unasked_items`). A total that is missing without the item, or that
/// three-valued logic settles whatever the item's answer, invents nothing.
@Suite struct UnansweredItemsCheckTests {
  static let manifest = """
    id: fixture
    version: "1"
    title: Fixture
    sections: [main.yaml]
    scoring: scoring.yaml
    """

  static let questions = """
    section: main
    title: Main
    questions:
      - id: gate
        kind: yes_no
        text: Do you use it?
      - id: often
        kind: yes_no
        when: gate == true
        text: Do you use it often?
      - id: again
        kind: yes_no
        when: gate == true
        text: Did you use it again?
    """

  /// The diagnostics for a scoring file whose one instrument, `screen`, has the total `value`.
  static func printed(total value: String, extra: String = "") -> [String] {
    let scoring = """
      computed:
        - id: screen_total
          value: "\(value)"
      instruments:
        - id: screen
          title: Screen
          items: [gate, often, again]
          total: screen_total
          max: 3
          bands: [{ min: 0, max: 3, label: any }]
      \(extra)
      """
    return CheckerFixture.check(Self.questions, files: ["scoring.yaml": scoring], manifest: Self.manifest)
      .diagnostics.filter { $0.severity == .error }.map(\.description)
  }

  @Test func aFallbackForAnItemIsReportedAtTheTotal() {
    let printed = Self.printed(total: "count_true(gate == true, coalesce(often, false), again == true)")
    #expect(printed.count == 1)
    #expect(printed.first?.hasPrefix("d/scoring.yaml:8:12: error: [IK208]") == true, "\(printed)")
    #expect(printed.first?.contains("'often' is not answered") == true)
    #expect(printed.first?.contains("coalesce(often, false) at d/scoring.yaml:3:") == true, "\(printed)")
  }

  @Test func aFallbackOrAnAnsweredTestAnywhereTheTotalReadsIsReported() {
    let answeredTest = Self.printed(total: "count_true(gate == true, answered(often) and often, again == true)")
    #expect(answeredTest.count == 1)
    #expect(answeredTest.first?.contains("[IK208]") == true)
    #expect(answeredTest.first?.contains("'often'") == true)
    let numbers = Self.printed(total: "sum(count_true(gate == true), coalesce(count_true(often, again), 0))")
    #expect(numbers.count == 2)
    #expect(numbers.allSatisfy { $0.contains("[IK208]") })
    // Through another computed value.
    let scoring = """
      computed:
        - { id: often_point, value: "coalesce(often, false)" }
        - { id: screen_total, value: "count_true(gate == true, often_point, again == true)" }
      instruments:
        - { id: screen, title: Screen, items: [gate, often, again], total: screen_total, max: 3, bands: [] }
      """
    let through = CheckerFixture.check(Self.questions, files: ["scoring.yaml": scoring], manifest: Self.manifest)
      .diagnostics.map(\.description)
    #expect(through.count == 1, "\(through)")
    #expect(through.first?.contains("[IK208]") == true)
    #expect(through.first?.contains("'often'") == true)
  }

  @Test func aTotalThatIsMissingWithoutAnItemOrSettledWhateverItsAnswerIsAccepted() {
    #expect(Self.printed(total: "count_true(gate == true, often == true, again == true)").isEmpty)
    #expect(Self.printed(total: "count_true(gate == true, gate == true and often, gate == true and again)").isEmpty)
    #expect(Self.printed(total: "count_true(gate == true or often == true, again == true)").isEmpty)
    // A fallback only for a value that is there anyway.
    #expect(Self.printed(total: "sum(count_true(gate, often, again), coalesce(count_true(gate), 0))").isEmpty)
  }

  @Test func anItemListedWithAReasonIsAccepted() {
    let why = """
          unasked_items:
            items: [often, again]
            why: Asked only after a yes to the gate; not asked, they score 0.
      """
    #expect(
      Self.printed(
        total: "count_true(gate == true, coalesce(often, false), coalesce(again, false))", extra: why
      ).isEmpty)
    let onlyOne = """
          unasked_items:
            items: [often]
            why: Asked only after a yes to the gate; not asked, it scores 0.
      """
    let printed = Self.printed(
      total: "count_true(gate == true, coalesce(often, false), coalesce(again, false))", extra: onlyOne)
    #expect(printed.count == 1)
    #expect(printed.first?.contains("'again' is not answered") == true)
  }

  @Test func unaskedItemsNameTheInstrumentsItemsAndSayWhy() {
    let notAnItem = """
          unasked_items:
            items: [elsewhere]
            why: A reason.
      """
    let printed = Self.printed(total: "count_true(gate, often, again)", extra: notAnItem)
    #expect(printed.contains { $0.contains("[IK105]") && $0.contains("'elsewhere'") }, "\(printed)")
    let noReason = """
          unasked_items:
            items: [often]
      """
    #expect(Self.printed(total: "count_true(gate, often, again)", extra: noReason).contains { $0.contains("[IK103]") })
  }
}
