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
    /// A pertinent negative (the question's `denies` answer): printed on the section's one
    /// "Denies:" line. Nil when not.
    public var negative: Bool? = nil
    /// Offered and passed over with `skip`: printed on the section's one "Skipped:" line.
    public var skipped: Bool? = nil
    /// How a pertinent negative reads on the "Denies:" line: the label for a yes/no question,
    /// else the label with the answer ("Health history: None of these").
    public var denial: String? = nil
  }

  /// Who the patient is, from the answers the dialog's note names (`identity`): the note's
  /// first line and every printed page's header.
  public struct Identity: Sendable, Codable, Hashable {
    public var name: String?
    public var birthDate: String?
    public var age: String?
    public var sex: String?
    public var phone: String?
    /// The question or computed ids these came from, so the header list does not repeat them.
    public var sources: [String]
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
  /// Ended at an ending screen (under the age limit, consent declined): sent, but the questions
  /// after it were never asked. Nil when not.
  public var endedEarly: Bool? = nil
  public var patient: [Entry]
  public var safety: [Escalation]
  public var screening: ScreeningResult
  public var sections: [String: [Entry]]
  /// Attributions of the instruments given, for the footer.
  public var attributions: [String]
  /// The patient's name, date of birth and age, when the dialog's note names them.
  public var identity: Identity?
  /// The answers the dialog puts on the first page (`glance`), in its order.
  public var glance: [Entry]?
  /// The note's headings and sentences, by `NoteWord` key, as the dialog gave them when the
  /// summary was made (so a sealed summary reads the same later).
  public var words: [String: String]?
  /// The time zone the times are in (an IANA identifier), to print local time with its zone.
  public var timeZone: String?
  /// The headings the dialog puts any answer under (`summary:` of its sections and questions):
  /// a heading it never uses is not printed, and one whose questions were not asked says so,
  /// never "Nothing reported". Nil in summaries sealed before it was added.
  public var placedHeadings: [String]? = nil
  /// The language the patient took the intake in, when not the dialog's: its name in itself and
  /// its code ("Español (es)"). Nil for the dialog's own language (and in summaries sealed before
  /// it was added).
  public var takenIn: String? = nil
  /// The code the patient's own words are marked with ("es"), when taken in another language.
  public var takenInCode: String? = nil
  /// Instruments (by id) whose items the patient answered in a wording not validated in the
  /// language they took it in.
  public var notValidated: [String]? = nil

  /// The summary headings in order, as the Markdown shows them.
  public static let headings: [SummaryHeading] = [.history, .medications, .goals, .transport]

  /// An unfinished intake says why it stopped, as the kiosk recorded it.
  public mutating func stopped(_ reason: StopReason) {
    guard finished == false, let status else { return }
    self.status = status + " " + SummaryText.why(reason)
  }

  /// Words the patient typed that no question took (`Session.wordsSetAside`), where no later
  /// answer holds them: by question, and by record of a repeat group (the record the line was
  /// typed at, or whose "another?" question it answered). Several at one place are joined.
  static func setAside(_ session: Session, formatter: AnswerFormatter) -> (
    questions: [String: String], records: [String: [Int: String]]
  ) {
    let found = session.wordsSetAside
    guard !found.isEmpty else { return ([:], [:]) }
    // Typed again where it was asked ("Zzyzx herbal tea" as the next medicine's name), or kept as
    // an answer already given ("0.5 mg" typed again with a name at a question revisited): no
    // longer set aside. Compared with every answer as the note shows it, without case.
    var texts: [String] = []
    for (id, value) in session.answers.values {
      if case .records(let records) = value {
        for record in records {
          for (item, field) in record { texts.append(formatter.display(field, for: item).lowercased()) }
        }
      } else {
        texts.append(formatter.display(value, for: id).lowercased())
      }
    }
    var questions: [String: String] = [:]
    var records: [String: [Int: String]] = [:]
    for (cursor, words) in found where !texts.contains(where: { $0.contains(words.lowercased()) }) {
      func joined(_ earlier: String?) -> String { earlier.map { $0 + "; " + words } ?? words }
      switch cursor {
      case .question(let id): questions[id] = joined(questions[id])
      case .gate(let group, let index), .item(let group, let index, _):
        // A "no more" gate holds no record: its words go with the group's answer.
        if index < session.answers.records(of: group).count {
          records[group, default: [:]][index] = joined(records[group]?[index])
        } else {
          questions[group] = joined(questions[group])
        }
      case .interrupt: continue
      }
    }
    return (questions, records)
  }

  /// The patient's own words, quoted, and marked with their language when it is not the
  /// dialog's.
  private static func quoted(_ words: String, session: Session) -> String {
    guard let language = session.translation?.language else { return "\"" + words + "\"" }
    return marked(words, quoted: true, language: language, in: session.dialog.translation(language))
  }

  /// One of the note's words: the dialog's, or the program's plain one.
  public func word(_ key: NoteWord) -> String { words?[key.rawValue] ?? key.fallback }

  /// How much of the note a summary holds.
  public enum Detail: Sendable {
    /// Everything the note prints.
    case full
    /// The note's shape without the answers' words: which entries there are under which
    /// headings, the screening and the escalations, with each entry's answer left empty and no
    /// identity. For what reads only the shape (a transcript's expected sections and findings):
    /// formatting every answer was two fifths of working out a replayed journey's result.
    case outline
  }

  public init(session: Session, sessionID: String, detail: Detail = .full) {
    let dialog = session.dialog
    let formatter = AnswerFormatter(dialog: dialog)
    let timestamp = Self.timestampFormatter(session.clock.timeZone)
    self.sessionID = sessionID
    self.dialog = dialog.id
    dialogVersion = dialog.version
    dialogTitle = dialog.title
    language = dialog.language
    programVersion = IntakeVersion.current
    startedAt = timestamp.format(session.startedAt)
    // Not the moment someone opened it: an unfinished intake ends at its last answer.
    finishedAt = timestamp.format(session.finishedAt ?? session.lastActivityAt ?? session.startedAt)
    timeZone = session.clock.timeZone.identifier
    words = Dictionary(uniqueKeysWithValues: dialog.note.words.map { ($0.key.rawValue, $0.value) })
    // Answers given in another language are the same answers (by the dialog's ids) and read in
    // the dialog's words here; only the patient's own words stay as typed, marked with theirs.
    let languages = Set(session.answeredLanguages)
    if let translation = session.translation
      ?? session.dialog.translations.first(where: { languages.contains($0.language) })
    {
      // Named for the note's reader ("Spanish"), and as the patient chose it ("Español").
      let english = Locale(identifier: "en").localizedString(forLanguageCode: translation.language)
      takenIn =
        english.map { "\($0) (\(translation.name), \(translation.language))" }
        ?? "\(translation.name) (\(translation.language))"
      takenInCode = translation.language
    }
    let translated = Set(session.answeredLanguages + (session.translation.map { [$0.language] } ?? []))
    let unvalidated = dialog.translations.filter { translated.contains($0.language) }.flatMap(\.notValidated)
    if !unvalidated.isEmpty { notValidated = unvalidated }
    let stop = SummaryText.status(of: session)
    (finished, status) = (stop.finished, stop.text)
    if stop.endedEarly { endedEarly = true }
    screening = Screening.evaluate(session)
    safety = session.escalations.map { raised in
      let rule = dialog.rules.first { $0.id == raised.rule }
      return Escalation(
        rule: raised.rule, tier: raised.tier, text: rule.map { session.render($0.finding) } ?? raised.rule,
        raisedAt: timestamp.format(raised.raisedAt), staffAlerted: raised.alert, evidence: raised.evidence)
    }
    var patient: [Entry] = []
    var sections: [String: [Entry]] = [:]
    /// An entry under its heading: the note's header line, or a section.
    func place(_ entry: Entry, under heading: SummaryHeading) {
      if heading == .header {
        patient.append(entry)
      } else {
        sections[heading.rawValue, default: []].append(entry)
      }
    }
    let full = detail == .full
    let setAside = full ? Self.setAside(session, formatter: formatter) : (questions: [:], records: [:])
    let notUsed = words?[NoteWord.notUsed.rawValue] ?? NoteWord.notUsed.fallback
    let notKnown = words?[NoteWord.notKnown.rawValue] ?? NoteWord.notKnown.fallback
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
        question: id, section: subsection, label: question.label,
        answer: full ? formatter.display(value, for: id) : "", records: nil, amount: value.amount)
      // Left out because the patient was not sure: said so, not listed as skipped.
      let saidNotKnown = value.isMissing && session.saidNotKnown(at: cursor)
      if value.isMissing, !saidNotKnown { entry.skipped = true }
      guard full else {
        place(entry, under: question.summary)
        continue
      }
      // A yes or no said with more words: the words are kept beside it, and it is never folded
      // into a "Denies" line that would drop them.
      if saidNotKnown { entry.answer = notKnown }
      let typed = session.wordsTyped(with: id)
      entry.answer = AnswerFormatter.shown(entry.answer, typed: typed)
      if let language = session.language(ofAnswerAt: cursor) {
        entry.answer = Self.marked(
          entry.answer, quoted: typed == nil, language: language, in: session.dialog.translation(language))
      }
      if typed == nil, setAside.questions[id] == nil, Self.denies(value, question) {
        entry.negative = true
        // A checklist's "None of these" says what was denied; a single "No" would read as a
        // double negative beside "Denies".
        if case .multipleChoice = question.kind { entry.denial = "\(question.label): \(entry.answer)" }
      }
      if case .repeatGroup(let group) = question.kind, case .records(let records) = value {
        entry.answer = records.isEmpty ? "None reported" : "\(records.count) reported"
        entry.records = records.enumerated().map { index, record in
          // Words typed with this record that no question took, after its fields.
          let setAsideField = setAside.records[id]?[index].map {
            Field(label: notUsed, answer: Self.quoted($0, session: session))
          }
          return group.items.compactMap { item in
            guard let field = record[item], let label = dialog.questions[item]?.label else { return nil }
            var answer = formatter.displayWithMatch(field, for: item)
            if field.isMissing, session.saidNotKnown(at: .item(group: id, index: index, question: item)) {
              answer = notKnown
            }
            if let language = session.language(ofAnswerAt: .item(group: id, index: index, question: item)) {
              // The typed words quoted and marked; what the lexicon matched them to after, in
              // the dialog's words ("sertralina" (es) (sertraline; SSRI)).
              let typed = formatter.display(field, for: item)
              let matched = answer.hasPrefix(typed) ? String(answer.dropFirst(typed.count)) : ""
              answer =
                Self.marked(typed, quoted: true, language: language, in: session.dialog.translation(language)) + matched
            }
            return Field(label: label, answer: answer, amount: field.amount)
          } + (setAsideField.map { [$0] } ?? [])
        }
      }
      // What the line said beyond its answer, set aside and never taken: beside the answer.
      if let words = setAside.questions[id] {
        // Inside the answer's line, so read on from the dash: "150 lb — also typed, ...".
        entry.answer +=
          " — " + notUsed.prefix(1).lowercased() + notUsed.dropFirst() + ": " + Self.quoted(words, session: session)
      }
      place(entry, under: question.summary)
    }
    // Computed values the dialog lists in the summary (an age beside the date of birth).
    let evaluate = session.evaluator()
    for id in dialog.computedOrder {
      guard let computed = dialog.computed[id], computed.summary != .none else { continue }
      let value = evaluate.value(computed.expression)
      guard !value.isMissing else { continue }
      let entry = Entry(
        question: id, section: computed.summary == .header ? "" : dialog.note.word(.derived), label: computed.label,
        answer: formatter.plain(value), records: nil)
      place(entry, under: computed.summary)
    }
    self.patient = patient
    self.sections = sections
    placedHeadings = Self.headings.map(\.rawValue).filter { heading in
      dialog.questions.values.contains { $0.summary.rawValue == heading && !$0.kind.isMessage }
        || dialog.computed.values.contains { $0.summary.rawValue == heading }
    }
    let given = Set(screening.scores.filter { $0.asked != false }.map(\.instrument))
    attributions = dialog.instruments.filter { given.contains($0.id) && !$0.attribution.isEmpty }.map {
      "\($0.title): \($0.attribution)"
    }
    identity = full ? Self.identity(session, formatter: formatter) : nil
    let everything = patient + sections.values.flatMap { $0 }
    // A "something else" the patient said what it is: its words come with it (`specify`).
    // Found in one pass over the flow, not one for each answer the note puts first.
    var specifiers: [String: [String]] = [:]
    if !dialog.note.glance.isEmpty {
      for id in dialog.flow {
        if let specified = dialog.questions[id]?.specifies { specifiers[specified, default: []].append(id) }
      }
    }
    let glanceIDs = dialog.note.glance.flatMap { id in [id] + (specifiers[id] ?? []) }
    let glance = glanceIDs.compactMap { id in everything.first { $0.question == id } }
    self.glance = glance.isEmpty ? nil : glance
  }

  /// The patient's own words in another language: quoted as typed, marked with the language
  /// (`"me duele la espalda" (es)`); a yes or no typed with more words keeps its quote. Words
  /// the kiosk reads in that language, every one of them, get their reading beside them
  /// (`"ninguna" (es: none)`): a reading, never in place of what was typed.
  static func marked(_ answer: String, quoted: Bool, language: String, in translation: Translation? = nil)
    -> String
  {
    let reading = quoted ? translation?.phrasebook.wholeReading(answer) : nil
    let gloss = reading.flatMap { $0.foldedForMatching() == answer.foldedForMatching() ? nil : $0 }
    return (quoted ? "\"\(answer)\"" : answer) + " (\(language)" + (gloss.map { ": " + $0 } ?? "") + ")"
  }

  /// Whether an answer is one of its question's pertinent negatives (`denies`).
  static func denies(_ value: Value, _ question: Question) -> Bool {
    guard !question.denies.isEmpty else { return false }
    switch value {
    case .bool(let yes): return question.denies.contains(yes ? "yes" : "no")
    case .choice(let id): return question.denies.contains(id)
    case .choices(let ids): return !ids.isEmpty && ids.allSatisfy(question.denies.contains)
    default: return false
    }
  }

  static func identity(_ session: Session, formatter: AnswerFormatter) -> Identity? {
    let note = session.dialog.note
    guard !note.identity.isEmpty else { return nil }
    let evaluate = session.evaluator()
    func text(_ field: IdentityField) -> String? {
      guard let id = note.identity[field] else { return nil }
      if let computed = session.dialog.computed[id] {
        let value = evaluate.value(computed.expression)
        return value.isMissing ? nil : formatter.plain(value)
      }
      guard let value = session.answers.values[id], !value.isMissing else { return nil }
      return formatter.display(value, for: id)
    }
    let name = [text(.givenName), text(.familyName)].compactMap { $0 }.joined(separator: " ")
    // What the answer is (sex assigned at birth, not gender) is said with it.
    let sex = text(.sex).map { answer in
      note.identity[.sex].flatMap { session.dialog.questions[$0]?.label }.map { "\($0): \(answer)" } ?? answer
    }
    return Identity(
      name: name.isEmpty ? nil : name, birthDate: text(.birthDate), age: text(.age), sex: sex,
      phone: text(.phone), sources: IdentityField.allCases.compactMap { note.identity[$0] })
  }

  /// The note's times: ISO 8601 in the session's zone ("2026-03-15T10:30:00-04:00", or "Z").
  /// A format style, not an `ISO8601DateFormatter`: making the formatter cost more than the rest
  /// of a short note.
  static func timestampFormatter(_ timeZone: TimeZone) -> Date.ISO8601FormatStyle {
    Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone)
  }
}
