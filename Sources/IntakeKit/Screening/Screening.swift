/// The screening result of a session: instrument scores, findings from the dialog's rules, the
/// outcome, and the questions the psychiatrist should ask. Everything here comes from rules
/// declared in the dialog; Swift names no question, threshold or drug.
public struct ScreeningResult: Sendable, Codable, Hashable {
  public var outcome: Outcome
  public var findings: [Finding]
  public var scores: [Score]
  public var questions: [PsychiatristQuestion]

  public struct Outcome: Sendable, Codable, Hashable {
    /// The highest-ranked category that fired, or nil when no rule fired.
    public var category: String?
    public var text: String
  }

  public struct Finding: Sendable, Codable, Hashable {
    public var rule: String
    public var category: String
    public var categoryTitle: String
    public var rank: Int
    public var text: String
    public var evidence: [EvidenceItem]
    public var source: String?
  }

  public struct Score: Sendable, Codable, Hashable {
    public var instrument: String
    public var title: String
    public var recall: String
    /// Nil when an item is unanswered, so no partial total is passed off as a score.
    public var total: Double?
    public var maximum: Double
    public var band: String?
    public var keyItems: [EvidenceItem]
    public var attribution: String
    /// False when none of its questions was asked (the dialog passed over it): no score is shown,
    /// never a zero that reads as a negative screen. Nil when it was asked.
    public var asked: Bool? = nil
    /// For an instrument begun but not finished (the intake stopped part-way): how many of the
    /// items it was to ask were answered, and of how many. No total or band is given then.
    public var answeredItems: Int? = nil
    public var itemsToAsk: Int? = nil
  }

  public struct PsychiatristQuestion: Sendable, Codable, Hashable {
    public var text: String
    /// The findings that asked for it, highest rank first.
    public var because: [String]
    public var evidence: [EvidenceItem]
    public var rank: Int
  }
}

public enum Screening {
  /// Whether rule `id` makes a finding for `session`, as `evaluate` would say, reading only it
  /// and the rules that replace it (path analysis asks this at every finished journey).
  static func fires(_ id: String, in session: Session) -> Bool {
    let evaluate = session.evaluator()
    guard let rule = session.dialog.rules.first(where: { $0.id == id }), evaluate.holds(rule.condition) else {
      return false
    }
    return !session.dialog.rules.contains { $0.replaces.contains(id) && evaluate.holds($0.condition) }
  }

  public static func evaluate(_ session: Session) -> ScreeningResult {
    let dialog = session.dialog
    let evaluate = session.evaluator()
    var findings: [ScreeningResult.Finding] = []
    for rule in dialog.rules {
      // Most rules do not fire: whether one does is read without gathering the answers it read,
      // which only a finding cites (the value is the same with or without them).
      guard evaluate.holds(rule.condition) else { continue }
      let result = evaluate.evaluate(rule.evidenceCondition ?? rule.condition)
      let category = dialog.category(rule.category)
      let evidence = EvidenceItem.describe(result.evidence, in: session)
      findings.append(
        ScreeningResult.Finding(
          rule: rule.id, category: rule.category, categoryTitle: category?.title ?? rule.category,
          rank: category?.rank ?? 0, text: render(rule.finding, citing: evidence, in: session), evidence: evidence,
          source: rule.source))
    }
    // Findings said together: a rule that replaces others takes their reasons, and they go.
    for index in findings.indices {
      guard let rule = dialog.rules.first(where: { $0.id == findings[index].rule }), !rule.replaces.isEmpty else {
        continue
      }
      for replaced in findings where rule.replaces.contains(replaced.rule) {
        findings[index].evidence += replaced.evidence.filter { !findings[index].evidence.contains($0) }
      }
    }
    let replaced = Set(
      findings.flatMap { finding in dialog.rules.first { $0.id == finding.rule }?.replaces ?? [] })
    findings.removeAll { replaced.contains($0.rule) }
    // Stable order: most severe first, then as declared.
    let order = Dictionary(uniqueKeysWithValues: dialog.rules.enumerated().map { ($1.id, $0) })
    findings.sort { ($0.rank, -(order[$0.rule] ?? 0)) > ($1.rank, -(order[$1.rule] ?? 0)) }

    let top = findings.first
    let outcome = ScreeningResult.Outcome(
      category: top?.category,
      text: top.flatMap { dialog.category($0.category)?.outcome } ?? dialog.note.word(.noFindings))

    var questions: [ScreeningResult.PsychiatristQuestion] = []
    for finding in findings {
      guard let rule = dialog.rules.first(where: { $0.id == finding.rule }) else { continue }
      for template in rule.questions {
        let text = render(template, citing: finding.evidence, in: session)
        if let index = questions.firstIndex(where: { $0.text == text }) {
          questions[index].because.append(finding.text)
          questions[index].evidence += finding.evidence.filter { !questions[index].evidence.contains($0) }
        } else {
          questions.append(
            ScreeningResult.PsychiatristQuestion(
              text: text, because: [finding.text], evidence: finding.evidence, rank: finding.rank))
        }
      }
    }

    let onPath = Set(
      session.path.compactMap { cursor -> String? in
        if case .question(let id) = cursor { return id }
        return nil
      })
    let scores = dialog.instruments.map { instrument -> ScreeningResult.Score in
      // An instrument none of whose questions was asked has no score, whatever its total's
      // expression makes of missing answers.
      let given = instrument.condition.map { evaluate.evaluate($0).value == .bool(true) } ?? true
      let asked = given && instrument.items.contains { session.answers.isAnswered($0) }
      // An intake that stopped part-way through an instrument: the items still on its path are not
      // counted as "no"; the instrument is incomplete, with no total.
      let toAsk = instrument.items.filter { onPath.contains($0) }
      let answered = toAsk.filter { session.answers.isAnswered($0) }
      let incomplete = asked && !session.isFinished && answered.count < toAsk.count
      let value = dialog.computed[instrument.total].map { evaluate.value($0.expression) } ?? .missing
      let total = asked && !incomplete ? value.asNumber : nil
      let keyItems = EvidenceItem.describe(
        instrument.keyItems.filter { session.answers.isAnswered($0) }.map { AnswerReference(question: $0) }, in: session
      )
      return ScreeningResult.Score(
        instrument: instrument.id, title: instrument.title, recall: instrument.recall, total: total,
        maximum: instrument.maximum, band: total.flatMap { instrument.band(for: $0)?.label }, keyItems: keyItems,
        attribution: instrument.attribution, asked: asked ? nil : false,
        answeredItems: incomplete ? answered.count : nil, itemsToAsk: incomplete ? toAsk.count : nil)
    }.filter { $0.total != nil || !$0.keyItems.isEmpty || $0.asked == false || $0.itemsToAsk != nil }
    return ScreeningResult(outcome: outcome, findings: findings, scores: scores, questions: questions)
  }

  /// A finding's or question's template, with `{cited}` as the records the rule cited, in the
  /// patient's words.
  static func render(_ template: Template, citing evidence: [EvidenceItem], in session: Session) -> String {
    // Before the closure over the session is formed (see `Session.render`).
    if let literal = template.literal { return literal }
    return template.render { name in
      name == Rule.citedName ? cited(evidence, in: session) : session.words(for: name)
    }
  }

  /// The records a rule cited, each named as typed with what it is: "adderall (amphetamine
  /// salts; Stimulant)", "amlodipine (Blood pressure medicine)"; a name the lexicon does not
  /// know is given as typed. The classes named are those that carry a concern code.
  static func cited(_ evidence: [EvidenceItem], in session: Session) -> String? {
    let dialog = session.dialog
    var names: [String] = []
    for item in evidence {
      guard let group = item.reference.group, let index = item.reference.record,
        case .repeatGroup(let spec)? = dialog.questions[group]?.kind
      else { continue }
      let records = session.answers.records(of: group)
      guard index < records.count else { continue }
      for field in spec.items {
        guard case .text(let typed)? = records[index][field],
          case .text(_, let lexiconID?)? = dialog.questions[field]?.kind
        else { continue }
        guard let lexicon = dialog.lexicons[lexiconID], let found = LexiconMatcher(lexicon: lexicon).match(typed) else {
          names.append(typed)
          break
        }
        var about: [String] = []
        if !typed.lowercased().containsText(found.entry.name.lowercased()) { about.append(found.entry.name) }
        let classes = found.entry.tags.filter { !(lexicon.tagConcerns[$0] ?? []).isEmpty }.compactMap {
          lexicon.tags[$0]
        }
        about += classes.filter { $0.lowercased() != found.entry.name.lowercased() }
        names.append(about.isEmpty ? typed : "\(typed) (\(about.joined(separator: "; ")))")
        break
      }
    }
    return names.isEmpty ? nil : names.joined(separator: ", ")
  }
}
