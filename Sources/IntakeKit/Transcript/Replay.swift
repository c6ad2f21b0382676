/// Replays a transcript through `KioskScreen`, the layer the kiosk itself prints through, with
/// the transcript's clock; reports the first place the kiosk shows something else, and any
/// expectation the result does not meet.
public struct Replay: Sendable {
  /// Where replay and transcript part ways, as a small readable diff.
  public struct Divergence: Sendable, Equatable {
    public var line: Int
    public var message: String
    /// Matching lines before the divergence, then `-` expected and `+` actual lines.
    public var diff: [String]
  }

  /// A screen the kiosk now shows where the journey has no typed line for it: a question
  /// inserted since the journey was recorded, or one the journey never reached before.
  public struct MissingAnswer: Sendable, Equatable {
    public var place: ScreenPlace
    /// The transcript line the replay had reached (the answer it would have typed next).
    public var line: Int
    /// Whether no line of the journey was typed at this question (rather than it being asked
    /// again, or earlier than before).
    public var isNew: Bool
  }

  /// A typed line for a screen the kiosk no longer shows at that point, left out of the replay.
  public struct DroppedAnswer: Sendable, Equatable {
    public var place: ScreenPlace
    public var line: Int
    public var typed: String
  }

  /// An answer given with `answers:` (`intake test --answer`) for a screen the journey had no
  /// line for.
  public struct FilledAnswer: Sendable, Equatable {
    public var place: ScreenPlace
    public var typed: String
  }

  public let transcript: Transcript
  public let path: String
  /// What replay produced, as a transcript (for `--update`).
  public private(set) var actual: Transcript
  public private(set) var session: Session
  public private(set) var ending: KioskScreen.Ending?
  public private(set) var divergence: Divergence?
  public private(set) var mismatches: [(line: Int, message: String)] = []
  public private(set) var versionNote: String?
  /// The ending, outcome, findings or escalations that differ from what the journey recorded, in
  /// words, even where the wording diverged first (`OutcomeChanges`).
  public private(set) var outcomeChanges: [String] = []
  /// How many screens the patient answered, and how long that takes at a patient's pace.
  public private(set) var length = SessionLength()
  /// Where the replay stopped because the journey has no answer for what the kiosk asks.
  public private(set) var missingAnswer: MissingAnswer?
  public private(set) var droppedAnswers: [DroppedAnswer] = []
  public private(set) var filledAnswers: [FilledAnswer] = []
  /// Typed lines naming a screen the dialog does not have (`>[pain_nw]`), with what was meant.
  public private(set) var unknownScreens: [(line: Int, message: String)] = []

  public var passed: Bool { divergence == nil && mismatches.isEmpty && missingAnswer == nil }

  public var result: SessionResult { SessionResult(session: session, ending: ending) }
  /// The rules the replayed session fired, from the result worked out once at the end (coverage
  /// reads them instead of scoring the session again).
  public private(set) var fired: Set<String> = []

  /// Replays `transcript` on `dialog`. Typed lines that name their screen are matched to the
  /// screen the kiosk shows: a line for a screen no longer shown there is dropped
  /// (`droppedAnswers`), and a screen the journey has no line for takes its answer from
  /// `answers` (by question id) or stops the replay (`missingAnswer`).
  /// `parses` are shared with the other journeys replayed on `dialog` (`intake test`'s), so a
  /// line typed at the same question on the same day is parsed once.
  public init(
    _ transcript: Transcript, path: String, dialog: Dialog, answers: [String: String] = [:], parses: ParseMemo? = nil
  ) {
    self.transcript = transcript
    self.path = path
    var started = Session(dialog: dialog, clock: transcript.sessionClock)
    started.parses = parses
    var screen = KioskScreen(conversation: Conversation(session: started), interactive: transcript.interactive)
    var entries: [Transcript.Entry] = []
    var ending: KioskScreen.Ending?

    func show(_ text: String) {
      guard !text.isEmpty else { return }
      var pieces = text.lines().map(String.init)
      if pieces.last == "" { pieces.removeLast() }
      entries += pieces.map(Transcript.Entry.shown)
    }
    func apply(_ step: KioskScreen.Step) {
      show(step.text)
      if step.submit {
        let closing = screen.saved(true)
        show(closing.text)
        ending = closing.ending
      } else if let stepEnding = step.ending {
        ending = stepEnding
      }
    }
    var measured = SessionLength()
    func type(_ input: KioskScreen.Input) {
      entries.append(.typed(input, at: screen.place))
      // The language screen is the kiosk's, before the dialog: the dialog's length budget counts
      // the dialog's own screens.
      if screen.place != .choosingLanguage { measured.count(screen.conversation.session) }
      apply(screen.handle(input))
    }

    apply(screen.start())
    let typed: [(input: KioskScreen.Input, place: ScreenPlace?, line: Int)] = transcript.lines.compactMap {
      guard case .typed(let input, let place) = $0.entry else { return nil }
      return (input, place, $0.number)
    }
    let placesTyped = Set(typed.compactMap { $0.place?.description })
    var extraInputAt: Int?
    var dropped: [DroppedAnswer] = []
    var filled: [FilledAnswer] = []
    var missing: MissingAnswer?
    var unknown: [(line: Int, message: String)] = []
    // Lines typed at a screen the kiosk does not show at that point are set aside: a question
    // moved later takes its answer from here when the kiosk reaches it; what is never taken
    // belongs to screens no longer shown, and is left out.
    var setAside: [(input: KioskScreen.Input, place: ScreenPlace?, line: Int)] = []
    // Answers given in a row at one screen: a third means the kiosk does not take it.
    var fills = (place: "", count: 0)
    var next = 0
    while true {
      if ending != nil {
        if next < typed.count { extraInputAt = typed[next].line }
        break
      }
      let here = screen.place
      if next < typed.count, typed[next].place.map({ $0.matches(here) }) ?? true {
        type(typed[next].input)
        next += 1
        fills = ("", 0)
        continue
      }
      if let aside = setAside.firstIndex(where: { $0.place?.matches(here) ?? false }) {
        type(setAside.remove(at: aside).input)
        fills = ("", 0)
        continue
      }
      guard next < typed.count else { break }
      if let later = typed[next...].firstIndex(where: { $0.place?.matches(here) ?? false }) {
        setAside += typed[next..<later]
        next = later
        continue
      }
      // An answer given for it, unless the kiosk keeps asking (an answer it does not take).
      fills = fills.place == here.description ? (fills.place, fills.count + 1) : (here.description, 1)
      if let id = here.questionID, let answer = answers[id], fills.count <= 2 {
        filled.append(FilledAnswer(place: here, typed: answer))
        type(.line(answer))
        continue
      }
      missing = MissingAnswer(
        place: here, line: typed[next].line,
        isNew: !placesTyped.contains { ScreenPlace($0)?.questionID == here.questionID })
      break
    }
    dropped = setAside.map {
      DroppedAnswer(place: $0.place ?? .end, line: $0.line, typed: Transcript.typedText($0.input))
    }
    // A screen name that is no question of the dialog is most likely a typing mistake.
    let ids = Array(dialog.questions.keys)
    for line in typed {
      guard let place = line.place, let id = place.questionID, dialog.questions[id] == nil else { continue }
      unknown.append((line.line, "'>[\(place)]' names no question of this dialog" + suggestion(id, ids)))
    }
    session = screen.conversation.session
    self.ending = ending
    length = measured
    droppedAnswers = dropped
    unknownScreens = unknown
    filledAnswers = filled
    missingAnswer = missing
    // An early ending (an `end:` screen: under age, consent declined) is not a typical length.
    let endedEarly = session.shown.last.flatMap { dialog.questions[$0.questionID] }?.ends ?? false
    length.finished = ending == .submitted && !endedEarly
    actual = Self.rewrite(transcript, with: entries, dialog: dialog)
    if transcript.dialogVersion != dialog.version {
      versionNote = "recorded with \(transcript.dialogID) \(transcript.dialogVersion); replayed on \(dialog.version)"
    }
    divergence = Self.compare(transcript, entries, path: path)
    if let extraInputAt, divergence == nil || divergence?.line == extraInputAt {
      divergence = Divergence(
        line: extraInputAt, message: "the session ended before this input",
        diff: (divergence?.diff ?? []) + ["+ (the session ended here)"])
    }
    // Worked out once: it scores the session and renders its note.
    let result = self.result
    fired = Set(result.values[.findings] ?? [])
    if divergence == nil, missingAnswer == nil, let expectations = transcript.expectations {
      mismatches = result.mismatches(with: expectations)
    }
    outcomeChanges =
      missingAnswer == nil
      ? OutcomeChanges.between(recorded: transcript.expectations, replayed: result.expectations()) : []
  }

  /// What the kiosk asks that the journey has no answer for, in words, with the question's text.
  public func missingAnswerText(dialog: Dialog) -> String? {
    guard let missingAnswer else { return nil }
    let words =
      missingAnswer.place.questionID.flatMap { dialog.questions[$0] }.map {
        ": \"" + Self.shortened($0.text.source) + "\""
      } ?? ""
    return (missingAnswer.isNew ? "no answer for new question " : "no answer for question ")
      + "\(missingAnswer.place)\(words) (line \(missingAnswer.line))"
  }

  static func shortened(_ text: String) -> String {
    let flat = text.joiningLines()
    return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
  }

  /// The first entry where the transcript and the replay differ (comments ignored; trailing
  /// spaces ignored, since editors strip them).
  static func compare(_ transcript: Transcript, _ actual: [Transcript.Entry], path: String) -> Divergence? {
    let expected = transcript.lines.filter {
      if case .comment = $0.entry { return false }
      return true
    }
    func same(_ a: Transcript.Entry, _ b: Transcript.Entry) -> Bool {
      switch (a, b) {
      // Nearly every screen is as recorded: compared whole first, trimmed (a copy of each) only
      // when not.
      case (.shown(let x), .shown(let y)): x == y || x.trimmingTrailingSpaces() == y.trimmingTrailingSpaces()
      case (.typed(.line(let x), _), .typed(.line(let y), _)):
        x == y || x.trimmingTrailingSpaces() == y.trimmingTrailingSpaces()
      case (.typed(let x, _), .typed(let y, _)): x == y
      default: a == b
      }
    }
    func render(_ entry: Transcript.Entry) -> String {
      switch entry {
      case .shown(let text): Transcript.escape(text)
      case .typed(let input, let place): Transcript.typedLine(input, at: place)
      case .comment(let text): text
      }
    }
    let count = min(expected.count, actual.count)
    var index = 0
    while index < count, same(expected[index].entry, actual[index]) { index += 1 }
    if index == expected.count, index == actual.count { return nil }
    let context = expected[max(0, index - 3)..<index].map { "  " + render($0.entry) }
    // Up to four lines each way, but only as far as they differ: a changed line followed by the
    // same lines is one `-` and one `+`, then the lines they share.
    var width = 0
    while width < 4, index + width < expected.count || index + width < actual.count {
      if width > 0, index + width < expected.count, index + width < actual.count,
        same(expected[index + width].entry, actual[index + width])
      {
        break
      }
      width += 1
    }
    let minus = expected[index..<min(expected.count, index + width)].map { "- " + render($0.entry) }
    let plus = actual[index..<min(actual.count, index + width)].map { "+ " + render($0) }
    let shared = width < 4 ? expected[min(expected.count, index + width)..<min(expected.count, index + width + 2)] : []
    let after = zip(shared, actual.dropFirst(index + width)).prefix { same($0.0.entry, $0.1) }.map {
      "  " + render($0.0.entry)
    }
    let line = index < expected.count ? expected[index].number : (expected.last?.number ?? 0) + 1
    let message: String
    if index >= expected.count {
      message = "the kiosk shows more than the transcript has"
    } else if index >= actual.count {
      message = "the kiosk shows less than the transcript has"
    } else if case .typed = expected[index].entry {
      message = "the kiosk was still showing text where the transcript types"
    } else {
      message = "the kiosk showed something else"
    }
    return Divergence(line: line, message: message, diff: context + minus + plus + after)
  }

  /// The replayed session as a transcript, keeping the original's header, preamble and comments
  /// (each before the same typed line as before) and which expectation keys it had.
  static func rewrite(_ original: Transcript, with entries: [Transcript.Entry], dialog: Dialog) -> Transcript {
    var commentsBeforeInput: [Int: [String]] = [:]
    var trailing: [String] = []
    var inputIndex = 0
    var pending: [String] = []
    for line in original.lines {
      switch line.entry {
      case .comment(let text): pending.append(text)
      case .typed:
        if !pending.isEmpty { commentsBeforeInput[inputIndex, default: []] += pending }
        pending = []
        inputIndex += 1
      case .shown: break
      }
    }
    trailing = pending
    var lines: [Transcript.Line] = []
    inputIndex = 0
    for entry in entries {
      if case .typed = entry {
        for comment in commentsBeforeInput[inputIndex] ?? [] {
          lines.append(.init(entry: .comment(comment), number: 0))
        }
        inputIndex += 1
      }
      lines.append(.init(entry: entry, number: 0))
    }
    for comment in trailing { lines.append(.init(entry: .comment(comment), number: 0)) }
    var rewritten = original
    rewritten.dialogVersion = dialog.version
    rewritten.lines = lines
    return rewritten
  }

  /// The transcript to write for `--update`: the replay, with expectations re-blessed (the same
  /// keys as before, or all of them when it had none).
  public var updated: Transcript {
    var updated = actual
    updated.expectations = result.expectations(keys: transcript.expectations.map { $0.items.map(\.key) })
    return updated
  }
}
