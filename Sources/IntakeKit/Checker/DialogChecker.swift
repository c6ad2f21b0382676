import Foundation

/// Turns a draft into a `Dialog` and checks everything that can be known before a patient sees
/// it: references, expression types, and the flow (reachability, a way to the end, the order in
/// which conditions read answers).
struct DialogChecker {
  let draft: DialogReader.Draft
  let references: [Located<String>]
  let escalationTargets: [Located<String>]
  let sink: DiagnosticSink
  /// Whether the checks that can only warn run (`DialogLoader.Checks`).
  var advises = true
  /// Whether the checked dialog gets its `WalkIndex` (`DialogLoader.check`).
  var indexesWalks = true

  /// The dialog, with the reading level its patient texts were measured at when the advice ran.
  struct Checked {
    var dialog: Dialog
    var readingLevel: ReadingLevel?
  }

  func check() -> Checked {
    let flowSections = draft.sections.filter(\.inFlow)
    let flow = flowSections.flatMap(\.questionIDs)
    var flowIndex: [String: Int] = [:]
    for (index, id) in flow.enumerated() { flowIndex[id] = index }
    var dialog = Dialog(
      id: draft.id, version: draft.version, title: draft.title, language: draft.language, sections: draft.sections,
      questions: draft.questions, flow: flow, computed: draft.computed, computedOrder: draft.computedOrder,
      instruments: draft.instruments,
      categories: draft.categories, rules: draft.rules, lexicons: draft.lexicons, safety: draft.safety,
      resumeWith: draft.resumeWith?.value, estimatedMinutes: draft.estimatedMinutes,
      readingGradeMax: draft.readingGradeMax?.value, audiences: draft.audiences, flowIndex: flowIndex)
    dialog.lengthBudget = draft.lengthBudget
    dialog.note = draft.note
    if flow.isEmpty {
      if indexesWalks { dialog.walkIndex = WalkIndex(dialog) }
      sink.error(
        .missingKey, "the dialog has no questions in its flow; list section files under 'sections'",
        at: draft.manifestLocation)
      return Checked(dialog: dialog, readingLevel: nil)
    }
    // The checks as tasks, each taken by the next core free, in `Task` order; each writes into
    // a sink of its own, gathered after in the order one core would have reported them. (Two
    // fixed lists, one per core, left one idle for a sixth of the time on 10,000 questions.)
    let tasks = Task.allCases.filter { (advises || !$0.advises) && (indexesWalks || $0 != .walkIndex) }
    let parts = Parts(checkers: tasks.map { $0 == .errors ? self : with(sink: DiagnosticSink()) })
    let checked = dialog
    DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
      let checker = parts.checkers[index]
      // Iterations start in order: a task that waits for `errors` waits for one already running.
      switch tasks[index] {
      case .errors: parts.decide(checkable: checker.checkForErrors(checked))
      case .readingLevel:
        let level = ReadingLevel(dialog: checked)
        checker.checkReadingLevel(level)
        parts.readingLevel = level
      case .flow: if parts.checkable() { checker.checkFlow(checked) }
      case .repeatedHints: checker.checkRepeatedHints(checked)
      case .walkIndex: parts.walkIndex = WalkIndex(checked)
      case .impossibleConditions: if parts.checkable() { checker.checkImpossibleConditions(checked) }
      case .yesNoOrder: checker.checkYesNoOrder(checked)
      case .itemsAndBands:
        checker.checkUnansweredItems(checked)
        checker.checkBands(checked)
      case .audienceWords: checker.checkAudienceWords(checked)
      }
    }
    dialog.walkIndex = parts.walkIndex
    for task in Task.reportOrder {
      guard let index = tasks.firstIndex(of: task), task != .errors else { continue }
      for diagnostic in parts.checkers[index].sink.diagnostics { sink.report(diagnostic) }
    }
    return Checked(dialog: dialog, readingLevel: parts.readingLevel)
  }

  /// This checker reporting into `sink`.
  private func with(sink: DiagnosticSink) -> DialogChecker {
    DialogChecker(draft: draft, references: references, escalationTargets: escalationTargets, sink: sink)
  }

  /// Every check that can find an error but the flow and the conditions that can never be true
  /// (`Task.flow`, `Task.impossibleConditions`): whether the dialog can be checked that far.
  private func checkForErrors(_ dialog: Dialog) -> Bool {
    checkTargets(dialog)
    checkResume(dialog)
    checkNote(dialog)
    checkDoseMedicines(dialog)
    checkNumericOptions(dialog)
    checkAudienceNames(dialog)
    checkTypes(dialog)
    // A duplicate id leaves one question under the id, so the flow can still be checked: the
    // author sees the next mistake now, not after fixing this one.
    return !sink.hasErrors(besides: [.duplicateID])
  }

  // MARK: Bands

  /// An instrument's bands cover 0 to its `max` once each: a total in no band, or in two, would
  /// print a score with no meaning or the wrong one.
  private func checkBands(_ dialog: Dialog) {
    for instrument in dialog.instruments where !instrument.bands.isEmpty {
      let bands = instrument.bands.sorted { $0.minimum < $1.minimum }
      let whole = ([instrument.maximum] + bands.flatMap { [$0.minimum, $0.maximum] }).allSatisfy {
        $0 == $0.rounded()
      }
      var problems: [String] = []
      if let first = bands.first, first.minimum > 0 {
        problems.append("a total below \(formatNumber(first.minimum)) is in no band")
      }
      for (low, high) in zip(bands, bands.dropFirst()) {
        if high.minimum <= low.maximum {
          problems.append(
            "'\(low.label)' and '\(high.label)' both hold \(formatNumber(high.minimum))"
              + (high.minimum < low.maximum ? " to \(formatNumber(min(low.maximum, high.maximum)))" : ""))
        } else if whole, high.minimum > low.maximum + 1 {
          let from = low.maximum + 1
          let to = high.minimum - 1
          problems.append(
            "a total of \(formatNumber(from))\(to > from ? " to \(formatNumber(to))" : "") is in no band")
        }
      }
      if let last = bands.last, last.maximum < instrument.maximum {
        problems.append(
          "a total above \(formatNumber(last.maximum)) (up to its max, \(formatNumber(instrument.maximum))) is in no band"
        )
      }
      for problem in problems {
        sink.error(
          .invalidValue,
          "the bands of '\(instrument.id)' must cover 0 to its max once each: \(problem)", at: instrument.location)
      }
    }
  }

  // MARK: Dead code

  /// A `when`, branch or rule condition the answers' own ranges rule out is an error at the
  /// condition, with the reason, unless the author marked it `dormant:` (path analysis finds the
  /// rest, given answers). One the clinic's settings turn off is intended.
  private func checkImpossibleConditions(_ dialog: Dialog) {
    func report(_ condition: Expression, _ what: String, dormant: String?, mark: String) {
      guard dormant == nil, case .impossible(let reason)? = ImpossibleCondition.verdict(condition, in: dialog) else {
        return
      }
      sink.error(
        .impossibleCondition,
        "\(what) can never be true: \(reason). Fix the condition, or mark \(mark) 'dormant: <why>' if that is meant",
        at: condition.location)
    }
    for id in draft.questionOrder {
      guard let question = dialog.questions[id] else { continue }
      if let when = question.when {
        report(when, "'when' of '\(id)' (\(when.source))", dormant: question.dormant, mark: "the question")
      }
      for (index, branch) in question.branches.enumerated() {
        report(
          branch.condition, "branch \(index + 1) of '\(id)' (\(branch.condition.source))",
          dormant: branch.dormant ?? question.dormant, mark: "the branch")
      }
    }
    for rule in dialog.rules {
      report(rule.condition, "rule '\(rule.id)'", dormant: rule.dormant, mark: "the rule")
    }
  }

  // MARK: Answers

  /// Options that are themselves numbers ("1 or 2", "3 or 4") make a typed "2" either a value
  /// or a position. The kiosk asks back either way; the author is told to say which is meant.
  private func checkNumericOptions(_ dialog: Dialog) {
    for id in draft.questionOrder {
      guard let question = dialog.questions[id], question.numberReading == nil else { continue }
      switch question.kind {
      case .choice, .multipleChoice, .scale: break
      default: continue
      }
      guard let numeric = question.options.first(where: { OptionNumbers($0.text) != nil }) else { continue }
      sink.warning(
        .numericOptions,
        "the options of '\(id)' are numbers (\"\(numeric.text)\"), so a typed 2 could be a value or the second "
          + "option; the kiosk asks back. Say how to read a bare number with 'numbers: ask', 'values' or "
          + "'positions' (on the question, or on its scale)",
        at: question.location)
    }
  }

  /// Yes-or-no questions are always 1. Yes, 2. No. A choice whose answers start with yes and no
  /// in another order ("1. No, 2. Yes, but…") turns a patient's habitual 2-for-no into a yes.
  private func checkYesNoOrder(_ dialog: Dialog) {
    for id in draft.questionOrder {
      guard let question = dialog.questions[id] else { continue }
      switch question.kind {
      case .choice, .scale: break
      default: continue
      }
      // Each option folded once; its first word looked for only where there is a no.
      let folded = question.options.map { ChoiceMatcher.fold($0.text) }
      // A "No" or "No, …" answer anywhere but second, or a "Yes…" anywhere but first when there is
      // one. "No problem" on a scale of how much is a degree, not a no.
      guard let no = folded.firstIndex(where: { $0 == "no" || $0.hasPrefix("no,") || $0.hasPrefix("no.") }) else {
        continue
      }
      let yes = folded.firstIndex { ChoiceMatcher.words($0).prefix { $0 != " " } == "yes" }
      guard no != 1 || (yes.map { $0 != 0 } ?? false) else { continue }
      sink.warning(
        .yesNoOrder,
        "the answers of '\(id)' put \"\(question.options[no].text)\" as answer \(no + 1), where a yes-or-no question "
          + "has 1. Yes, 2. No, so a patient who types 2 for no may choose \"\(question.options[min(1, question.options.count - 1)].text)\". "
          + "Ask yes or no first, then a follow-up",
        at: question.options[no].location ?? question.location)
    }
  }

  /// The kiosk adds its own line under every optional question (`KioskPhrase.skipHint`); a text that
  /// says the same makes the patient read it twice.
  private func checkRepeatedHints(_ dialog: Dialog) {
    for id in draft.questionOrder {
      guard let question = dialog.questions[id] else { continue }
      if case .repeatGroup = question.kind { continue }
      let words = ChoiceMatcher.words(ChoiceMatcher.fold(question.text.source))
      for hint in KioskHint.all where hint.applies(question) {
        guard hint.phrases(question).contains(where: words.containsWords) else { continue }
        sink.warning(
          .repeatedHint,
          "the text of '\(id)' tells the patient \(hint.about), and the kiosk adds \"\(hint.shown(question))\" "
            + "\(hint.placement): say it once (take it out of the text)",
          at: question.textLocations["text"] ?? question.location)
      }
    }
  }

  // MARK: Reading level

  /// With a `reading_grade_max`, a patient text far above it (more than `textGradeMargin` grades)
  /// is worth rewording, and so is a dialog above it overall. Without one, nothing is said.
  private func checkReadingLevel(_ level: ReadingLevel) {
    guard let target = draft.readingGradeMax else { return }
    let limit = target.value + Self.textGradeMargin
    for text in level.hardest {
      guard let grade = text.grade, grade > limit else { break }
      let what =
        switch text.field {
        case .text: "the text"
        case .options: "the answers"
        case .help: "the help"
        case .why: "the 'why'"
        case .invalid: "the 'invalid' message"
        case .implausible: "the 'implausible' message"
        case .check: "a check message"
        case .another: "the 'another' question"
        }
      let long = Self.longestWords(text.text)
      sink.warning(
        .readingLevel,
        "\(what) of '\(text.question)' \(text.field == .options ? "read" : "reads") at grade \(Self.grade(grade)) (Flesch-Kincaid), far above the dialog's "
          + "reading_grade_max of \(formatNumber(target.value)): \(text.measure.words) words in "
          + "\(text.measure.sentences) sentence\(text.measure.sentences == 1 ? "" : "s")"
          + (long.isEmpty ? "" : ", long words \(long.map { "\"\($0)\"" }.joined(separator: ", "))")
          + ". Use shorter sentences and everyday words, or mark an instrument's own wording 'verbatim: true'",
        at: text.location)
    }
    if let grade = level.overall.grade, grade > target.value {
      let hardest = level.hardest.prefix(3).map { "'\($0.question)' (\(Self.grade($0.grade ?? 0)))" }
      sink.warning(
        .readingLevel,
        "the dialog's patient texts read at grade \(Self.grade(grade)) (Flesch-Kincaid) as a whole, above its "
          + "reading_grade_max of \(formatNumber(target.value))"
          + (hardest.isEmpty ? "" : "; the hardest texts are those of \(hardest.joined(separator: ", "))"),
        at: target.location)
    }
  }

  /// How far above `reading_grade_max` one text may read before it is flagged: one text's grade
  /// swings with a single long word, so only a text well beyond the target is worth a warning.
  static let textGradeMargin = 4.0

  /// A grade as the checker prints it: one decimal.
  static func grade(_ value: Double) -> String { String(format: "%.1f", value) }

  /// The words of three or more syllables, longest first, at most three.
  private static func longestWords(_ text: String) -> [String] {
    let words = text.split { !$0.isLetter && $0 != "'" }.map(String.init)
    var seen = Set<String>()
    return words.filter { Readability.syllables($0) >= 3 && seen.insert($0.lowercased()).inserted }
      .sorted { Readability.syllables($0) > Readability.syllables($1) }.prefix(3).map { $0 }
  }

  // MARK: Audiences

  /// A question's `audience` names one the manifest declares (path analysis proves the rest).
  private func checkAudienceNames(_ dialog: Dialog) {
    for id in draft.questionOrder {
      guard let question = dialog.questions[id], let name = question.audience, dialog.audiences[name.value] == nil
      else {
        continue
      }
      sink.error(
        .unknownReference,
        "'\(id)' is for audience '\(name.value)', which the manifest's 'audiences' does not declare"
          + suggestion(name.value, Array(dialog.audiences.keys), listing: true),
        at: name.location)
    }
  }

  /// A question that speaks of an audience's words ("pregnant") says it is for it, so path
  /// analysis proves it is never asked of anyone else.
  private func checkAudienceWords(_ dialog: Dialog) {
    // Each audience's words folded once, not again at every question.
    let audiences = dialog.audiences.values.sorted(by: { $0.id < $1.id }).map { audience in
      (audience, audience.words.map { (word: $0, folded: ChoiceMatcher.fold($0)) })
    }
    guard !audiences.isEmpty else { return }
    for id in draft.questionOrder {
      guard let question = dialog.questions[id] else { continue }
      // Split at the spaces `words` leaves, byte by byte (by `Character` it was most of the check).
      let words = Set(
        ChoiceMatcher.words(
          ChoiceMatcher.fold(([question.text.source] + question.options.map(\.text)).joined(separator: " "))
        )
        .utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) })
      for (audience, audienceWords) in audiences where question.audience?.value != audience.id {
        guard let word = audienceWords.first(where: { Self.mentions(words, folded: $0.folded) })?.word else {
          continue
        }
        sink.warning(
          .audienceUndeclared,
          "'\(id)' speaks of \"\(word)\", a word of audience '\(audience.id)' (\(audience.condition.source)), but does "
            + "not say it is for it: add 'audience: \(audience.id)' so intake check proves it is never asked of anyone "
            + "else",
          at: question.location)
        break
      }
    }
  }

  /// Whether `words` holds an audience's word (`folded` by `ChoiceMatcher.fold`), or with a
  /// trailing `*` any word that starts with it.
  static func mentions(_ words: Set<String>, folded: String) -> Bool {
    guard folded.hasSuffix("*") else { return words.contains(folded) }
    let stem = folded.dropLast()
    return words.contains { $0.hasPrefix(stem) }
  }

  // MARK: References

  /// The note names answers that exist, and `denies` names answers its question has.
  private func checkNote(_ dialog: Dialog) {
    for name in draft.noteReferences where dialog.questions[name.value] == nil && dialog.computed[name.value] == nil {
      sink.error(
        .unknownReference, "the note names '\(name.value)', which is no question or computed value", at: name.location)
    }
    // A dialog that asks for a name but does not say in the note which answer it is: the
    // coordinators' list says "(no name)" for every patient.
    let named = draft.questionOrder.filter {
      dialog.questions[$0]?.isPersonName == true && dialog.questions[$0]?.group == nil
    }
    if !named.isEmpty, dialog.note.identity[.givenName] == nil, dialog.note.identity[.familyName] == nil {
      sink.warning(
        .noteNamesNoPatient,
        "the note names no patient: the coordinators' list and the note will say \"(no name)\". Add a note.yaml "
          + "with 'identity: { given_name: ..., family_name: ..., birth_date: ... }' naming the questions that ask them"
          + " (" + named.map { "'\($0)'" }.joined(separator: ", ") + "?)",
        at: draft.manifestLocation)
    }
    // `birth_sex` codes the sex answer's options: each must be one, and the answer a choice.
    if !draft.birthSexOptions.isEmpty {
      let sex = dialog.note.identity[.sex].flatMap { dialog.questions[$0] }
      let options = sex.map { $0.options.map(\.id) } ?? []
      for option in draft.birthSexOptions where !options.contains(option.value) {
        let question = dialog.note.identity[.sex] ?? "(none: 'identity' names no 'sex')"
        sink.error(
          .unknownOption, "'birth_sex' codes '\(option.value)', which is no option of the sex question \(question)",
          at: option.location)
      }
    }
    for (id, denies) in draft.denies {
      guard let question = dialog.questions[id] else { continue }
      let answers: [String]
      switch question.kind {
      case .yesNo: answers = ["yes", "no"]
      case .choice(let options), .multipleChoice(let options): answers = options.map(\.id)
      default:
        sink.error(
          .typeMismatch, "'denies' is for yes/no and choice questions; '\(id)' is neither", at: question.location)
        continue
      }
      for answer in denies where !answers.contains(answer.value) {
        sink.error(
          .unknownReference,
          "'denies' of '\(id)' names '\(answer.value)', which is not one of its answers (\(answers.joined(separator: ", ")))",
          at: answer.location)
      }
    }
  }

  private func checkResume(_ dialog: Dialog) {
    guard let name = draft.resumeWith else { return }
    guard let question = dialog.questions[name.value], question.group == nil, case .date = question.kind else {
      sink.error(
        .typeMismatch, "'resume_with' must name a date question outside repeat groups, such as the date of birth",
        at: name.location)
      return
    }
  }

  /// A dose's `medicine` names a question with a lexicon that comes before it (in the same
  /// record, for a repeat group's dose), so its usual unit is known when the dose is asked.
  private func checkDoseMedicines(_ dialog: Dialog) {
    for id in draft.questionOrder {
      guard let question = dialog.questions[id], case .dose(let rule) = question.kind, let name = rule.medicine,
        let at = rule.medicineLocation
      else { continue }
      guard let medicine = dialog.questions[name], medicine.lexiconID != nil,
        medicine.group == nil || medicine.group == question.group
      else {
        let texts = dialog.questions.values.filter { $0.lexiconID != nil }.map(\.id)
        sink.error(
          .unknownReference,
          "'medicine' of '\(id)' must name a text question with a lexicon"
            + (question.group.map { " in the same repeat group ('\($0)')" } ?? "") + suggestion(name, texts),
          at: at)
        continue
      }
    }
  }

  private func checkTargets(_ dialog: Dialog) {
    let topLevel = dialog.questions.values.filter { $0.group == nil }.map(\.id)
    for question in dialog.questions.values {
      // Reported where the target is written (a trial author was shown the branch's `when`, or the
      // question's id, and looked there for the mistake).
      let targets =
        question.branches.map { ($0.target, $0.targetLocation ?? $0.location) }
        + (question.next.map { [($0, question.nextLocation ?? question.location)] } ?? [])
      for (target, location) in targets {
        guard case .question(let id) = target else { continue }
        if dialog.questions[id] == nil || dialog.questions[id]?.group != nil {
          sink.error(
            .missingBranchTarget,
            "'\(question.id)' goes to '\(id)', which is not a question" + suggestion(id, topLevel)
              + " (or write 'end')",
            at: location)
        }
      }
    }
    for target in escalationTargets {
      guard let question = dialog.questions[target.value] else {
        sink.error(
          .missingBranchTarget,
          "escalation shows '\(target.value)', which is not a question" + suggestion(target.value, topLevel),
          at: target.location)
        continue
      }
      if case .message = question.kind {
      } else {
        sink.error(.invalidValue, "escalation screen '\(target.value)' must be a message", at: target.location)
      }
    }
    for property in dialog.safety {
      // A `next:` question; a `show:` screen is checked with the escalation screens above.
      if case .interrupts(_, let screen, _) = property.kind, dialog.questions[screen] == nil,
        !escalationTargets.contains(where: { $0.value == screen })
      {
        let location = references.first { $0.value == screen }?.location ?? property.location
        sink.error(
          .unknownReference,
          "safety property '\(property.id)' names '\(screen)', which is not a question"
            + suggestion(screen, Array(dialog.questions.keys)), at: location)
      }
      guard case .finishedIncludes(let required) = property.kind else { continue }
      for name in required where dialog.questions[name] == nil {
        let location = references.first { $0.value == name }?.location ?? property.location
        sink.error(
          .unknownReference,
          "safety property '\(property.id)' names '\(name)', which is not a question"
            + suggestion(name, Array(dialog.questions.keys)), at: location)
      }
    }
    for instrument in dialog.instruments {
      for item in instrument.items + instrument.keyItems where dialog.questions[item] == nil {
        let location = references.first { $0.value == item }?.location ?? instrument.location
        sink.error(
          .unknownReference,
          "instrument '\(instrument.id)' names '\(item)', which is not a question"
            + suggestion(item, Array(dialog.questions.keys)), at: location)
      }
      if dialog.computed[instrument.total] == nil {
        let location = references.first { $0.value == instrument.total }?.location ?? instrument.location
        sink.error(
          .unknownReference,
          "instrument '\(instrument.id)' takes its total from '\(instrument.total)', which is not a computed value"
            + suggestion(instrument.total, Array(dialog.computed.keys)), at: location)
      }
    }
  }

  // MARK: Types

  private func checkTypes(_ dialog: Dialog) {
    let types = TypeChecker(
      questions: dialog.questions, computed: dialog.computed, lexicons: dialog.lexicons, sink: sink)
    for id in draft.computedOrder { _ = types.type(ofComputed: id) }
    for id in draft.questionOrder {
      guard let question = dialog.questions[id] else { continue }
      let scope = TypeChecker.Scope(group: question.group)
      if let condition = question.when {
        types.checkCondition(condition, scope: scope, what: "'when' of '\(id)'")
      }
      for branch in question.branches {
        types.checkCondition(branch.condition, scope: scope, what: "a branch condition of '\(id)'")
      }
      for check in question.checks {
        types.checkCondition(check.condition, scope: scope, what: "a check of '\(id)'")
      }
      checkTemplate(question.text, scope: scope, types: types)
      if case .repeatGroup(let group) = question.kind {
        checkTemplate(group.another, scope: .topLevel, types: types)
        if let label = group.recordLabel { checkTemplate(label, scope: TypeChecker.Scope(group: id), types: types) }
        if let carry = group.carry {
          if case .repeatGroup? = dialog.questions[carry.group]?.kind, carry.group != id {
            if let from = dialog.flowIndex[carry.group], let to = dialog.flowIndex[id], from > to {
              sink.error(
                .readsLaterQuestion, "'carry' of '\(id)' takes records from '\(carry.group)', which is asked later",
                at: carry.groupLocation)
            }
            let from = TypeChecker.Scope(group: carry.group)
            if let condition = carry.condition {
              types.checkCondition(condition, scope: from, what: "the 'when' of the carry of '\(id)'")
            }
            checkTemplate(carry.line, scope: from, types: types)
            if let note = carry.note { checkTemplate(note, scope: from, types: types) }
          } else {
            sink.error(
              .unknownReference, "'carry' of '\(id)' must name another repeat group, not '\(carry.group)'",
              at: carry.groupLocation)
          }
        }
      }
      if let cite = question.cite {
        // A repeat group's citation is filled from one record, so it reads the record's fields.
        let citeScope = question.kind.name == "repeat" ? TypeChecker.Scope(group: id) : scope
        checkTemplate(cite, scope: citeScope, types: types)
      }
    }
    for audience in dialog.audiences.values.sorted(by: { $0.id < $1.id }) {
      types.checkCondition(audience.condition, scope: .topLevel, what: "the condition of audience '\(audience.id)'")
    }
    for property in dialog.safety {
      if case .interrupts(let condition, _, _) = property.kind {
        types.checkCondition(condition, scope: .topLevel, what: "'after' of safety property '\(property.id)'")
      }
    }
    for instrument in dialog.instruments {
      if let condition = instrument.condition {
        types.checkCondition(condition, scope: .topLevel, what: "'when' of instrument '\(instrument.id)'")
      }
    }
    for rule in dialog.rules {
      types.checkCondition(rule.condition, scope: .topLevel, what: "the condition of rule '\(rule.id)'")
      checkTemplate(rule.finding, scope: .topLevel, types: types, reserved: [Rule.citedName])
      rule.questions.forEach { checkTemplate($0, scope: .topLevel, types: types, reserved: [Rule.citedName]) }
    }
    for (rule, replaced) in draft.replacedRules {
      guard let target = dialog.rules.first(where: { $0.id == replaced.value }) else {
        sink.error(
          .unknownReference,
          "rule '\(rule)' replaces '\(replaced.value)', which is no rule\(suggestion(replaced.value, dialog.rules.map(\.id)))",
          at: replaced.location)
        continue
      }
      if target.escalation != nil || replaced.value == rule {
        sink.error(
          .invalidValue,
          "rule '\(rule)' cannot replace '\(replaced.value)': an escalation, or the rule itself, is always said on its own",
          at: replaced.location)
      }
    }
  }

  /// Nothing invented: an instrument's total must not give a number in place of an unanswered
  /// item (a `coalesce` fallback, an `answered()` test) unless the instrument says why
  /// (`unasked_items`). Totals that are missing or undecided without the item, or that three-valued
  /// logic settles whatever the answer (`gate == true and item == true` after a no to the gate),
  /// invent nothing.
  private func checkUnansweredItems(_ dialog: Dialog) {
    var analysis = UnansweredItems(computed: dialog.computed)
    for instrument in dialog.instruments where dialog.computed[instrument.total] != nil {
      let reads = analysis.reads(ofComputed: instrument.total)
      for item in instrument.items where !instrument.unaskedItems.contains(item) {
        guard let read = reads[item], read.reading == .supplied else { continue }
        let site = read.site.map { " (\($0.source) at \($0.location))" } ?? ""
        sink.error(
          .totalSuppliesUnanswered,
          "the total of instrument '\(instrument.id)' ('\(instrument.total)') gives a score when '\(item)' is not "
            + "answered: a value is put in its place\(site). Let an unanswered item leave the total missing "
            + "(count_true, sum and comparisons do), write what skip logic means as a condition "
            + "('gate == true and \(item) == true'), or list the item under the instrument's 'unasked_items' "
            + "with 'why'",
          at: instrument.totalLocation ?? instrument.location)
      }
    }
  }

  private func checkTemplate(
    _ template: Template, scope: TypeChecker.Scope, types: TypeChecker, reserved: Set<String> = []
  ) {
    for reference in template.references where !reserved.contains(reference.name) {
      _ = types.resolve(reference.name, at: reference.location, scope: scope)
    }
  }

  // MARK: Flow

  private func checkFlow(_ dialog: Dialog) {
    let graph = FlowGraph(dialog: dialog)
    let roots = [dialog.flow[0]] + escalationTargets.map(\.value)
    let reachable = graph.reachable(from: roots)
    for id in draft.questionOrder {
      guard let question = dialog.questions[id], question.group == nil, !reachable.contains(id) else { continue }
      if dialog.section(question.section)?.inFlow == false {
        sink.error(
          .unreachableNode,
          "no path reaches '\(id)': nothing goes to it (its section is outside the flow, so only a 'next' or an "
            + "escalation can)",
          at: question.location)
      } else if let jump = jumpPast(id, dialog, reachable: reachable) {
        sink.error(
          .unreachableNode,
          "no path reaches '\(id)': '\(jump.from)' always goes on to \(jump.to) (\(jump.location)), past it; "
            + "change that 'next', or move '\(id)'",
          at: question.location)
      } else {
        sink.error(
          .unreachableNode, "no path reaches '\(id)': nothing goes to it (every path jumps past it)",
          at: question.location)
      }
    }
    let canEnd = graph.canReachEnd()
    let components = StronglyConnected.components(graph.edges)
    let cycles = graph.stronglyConnectedCycles(components: components)
    var reported = Set<String>()
    for cycle in cycles where !cycle.contains(where: canEnd.contains) && cycle.contains(where: reachable.contains) {
      let ordered = draft.questionOrder.filter(cycle.contains)
      guard let first = ordered.first, let location = dialog.questions[first]?.location else { continue }
      sink.error(
        .cycleWithoutExit,
        "these questions loop with no way out: \((ordered + [first]).joined(separator: " → ")); add a branch that leaves the loop",
        at: location)
      reported.formUnion(cycle)
    }
    for id in draft.questionOrder where reachable.contains(id) && !canEnd.contains(id) && !reported.contains(id) {
      guard let question = dialog.questions[id], question.group == nil else { continue }
      sink.error(
        .neverReachesEnd, "no path from '\(id)' reaches the end of the dialog; every way on runs into a loop",
        at: question.location)
    }
    checkReadOrder(dialog, graph: graph, reachable: reachable, components: components)
  }

  /// Whether a required question `read`, passed on every path to `reader`, is asked whenever
  /// `reader` is shown: every part of its `when` is a part of the reader's (a section's or a
  /// group's `when`, shared by both).
  static func askedWhenever(_ read: String, isShownBefore reader: Question, _ dialog: Dialog) -> Bool {
    guard let question = dialog.questions[read], question.required, let when = question.when,
      let readerWhen = reader.when
    else { return false }
    func parts(_ expression: Expression) -> [Expression] {
      if case .binary(.and, let lhs, let rhs) = expression.kind { return parts(lhs) + parts(rhs) }
      return [expression]
    }
    let shared = Set(parts(readerWhen).map(\.source))
    return parts(when).allSatisfy { shared.contains($0.source) }
  }

  /// The jump that makes `id` unreachable: the nearest question before it that is reached and
  /// always goes on past it (its `next:` when no branch holds, or an `end`).
  private func jumpPast(_ id: String, _ dialog: Dialog, reachable: FlowGraph.Marked) -> (
    from: String, to: String, location: SourceLocation
  )? {
    guard let index = dialog.flowIndex[id] else { return nil }
    for earlier in dialog.flow[..<index].reversed() where reachable.contains(earlier) {
      guard let question = dialog.questions[earlier] else { continue }
      if question.ends { return (earlier, "the end (end: true)", question.location) }
      switch question.next {
      case .end?: return (earlier, "the end", question.nextLocation ?? question.location)
      case .question(let target)?:
        if let targetIndex = dialog.flowIndex[target], targetIndex <= index { continue }
        return (earlier, "'\(target)'", question.nextLocation ?? question.location)
      case nil: continue
      }
    }
    return nil
  }

  /// A condition or piped text may only read answers given before it on every path that reaches it.
  /// Questions no path reaches are reported once (IK302) and not again here, neither when they
  /// read nor when they are read: the advice to move a question would be wrong for them.
  private func checkReadOrder(
    _ dialog: Dialog, graph: FlowGraph, reachable: FlowGraph.Marked, components: [Int]
  ) {
    var order = ReadOrder(graph: graph, start: dialog.flow[0], components: components)
    for id in draft.questionOrder {
      guard let question = dialog.questions[id] else { continue }
      // Repeat items are positioned by their group, and may read earlier fields of the same record.
      let position = question.group ?? id
      guard reachable.contains(position) else { continue }
      let fieldOrder: [String] =
        if let group = question.group, case .repeatGroup(let spec)? = dialog.questions[group]?.kind { spec.items } else
        { [] }
      var reads: [(String, SourceLocation, String, Bool)] = []  // name, where, what, guarded by answered()
      if let condition = question.when {
        for read in Dependencies.reads(condition, dialog: dialog) {
          reads.append((read.name, read.location, "its 'when'", read.guarded))
        }
      }
      for branch in question.branches {
        for read in Dependencies.reads(branch.condition, dialog: dialog) where read.name != id {
          reads.append((read.name, read.location, "a branch condition", read.guarded))
        }
      }
      for reference in question.text.references {
        for name in Dependencies.expand(reference.name, dialog: dialog) {
          reads.append((name, reference.location, "its text", true))
        }
      }
      for (name, location, what, guarded) in reads {
        if let index = fieldOrder.firstIndex(of: name), dialog.questions[name]?.group == question.group {
          if let own = fieldOrder.firstIndex(of: id), index >= own {
            sink.error(
              .readsLaterQuestion, "'\(id)' reads '\(name)' in \(what), but '\(name)' comes later in the same record",
              at: location)
          }
          continue
        }
        let readPosition = dialog.questions[name]?.group ?? name
        if dialog.questions[readPosition] != nil, !reachable.contains(readPosition) { continue }
        if readPosition == position || !order.comesBefore(readPosition, position) {
          let later = dialog.questions[readPosition]?.location
          sink.error(
            .readsLaterQuestion,
            "'\(id)' reads '\(name)' in \(what), but '\(name)' is not asked before '\(id)' on any path"
              + (later.map { " (it is at \($0))" } ?? "") + "; move the question or the condition",
            at: location)
        } else if what != "its text", !guarded,
          order.canAvoid(readPosition, before: position)
            || (graph.mayBeSkipped(readPosition) && !Self.askedWhenever(readPosition, isShownBefore: question, dialog))
        {
          sink.warning(
            .mayBeMissing,
            "'\(id)' reads '\(name)' in \(what), which can be missing here (skipped or not asked); missing compares false, so check with answered(\(name)) if that matters",
            at: location)
        }
      }
    }
  }
}

/// The checks `DialogChecker.check` runs once the dialog is made, in the order the cores take
/// them: the longest early, so the cores finish together; `errors` first, since `flow` and
/// `impossibleConditions` wait for what it decides.
private enum Task: CaseIterable {
  case errors
  case readingLevel
  case flow
  case repeatedHints
  case walkIndex
  case impossibleConditions
  case yesNoOrder
  case itemsAndBands
  case audienceWords

  /// Whether it only advises (run with `DialogLoader.Checks.all`).
  var advises: Bool {
    switch self {
    case .readingLevel, .repeatedHints, .yesNoOrder, .audienceWords: true
    default: false
    }
  }

  /// The order their diagnostics are reported in: as one core ran them before they were tasks.
  static let reportOrder: [Task] = [
    .errors, .impossibleConditions, .itemsAndBands, .flow, .yesNoOrder, .repeatedHints, .readingLevel,
    .audienceWords, .walkIndex,
  ]
}

/// The checkers of `DialogChecker.check`, one per task, each writing only its own sink, and what
/// the tasks hand back.
private final class Parts: @unchecked Sendable {
  let checkers: [DialogChecker]
  // Each written by one task; `checkable` once, the others read after `concurrentPerform`
  // returns.
  var readingLevel: ReadingLevel?
  var walkIndex: WalkIndex?
  private let isCheckable = OnceValue<Bool>()

  init(checkers: [DialogChecker]) { self.checkers = checkers }

  /// Says, once, whether the dialog can be checked further.
  func decide(checkable: Bool) { isCheckable.give(checkable) }

  /// Whether the dialog can be checked further, waiting until it is decided.
  func checkable() -> Bool { isCheckable.value() ?? false }
}
