import Foundation

/// Writes answers as words: option texts rather than ids, numbers with their unit, dates in
/// ISO form. Used for piping, `review` and the summary, so all three say the same thing.
public struct AnswerFormatter: Sendable {
  public let dialog: Dialog
  /// The kiosk's words around answers: English for the note; the patient's language when an
  /// answer is said back to them.
  public let words: KioskWords
  /// How the patient's language says the readers' words: "mi esposo" speaks as the patient.
  let phrasebook: Phrasebook

  public init(dialog: Dialog, words: KioskWords = .english) {
    self.dialog = dialog
    self.words = words
    self.phrasebook = .none
  }

  init(dialog: Dialog, words: KioskWords, phrasebook: Phrasebook) {
    self.dialog = dialog
    self.words = words
    self.phrasebook = phrasebook
  }

  /// An answer as read, with the patient's own words beside it: `Yes — typed: "yes at my dads place"`.
  public static func shown(_ answer: String, typed words: String?) -> String {
    words.map { answer + " — typed: \"\($0)\"" } ?? answer
  }

  public func display(_ value: Value, for questionID: String) -> String {
    switch value {
    case .text, .choice, .choices, .records: return english(value, for: questionID)
    default: return words.sayAll(english(value, for: questionID))
    }
  }

  private func english(_ value: Value, for questionID: String) -> String {
    guard let question = dialog.questions[questionID] else { return plain(value) }
    switch (value, question.kind) {
    case (.missing, _): return words(.shownSkipped)
    case (.bool(let yes), _): return words(yes ? .shownYes : .shownNo)
    case (.choice(let id), _): return question.options.first { $0.id == id }?.text ?? id
    case (.choices(let ids), _):
      if ids.isEmpty { return words(.shownNone) }
      return ids.map { id in question.options.first { $0.id == id }?.text ?? id }.joined(separator: "; ")
    case (.number(let score), .scale(_, let options)):
      let text = options.first { $0.score == score }?.text
      return text.map { "\($0) (\(formatNumber(score)))" } ?? formatNumber(score)
    case (.number(let number), .integer(let range)), (.number(let number), .decimal(let range)):
      return formatNumber(number) + (range.unit.map { " \($0)" } ?? "")
    case (.quantity(let amount), .duration(let rule)):
      return Self.amount(amount, ongoing: rule.ongoing)
    case (.quantity(let amount), .decimal(let range)):
      // "180 lb (about 81.6 kg)": the unit doses are worked in, beside the patient's.
      var text = Self.amount(amount, ongoing: nil)
      if let also = range.showAlso, let factor = range.otherUnits[also], let value = amount.value,
        !amount.parts.contains(where: { $0.unit.lowercased() == also })
      {
        let converted = "about \(formatNumber((value / factor * 10).rounded() / 10)) \(also)"
        // "5 ft 6 in (66 in; about 167.6 cm)": one bracket, not two.
        text = text.hasSuffix(")") ? String(text.dropLast()) + "; \(converted))" : text + " (\(converted))"
      }
      return text
    case (.quantity(let amount), _): return Self.amount(amount, ongoing: nil)
    case (.bloodPressure(let reading), _): return "\(reading) mmHg"
    case (.text(let text), _) where question.isPersonName:
      // The patient's words, with the name read from them beside, when they are not the same.
      let read = PersonName.read(text)
      guard let name = read.name, name != text else { return text }
      return Self.shown(name + (read.relationship.map { " (\($0))" } ?? ""), typed: text)
    case (.records(let records), .repeatGroup):
      return records.isEmpty
        ? words(.shownNone)
        : records.indices.map { recordLabel(group: questionID, index: $0, records: records) }
          .joined(separator: "; ")
    default: return plain(value)
    }
  }

  /// An answer as it is said back inside a later question. A person's name is said as the name
  /// alone ("Luis Rivera", not "my husband Luis Rivera"), or "your husband"; free text that
  /// speaks as the patient ("my …", "I …") is never piped in the kiosk's voice: the dialog's
  /// `pipe_as` words are used instead, when it has them.
  public func piped(_ value: Value, for questionID: String) -> String {
    guard let question = dialog.questions[questionID], case .text(let text) = value else {
      return display(value, for: questionID)
    }
    let first = text.split(separator: " ").first.map { $0.lowercased() } ?? ""
    // In the language's words too: "mi hijo" speaks as the patient, as "my son" does.
    let firstPerson = ["my", "i", "i'm", "i'll", "me", "mine", "our", "we"].contains(
      phrasebook.word(for: first) ?? first)
    // A name in another language is not read for who the person is (`PersonName` reads English):
    // said in the dialog's neutral words instead of the patient's own "mi hijo".
    if !phrasebook.isEmpty, firstPerson, let neutral = question.pipedAs { return neutral }
    if question.isPersonName, let spoken = PersonName.read(text).spoken { return spoken }
    if let neutral = question.pipedAs, firstPerson { return neutral }
    return text
  }

  /// An amount in the patient's own units, its conversion beside it: "75 kg (about 165.3 lb)",
  /// "3 months (about 13 weeks), still taking it".
  static func amount(_ amount: Quantity, ongoing: String?) -> String {
    var text = amount.asGiven
    if amount.ongoing, !text.isEmpty { text += " so far" }
    if let converted = amount.converted { text += " (\(converted))" }
    if amount.ongoing { text += (text.isEmpty ? "" : ", ") + (ongoing ?? "ongoing") }
    return text
  }

  func plain(_ value: Value) -> String {
    switch value {
    case .missing: "(not answered)"
    case .bool(let yes): yes ? "Yes" : "No"
    case .number(let number): formatNumber(number)
    case .quantity(let amount): Self.amount(amount, ongoing: nil)
    case .text(let text): text
    case .date(let date): date.description
    case .choice(let id): id
    case .choices(let ids): ids.joined(separator: ", ")
    case .bloodPressure(let reading): "\(reading) mmHg"
    case .records(let records): "\(records.count) record(s)"
    case .tags(let tags): tags.sorted().joined(separator: ", ")
    case .list(let items): items.map(plain).joined(separator: ", ")
    }
  }

  /// A record named by the group's `record_label`, or by its first answered field.
  public func recordLabel(group: String, index: Int, records: [Record]) -> String {
    guard index < records.count, case .repeatGroup(let spec)? = dialog.questions[group]?.kind else { return "" }
    let record = records[index]
    if let label = spec.recordLabel {
      // Fields left out (a skipped dose) leave no trace in the name.
      let text = label.render { name in
        guard let value = record[name], !value.isMissing else { return "" }
        return display(value, for: name)
      }.split(separator: " ").joined(separator: " ")
      if !text.isEmpty { return text }
    }
    for item in spec.items { if let value = record[item], !value.isMissing { return display(value, for: item) } }
    return "record \(index + 1)"
  }

  /// An answer, and for a lexicon question what it was matched to, or that it was not
  /// recognised: "adderal (matched: adderall; Stimulant)".
  public func displayWithMatch(_ value: Value, for questionID: String) -> String {
    let words = display(value, for: questionID)
    guard case .text(let typed) = value, case .text(_, let lexiconID?)? = dialog.questions[questionID]?.kind,
      let lexicon = dialog.lexicons[lexiconID]
    else { return words }
    guard let found = LexiconMatcher(lexicon: lexicon).match(typed) else { return words + " (not recognised, verify)" }
    let codes = Set(found.entry.tags.flatMap { lexicon.tagConcerns[$0] ?? [] })
    let tags =
      found.entry.tags.compactMap { lexicon.tags[$0] }.joined(separator: ", ")
      + (codes.isEmpty ? "" : " [" + codes.sorted().joined(separator: ", ") + "]")
    // "Klonopin (clonazepam; Benzodiazepine [EFF, SED])": the generic name when it is not what
    // was typed, whether the spelling was corrected, and the classes with their concern codes.
    var about: [String] = []
    if !typed.lowercased().containsText(found.entry.name.lowercased()) { about.append(found.entry.name) }
    if !found.exact { about.append("spelling corrected") }
    if !tags.isEmpty { about.append(tags) }
    return about.isEmpty ? words : words + " (" + about.joined(separator: "; ") + ")"
  }

  /// An answer as it reads inside a sentence of a `cite` template: an option's `cite` phrase
  /// (else its text), a matched medicine with its generic name ("adderal (amphetamine salts)"),
  /// yes and no in lower case. Nil for a skipped answer, so an optional segment drops out.
  public func citation(_ value: Value, for questionID: String) -> String? {
    guard let question = dialog.questions[questionID] else { return value.isMissing ? nil : plain(value) }
    func phrase(_ id: String) -> String {
      question.options.first { $0.id == id }.map { $0.cite ?? $0.text } ?? id
    }
    switch value {
    case .missing: return nil
    case .bool(let yes): return phrase(yes ? "yes" : "no")
    case .choice(let id): return phrase(id)
    case .choices(let ids): return ids.map(phrase).joined(separator: ", ")
    case .number(let score):
      if case .scale(_, let options) = question.kind, let option = options.first(where: { $0.score == score }) {
        return option.cite ?? option.text
      }
      return display(value, for: questionID)
    case .text(let typed):
      guard case .text(_, let lexiconID?) = question.kind, let lexicon = dialog.lexicons[lexiconID],
        let found = LexiconMatcher(lexicon: lexicon).match(typed)
      else { return typed }
      // "Klonopin (clonazepam)"; a name already in what was typed is not repeated.
      return typed.lowercased().containsText(found.entry.name.lowercased()) ? typed : "\(typed) (\(found.entry.name))"
    default: return display(value, for: questionID)
    }
  }

  /// How a finding quotes one answer, or one record of a repeat group: the question's `cite`
  /// template filled with citations, or nil when the question has none.
  public func cite(_ questionID: String, answers: Answers, record index: Int? = nil) -> String? {
    guard let question = dialog.questions[questionID], let template = question.cite else { return nil }
    // A group's template describes one record; the group as a whole ("none reported") is quoted
    // as label and answer.
    if case .repeatGroup = question.kind, index == nil { return nil }
    let record: Record? = index.flatMap { index in
      let records = answers.records(of: questionID)
      return index < records.count ? records[index] : nil
    }
    let text = template.render { name in
      if let record, dialog.questions[name]?.group == questionID {
        return record[name].flatMap { citation($0, for: name) }
      }
      return answers.values[name].flatMap { citation($0, for: name) }
    }
    // A phrase left empty ("" for "taken regularly") leaves no double space behind.
    return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
      .replacingOccurrences(ofText: " ,", with: ",")
  }
}

extension Session {
  /// The words for a name in piped text: an answer or a computed value.
  func words(
    for name: String, record: (group: String, index: Int, values: Record)? = nil, toPatient: Bool = false
  ) -> String? {
    // Said to the patient: option texts and the kiosk's words in their language; in the note,
    // the dialog's.
    let formatter =
      toPatient
      ? AnswerFormatter(dialog: shownDialog, words: kioskWords, phrasebook: translation?.phrasebook ?? .none)
      : AnswerFormatter(dialog: dialog)
    if let record, dialog.questions[name]?.group == record.group {
      return record.values[name].map { formatter.display($0, for: name) }
    }
    if let computed = dialog.computed[name] {
      let value = evaluator().value(computed.expression)
      return value.isMissing ? nil : formatter.plain(value)
    }
    guard let value = answers.values[name], !value.isMissing else { return nil }
    return formatter.piped(value, for: name)
  }

  /// The record a cursor inside a repeat group reads its `{names}` from, as `render` takes it;
  /// nil outside groups, or before the record has any answer.
  public func recordScope(at cursor: Cursor) -> (group: String, index: Int, values: Record)? {
    guard case .item(let group, let index, _) = cursor else { return nil }
    let records = answers.records(of: group)
    return index < records.count ? (group, index, records[index]) : nil
  }

  /// A template filled from this session's answers, in the dialog's own words (a finding).
  public func render(_ template: Template, record: (group: String, index: Int, values: Record)? = nil) -> String {
    // Checked here, before a closure over the session is formed: formed, it copied the whole
    // session at every screen, even for a text that reads no name (`render` checking it does
    // not save that copy).
    if let literal = template.literal { return literal }
    return template.render { words(for: $0, record: record) }
  }

  /// A template the patient reads, filled from their answers in their language.
  public func renderForPatient(_ template: Template, record: (group: String, index: Int, values: Record)? = nil)
    -> String
  {
    if let literal = template.literal { return literal }
    return template.render(missing: kioskWords(.shownNotAnswered)) { words(for: $0, record: record, toPatient: true) }
  }
}
