/// Proves, without searching answer sequences, that a question is only ever shown to its
/// audience, when the question's own `when` (and its repeat group's) says so.
///
/// The parts of those `when`s joined by `and` that read only the answers the audience's
/// condition reads are checked against it over every value those answers can take (each option,
/// yes and no, each score, and missing). That is a proof when every such answer has a finite set
/// of values; otherwise, or when the `when` alone does not imply the audience (a branch may be
/// what keeps others away), path analysis searches for an answer sequence that breaks it.
enum AudienceProof {
  /// The most value combinations tried before leaving the proof to path analysis.
  static let maximumCombinations = 4_096

  static func guardsImply(_ id: String, _ condition: Expression, in dialog: Dialog, today: CalendarDate) -> Bool {
    guard let question = dialog.questions[id] else { return false }
    let variables = Dependencies.questions(in: condition, dialog: dialog)
    var domains: [(id: String, values: [Value])] = []
    var combinations = 1
    for variable in variables.sorted() {
      guard let asked = dialog.questions[variable], asked.group == nil, let values = domain(of: asked) else {
        return false
      }
      domains.append((variable, values + [.missing]))
      combinations *= values.count + 1
      guard combinations <= maximumCombinations else { return false }
    }
    let guards = [question.when, question.group.flatMap { dialog.questions[$0]?.when }].compactMap { $0 }
      .flatMap(conjuncts)
      .filter { Dependencies.questions(in: $0, dialog: dialog).isSubset(of: variables) }
    for combination in 0..<combinations {
      var answers = Answers()
      var rest = combination
      for (variable, values) in domains {
        let value = values[rest % values.count]
        rest /= values.count
        if !value.isMissing { answers.values[variable] = value }
      }
      let evaluator = Evaluator(dialog: dialog, answers: answers, today: today)
      if guards.allSatisfy(evaluator.holds), !evaluator.holds(condition) { return false }
    }
    return true
  }

  /// The parts of a condition joined by `and`.
  static func conjuncts(_ expression: Expression) -> [Expression] {
    if case .binary(.and, let lhs, let rhs) = expression.kind { return conjuncts(lhs) + conjuncts(rhs) }
    return [expression]
  }

  /// Every answer a question can have, when there are few.
  private static func domain(of question: Question) -> [Value]? {
    switch question.kind {
    case .yesNo: return [.bool(true), .bool(false)]
    case .choice(let options): return options.map { .choice($0.id) }
    case .scale(_, let options): return Array(Set(options.map { Value.number($0.score ?? 0) }))
    case .multipleChoice(let options) where options.count <= 10:
      return (0..<(1 << options.count)).map { mask in
        .choices(options.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element.id))
      }
    default: return nil
    }
  }
}
