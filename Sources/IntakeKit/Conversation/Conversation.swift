import Foundation

/// The kiosk conversation over a session: it reads one typed line at a time and answers with the
/// text to show. The kiosk, transcript replay and tests all drive this same type, so nothing is
/// decided in the terminal loop that a replay would not exercise.
///
/// It never shows a score, a finding or the summary: those are for staff.
public struct Conversation: Sendable {
  public enum Event: Sendable, Equatable {
    /// An escalation was raised; the driver alerts staff when `alert` is true.
    case escalation(rule: String, tier: Int, alert: Bool)
    /// The patient finished; the driver saves the summary, then shows the closing words.
    case finished
    /// The patient confirmed quitting; nothing is submitted.
    case quit
  }

  public struct Reply: Sendable, Equatable {
    public var text: String
    public var events: [Event]
  }

  private enum Mode: Sendable, Equatable {
    /// The first screen of a dialog offered in more than one language.
    case choosingLanguage
    case answering
    case confirmingQuit
    /// An answer was understood but is asked back: an unlikely number or a date read back (one
    /// reading: yes keeps it, no asks again), or a date that reads two ways (the patient picks).
    /// Anything else is taken as a new answer to the question.
    case clarifying(AnswerRejection)
    case reviewing([Cursor])
    /// On a page of the answers, looking them over before they are sent (`reviewPage`).
    case lookingOver
    case done
  }

  public private(set) var session: Session
  private var mode: Mode = .answering
  private var lastSection: String?
  /// The languages the dialog is offered in (`Conversation.languages(of:)`).
  let offeredLanguages: [OfferedLanguage]
  /// The length in bytes of the longest name a language is chosen by (`language(named:)`).
  private let longestName: Int
  private var announcedEscalations = 0
  /// The page of answers the patient is looking over before sending (a `review` screen), kept
  /// while they change an answer so they come back to it; nil when not looking over.
  private var reviewPage: Int?
  /// The pages of answers last laid out and what they were laid out from (`answerPages`).
  private var laidOut: (answers: Answers, at: Cursor?, language: String?, pages: AnswerPages)?

  public init(session: Session) {
    self.session = session
    offeredLanguages = Self.offeredLanguages(of: session.dialog)
    longestName = offeredLanguages.flatMap(\.names).map(\.utf8.count).max() ?? 0
    if !session.dialog.translations.isEmpty, session.answers.values.isEmpty { mode = .choosingLanguage }
  }

  /// The kiosk's own words, in the patient's language.
  public var words: KioskWords { session.kioskWords }

  /// The prompt shown before the cursor.
  public var prompt: String { "> " }

  public var isDone: Bool { mode == .done }

  /// Waiting for the patient to confirm `quit`.
  public var isConfirmingQuit: Bool { mode == .confirmingQuit }

  /// Where the next typed line goes, as a transcript records it.
  public var place: ScreenPlace {
    switch mode {
    case .done: return .end
    case .choosingLanguage: return .choosingLanguage
    case .confirmingQuit: return .confirmingQuit
    case .reviewing: return .choosingAnswerToChange
    case .answering, .clarifying, .lookingOver:
      guard let cursor = session.current else { return .end }
      return .at(cursor)
    }
  }

  /// A held screen (`hold: staff`) is showing: nothing the patient types moves on, and only
  /// `staffResume()` goes on to the next question.
  public var isHeld: Bool {
    guard mode == .answering, let question = currentQuestion else { return false }
    return question.hold != nil && question.kind.isMessage
  }

  /// A person at a staff monitor acknowledged this session's alert: a held screen now says its
  /// `acknowledged_text` (someone is coming), and says it again to whatever is typed there.
  /// Returns the words to show now, or nil when there is nothing new to say.
  public mutating func staffAcknowledged() -> String? {
    guard !acknowledged else { return nil }
    acknowledged = true
    guard isHeld, let text = currentQuestion?.acknowledgedText else { return nil }
    return text
  }

  /// Whether staff acknowledged this session's alert (see `staffAcknowledged`).
  public private(set) var acknowledged = false

  /// A member of staff resumes the session at a held screen: it goes on to the next question.
  /// Anywhere else it does nothing.
  public mutating func staffResume() -> Reply {
    guard isHeld else { return Reply(text: "", events: []) }
    // A later crisis screen waits for its own acknowledgement.
    acknowledged = false
    _ = session.submit("")
    return afterAnswer(prefix: words(.staffResumed))
  }

  /// The opening screen: the dialog's title and the first question; or, for a dialog offered in
  /// more than one language, the language screen.
  public mutating func start() -> Reply {
    if mode == .choosingLanguage { return Reply(text: languageScreen(), events: []) }
    return Reply(text: opening(), events: finishIfDone())
  }

  /// The title, how to answer, and the first question, in the patient's language.
  private mutating func opening() -> String {
    [session.shownDialog.title, "", words(.howToAnswer), "", present()].joined(separator: "\n")
  }

  /// The current question, shown again (after resuming).
  public mutating func currentScreen() -> String {
    mode == .choosingLanguage ? languageScreen() : present()
  }

  /// Handles one line the patient typed.
  public mutating func handle(_ line: String) -> Reply {
    // A command or a yes in the patient's language is read as the kiosk's word for it.
    let command = session.translation?.phrasebook.word(for: line)?.foldedForMatching() ?? ChoiceMatcher.fold(line)
    // At a held screen nothing typed moves on, commands included: a short, kind line instead.
    if isHeld { return Reply(text: holdReminder, events: []) }
    switch mode {
    case .done:
      return Reply(text: "", events: [])
    case .choosingLanguage:
      return chooseLanguage(line)
    case .confirmingQuit:
      if let yes = AnswerParser.yesNo(command) {
        if yes {
          mode = .done
          return Reply(text: words(.quitConfirmed), events: [.quit])
        }
        mode = .answering
        return Reply(text: words(.letsContinue) + "\n\n" + present(), events: [])
      }
      return Reply(text: words(.confirmQuit), events: [])
    case .reviewing(let cursors):
      return handleReview(command, cursors)
    case .lookingOver:
      return lookOver(command)
    case .clarifying(let asked):
      let readings = asked.readings
      mode = .answering
      if let chosen = Self.chosen(command, in: asked) {
        if case .failure(let rejection) = session.submit(chosen.line, confirmed: true, rest: chosen.rest) {
          return Reply(text: rejection.message, events: [])
        }
        return afterAnswer(prefix: filledNote())
      }
      if !asked.yesMeansFirst, !Self.numberIsAlsoInWords(command, of: asked),
        AnswerParser.yesNo(command) == false || command == "neither" || command == "none"
      {
        return Reply(text: words(.typeAgain), events: [])
      }
      // "what?", "huh": the patient did not follow what was asked back; asked again, never taken
      // as the answer (a trial patient's "what?" became a medicine's name).
      if Self.puzzled.contains(command) {
        mode = .clarifying(asked)
        return Reply(text: asked.message + clarification(asked), events: [])
      }
      if !Self.commands.contains(command), language(named: line) == nil {
        // Not a choice: perhaps the answer typed again. If it is not one either, ask once more.
        switch session.submit(line) {
        case .success: return afterAnswer(prefix: filledNote())
        case .failure(let rejection) where rejection.needsConfirmation:
          mode = .clarifying(rejection)
          return Reply(text: rejection.message + clarification(rejection), events: [])
        case .failure:
          mode = .clarifying(asked)
          return Reply(
            text: readings.count == 1 || asked.yesMeansFirst ? words(.yesNoOrAgain) : words(.numberOrAgain),
            events: [])
        }
      }
    // A command: handled as usual below.
    case .answering:
      break
    }
    if let language = language(named: line), language != (session.translation?.language ?? session.dialog.language) {
      return switchLanguage(to: language)
    }
    switch command {
    case "help", "?":
      return Reply(text: helpText(), events: [])
    case "why":
      let why = currentQuestion?.why ?? words(.whyDefault)
      return Reply(text: why + "\n\n" + words(.reask), events: [])
    case _ where Self.puzzled.contains(command):
      // "what?", "huh": why the question is asked, and the question again; never an answer.
      let why = currentQuestion?.why ?? words(.whyDefault)
      return Reply(text: why + "\n\n" + present(), events: [])
    case "back":
      if session.back() { return Reply(text: present(), events: []) }
      if case .interrupt? = session.current { return Reply(text: words(.pressEnter), events: []) }
      return Reply(text: words(.firstQuestion) + "\n\n" + words(.reask), events: [])
    case "skip":
      guard let question = currentQuestion, !question.required else {
        return Reply(text: words(.cannotSkip), events: [])
      }
      _ = session.skip()
      return afterAnswer(prefix: words(.skipped))
    case "review":
      return startReview()
    case "quit", "exit", "stop":
      mode = .confirmingQuit
      return Reply(text: words(.confirmQuit), events: [])
    default:
      break
    }
    if currentQuestion?.kind.isReview == true { return answerReviewOffer(command) }
    switch session.submit(line) {
    case .success:
      return afterAnswer(prefix: filledNote())
    case .failure(let rejection) where rejection.needsConfirmation:
      mode = .clarifying(rejection)
      return Reply(text: rejection.message + clarification(rejection), events: [])
    case .failure(let rejection):
      return Reply(text: rejection.message, events: [])
    }
  }

  /// What was answered from the rest of the line just typed, said back so the patient can
  /// change it: "Noted from what you typed: Dose: 20 mg. How often: Once a day."
  private func filledNote() -> String? {
    // What the line said that no question took is said back, never dropped silently.
    let notUsed = session.unused.map { words(.notUsed, ["words": $0]) }
    guard !session.filled.isEmpty else { return notUsed }
    let dialog = session.shownDialog
    let formatter = AnswerFormatter(dialog: dialog, words: words)
    // A line that named several medicines fills several records: each record's answers on a line
    // of their own, under its name ("(Medicine 2)"), as the questions show it.
    var record: (group: String, index: Int)? = nil
    if case .item(let group, let index, _)? = session.filled.first { record = (group, index) }
    let said = session.filled.compactMap { cursor -> String? in
      guard let question = dialog.questions[cursor.questionID], let value = session.answer(at: cursor) else {
        return nil
      }
      var heading = ""
      if case .item(let group, let index, _) = cursor, record.map({ $0 != (group, index) }) ?? false {
        record = (group, index)
        let name = dialog.questions[group]?.labelForPatient ?? group
        heading = "\n" + words(.recordHeading, ["group": name, "number": String(index + 1)]) + " "
      }
      return heading + "\(question.labelForPatient): \(formatter.display(value, for: question.id))."
    }
    let noted =
      words(.noted, ["answers": said.joined(separator: " ").replacingOccurrences(ofText: " \n", with: "\n")]) + " "
      + words(.typeBackToChange)
    return notUsed.map { noted + "\n" + $0 } ?? noted
  }

  /// Ctrl-D or the end of piped input: ask whether to quit, as `quit` does.
  public mutating func endOfInput() -> Reply {
    guard mode != .done else { return Reply(text: "", events: []) }
    if isHeld { return Reply(text: holdReminder, events: []) }
    mode = .confirmingQuit
    return Reply(text: words(.confirmQuit), events: [])
  }

  /// What Tab offers for `prefix` at the current question.
  public func completions(for prefix: String) -> [String] {
    guard mode == .answering, let cursor = session.current,
      let question = session.shownDialog.questions[cursor.questionID]
    else { return [] }
    if case .gate = cursor { return ChoiceMatcher(options: yesNoOptions).completions(for: prefix) }
    switch question.kind {
    case .review:
      return ChoiceMatcher(options: yesNoOptions).completions(for: prefix)
    case .text(_, let lexicon?):
      guard let lexicon = session.dialog.lexicons[lexicon] else { return [] }
      return LexiconMatcher(lexicon: lexicon).completions(for: prefix)
    case .yesNo:
      return ChoiceMatcher(options: yesNoOptions).completions(for: prefix)
    case .choice, .scale:
      return ChoiceMatcher(options: question.options).completions(for: prefix)
    case .multipleChoice:
      // Complete the piece after the last comma.
      let parts = prefix.split(separator: ",", omittingEmptySubsequences: false)
      let last = parts.last.map { $0.trimmingSpaces() } ?? ""
      let head = parts.dropLast().joined(separator: ",")
      return ChoiceMatcher(options: question.options).completions(for: last).map {
        head.isEmpty ? $0 : head + ", " + $0
      }
    default:
      return []
    }
  }

  // MARK: Asking back

  /// The words that are commands at any question.
  static let commands: Set<String> = ["help", "?", "why", "back", "skip", "review", "quit", "exit", "stop"]

  /// Lines that say the patient did not follow the question ("what?", "huh"): never an answer
  /// (a trial patient's "what?" at "Is the medicine's name sertraline?" became the name); why
  /// the question is asked, and the question, are shown again.
  static let puzzled: Set<String> = [
    "what", "what?", "what??", "huh", "huh?", "??", "what do you mean", "what do you mean?", "i dont understand",
    "i don't understand", "dont understand", "don't understand",
  ]

  /// How to answer a question asked back: yes or no for one reading (or an either-or), a
  /// number for several (the options' own numbers where they have them).
  private func clarification(_ asked: AnswerRejection) -> String {
    guard asked.readings.count > 1, !asked.yesMeansFirst else { return " " + words(.typeYesOrNo) }
    let choices = asked.readings.enumerated().map { "  \($0.element.number ?? $0.offset + 1). \($0.element.label)" }
    return "\n" + choices.joined(separator: "\n") + "\n" + words(.chooseReading)
  }

  /// Whether `command` is a bare number that is one reading's place and within another
  /// reading's own words: "2" at "1. 1 or 2 / 2. 3 or 4" may be the second line or two drinks (a
  /// trial patient meant two and got "3 or 4"). It is not taken by its place; the line goes to
  /// the question, which asks back how it reads a number.
  private static func numberIsAlsoInWords(_ command: String, of asked: AnswerRejection) -> Bool {
    guard let number = Int(command), let reading = asked.readings.first(where: { $0.number == number }) else {
      return false
    }
    return asked.readings.contains { $0.label != reading.label && (OptionNumbers($0.label)?.contains(number) ?? false) }
  }

  /// The reading the patient chose: yes for a single one (yes or no for an either-or); its
  /// number or its words for several.
  private static func chosen(_ command: String, in asked: AnswerRejection) -> AnswerRejection.Reading? {
    let readings = asked.readings
    if asked.yesMeansFirst, readings.count == 2, let yes = AnswerParser.yesNo(command) {
      return yes ? readings[0] : readings[1]
    }
    if readings.count == 1 { return AnswerParser.yesNo(command) == true ? readings[0] : nil }
    if let number = Int(command), let reading = readings.first(where: { $0.number == number }) {
      return numberIsAlsoInWords(command, of: asked) ? nil : reading
    }
    // "6 probably" at "6 months or 7 months?": the reading that begins with that number.
    let words = ChoiceMatcher.words(command).split(separator: " ").map(String.init)
    if let first = words.first, Int(first) != nil,
      words.dropFirst().allSatisfy({ NumberWords.trailingHedges.contains([$0]) || NumberWords.hedges.contains($0) })
    {
      let starting = readings.filter { $0.label.split(separator: " ").first.map(String.init) == first }
      if starting.count == 1, readings.allSatisfy({ $0.number == nil }) { return starting[0] }
    }
    // Ids that cannot be typed as numbers: "1" must pick by place, not match an id "1".
    let options = readings.enumerated().map { AnswerOption(id: "reading-\($0.offset)", text: $0.element.label) }
    guard case .matched(let option) = ChoiceMatcher(options: options, numbers: .positions).match(command),
      let index = Int(option.id.dropFirst("reading-".count))
    else { return nil }
    // A plain number picks by place only when the readings have no numbers of their own.
    if Int(command) != nil, readings.contains(where: { $0.number != nil }) { return nil }
    return readings[index]
  }

  // MARK: Presenting

  /// The current question as the patient sees it (in their language).
  private var currentQuestion: Question? { session.current.flatMap { session.shownDialog.questions[$0.questionID] } }

  private mutating func afterAnswer(prefix: String?) -> Reply {
    // Changing an answer while looking over them: back to the page once what the change brought
    // in is answered.
    if reviewPage != nil { session.skipAnswered() }
    var events: [Event] = []
    for raised in session.escalations.dropFirst(announcedEscalations) {
      events.append(.escalation(rule: raised.rule, tier: raised.tier, alert: raised.alert))
    }
    announcedEscalations = session.escalations.count
    let done = finishIfDone()
    let body = done.isEmpty ? present() : ""
    return Reply(
      text: [prefix, body].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n"), events: events + done)
  }

  private mutating func finishIfDone() -> [Event] {
    guard session.isFinished, mode != .done else { return [] }
    mode = .done
    return [.finished]
  }

  /// The current question as the patient sees it.
  private mutating func present() -> String {
    let dialog = session.shownDialog
    guard let cursor = session.current, let question = dialog.questions[cursor.questionID] else { return "" }
    var lines: [String] = []
    if case .interrupt = cursor {
      lines.append(session.renderForPatient(question.text))
      // A held screen does not invite the patient to go on.
      if question.hold == nil { lines += ["", words(.pressEnter)] }
      return lines.joined(separator: "\n")
    }
    if question.kind.isReview, let page = reviewPage {
      let pages = answerPages()
      if !pages.isEmpty {
        mode = .lookingOver
        let index = min(page, pages.count - 1)
        reviewPage = index
        return pages.text(index)
      }
    }
    if question.section != lastSection, let section = dialog.section(question.section), section.inFlow {
      lines += ["== \(section.title) ==", ""]
      lastSection = question.section
    }
    // What was started from earlier answers (a carried record), said before what is asked about it.
    if !session.notes.isEmpty {
      lines += [session.notes.joined(separator: " ") + " " + words(.typeBackToChange), ""]
    }
    switch cursor {
    case .gate(_, let index):
      guard case .repeatGroup(let spec) = question.kind else { break }
      lines.append(index == 0 ? session.renderForPatient(question.text) : session.renderForPatient(spec.another))
      // A gate whose record starts with a name asks for the name, not a number from a list.
      if session.namesARecord(after: cursor) {
        lines.append(words(.nameOrNo))
      } else {
        lines += numbered(yesNoOptions)
      }
    case .item(let group, let index, _):
      // The patient's words for the group ("Medicine 2"), not the clinic's label.
      let groupLabel = dialog.questions[group]?.labelForPatient ?? group
      lines.append(words(.recordHeading, ["group": groupLabel, "number": String(index + 1)]))
      lines.append(session.renderForPatient(question.text, record: session.recordScope(at: cursor)))
      lines += choicesBlock(question)
    default:
      lines.append(session.renderForPatient(question.text))
      lines += choicesBlock(question)
    }
    if let earlier = session.answer(at: cursor), !question.kind.isMessage {
      let answer =
        cursor.isGate
        ? words(earlier == .bool(true) ? .shownYes : .shownNo)
        : AnswerPages.said(earlier, for: question, AnswerFormatter(dialog: dialog, words: words))
      lines += ["", words(.yourAnswerWas, ["answer": answer])]
    } else if question.kind.isMessage, !question.kind.isReview, question.hold == nil {
      lines += ["", words(.pressEnter)]
    }
    if !question.required, !question.kind.isMessage, !cursor.isGate {
      lines.append(words(.skipHint))
    }
    return lines.joined(separator: "\n")
  }

  /// Whether the question's text, as the patient reads it, shows an example answer.
  private func givesExample(_ question: Question) -> Bool {
    question.givesExample
      || session.translation?.phrasebook.says("for example", in: question.text.source) == true
  }

  /// Yes and No as the patient reads them.
  private var yesNoOptions: [AnswerOption] {
    [AnswerOption(id: "yes", text: words(.shownYes)), AnswerOption(id: "no", text: words(.shownNo))]
  }

  private func choicesBlock(_ question: Question) -> [String] {
    switch question.kind {
    case .yesNo, .review: return numbered(yesNoOptions)
    case .choice(let options), .scale(_, let options): return numbered(options)
    case .multipleChoice(let options):
      return numbered(options) + [words(.chooseAllHint)]
    case .integer(let range), .decimal(let range):
      return range.unit.map { ["(" + Self.unitHint($0, others: range.otherUnits.keys.sorted(), words) + ")"] } ?? []
    case .duration(let rule):
      // The dialog's text gives the example; this says what else is understood.
      return [rule.ongoing.map { words(.durationHintOngoing, ["ongoing": $0]) } ?? words(.durationHint)]
    // An example the question's own text already gives is not said twice.
    case .date: return givesExample(question) ? [] : [words(.dateExample)]
    case .bloodPressure: return givesExample(question) ? [] : [words(.bloodPressureExample)]
    default: return []
    }
  }

  /// The units a number may be typed in, named in words: "In pounds, or kilograms.", never
  /// "Answer in in.".
  static func unitHint(_ unit: String, others: [String], _ words: KioskWords = .english) -> String {
    let names = ([unit] + others).map { words.say(AnswerParser.unitNames[$0.lowercased()] ?? $0) }
    guard names.count > 1 else { return words(.unitHintOne, ["unit": names[0]]) }
    return words(.unitHintMore, ["unit": names[0], "others": words.list(Array(names.dropFirst()))])
  }

  private func numbered(_ options: [AnswerOption]) -> [String] {
    options.enumerated().map { "  \($0.offset + 1). \($0.element.text)" }
  }

  private func helpText() -> String {
    var lines = [words(.commands)]
    // Each other language's own line, in its own words: "español   para ver las preguntas en español".
    let current = session.translation?.language ?? session.dialog.language
    for language in offeredLanguages where language.code != current {
      lines.append("  " + language.words(.switchCommand))
    }
    if let help = currentQuestion?.help { lines = [help, ""] + lines }
    lines += ["", words(.reask)]
    return lines.joined(separator: "\n")
  }

  // MARK: Review

  /// The answers a patient can look over and change, in the order they were asked.
  static func reviewableCursors(in session: Session) -> [Cursor] {
    session.path.filter { cursor in
      guard let value = session.answer(at: cursor), let question = session.dialog.questions[cursor.questionID] else {
        return false
      }
      if question.kind.isMessage { return false }
      if case .repeatGroup = question.kind { return false }
      return !(value == .missing && question.required)
    }
  }

  private mutating func startReview() -> Reply {
    if case .interrupt? = session.current { return Reply(text: words(.pressEnter), events: []) }
    let dialog = session.shownDialog
    let formatter = AnswerFormatter(dialog: dialog, words: words)
    let cursors = Self.reviewableCursors(in: session)
    guard !cursors.isEmpty else {
      return Reply(text: words(.noAnswersYet) + "\n\n" + words(.reask), events: [])
    }
    var lines = [words(.answersSoFar)]
    for (index, cursor) in cursors.enumerated() {
      guard let question = dialog.questions[cursor.questionID], let value = session.answer(at: cursor) else {
        continue
      }
      // The patient's words for each answer, never the clinic's label ("PHQ-9 item 1"): as the
      // pages before sending name them.
      var label = question.patientLabel ?? AnswerPages.asked(question, at: cursor, in: session)
      if case .item(let group, let record, _) = cursor {
        label = "\(dialog.questions[group]?.labelForPatient ?? group) \(record + 1): \(label)"
      }
      // "Do you smoke? Yes", "Dose: 20 mg".
      let separator = label.last.map { "?.!:".contains($0) } == true ? " " : ": "
      lines.append("  \(index + 1). \(label)\(separator)\(formatter.display(value, for: question.id))")
    }
    lines += ["", words(.reviewListHint)]
    mode = .reviewing(cursors)
    return Reply(text: lines.joined(separator: "\n"), events: [])
  }

  private mutating func handleReview(_ command: String, _ cursors: [Cursor]) -> Reply {
    if command.isEmpty || command == "continue" || command == "back" {
      mode = .answering
      return Reply(text: present(), events: [])
    }
    guard let number = Int(command), number >= 1, number <= cursors.count else {
      return Reply(text: words(.reviewListUnclear, ["count": String(cursors.count)]), events: [])
    }
    mode = .answering
    _ = session.revisit(cursors[number - 1])
    return Reply(text: present(), events: [])
  }
}

extension Conversation {
  // MARK: Holding

  /// The line a held screen shows again: the dialog's `hold_text`, else the kiosk's.
  private var holdReminder: String {
    if acknowledged, let text = currentQuestion?.acknowledgedText { return text }
    return currentQuestion?.holdText ?? words(.holdReminder)
  }

  // MARK: Looking over the answers before sending

  /// The pages of the patient's answers, laid out again only when an answer, the screen or the
  /// language changed: turning a page, asking for help or a page's unclear reply lays out
  /// nothing (laying out wraps every answer's words; it was a third of replaying a journey).
  private mutating func answerPages() -> AnswerPages {
    let language = session.translation?.language
    if let laidOut, laidOut.language == language, laidOut.at == session.current, laidOut.answers == session.answers {
      return laidOut.pages
    }
    let pages = AnswerPages(session: session)
    laidOut = (session.answers, session.current, language, pages)
    return pages
  }

  /// The patient's yes or no at the offer to look over their answers.
  private mutating func answerReviewOffer(_ command: String) -> Reply {
    guard let yes = AnswerParser.yesNo(command) else {
      return Reply(text: words(.reviewOfferUnclear), events: [])
    }
    guard yes, !answerPages().isEmpty else { return finishLookingOver() }
    reviewPage = 0
    return Reply(text: present(), events: [])
  }

  /// What the patient typed on a page of their answers: Enter for the next page, a number to
  /// change that answer (as `review` does; afterwards they come back to this page), `back`,
  /// `done`.
  private mutating func lookOver(_ command: String) -> Reply {
    let pages = answerPages()
    let page = min(reviewPage ?? 0, max(pages.count - 1, 0))
    guard !pages.isEmpty else { return finishLookingOver() }
    switch command {
    case "", "next", "continue", "more":
      guard page + 1 < pages.count else { return finishLookingOver() }
      reviewPage = page + 1
      return Reply(text: present(), events: [])
    case "done", "finish", "finished", "send", "end":
      return finishLookingOver()
    case "back", "previous":
      guard page > 0 else { return Reply(text: words(.reviewFirstPage) + "\n\n" + pages.text(page), events: []) }
      reviewPage = page - 1
      return Reply(text: present(), events: [])
    case "help", "?":
      return Reply(text: pages.hint(page), events: [])
    case "quit", "exit", "stop":
      mode = .confirmingQuit
      return Reply(text: words(.confirmQuit), events: [])
    default:
      let entries = pages.pages[page].entries
      guard let number = Int(command), number >= 1, number <= entries.count,
        session.revisit(entries[number - 1].cursor)
      else {
        return Reply(text: words(.reviewUnclear, ["count": String(entries.count)]), events: [])
      }
      // The question is asked again as at `review`; once it (and anything the change brings in)
      // is answered, the session is back at this screen and `present` shows this page again.
      // The pages are let go: their copy of the answers would make every answer copy them all.
      laidOut = nil
      mode = .answering
      return Reply(text: present(), events: [])
    }
  }

  /// The patient has finished looking over (or did not want to): the dialog goes on.
  private mutating func finishLookingOver() -> Reply {
    reviewPage = nil
    laidOut = nil
    mode = .answering
    _ = session.submit("")
    return afterAnswer(prefix: nil)
  }
}

extension Question {
  /// Whether the question's text shows an example answer ("for example 128/82").
  var givesExample: Bool { self.text.source.lowercased().containsText("for example") }
}

extension Question {
  /// Yes and No in the dialog's language, as the note and coverage name them.
  static let yesNoOptions = [AnswerOption(id: "yes", text: "Yes"), AnswerOption(id: "no", text: "No")]
}

extension Conversation {
  // MARK: Languages

  /// One language the dialog is offered in: its code, its name in itself, its kiosk words, and
  /// the words a patient may type to choose it.
  struct OfferedLanguage: Sendable {
    var code: String
    var name: String
    var words: KioskWords
    var names: Set<String>
  }

  /// The kiosk's words to say something in: on the language screen each language's, in the
  /// screen's order; afterwards the patient's.
  public var offeredWords: [KioskWords] {
    mode == .choosingLanguage ? offeredLanguages.map(\.words) : [words]
  }

  /// The dialog's own language first, then each translation, in the manifest's order.
  /// Worked out once per conversation: every typed line is checked for a language's name.
  /// The dialog's languages as worked out when it was loaded, when they are still its own.
  static func offeredLanguages(of dialog: Dialog) -> [OfferedLanguage] {
    if let offered = dialog.offeredLanguages,
      offered.map(\.code)
        == (dialog.translations.isEmpty ? [] : [dialog.language] + dialog.translations.map(\.language))
    {
      return offered
    }
    return languages(of: dialog)
  }

  static func languages(of dialog: Dialog) -> [OfferedLanguage] {
    languages(of: dialog.translations, besides: dialog.language)
  }

  /// The languages a dialog in `language` with `translations` offers (`languages(of:)`).
  static func languages(of translations: [Translation], besides language: String) -> [OfferedLanguage] {
    guard !translations.isEmpty else { return [] }
    let own = KioskWords.english(.languageName)
    var languages = [
      OfferedLanguage(
        code: language, name: own, words: .english,
        names: [own.foldedForMatching(), language.foldedForMatching()])
    ]
    for translation in translations {
      languages.append(
        OfferedLanguage(
          code: translation.language, name: translation.name, words: translation.words,
          names: Set(
            ([translation.name, translation.language, translation.words(.languageName)] + translation.names).map {
              $0.foldedForMatching()
            })))
    }
    // How each translation's speakers name the others ("inglés" for English).
    for translation in translations {
      for index in languages.indices {
        for (word, english) in translation.phrasebook.forms where languages[index].names.contains(english) {
          languages[index].names.insert(word)
        }
      }
    }
    return languages
  }

  /// The language a line typed on the language screen chooses (Enter: the dialog's own); nil
  /// when it chooses none, or the screen is not showing.
  public func chosenLanguage(_ line: String) -> String? {
    guard mode == .choosingLanguage else { return nil }
    return line.trimmingWhitespace().isEmpty ? session.dialog.language : language(named: line)
  }

  /// The language `line` names ("2" on the language screen only; "español", "english", "spanish"
  /// anywhere), by its code; nil when it names none.
  func language(named line: String) -> String? {
    // Every answer is asked this. A line with a letter is a name, never a number: one with more
    // letters and digits than the longest name has, named none (told from its bytes, ASCII).
    if longestName > 0, line.isASCII {
      var letters = 0
      var hasLetter = false
      for byte in line.utf8 {
        if UInt8.isLetter(byte) {
          letters += 1
          hasLetter = true
        } else if UInt8.isDigit(byte) || UInt8.isApostrophe(byte) {
          letters += 1
        }
      }
      if hasLetter, letters > longestName { return nil }
    }
    return languageByWords(named: line)
  }

  /// `language(named:)` read word by word: the way for any line, and what the quick refusal
  /// above must agree with.
  func languageByWords(named line: String) -> String? {
    let typed = Phrasebook.words(line).joined(separator: " ")
    guard !typed.isEmpty else { return nil }
    let languages = offeredLanguages
    if mode == .choosingLanguage, let number = Int(typed), number >= 1, number <= languages.count {
      return languages[number - 1].code
    }
    return languages.first { $0.names.contains(typed) }?.code
  }

  /// The first screen of a dialog in more than one language: its title and the question in
  /// each, and the languages by number, each named in itself.
  func languageScreen() -> String {
    let languages = offeredLanguages
    var lines: [String] = []
    var titles: [String] = []
    for language in languages {
      let title = session.dialog.translation(language.code)?.title ?? session.dialog.title
      if !titles.contains(title) { titles.append(title) }
    }
    lines += titles
    lines.append("")
    lines += languages.map { $0.words(.chooseLanguage) }
    lines += languages.enumerated().map { "  \($0.offset + 1). \($0.element.name)" }
    return lines.joined(separator: "\n")
  }

  /// A line typed on the language screen: a language by number or name, or Enter for the
  /// dialog's own; anything else is asked again in every language.
  mutating func chooseLanguage(_ line: String) -> Reply {
    let code: String
    if line.trimmingWhitespace().isEmpty {
      code = session.dialog.language
    } else if let named = language(named: line) {
      code = named
    } else {
      let asked = offeredLanguages.map { $0.words(.languageUnclear) }
      return Reply(text: (asked + ["", languageScreen()]).joined(separator: "\n"), events: [])
    }
    session.speak(code)
    mode = .answering
    return Reply(text: opening(), events: finishIfDone())
  }

  /// The patient asked for another language at a question: the same question, in it, with the
  /// answers so far kept.
  mutating func switchLanguage(to code: String) -> Reply {
    session.speak(code)
    lastSection = nil
    return Reply(text: present(), events: [])
  }
}
