import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The shipped dialog's instruments against their published scoring (CLINICAL.md §3), evaluating
/// the dialog's own declarations over constructed answers.
@Suite struct InstrumentScoringTests {
  let dialog: Dialog

  init() throws { dialog = try TestSupport.shippedDialog() }

  func value(_ id: String, _ values: [String: Value]) throws -> Value {
    var answers = Answers()
    answers.values = values
    let computed = try #require(dialog.computed[id])
    return Evaluator(dialog: dialog, answers: answers, today: TestSupport.fixedClock.today).value(computed.expression)
  }

  func band(_ instrument: String, _ total: Double) -> String? {
    dialog.instruments.first { $0.id == instrument }?.band(for: total)?.label
  }

  // GAD-7: 7 items 0-3, bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe [S65].
  @Test(arguments: [
    (0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate (further evaluation)"),
    (14, "Moderate (further evaluation)"), (15, "Severe"), (21, "Severe"),
  ])
  func gad7(total: Int, expected: String) throws {
    var values: [String: Value] = [:]
    var remaining = total
    for item in 1...7 {
      let score = min(3, remaining)
      values["gad7_\(item)"] = .number(Double(score))
      remaining -= score
    }
    #expect(try value("gad7_total", values) == .number(Double(total)))
    #expect(band("gad7", Double(total)) == expected)
  }

  // AUDIT-C: 0-12; positive at 4 or more for men, 3 or more for women [S66b]; never-drinkers score 0
  // on items 2-3; all points from item 1 only: probably within limits [S66a].
  @Test func auditC() throws {
    func audit(_ sex: String, _ one: Double, _ two: Double?, _ three: Double?) throws -> (Value, Value, Value) {
      var values: [String: Value] = ["sex_at_birth": .choice(sex), "audit_1": .number(one)]
      if let two { values["audit_2"] = .number(two) }
      if let three { values["audit_3"] = .number(three) }
      return (
        try value("audit_c_total", values), try value("audit_c_positive", values),
        try value("audit_c_item1_only", values)
      )
    }
    #expect(try audit("female", 0, nil, nil) == (.number(0), .bool(false), .bool(false)))
    #expect(try audit("female", 2, 1, 0) == (.number(3), .bool(true), .bool(false)))
    #expect(try audit("male", 2, 1, 0) == (.number(3), .bool(false), .bool(false)))
    #expect(try audit("male", 2, 1, 1) == (.number(4), .bool(true), .bool(false)))
    #expect(try audit("intersex", 3, 0, 0) == (.number(3), .bool(true), .bool(true)))
    #expect(try audit("male", 4, 0, 0) == (.number(4), .bool(true), .bool(true)))
    #expect(try audit("male", 4, 4, 4) == (.number(12), .bool(true), .bool(false)))
  }

  // DAST-10: one point per yes, item 3 scores on a no; bands 0, 1-2, 3-5, 6-8, 9-10 [S67a].
  @Test func dast10() throws {
    func dast(_ answers: [Bool]) throws -> Value {
      var values: [String: Value] = [:]
      for (index, yes) in answers.enumerated() { values["dast_\(index + 1)"] = .bool(yes) }
      return try value("dast_total", values)
    }
    #expect(try dast([false]) == .number(0))  // item 1 no: the rest are not asked
    #expect(try dast([true, false, true, false, false, false, false, false, false, false]) == .number(1))
    #expect(try dast([true, false, false, false, false, false, false, false, false, false]) == .number(2))
    #expect(try dast([true, true, false, true, true, true, true, true, true, true]) == .number(10))
    // After a yes to item 1 the rest are asked: two answered is no total, not 2 of 10.
    #expect(try dast([true, true]) == .missing)
    #expect(try dast([true, true, false, true, true, true, true, true, true]) == .missing)
    #expect(band("dast10", 0) == "No problems reported")
    #expect(band("dast10", 2) == "Low")
    #expect(band("dast10", 3) == "Moderate")
    #expect(band("dast10", 8) == "Substantial")
    #expect(band("dast10", 9) == "Severe")
  }

  // PC-PTSD-5: one point per yes; an item not answered is no total, never a "no" [Prins 2016].
  @Test func pcPTSD5() throws {
    var values: [String: Value] = [:]
    for item in 1...5 { values["pc_ptsd_\(item)"] = .bool(item <= 3) }
    #expect(try value("pc_ptsd_total", values) == .number(3))
    values["pc_ptsd_5"] = nil
    #expect(try value("pc_ptsd_total", values) == .missing)
  }

  // PCL-5: 20 items 0-4, total 0-80; provisional PTSD at 33 or more, or the DSM-5 rule (items at
  // 2 or more: 1 of B 1-5, 1 of C 6-7, 2 of D 8-14, 2 of E 15-20) [S68a][S59].
  @Test func pcl5() throws {
    func pcl(_ scores: [Int]) throws -> (Value, Value, Value) {
      var values: [String: Value] = [:]
      for (index, score) in scores.enumerated() { values["pcl5_\(index + 1)"] = .number(Double(score)) }
      return (try value("pcl5_total", values), try value("pcl5_dsm5_rule", values), try value("pcl5_positive", values))
    }
    let none = Array(repeating: 0, count: 20)
    #expect(try pcl(none) == (.number(0), .bool(false), .bool(false)))
    // Exactly the DSM-5 minimum: items 1, 6, 8, 9, 15, 16 at 2; total 12, below the cut-off.
    var minimum = none
    for item in [1, 6, 8, 9, 15, 16] { minimum[item - 1] = 2 }
    #expect(try pcl(minimum) == (.number(12), .bool(true), .bool(true)))
    // One short in cluster D: the rule fails.
    var short = minimum
    short[8] = 1
    #expect(try pcl(short) == (.number(11), .bool(false), .bool(false)))
    // The total alone: 33 with everything at 1 or 2 but no cluster C endorsement.
    var total = Array(repeating: 1, count: 20)
    for item in [1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] { total[item - 1] = 2 }
    #expect(try pcl(total) == (.number(33), .bool(false), .bool(true)))
    total[0] = 1
    #expect(try pcl(total) == (.number(32), .bool(false), .bool(false)))
  }

  // MDQ: positive only with all three parts: 7 or more yes, several at the same time, a moderate or
  // serious problem [S69a][S69b].
  @Test func mdq() throws {
    func mdq(_ yes: Int, _ sameTime: Bool?, _ problem: String?) throws -> Value {
      var values: [String: Value] = [:]
      // Part 1 is one list to tick: the items ticked, or "none".
      let ticked = [
        "hyper", "irritable", "confident", "less_sleep", "talkative", "racing", "distracted", "energy",
        "active", "sociable", "sex", "risky", "spending",
      ].prefix(yes)
      values["mdq_items"] = .choices(ticked.isEmpty ? ["none"] : Array(ticked))
      if let sameTime { values["mdq_same_time"] = .bool(sameTime) }
      if let problem { values["mdq_problem"] = .choice(problem) }
      return try value("mdq_positive", values)
    }
    #expect(try mdq(7, true, "moderate") == .bool(true))
    #expect(try mdq(13, true, "serious") == .bool(true))
    #expect(try mdq(6, true, "serious") == .bool(false))
    #expect(try mdq(7, false, "serious") == .bool(false))
    #expect(try mdq(7, true, "minor") == .bool(false))
    #expect(try mdq(0, nil, nil) == .bool(false))
  }

  // C-SSRS screener triage [S70a]: Q1/Q2 only low; Q3 or behaviour over 3 months ago moderate;
  // Q4, Q5 or behaviour in the past 3 months high.
  @Test func cssrsTriage() throws {
    func level(_ values: [String: Value]) throws -> Value { try value("cssrs_level", values) }
    let no: [String: Value] = ["cssrs_1": .bool(false), "cssrs_2": .bool(false), "cssrs_6": .bool(false)]
    #expect(try level(no) == .number(0))
    #expect(try level(no.merging(["cssrs_1": .bool(true)]) { $1 }) == .number(1))
    let ideation = no.merging(["cssrs_1": .bool(true), "cssrs_2": .bool(true)]) { $1 }
    #expect(
      try level(ideation.merging(["cssrs_3": .bool(true), "cssrs_4": .bool(false), "cssrs_5": .bool(false)]) { $1 })
        == .number(2))
    // Q4 yes interrupts at once (crisis screen), so Q5 may never be answered: the level is 3
    // whatever it would have been.
    let method = ideation.merging(["cssrs_3": .bool(false)]) { $1 }
    #expect(try level(method.merging(["cssrs_4": .bool(true)]) { $1 }) == .number(3))
    #expect(try level(method.merging(["cssrs_4": .bool(false), "cssrs_5": .bool(true)]) { $1 }) == .number(3))
    // Q3 to Q5 not asked after a no to Q2 count as no (the level says so); after a yes to Q2 an
    // unanswered Q3 is not a no: no level is given.
    #expect(try level(no.merging(["cssrs_1": .bool(true)]) { $1 }) == .number(1))
    #expect(try level(ideation) == .missing)
    #expect(try level(no.merging(["cssrs_6": .bool(true)]) { $1 }) == .missing)
    #expect(try level(no.merging(["cssrs_6": .bool(true), "cssrs_6_recent": .bool(false)]) { $1 }) == .number(2))
    #expect(try level(no.merging(["cssrs_6": .bool(true), "cssrs_6_recent": .bool(true)]) { $1 }) == .number(3))
  }
}
