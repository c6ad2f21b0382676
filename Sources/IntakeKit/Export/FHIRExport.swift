import Foundation

/// FHIR R4 resources for a dialog and a session: a `Questionnaire` generated from the dialog
/// (linkIds are question ids, sections and repeat groups are `group` items, `enableWhen` where a
/// `when` condition maps onto it) and a `QuestionnaireResponse` that mirrors its structure.
public enum FHIRExport {
  /// The canonical URL the response points at; dialogs have no web address of their own.
  public static func canonical(_ dialog: Dialog) -> String { "urn:intake:questionnaire:\(dialog.id)" }

  /// The code system of a question's options.
  static func system(_ dialog: Dialog, _ question: String) -> String { "urn:intake:\(dialog.id):\(question)" }

  // MARK: Questionnaire

  public static func questionnaire(_ dialog: Dialog) -> JSONValue {
    .object([
      ("resourceType", .string("Questionnaire")),
      ("id", .string(resourceID(dialog.id))),
      ("url", .string(canonical(dialog))),
      ("version", .string(dialog.version)),
      ("title", .string(dialog.title)),
      ("status", .string("active")),
      ("language", .string(dialog.language)),
      ("item", .array(dialog.sections.filter(\.inFlow).map { section in sectionItem(section, dialog) })),
    ])
  }

  static func sectionItem(_ section: Section, _ dialog: Dialog) -> JSONValue {
    .object([
      ("linkId", .string(sectionLinkID(section))),
      ("text", .string(section.title)),
      ("type", .string("group")),
      // The offer to look over the answers is the kiosk's, not part of the questionnaire.
      (
        "item",
        .array(
          section.questionIDs.compactMap { dialog.questions[$0] }.filter { !$0.kind.isReview }.map { item($0, dialog) }
        )
      ),
    ])
  }

  static func item(_ question: Question, _ dialog: Dialog) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("linkId", .string(question.id)),
      ("text", .string(question.text.source.trimmingWhitespace())),
      ("type", .string(type(of: question))),
    ]
    let enableWhen = question.when.flatMap { conditions($0, dialog) }
    if let enableWhen {
      pairs.append(("enableWhen", .array(enableWhen.conditions)))
      if enableWhen.conditions.count > 1 { pairs.append(("enableBehavior", .string(enableWhen.behavior))) }
    }
    // Required only where FHIR can tell when the item applies.
    if question.required, question.when == nil || enableWhen != nil, question.kind.name != "message" {
      pairs.append(("required", .bool(true)))
    }
    switch question.kind {
    case .multipleChoice: pairs.append(("repeats", .bool(true)))
    case .text(let maxLength, _): pairs.append(("maxLength", .integer(maxLength)))
    case .dose(let rule): pairs.append(("maxLength", .integer(rule.maxLength)))
    default: break
    }
    if !question.options.isEmpty, question.kind.name != "yes_no" {
      pairs.append(
        ("answerOption", .array(question.options.map { .object([("valueCoding", coding(dialog, question.id, $0))]) })))
    }
    if case .repeatGroup(let group) = question.kind {
      pairs.append(("repeats", .bool(true)))
      pairs.append(("item", .array(group.items.compactMap { dialog.questions[$0] }.map { item($0, dialog) })))
    }
    return .object(pairs)
  }

  static func type(of question: Question) -> String {
    switch question.kind {
    case .message, .review: "display"
    case .yesNo: "boolean"
    case .choice, .multipleChoice, .scale: "choice"
    // An amount with a unit is a Quantity, so the unit the patient answered in travels with it.
    case .integer, .decimal, .duration:
      question.numberRange?.unit != nil ? "quantity" : question.kind.name == "integer" ? "integer" : "decimal"
    case .date: "date"
    // A dose may be "150/50 mg" or "1-2 tablets": kept as the words, with their unit.
    case .text, .dose: "string"
    case .bloodPressure: "string"
    case .repeatGroup: "group"
    }
  }

  static func coding(_ dialog: Dialog, _ question: String, _ option: AnswerOption) -> JSONValue {
    .object([
      ("system", .string(system(dialog, question))), ("code", .string(option.id)), ("display", .string(option.text)),
    ])
  }

  /// `enableWhen` for a `when` made of comparisons of an answer with a constant, joined all by
  /// `and` or all by `or` (`x in [a, b]` counts as an `or`); nil when the condition says more
  /// than FHIR can.
  static func conditions(_ expression: Expression, _ dialog: Dialog) -> (conditions: [JSONValue], behavior: String)? {
    func leaves(_ expression: Expression, joinedBy join: BinaryOperator) -> [Expression] {
      if case .binary(let op, let lhs, let rhs) = expression.kind, op == join {
        return leaves(lhs, joinedBy: join) + leaves(rhs, joinedBy: join)
      }
      return [expression]
    }
    if case .binary(.and, _, _) = expression.kind {
      var all: [JSONValue] = []
      for leaf in leaves(expression, joinedBy: .and) {
        // An `in` inside an `and` would need nested behaviours, which FHIR does not have.
        guard let mapped = condition(leaf, dialog), mapped.count == 1 else { return nil }
        all += mapped
      }
      return (all, "all")
    }
    var any: [JSONValue] = []
    for leaf in leaves(expression, joinedBy: .or) {
      guard let mapped = condition(leaf, dialog) else { return nil }
      any += mapped
    }
    return (any, "any")
  }

  static func condition(_ expression: Expression, _ dialog: Dialog) -> [JSONValue]? {
    if case .binary(.in, let lhs, let rhs) = expression.kind, case .reference(let name, nil) = lhs.kind,
      case .list(let items) = rhs.kind, let question = dialog.questions[name], question.group == nil
    {
      let values = items.compactMap { answer($0, question, dialog) }
      guard values.count == items.count else { return nil }
      return values.map { enableWhen(name, "=", $0) }
    }
    guard case .binary(let op, let lhs, let rhs) = expression.kind, op.isComparison,
      case .reference(let name, nil) = lhs.kind, let question = dialog.questions[name], question.group == nil,
      let value = answer(rhs, question, dialog)
    else { return nil }
    return [enableWhen(name, op == .equal ? "=" : op.rawValue, value)]
  }

  static func enableWhen(_ question: String, _ op: String, _ answer: (String, JSONValue)) -> JSONValue {
    .object([("question", .string(question)), ("operator", .string(op)), (answer.0, answer.1)])
  }

  /// The `answer[x]` a constant is compared as, for this question's type.
  static func answer(_ constant: Expression, _ question: Question, _ dialog: Dialog) -> (String, JSONValue)? {
    switch (constant.kind, question.kind) {
    case (.bool(let value), .yesNo): return ("answerBoolean", .bool(value))
    case (.text(let id), .choice(let options)), (.text(let id), .multipleChoice(let options)):
      guard let option = options.first(where: { $0.id == id }) else { return nil }
      return ("answerCoding", coding(dialog, question.id, option))
    case (.number(let value), .integer(let range)) where range.unit != nil,
      (.number(let value), .decimal(let range)) where range.unit != nil:
      return ("answerQuantity", UCUMUnit.quantity(value, unit: range.unit ?? ""))
    case (.number(let value), .duration(let rule)):
      return ("answerQuantity", UCUMUnit.quantity(value, unit: rule.range.unit ?? ""))
    case (.number(let value), .integer):
      // A whole number an Int can hold; `packs == 1e80` has no FHIR integer, so no enableWhen.
      return Int(exactly: value).map { ("answerInteger", .integer($0)) }
    case (.number(let value), .decimal): return ("answerDecimal", .number(value))
    default: return nil
    }
  }

  // MARK: QuestionnaireResponse

  /// The session's answers as a response to `questionnaire(dialog)`.
  public static func response(_ session: Session, sessionID: String) -> JSONValue {
    let dialog = session.dialog
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let sections: [JSONValue] = dialog.sections.filter(\.inFlow).compactMap { section in
      let items = section.questionIDs.compactMap { dialog.questions[$0] }.flatMap {
        answered($0, session.answers.values, dialog)
      }
      guard !items.isEmpty else { return nil }
      return .object([
        ("linkId", .string(sectionLinkID(section))), ("text", .string(section.title)), ("item", .array(items)),
      ])
    }
    var pairs: [(String, JSONValue)] = [
      ("resourceType", .string("QuestionnaireResponse")),
      ("id", .string(resourceID(sessionID))),
      ("questionnaire", .string(canonical(dialog) + "|" + dialog.version)),
      ("status", .string(session.isFinished ? "completed" : "in-progress")),
    ]
    pairs.append(("authored", .string(formatter.string(from: session.finishedAt ?? session.startedAt))))
    pairs.append(("item", .array(sections)))
    return .object(pairs)
  }

  /// The response items for one question: none when it was not answered, one per record for a
  /// repeat group.
  static func answered(_ question: Question, _ values: [String: Value], _ dialog: Dialog) -> [JSONValue] {
    // Items carry no text: the Questionnaire has it, and the response holds only what was answered.
    guard let value = values[question.id], !value.isMissing else { return [] }
    if case .repeatGroup(let group) = question.kind, case .records(let records) = value {
      return records.map { record in
        let fields = group.items.compactMap { dialog.questions[$0] }.flatMap { answered($0, record, dialog) }
        return .object([("linkId", .string(question.id)), ("item", .array(fields))])
      }
    }
    let answers = answerValues(value, question, dialog)
    guard !answers.isEmpty else { return [] }
    return [.object([("linkId", .string(question.id)), ("answer", .array(answers))])]
  }

  static func answerValues(_ value: Value, _ question: Question, _ dialog: Dialog) -> [JSONValue] {
    func wrap(_ key: String, _ json: JSONValue) -> JSONValue { .object([(key, json)]) }
    switch (value, question.kind) {
    case (.bool(let yes), _): return [wrap("valueBoolean", .bool(yes))]
    case (.choice(let id), _):
      return question.options.first { $0.id == id }.map { [wrap("valueCoding", coding(dialog, question.id, $0))] } ?? []
    case (.choices(let ids), _):
      return ids.compactMap { id in question.options.first { $0.id == id } }.map {
        wrap("valueCoding", coding(dialog, question.id, $0))
      }
    case (.number(let score), .scale(_, let options)):
      return options.first { $0.score == score }.map { [wrap("valueCoding", coding(dialog, question.id, $0))] } ?? []
    // A bare number for a question with a unit is in that unit: a Quantity, as the item's type says.
    case (.number(let number), _) where question.numberRange?.unit != nil:
      return [wrap("valueQuantity", UCUMUnit.quantity(number, unit: question.numberRange?.unit ?? ""))]
    case (.number(let number), .integer):
      if let whole = Int(exactly: number.rounded()) { return [wrap("valueInteger", .integer(whole))] }
      return [wrap("valueDecimal", .number(UCUMUnit.tidy(number)))]
    case (.number(let number), _): return [wrap("valueDecimal", .number(UCUMUnit.tidy(number)))]
    case (.quantity, .dose):
      return [wrap("valueString", .string(AnswerFormatter(dialog: dialog).display(value, for: question.id)))]
    case (.quantity(let amount), _):
      return [wrap("valueQuantity", quantity(amount, question))]
    case (.date(let date), _): return [wrap("valueDate", .string(date.description))]
    case (.text(let text), _): return [wrap("valueString", .string(text))]
    case (.bloodPressure(let reading), _): return [wrap("valueString", .string(reading.description))]
    default: return []
    }
  }

  /// An amount as a FHIR Quantity in the unit the patient used: "5 ft 6 in" as 66 in, one number
  /// in its smallest unit. A length still going on is "at least" what was said so far
  /// (comparator `>=`); with nothing said but that it goes on, the value is absent for a reason.
  static func quantity(_ amount: Quantity, _ question: Question) -> JSONValue {
    var factors = DurationWords.days
    if let range = question.numberRange, !DurationWords.isTime(amount.unit) {
      factors = range.otherUnits.merging([(range.unit ?? "").lowercased(): 1]) { first, _ in first }
    }
    guard let part = amount.single(factors: factors) else {
      return .object([
        ("extension", .array([.object([("url", .string(dataAbsentReason)), ("valueCode", .string("unknown"))])])),
        ("unit", .string(amount.unit)),
      ])
    }
    var pairs = UCUMUnit.fields(part.value, unit: part.unit)
    if amount.ongoing { pairs.insert(("comparator", .string(">=")), at: 1) }
    return .object(pairs)
  }

  static let dataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"

  /// Sections and questions share one id space in FHIR; a section may be named like a question.
  static func sectionLinkID(_ section: Section) -> String { "section:" + section.id }

  /// FHIR ids allow letters, digits, `-` and `.`, up to 64 characters.
  static func resourceID(_ text: String) -> String {
    String(text.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "." ? $0 : "-" }.prefix(64))
  }
}
