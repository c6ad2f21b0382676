import IntakeTestSupport

/// A small valid dialog made from a seed, as the YAML an author would write: a few sections of
/// yes/no, choice, multiple-choice, integer, text and message questions, `when` conditions and
/// forward `next` branches over earlier answers, sometimes a repeat group, a scored instrument of
/// scale items, rules (one of which may interrupt with an escalation screen), and checks. It is
/// loaded through the real loader, so whatever it produces must pass every static check.
///
/// Branches only go forward, so a patient who gives only valid answers (and no `back`, `review`
/// or `skip`) finishes within `answerBound` inputs.
struct RandomDialog {
  /// Put in every rule's finding: the patient must never see it.
  static let findingMarker = "FINDINGMARKER"

  let seed: UInt64
  private(set) var files: [String: String] = [:]
  /// Answers that each question (or repeat-group gate, by the group's id) accepts.
  private(set) var validAnswers: [String: [String]] = [:]
  /// The most inputs a patient giving only valid answers needs, from any point, to finish.
  private(set) var answerBound = 0

  /// One question as generated, before it is written out.
  private struct Draft {
    var id: String
    var kind: String
    var lines: [String]
    /// Whether a later `when` or rule may read it (not inside a repeat group, not a message).
    var readable: Bool
  }

  private var random: SplitMix
  private var drafts: [[Draft]] = []
  private var topLevel: [Draft] { drafts.flatMap { $0 } }
  private var nextNumber = 1

  init(seed: UInt64) {
    self.seed = seed
    random = SplitMix(seed: seed)
    build()
  }

  private mutating func pick(_ count: Int) -> Int { Int(random.next() % UInt64(max(1, count))) }
  private mutating func chance(_ percent: Int) -> Bool { pick(100) < percent }

  private mutating func build() {
    let sectionCount = 1 + pick(3)
    let instrumentSection = pick(sectionCount)
    let itemCount = 2 + pick(2)
    let itemIDs = (1...itemCount).map { "s\($0)" }
    for section in 0..<sectionCount {
      var questions: [Draft] = []
      if section == instrumentSection {
        for id in itemIDs {
          questions.append(
            Draft(
              id: id, kind: "scale", lines: ["kind: scale", "scale: f", "label: Item \(id)", "text: How often \(id)?"],
              readable: true))
          validAnswers[id] = ["1", "2", "3", "not at all", "most"]
          answerBound += 1
        }
      }
      for _ in 0..<(1 + pick(5)) { questions.append(question()) }
      if chance(30) { questions.append(repeatGroup()) }
      questions.shuffle(using: &random)
      drafts.append(questions)
    }
    addConditionsAndBranches()
    let escalates = chance(50)
    if escalates { answerBound += 1 }
    let manifest = """
      id: generated
      version: "1"
      title: Generated \(seed)
      sections: [\((0..<sectionCount).map { "s\($0).yaml" }.joined(separator: ", "))\(escalates ? ", off.yaml" : "")]
      scoring: scoring.yaml
      rules: rules.yaml
      scales:
        - id: f
          options:
            - { id: a, text: Not at all, score: 0 }
            - { id: b, text: Several days, score: 1 }
            - { id: c, text: Most days, score: 2 }

      """
    files["dialog.yaml"] = manifest
    for (index, questions) in drafts.enumerated() {
      let heading = Self.headings[pick(Self.headings.count)]
      var text = "section: s\(index)\ntitle: Section \(index)\nsummary: \(heading)\nquestions:\n"
      for question in questions {
        text += "  - id: \(question.id)\n"
        for line in question.lines { text += "    " + line + "\n" }
      }
      files["s\(index).yaml"] = text
    }
    if escalates {
      files["off.yaml"] = """
        section: off
        title: Off
        flow: false
        summary: none
        questions:
          - id: crisis
            kind: message
            text: Someone is coming to talk with you.

        """
    }
    let maximum = itemCount * 2
    let cut = pick(maximum)
    files["scoring.yaml"] = """
      computed:
        - id: total
          label: Total
          value: sum(\(itemIDs.joined(separator: ", ")))
      instruments:
        - id: inst
          title: Instrument
          recall: Last week
          items: [\(itemIDs.joined(separator: ", "))]
          total: total
          max: \(maximum)
          key_items: [\(itemIDs[0])]
          bands:
            - { min: 0, max: \(cut), label: Low }
            - { min: \(cut + 1), max: \(maximum), label: High }
          attribution: Generated for property tests.

      """
    var rules = """
      categories:
        - { id: urgent, title: Urgent, rank: 50, outcome: See now. }
        - { id: note, title: Note, rank: 10, outcome: Notes only. }
      rules:
        - id: high_total
          category: urgent
          when: total >= \(1 + pick(maximum))
          finding: "\(Self.findingMarker) total {total}."
          questions: [Ask about the total.]

      """
    if escalates {
      rules += """
          - id: crisis_rule
            category: urgent
            when: \(itemIDs[itemCount - 1]) >= 2
            escalate: { tier: 3, show: crisis, alert: \(chance(50)) }
            finding: \(Self.findingMarker) item high.

        """
    }
    for (index, question) in topLevel.filter({ $0.readable && $0.kind != "scale" }).prefix(2).enumerated() {
      rules += """
          - id: rule_\(index)
            category: note
            when: \(condition(on: question))
            finding: "\(Self.findingMarker) {\(question.id)}."
            questions: [Ask about \(question.id)., Ask about the total.]

        """
    }
    files["rules.yaml"] = rules
  }

  /// A new top-level question of a random kind.
  private mutating func question() -> Draft {
    let id = "q\(nextNumber)"
    nextNumber += 1
    answerBound += 1
    var lines = ["label: Question \(id)"]
    let optional = chance(25)
    let kind: String
    switch pick(6) {
    case 0:
      kind = "yes_no"
      lines += ["kind: yes_no", "text: Is \(id) so?"]
      validAnswers[id] = ["yes", "no", "y", "N", "2"]
    case 1:
      kind = "choice"
      let count = 2 + pick(3)
      lines += ["kind: choice", "text: Which for \(id)?", "options:"]
      lines += Self.fruits.prefix(count).enumerated().map { "  - { id: o\($0.offset + 1), text: \($0.element) }" }
      validAnswers[id] = (1...count).map(String.init) + [Self.fruits[0], String(Self.fruits[count - 1].prefix(3))]
    case 2:
      kind = "multiple_choice"
      let count = 2 + pick(3)
      lines += ["kind: multiple_choice", "text: Which apply for \(id)?", "options:"]
      lines += Self.fruits.prefix(count).enumerated().map { "  - { id: o\($0.offset + 1), text: \($0.element) }" }
      validAnswers[id] = ["1", "1, 2", "2,1", Self.fruits[1]]
    case 3:
      kind = "integer"
      let maximum = 5 + pick(95)
      let allowed = maximum - pick(5)
      lines += ["kind: integer", "text: How many for \(id)?", "min: 0", "max: \(maximum)"]
      if allowed < maximum {
        lines += ["checks:", "  - require: \(id) <= \(allowed)", "    message: At most \(allowed), please."]
      }
      validAnswers[id] = ["0", "\(allowed)", "\(allowed / 2)", " 1 "]
    case 4:
      kind = "text"
      let length = 8 + pick(60)
      lines += ["kind: text", "text: Tell us about \(id).", "max_length: \(length)"]
      validAnswers[id] = ["Ana", "Zoë Ng", "a\u{301}b\u{302}", "ok 👍🏽"]
    default:
      kind = "message"
      lines += ["kind: message", "text: A note before \(id)."]
      validAnswers[id] = [""]
    }
    if optional, kind != "message" {
      lines.append("required: false")
      validAnswers[id, default: []].append("")
    }
    return Draft(id: id, kind: kind, lines: lines, readable: kind != "message")
  }

  /// A repeat group of one or two items, asked at most `max_records` times.
  private mutating func repeatGroup() -> Draft {
    let id = "g\(nextNumber)"
    nextNumber += 1
    let records = 1 + pick(3)
    let lines = [
      "kind: repeat", "label: Group \(id)", "text: Any for \(id)?", "another: Another for \(id)?",
      "max_records: \(records)", "record_label: \"{\(id)_name}\"", "items:",
      "  - id: \(id)_name", "    kind: text", "    label: Name", "    text: Which one?",
      "  - id: \(id)_often", "    kind: yes_no", "    label: Often", "    text: Often?",
      "    when: len(\(id)_name) > 2",
    ]
    validAnswers[id] = ["yes", "no", "no", "y"]
    validAnswers["\(id)_name"] = ["Ana", "Bo", "Zoë"]
    validAnswers["\(id)_often"] = ["yes", "no"]
    // The gate before each record and after the last, and each record's items.
    answerBound += 1 + records * 3
    return Draft(id: id, kind: "repeat", lines: lines, readable: false)
  }

  /// `when` on some questions and forward `next` branches on others, over earlier answers in
  /// flow order (sections in order, questions in their shuffled order).
  private mutating func addConditionsAndBranches() {
    let order = topLevel
    for (section, questions) in drafts.enumerated() {
      for (index, question) in questions.enumerated() {
        guard let position = order.firstIndex(where: { $0.id == question.id }) else { continue }
        let earlier = order[..<position].filter(\.readable)
        if !earlier.isEmpty, chance(35) {
          let source = earlier[pick(earlier.count)]
          drafts[section][index].lines.append("when: \(condition(on: source))")
        }
        let later = order[(position + 1)...].filter { $0.kind != "repeat" }
        if question.readable, question.kind != "repeat", chance(20) {
          let target = later.isEmpty || chance(20) ? "end" : later[pick(later.count)].id
          drafts[section][index].lines += [
            "next:", "  - when: \(condition(on: question))", "    goto: \(target)",
          ]
        }
      }
    }
  }

  /// A condition over `question`'s answer that type-checks for its kind.
  private mutating func condition(on question: Draft) -> String {
    let id = question.id
    let guarded = chance(50)
    let test: String
    switch question.kind {
    case "yes_no": test = "\(id) == \(chance(50))"
    case "choice": test = "\(id) \(chance(70) ? "==" : "!=") \"o\(1 + pick(2))\""
    case "multiple_choice": test = "count(\(id)) >= \(1 + pick(2))"
    // Within the answer's range (min 0, max at least 5): a test no answer can pass is dead code,
    // which the checker refuses (IK308).
    case "integer": test = chance(50) ? "\(id) >= \(1 + pick(5))" : "\(id) < \(1 + pick(9))"
    case "text": test = "len(\(id)) > \(pick(5))"
    case "scale": test = "\(id) >= \(pick(3))"
    default: test = "answered(\(id))"
    }
    return guarded ? "answered(\(id)) and \(test)" : test
  }

  static let fruits = ["Apple", "Banana", "Cherry", "Damson"]
  /// Where a section's answers go in the summary.
  static let headings = ["header", "history", "medications", "goals", "transport"]
}
