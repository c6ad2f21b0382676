import Testing

@testable import IntakeKit

/// A repeat group's `carry` names an earlier repeat group, and its condition and line read that
/// group's records; `ongoing()` takes a duration that can be "still taking it"; a length budget
/// counts screens.
@Suite struct RepeatCarryCheckTests {
  static func section(from: String = "trials", when: String = "ongoing(trial_weeks)", line: String = "{trial_drug}")
    -> String
  {
    """
    section: main
    title: Main
    questions:
      - id: trials
        kind: repeat
        text: Trials?
        another: Another?
        items:
          - { id: trial_drug, kind: text, text: Name? }
          - { id: trial_weeks, kind: duration, unit: weeks, ongoing: still taking it, text: How long? }
      - id: meds
        kind: repeat
        text: Medicines now?
        another: Another?
        carry: { from: \(from), when: "\(when)", line: "\(line)" }
        items:
          - { id: med_name, kind: text, text: Name? }
    """
  }

  @Test func aCarryFromAnEarlierGroupChecksClean() {
    #expect(CheckerFixture.printed(Self.section()) == [])
  }

  @Test func aCarryMustNameAnotherRepeatGroup() {
    #expect(
      CheckerFixture.printed(Self.section(from: "trial_drug", when: "answered(trial_drug)")).contains(
        "d/main.yaml:15:20: error: [IK105] 'carry' of 'meds' must name another repeat group, not 'trial_drug'"))
  }

  @Test func itsLineReadsTheEarlierGroupsFields() {
    #expect(
      CheckerFixture.printed(Self.section(line: "{med_name}")).contains {
        $0.contains("[IK105]") && $0.contains("med_name")
      })
  }

  @Test func ongoingTakesADurationThatCanBeStillGoingOn() {
    #expect(
      CheckerFixture.printed(Self.section(when: "ongoing(trial_drug)")).contains {
        $0.contains("[IK201] ongoing() takes a duration question that has 'ongoing'")
      })
  }

  @Test func aLengthBudgetCountsScreens() {
    let manifest = CheckerFixture.manifest + "\nlength_budget: { max_screens: 0 }"
    #expect(
      CheckerFixture.printed(
        "section: main\ntitle: Main\nquestions:\n  - { id: q, kind: text, text: Q? }", manifest: manifest
      )
      .contains { $0.contains("a length budget counts screens: 1 or more") })
    let empty = CheckerFixture.manifest + "\nlength_budget: {}"
    #expect(
      CheckerFixture.printed(
        "section: main\ntitle: Main\nquestions:\n  - { id: q, kind: text, text: Q? }", manifest: empty
      )
      .contains { $0.contains("length_budget needs 'max_screens', 'median_screens' or both") })
  }

  @Test func aUnitShownBesideMustBeOneTheQuestionAccepts() {
    let main = """
      section: main
      title: Main
      questions:
        - { id: weight, kind: decimal, unit: lb, other_units: { kg: 2.20462 }, show_also: stone, text: Weight? }
      """
    #expect(
      CheckerFixture.printed(main).contains {
        $0.contains("[IK105] show_also 'stone' of question 'weight' must be one of its other_units")
      })
  }

  /// A medicine's amount cannot be authored as a number converted to one unit (25 mcg kept as
  /// milligrams): the checker sends the author to `kind: dose`.
  @Test func doseUnitsOnANumberAreRefusedWithTheKindToUse() {
    let printed = CheckerFixture.printed(
      """
      section: main
      title: Main
      questions:
        - { id: fentanyl_dose, kind: decimal, unit: mg, other_units: { mcg: 0.001 }, text: How much fentanyl? }
        - { id: drinks, kind: integer, unit: units, text: Units of alcohol a week? }
        - { id: weight, kind: decimal, unit: lb, other_units: { kg: 2.20462 }, text: Weight? }
      """)
    #expect(printed.count == 1, "\(printed)")
    #expect(
      printed.first?.contains(
        "error: [IK106] 'mg' is a unit of a medicine's amount: question 'fentanyl_dose' is a number converted to its 'unit'"
      ) == true, "\(printed)")
    #expect(printed.first?.contains("Use 'kind: dose'") == true)
  }
}
