import Foundation

/// The consult-ready summary of one finished session: what the coordinator and psychiatrist
/// read. Built from the session and its screening; rendered as Markdown and JSON.
public struct Summary: Sendable, Codable, Hashable {
  public struct Entry: Sendable, Codable, Hashable {
    public var question: String
    /// The clinical subsection it belongs to ("Psychiatric history"), or empty.
    public var section: String = ""
    public var label: String
    public var answer: String
    /// For repeat groups: one line per record, each with its fields.
    public var records: [[Field]]?
    /// An amount as data: the numbers and units as the patient gave them, and the value in the
    /// question's unit beside them.
    public var amount: Quantity?
  }

  public struct Field: Sendable, Codable, Hashable {
    public var label: String
    public var answer: String
    public var amount: Quantity?
  }

  public struct Escalation: Sendable, Codable, Hashable {
    public var rule: String
    public var tier: Int
    public var text: String
    public var raisedAt: String
    public var staffAlerted: Bool
    public var evidence: [EvidenceItem]
  }

  public var sessionID: String
  public var dialog: String
  public var dialogVersion: String
  public var dialogTitle: String
  public var language: String
  public var programVersion: String
  public var startedAt: String
  /// When it was sent, or for an unfinished intake when the patient last answered.
  public var finishedAt: String
  /// Whether the intake went to the end, and if not, where it stopped and why (nil in
  /// summaries sealed before it was added).
  public var status: String?
  public var finished: Bool?
  public var patient: [Entry]
  public var safety: [Escalation]
  public var screening: ScreeningResult
  public var sections: [String: [Entry]]
  /// Attributions of the instruments scored, for the footer.
  public var attributions: [String]

  /// The summary headings in order, as the Markdown shows them (Safety only when needed).
  public static let headings: [(SummaryHeading, String)] = [
    (.history, "History"), (.medications, "Medications"), (.goals, "Goals"), (.transport, "Transport"),
  ]

  public init(session: Session, sessionID: String) {
    let dialog = session.dialog
    let formatter = AnswerFormatter(dialog: dialog)
    let timestamp = Self.timestampFormatter(session.clock.timeZone)
    self.sessionID = sessionID
    self.dialog = dialog.id
    dialogVersion = dialog.version
    dialogTitle = dialog.title
    language = dialog.language
    programVersion = IntakeVersion.current
    startedAt = timestamp.string(from: session.startedAt)
    // Not the moment someone opened it: an unfinished intake ends at its last answer.
    finishedAt = timestamp.string(from: session.finishedAt ?? session.lastActivityAt ?? session.startedAt)
    (finished, status) = SummaryText.status(of: session)
    screening = Screening.evaluate(session)
    safety = session.escalations.map { raised in
      let rule = dialog.rules.first { $0.id == raised.rule }
      return Escalation(
        rule: raised.rule, tier: raised.tier, text: rule.map { session.render($0.finding) } ?? raised.rule,
        raisedAt: timestamp.string(from: raised.raisedAt), staffAlerted: raised.alert, evidence: raised.evidence)
    }
    var patient: [Entry] = []
    var sections: [String: [Entry]] = [:]
    for cursor in session.path {
      // A repeat group is on the path as its first "any?" question.
      let id: String
      switch cursor {
      case .question(let question): id = question
      case .gate(let group, 0): id = group
      default: continue
      }
      guard let question = dialog.questions[id], let value = session.answers.values[id] else { continue }
      if question.kind.isMessage || question.summary == .none { continue }
      let subsection = dialog.section(question.section).map { $0.summaryTitle ?? $0.title } ?? ""
      var entry = Entry(
        question: id, section: subsection, label: question.label, answer: formatter.display(value, for: id),
        records: nil, amount: value.amount)
      if case .repeatGroup(let group) = question.kind, case .records(let records) = value {
        entry.answer = records.isEmpty ? "None reported" : "\(records.count) reported"
        entry.records = records.map { record in
          group.items.compactMap { item in
            guard let field = record[item], let label = dialog.questions[item]?.label else { return nil }
            return Field(label: label, answer: formatter.displayWithMatch(field, for: item), amount: field.amount)
          }
        }
      }
      if question.summary == .header {
        patient.append(entry)
      } else {
        sections[question.summary.rawValue, default: []].append(entry)
      }
    }
    // Interaction flags: every current medicine (the Medications section's records) whose classes
    // carry concern codes. Past treatments under History are not interactions.
    var flags: [[Field]] = []
    for entry in sections[SummaryHeading.medications.rawValue] ?? [] {
      guard case .records(let records)? = session.answers.values[entry.question],
        case .repeatGroup(let group)? = dialog.questions[entry.question]?.kind
      else { continue }
      for record in records {
        for item in group.items {
          guard case .text(let typed)? = record[item], case .text(_, let lexiconID?)? = dialog.questions[item]?.kind,
            let lexicon = dialog.lexicons[lexiconID], let found = LexiconMatcher(lexicon: lexicon).match(typed)
          else { continue }
          let codes = Set(found.entry.tags.flatMap { lexicon.tagConcerns[$0] ?? [] }).sorted()
          guard !codes.isEmpty else { continue }
          flags.append(
            [Field(label: "Medicine", answer: typed + " (" + found.entry.name + ")")]
              + codes.map { Field(label: $0, answer: lexicon.concerns[$0] ?? $0) })
        }
      }
    }
    if !flags.isEmpty {
      sections[SummaryHeading.medications.rawValue, default: []].append(
        Entry(
          question: "interaction_flags", label: "Interaction flags (concern codes, for the psychiatrist to weigh)",
          answer: "\(flags.count) medicine\(flags.count == 1 ? "" : "s")", records: flags))
    }

    // Computed values the dialog lists in the summary (an age beside the date of birth).
    let evaluate = session.evaluator()
    for id in dialog.computedOrder {
      guard let computed = dialog.computed[id], computed.summary != .none else { continue }
      let value = evaluate.value(computed.expression)
      guard !value.isMissing else { continue }
      let entry = Entry(
        question: id, section: computed.summary == .header ? "" : "Derived from the answers", label: computed.label,
        answer: formatter.plain(value), records: nil)
      if computed.summary == .header {
        patient.append(entry)
      } else {
        sections[computed.summary.rawValue, default: []].append(entry)
      }
    }
    self.patient = patient
    self.sections = sections
    let scored = Set(screening.scores.map(\.instrument))
    attributions = dialog.instruments.filter { scored.contains($0.id) && !$0.attribution.isEmpty }.map {
      "\($0.title): \($0.attribution)"
    }
  }

  static func timestampFormatter(_ timeZone: TimeZone) -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = timeZone
    formatter.formatOptions = [.withInternetDateTime]
    return formatter
  }
}
