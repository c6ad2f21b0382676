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
  private var announcedEscalations = 0
  /// The page of answers the patient is looking over before sending (a `review` screen), kept
  /// while they change an answer so they come back to it; nil when not looking over.
  private var reviewPage: Int?

  public init(session: Session) { self.session = session }

  /// The prompt shown before the cursor.
  public var prompt: String { "> " }

  public var isDone: Bool { mode == .done }

  /// Waiting for the patient to confirm `quit`.
  public var isConfirmingQuit: Bool { mode == .confirmingQuit }

  /// Where the next typed line goes, as a transcript records it.
  public var place: ScreenPlace {
    switch mode {
    case .done: return .end
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
    return afterAnswer(prefix: KioskText.staffResumed)
  }

  /// The opening screen: the dialog's title and the first question.
  public mutating func start() -> Reply {
    var text = [session.dialog.title, "", KioskText.howToAnswer, ""]
    text.append(present())
    return Reply(text: text.joined(separator: "\n"), events: finishIfDone())
  }

  /// The current question, shown again (after resuming).
  public mutating func currentScreen() -> String { present() }

  /// Handles one line the patient typed.
  public mutating func handle(_ line: String) -> Reply {
    let command = ChoiceMatcher.fold(line)
    // At a held screen nothing typed moves on, commands included: a short, kind line instead.
    if isHeld { return Reply(text: holdReminder, events: []) }
    switch mode {
    case .done:
      return Reply(text: "", events: [])
    case .confirmingQuit:
      if let yes = AnswerParser.yesNo(command) {
        if yes {
          mode = .done
          return Reply(text: KioskText.quitConfirmed, events: [.quit])
        }
        mode = .answering
        return Reply(text: "Let's continue.\n\n" + present(), events: [])
      }
      return Reply(text: KioskText.confirmQuit, events: [])
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
      if !asked.yesMeansFirst, AnswerParser.yesNo(command) == false || command == "neither" || command == "none" {
        return Reply(text: "No problem. Please type it again.", events: [])
      }
      if !Self.commands.contains(command) {
        // Not a choice: perhaps the answer typed again. If it is not one either, ask once more.
        switch session.submit(line) {
        case .success: return afterAnswer(prefix: filledNote())
        case .failure(let rejection) where rejection.needsConfirmation:
          mode = .clarifying(rejection)
          return Reply(text: rejection.message + clarification(rejection), events: [])
        case .failure:
          mode = .clarifying(asked)
          return Reply(
            text: readings.count == 1 || asked.yesMeansFirst
              ? "Please type yes or no, or type your answer again."
              : "Please type the number of the one you mean, or type your answer again.",
            events: [])
        }
      }
    // A command: handled as usual below.
    case .answering:
      break
    }
    switch command {
    case "help", "?":
      return Reply(text: helpText(), events: [])
    case "why":
      let why =
        currentQuestion?.why ?? "This helps the care team understand your situation and keep your treatment safe."
      return Reply(text: why + "\n\n" + KioskText.reask, events: [])
    case "back":
      if session.back() { return Reply(text: present(), events: []) }
      if case .interrupt? = session.current { return Reply(text: KioskText.pressEnter, events: []) }
      return Reply(text: "This is the first question.\n\n" + KioskText.reask, events: [])
    case "skip":
      guard let question = currentQuestion, !question.required else {
        return Reply(
          text: "This question needs an answer, so it cannot be skipped. Type help if you are not sure.", events: [])
      }
      _ = session.skip()
      return afterAnswer(prefix: "Skipped.")
    case "review":
      return startReview()
    case "quit", "exit", "stop":
      mode = .confirmingQuit
      return Reply(text: KioskText.confirmQuit, events: [])
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
    let notUsed = session.unused.map { KioskText.notUsed($0) }
    guard !session.filled.isEmpty else { return notUsed }
    let formatter = AnswerFormatter(dialog: session.dialog)
    // A line that named several medicines fills several records: each record's answers on a line
    // of their own, under its name ("(Medicine 2)"), as the questions show it.
    var record: (group: String, index: Int)? = nil
    if case .item(let group, let index, _)? = session.filled.first { record = (group, index) }
    let said = session.filled.compactMap { cursor -> String? in
      guard let question = session.dialog.questions[cursor.questionID], let value = session.answer(at: cursor) else {
        return nil
      }
      var heading = ""
      if case .item(let group, let index, _) = cursor, record.map({ $0 != (group, index) }) ?? false {
        record = (group, index)
        heading = "\n(\(session.dialog.questions[group]?.labelForPatient ?? group) \(index + 1)) "
      }
      return heading + "\(question.labelForPatient): \(formatter.display(value, for: question.id))."
    }
    let noted =
      "Noted from what you typed: " + said.joined(separator: " ").replacingOccurrences(of: " \n", with: "\n")
      + " (Type back to change it.)"
    return notUsed.map { noted + "\n" + $0 } ?? noted
  }

  /// Ctrl-D or the end of piped input: ask whether to quit, as `quit` does.
  public mutating func endOfInput() -> Reply {
    guard mode != .done else { return Reply(text: "", events: []) }
    if isHeld { return Reply(text: holdReminder, events: []) }
    mode = .confirmingQuit
    return Reply(text: KioskText.confirmQuit, events: [])
  }

  /// What Tab offers for `prefix` at the current question.
  public func completions(for prefix: String) -> [String] {
    guard mode == .answering, let cursor = session.current, let question = session.dialog.questions[cursor.questionID]
    else { return [] }
    if case .gate = cursor { return ChoiceMatcher(options: Question.yesNoOptions).completions(for: prefix) }
    switch question.kind {
    case .review:
      return ChoiceMatcher(options: Question.yesNoOptions).completions(for: prefix)
    case .text(_, let lexicon?):
      guard let lexicon = session.dialog.lexicons[lexicon] else { return [] }
      return LexiconMatcher(lexicon: lexicon).completions(for: prefix)
    case .choice, .scale, .yesNo:
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

  /// How to answer a question asked back: yes or no for one reading (or an either-or), a
  /// number for several (the options' own numbers where they have them).
  private func clarification(_ asked: AnswerRejection) -> String {
    guard asked.readings.count > 1, !asked.yesMeansFirst else { return " (Type yes or no.)" }
    let choices = asked.readings.enumerated().map { "  \($0.element.number ?? $0.offset + 1). \($0.element.label)" }
    return "\n" + choices.joined(separator: "\n")
      + "\n(Type the number of the one you mean, or type the answer again.)"
  }

  /// The reading the patient chose: yes for a single one (yes or no for an either-or); its
  /// number or its words for several.
  private static func chosen(_ command: String, in asked: AnswerRejection) -> AnswerRejection.Reading? {
    let readings = asked.readings
    if asked.yesMeansFirst, readings.count == 2, let yes = AnswerParser.yesNo(command) {
      return yes ? readings[0] : readings[1]
    }
    if readings.count == 1 { return AnswerParser.yesNo(command) == true ? readings[0] : nil }
    if let number = Int(command), let reading = readings.first(where: { $0.number == number }) { return reading }
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

  private var currentQuestion: Question? { session.current.flatMap { session.dialog.questions[$0.questionID] } }

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
    guard let cursor = session.current, let question = session.dialog.questions[cursor.questionID] else { return "" }
    var lines: [String] = []
    if case .interrupt = cursor {
      lines.append(session.render(question.text))
      // A held screen does not invite the patient to go on.
      if question.hold == nil { lines += ["", KioskText.pressEnter] }
      return lines.joined(separator: "\n")
    }
    if question.kind.isReview, let page = reviewPage {
      let pages = AnswerPages(session: session)
      if !pages.isEmpty {
        mode = .lookingOver
        let index = min(page, pages.count - 1)
        reviewPage = index
        return pages.text(index)
      }
    }
    if question.section != lastSection, let section = session.dialog.section(question.section), section.inFlow {
      lines += ["== \(section.title) ==", ""]
      lastSection = question.section
    }
    // What was started from earlier answers (a carried record), said before what is asked about it.
    if !session.notes.isEmpty { lines += [KioskText.startedFromEarlier(session.notes), ""] }
    switch cursor {
    case .gate(_, let index):
      guard case .repeatGroup(let spec) = question.kind else { break }
      lines.append(index == 0 ? session.render(question.text) : session.render(spec.another))
      // A gate whose record starts with a name asks for the name, not a number from a list.
      if session.namesARecord(after: cursor) {
        lines.append(KioskText.nameOrNo)
      } else {
        lines += numbered(Question.yesNoOptions)
      }
    case .item(let group, let index, _):
      // The patient's words for the group ("Medicine 2"), not the clinic's label.
      let groupLabel = session.dialog.questions[group]?.labelForPatient ?? group
      lines.append("(\(groupLabel) \(index + 1))")
      lines.append(session.render(question.text, record: session.recordScope(at: cursor)))
      lines += choicesBlock(question)
    default:
      lines.append(session.render(question.text))
      lines += choicesBlock(question)
    }
    if let earlier = session.answer(at: cursor), !question.kind.isMessage {
      let words =
        cursor.isGate
        ? (earlier == .bool(true) ? "Yes" : "No")
        : AnswerFormatter(dialog: session.dialog).display(earlier, for: question.id)
      lines += ["", "Your answer was: \(words). Press Enter to keep it, or type a new answer."]
    } else if question.kind.isMessage, !question.kind.isReview, question.hold == nil {
      lines += ["", KioskText.pressEnter]
    }
    if !question.required, !question.kind.isMessage, !cursor.isGate {
      lines.append(KioskText.skipHint)
    }
    return lines.joined(separator: "\n")
  }

  private func choicesBlock(_ question: Question) -> [String] {
    switch question.kind {
    case .yesNo, .review: return numbered(Question.yesNoOptions)
    case .choice(let options), .scale(_, let options): return numbered(options)
    case .multipleChoice(let options):
      return numbered(options) + [KioskText.chooseAllHint]
    case .integer(let range), .decimal(let range):
      return range.unit.map { ["(" + Self.unitHint($0, others: range.otherUnits.keys.sorted()) + ")"] } ?? []
    case .duration(let rule):
      // The dialog's text gives the example; this says what else is understood.
      return [KioskText.durationHint(ongoing: rule.ongoing)]
    // An example the question's own text already gives is not said twice.
    case .date: return question.givesExample ? [] : ["(For example 04/27/1986 or April 27, 1986.)"]
    case .bloodPressure: return question.givesExample ? [] : ["(For example 128/82.)"]
    default: return []
    }
  }

  /// The units a number may be typed in, named in words: "In pounds, or kilograms.", never
  /// "Answer in in.".
  static func unitHint(_ unit: String, others: [String]) -> String {
    let names = ([unit] + others).map { AnswerParser.unitNames[$0.lowercased()] ?? $0 }
    guard names.count > 1 else { return "In \(names[0])." }
    let rest = names.dropFirst()
    let listed =
      rest.count == 1 ? rest[rest.startIndex] : rest.dropLast().joined(separator: ", ") + " or " + (rest.last ?? "")
    return "In \(names[0]); \(listed) are fine too."
  }

  private func numbered(_ options: [AnswerOption]) -> [String] {
    options.enumerated().map { "  \($0.offset + 1). \($0.element.text)" }
  }

  private func helpText() -> String {
    var lines = [KioskText.commands]
    if let help = currentQuestion?.help { lines = [help, ""] + lines }
    lines += ["", KioskText.reask]
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
    if case .interrupt? = session.current { return Reply(text: KioskText.pressEnter, events: []) }
    let formatter = AnswerFormatter(dialog: session.dialog)
    let cursors = Self.reviewableCursors(in: session)
    guard !cursors.isEmpty else {
      return Reply(text: "You have not answered any questions yet.\n\n" + KioskText.reask, events: [])
    }
    var lines = ["Your answers so far:"]
    for (index, cursor) in cursors.enumerated() {
      guard let question = session.dialog.questions[cursor.questionID], let value = session.answer(at: cursor) else {
        continue
      }
      var label = question.label
      if case .item(let group, let record, _) = cursor {
        label = "\(session.dialog.questions[group]?.label ?? group) \(record + 1): \(label)"
      }
      lines.append("  \(index + 1). \(label): \(formatter.display(value, for: question.id))")
    }
    lines += ["", "Type a number to change that answer, or press Enter to go on."]
    mode = .reviewing(cursors)
    return Reply(text: lines.joined(separator: "\n"), events: [])
  }

  private mutating func handleReview(_ command: String, _ cursors: [Cursor]) -> Reply {
    if command.isEmpty || command == "continue" || command == "back" {
      mode = .answering
      return Reply(text: present(), events: [])
    }
    guard let number = Int(command), number >= 1, number <= cursors.count else {
      return Reply(text: "Please type a number from 1 to \(cursors.count), or press Enter to go on.", events: [])
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
    return currentQuestion?.holdText ?? KioskText.holdReminder
  }

  // MARK: Looking over the answers before sending

  /// The patient's yes or no at the offer to look over their answers.
  private mutating func answerReviewOffer(_ command: String) -> Reply {
    guard let yes = AnswerParser.yesNo(command) else {
      return Reply(text: "Please answer yes or no (1 or 2).", events: [])
    }
    guard yes, !AnswerPages(session: session).isEmpty else { return finishLookingOver() }
    reviewPage = 0
    return Reply(text: present(), events: [])
  }

  /// What the patient typed on a page of their answers: Enter for the next page, a number to
  /// change that answer (as `review` does; afterwards they come back to this page), `back`,
  /// `done`.
  private mutating func lookOver(_ command: String) -> Reply {
    let pages = AnswerPages(session: session)
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
      guard page > 0 else { return Reply(text: KioskText.reviewFirstPage + "\n\n" + pages.text(page), events: []) }
      reviewPage = page - 1
      return Reply(text: present(), events: [])
    case "help", "?":
      return Reply(text: KioskText.reviewHint(page: page + 1, of: pages.count), events: [])
    case "quit", "exit", "stop":
      mode = .confirmingQuit
      return Reply(text: KioskText.confirmQuit, events: [])
    default:
      let entries = pages.pages[page].entries
      guard let number = Int(command), number >= 1, number <= entries.count,
        session.revisit(entries[number - 1].cursor)
      else {
        return Reply(text: KioskText.reviewUnclear(count: entries.count), events: [])
      }
      // The question is asked again as at `review`; once it (and anything the change brings in)
      // is answered, the session is back at this screen and `present` shows this page again.
      mode = .answering
      return Reply(text: present(), events: [])
    }
  }

  /// The patient has finished looking over (or did not want to): the dialog goes on.
  private mutating func finishLookingOver() -> Reply {
    reviewPage = nil
    mode = .answering
    _ = session.submit("")
    return afterAnswer(prefix: nil)
  }
}

extension Question {
  static let yesNoOptions = [AnswerOption(id: "yes", text: "Yes"), AnswerOption(id: "no", text: "No")]
}

extension Question {
  /// Whether the question's text shows an example answer ("for example 128/82").
  var givesExample: Bool { text.source.lowercased().contains("for example") }
}
