import Foundation

/// One patient's pass through a dialog: pure and deterministic given the dialog, the clock and
/// the inputs.
///
/// The path is never stored: it is walked from the start over the current answers whenever it is
/// needed, so changing an earlier answer drops every answer no longer on the path and computed
/// values follow by construction.
public struct Session: Sendable {
  /// The dialog in its own language: what the note, the rules and the clinic read.
  public let dialog: Dialog
  /// Where in `dialog.rules` the rules that escalate are: after every answer only these are
  /// looked at, so an answer costs the same however many rules only flag (a loop over every rule
  /// made each answer cost more the larger the dialog).
  private let escalatingRules: [Int]
  /// For each answer an escalating rule reads, the rules (indices into `dialog.rules`) that read
  /// it; and the escalating rules whose reads are not known, read after every answer. An answer
  /// finds the rules it can change with a lookup of its own id, not one of every rule's id and
  /// set of reads (that was most of what raising escalations cost).
  private let escalationsReading: [String: [Int]]
  private let escalationsReadingAnything: [Int]
  public let clock: SessionClock
  /// The language the patient reads and answers in: nil for the dialog's own.
  public private(set) var translation: Translation? = nil
  /// The dialog as the patient sees it: `dialog`, or `dialog` in `translation`'s language. Its
  /// ids and structure are the dialog's, so answers mean the same in either.
  public private(set) var shownDialog: Dialog
  /// The kiosk's own words in the patient's language.
  public var kioskWords: KioskWords { translation?.words ?? .english }
  /// The language each answer in the patient's own words was typed in, when not the dialog's,
  /// by the place it answers (`ScreenPlace` form: `medications[0].name`): the note marks them.
  private var typedIn: [String: String] = [:]
  /// The places (`ScreenPlace` descriptions) whose answer was left out because the patient said
  /// they did not know ("not sure" at an optional dose, length of time or date): a skip to the
  /// rules, but the note says the patient was not sure, never that they passed it over.
  private var notKnownAt: Set<String> = []
  public private(set) var answers = Answers()
  /// A yes or a no given with more words ("yes, I have pills saved up", "yes at my dad's place"):
  /// the whole line as typed, by question, so the note keeps what the patient said beside the
  /// answer it stands for. Rebuilt on replay like the answers.
  private var typedWith: [String: String] = [:]

  /// The words a yes or no answer to `id` was typed with, when it was given with more; nil for
  /// any other answer.
  public func wordsTyped(with id: String) -> String? {
    switch answers.values[id] {
    case .bool?, .choice?, .choices?: return typedWith[id]
    case .number? where dialog.questions[id]?.kind.isChosen == true: return typedWith[id]
    default: return nil
    }
  }

  /// Words that say a patient is not sure of what they chose ("none i think", "probably never").
  /// Not "not sure" or "idk": those choose the option that says so, where the dialog has one.
  static let doubtWords: Set<String> = ["maybe", "probably", "prob", "prolly", "guess", "think", "believe", "afaik"]

  /// Whether a line that chose an option says it with doubt (`doubtWords`, "as far as I know").
  static func saysWithDoubt(_ line: String) -> Bool {
    // Whole words, found in the line's words with a space either side: splitting every answer
    // into words to look them up was a part of each answer's cost.
    let spaced = " " + ChoiceMatcher.words(ChoiceMatcher.fold(line)) + " "
    return spacedDoubts.contains { spaced.containsBytes(of: $0) }
  }

  /// `doubtWords` and "as far as I know", each with a space either side.
  private static let spacedDoubts = doubtWords.map { " \($0) " } + [" as far as i know "]
  /// What is being asked now; nil once the dialog has ended.
  public private(set) var current: Cursor?
  /// Cursors in the order they were shown, for `back`.
  public private(set) var shown: [Cursor] = []
  /// Escalations raised so far, in order, with the answers that raised them at the time.
  public private(set) var escalations: [RaisedEscalation] = []
  public let startedAt: Date
  public private(set) var finishedAt: Date?
  /// When the patient last typed something the session took (an answer, a skip, back): where an
  /// unfinished intake really stopped, not when someone opened it.
  public private(set) var lastActivityAt: Date?
  /// Every question and screen shown at some point, for coverage.
  public private(set) var visited: Set<String> = []
  private var interrupts: [String] = []
  /// The questions the last `submit` answered from the rest of its line, in order.
  public private(set) var filled: [Cursor] = []
  /// What was left of the line after `filled` took what it could ("and ativan" after
  /// "lexapro"): said back to the patient, so nothing typed is dropped without a word.
  public private(set) var unused: String? = nil
  /// `unused` by the place its line was typed at: said back to the patient, who is asked to type
  /// it again where it is asked, and kept for the note, where nothing later took it (a patient
  /// who answers "no" to "any other medicines?", having typed them all once, loses nothing).
  /// Rebuilt on replay like the answers.
  private var setAside: [Cursor: String] = [:]
  /// Set by `revisit`: after the changed answer, go back to the first unanswered question.
  private var returnToFrontier = false
  /// Lines still to start records of a group, each when the group's next gate comes: the other
  /// names of a line that named several ("lexapro 10 mg and wellbutrin"), or records carried
  /// from an earlier group (`carry`). What was typed once is not asked for again.
  private var queued: (group: String, lines: [QueuedLine])? = nil
  /// Groups whose `carry` records have been started (once: what the patient changes afterwards
  /// is theirs).
  private var carriedGroups: Set<String> = []
  /// What the last `submit` started from earlier answers, in the dialog's words (a `carry`'s
  /// `note`: "You said you still take Lexapro 20 mg, so it is on this list"), to be said before
  /// the next question.
  public private(set) var notes: [String] = []
  /// Questions answered from a line ahead of where the patient is ("my sister Dana" answers who
  /// she is, after the phone question still to come): passed over when the patient gets there.
  private var filledAhead: Set<Cursor> = []
  /// The last walk made by a change of answers, and the answers (question ids; a group's id for
  /// its records) changed since: the next walk takes up from there (`walk()`).
  private var lastWalk: Walk? = nil
  private var changedSinceWalk: Set<String> = []
  /// The conditions the walks so far evaluated, as they came out, less those reading an answer
  /// changed before `lastWalk` was made (those in `changedSinceWalk` are forgotten when it is
  /// taken up). Nil until the first walk, and where walks are not taken up.
  private var conditionMemo: ConditionMemo? = nil
  /// Questions (a group for its records) whose cursors left the path in walks taken up since the
  /// last pruning; nil after a walk from the start, when any answer may have left it.
  private var leftPath: Set<String>? = nil
  /// Off in tests only, to compare with walks that always start from the first question.
  var resumesWalks = true
  /// Parses shared with other sessions of the dialog (path analysis's, or `intake test`'s
  /// journeys'); nil parses every line afresh.
  var parses: ParseMemo? = nil
  /// How many questions the last change of answers walked (tests: an answer's cost does not
  /// grow with the dialog).
  private(set) var stepsWalkedLastTime = 0
  /// How many answers pruning has looked at (to see whether they left the path), for tests.
  private(set) var answersLookedAtPruning = 0
  /// How many `when`s and branch lists the last change of answers evaluated (tests: the
  /// conditions reading other answers are not evaluated again).
  private(set) var conditionsEvaluatedLastTime = 0

  /// A line waiting to start a record, and what to say when it does (nil: say back what it filled).
  struct QueuedLine: Sendable {
    var line: String
    var note: String?
  }

  public init(dialog: Dialog, clock: SessionClock) {
    self.dialog = dialog
    self.shownDialog = dialog
    escalatingRules = dialog.rules.indices.filter { dialog.rules[$0].escalation != nil }
    var reading: [String: [Int]] = [:]
    var readingAnything: [Int] = []
    for index in escalatingRules {
      guard let reads = dialog.walkIndex?.escalationReads[dialog.rules[index].id], !reads.isEmpty else {
        readingAnything.append(index)
        continue
      }
      for id in reads { reading[id, default: []].append(index) }
    }
    escalationsReading = reading
    escalationsReadingAnything = readingAnything
    self.clock = clock
    startedAt = clock.now()
    current = refreshWalk().frontier
    if let current {
      shown = [current]
      visited.insert(current.questionID)
    }
  }

  public var isFinished: Bool { current == nil }

  /// The patient reads and answers in `language` from now on (a translation's code, or the
  /// dialog's own language). False, and nothing changes, when the dialog has no such language.
  @discardableResult
  public mutating func speak(_ language: String) -> Bool {
    if language == dialog.language {
      translation = nil
      shownDialog = dialog
      return true
    }
    guard let found = dialog.translation(language) else { return false }
    translation = found
    shownDialog = parses?.localized(dialog, found) ?? dialog.localized(found)
    return true
  }

  /// The languages, other than the dialog's, any of the patient's own words were typed in.
  public var answeredLanguages: [String] { Array(Set(typedIn.values)).sorted() }

  /// The language an answer in the patient's own words was typed in, when it is not the
  /// dialog's (`cursor` as `ScreenPlace` writes it).
  public func language(ofAnswerAt cursor: Cursor) -> String? { typedIn[ScreenPlace.at(cursor).description] }

  /// Whether the answer at `cursor` was left out because the patient said they did not know.
  public func saidNotKnown(at cursor: Cursor) -> Bool { notKnownAt.contains(ScreenPlace.at(cursor).description) }

  public var today: CalendarDate { clock.today }

  func evaluator(record: (group: String, index: Int, values: Record)? = nil) -> Evaluator {
    Evaluator(dialog: dialog, answers: answers, today: today, record: record)
  }

  // MARK: The path

  /// The path through the current answers (`Walk`). A walk after a change takes up the last one
  /// from the first question the change can affect and stops where it meets the old path again
  /// (`WalkIndex`), so an answer costs the same at question 10 and at question 1,000; a walk
  /// that logs conditions, or on a dialog whose jumps go back, starts from the first question.
  func walk(log: ConditionLog? = nil) -> Walk {
    if log == nil, resumesWalks, let index = dialog.walkIndex, index.resumable, var walk = lastWalk {
      if !changedSinceWalk.isEmpty {
        var memo = memoUpToDate(index)
        resume(&walk, index, memo: &memo)
      }
      return walk
    }
    var result = Walk()
    // A walk that logs its conditions goes from the first question, but takes each top-level
    // `when` and branch list from the memo where it is known (it logs them all the same):
    // evaluating every condition again was most of working out a journey's coverage.
    var memo: ConditionMemo? = nil
    if log != nil, resumesWalks, let index = dialog.walkIndex, index.resumable { memo = memoUpToDate(index) }
    _ = extend(&result, from: dialog.flow.first.map(Target.question) ?? .end, log: log, memo: &memo)
    return result
  }

  /// The memo of conditions with those reading an answer changed since the last walk forgotten
  /// (all of them on a new day); a new one when there is none.
  private func memoUpToDate(_ index: WalkIndex) -> ConditionMemo? {
    let today = self.today
    guard var memo = conditionMemo, memo.day == today else {
      return ConditionMemo(count: dialog.flow.count, day: today)
    }
    memo.forget(readersOf: changedSinceWalk, in: index)
    return memo
  }

  /// The path through the current answers, kept for the next walk to take up.
  @discardableResult
  private mutating func refreshWalk() -> Walk {
    guard resumesWalks, let index = dialog.walkIndex, index.resumable, var walk = lastWalk else {
      var walk = Walk()
      var memo: ConditionMemo? = nil
      if resumesWalks, let index = dialog.walkIndex, index.resumable { memo = memoUpToDate(index) }
      _ = extend(&walk, from: dialog.flow.first.map(Target.question) ?? .end, log: nil, memo: &memo)
      conditionMemo = memo
      lastWalk = walk
      changedSinceWalk = []
      leftPath = nil
      stepsWalkedLastTime = walk.steps.count
      return walk
    }
    // Taken out of `self` first, so the arrays are changed in place, not copied.
    lastWalk = nil
    if !changedSinceWalk.isEmpty {
      var memo = memoUpToDate(index)
      conditionMemo = nil
      let before = memo?.evaluated ?? 0
      let (left, walked) = resume(&walk, index, memo: &memo)
      conditionsEvaluatedLastTime = (memo?.evaluated ?? 0) - before
      conditionMemo = memo
      leftPath?.formUnion(left.map(\.owner))
      stepsWalkedLastTime = walked
    }
    lastWalk = walk
    changedSinceWalk = []
    return walk
  }

  /// Brings `walk` up to date with the answers changed since it was made: the steps before the
  /// first question reading (or being) a changed answer are kept as they are; from there the
  /// path is walked again until it comes to a question of the old path past every question that
  /// reads a changed answer, and the old path from there is kept too.
  /// Returns the cursors of the old path in the stretch walked again (none when the new stretch
  /// begins with all of them, in order), and how many questions were walked.
  @discardableResult
  private func resume(_ walk: inout Walk, _ index: WalkIndex, memo: inout ConditionMemo?) -> (
    left: [Cursor], walked: Int
  ) {
    var first = Int.max
    var last = -1
    for id in changedSinceWalk {
      var positions = index.readers[id] ?? []
      positions.append(WalkIndex.position(of: dialog.questions[id]?.group ?? id, in: dialog))
      for position in positions {
        first = min(first, position)
        last = max(last, position)
      }
    }
    let from = walk.firstStep(atOrAfter: first)
    // Nothing on the path reads or is a changed answer: the path is what it was.
    guard from < walk.steps.count else { return ([], 0) }
    let start = walk.steps[from].start
    var segment = Walk()
    if let frontierIndex = walk.frontierIndex, frontierIndex < start {
      segment.frontier = walk.frontier
      segment.frontierIndex = frontierIndex - start
    }
    // The segment's cursors are counted from `start`; its steps' starts too.
    let rejoin = extend(
      &segment, from: .question(walk.steps[from].question), log: nil, memo: &memo,
      rejoining: (walk, from, last), offset: start)
    let end = rejoin.map { walk.steps[$0].start } ?? walk.cursors.count
    let shift = segment.cursors.count - (end - start)
    // What left the path: nothing when the stretch walked again begins with what it replaces
    // (an answer at the frontier walks on past it, the old path kept in front), the common
    // case, where adding every owner of the stretch to `leftPath` was a fiftieth of a replay.
    let stays =
      segment.cursors.count >= end - start
      && zip(walk.cursors[start..<end], segment.cursors).allSatisfy { $0 == $1 }
    let replaced = stays ? [] : Array(walk.cursors[start..<end])
    let oldFrontier = walk.frontierIndex
    walk.cursors.replaceSubrange(start..<end, with: segment.cursors)
    walk.steps.replaceSubrange(from..<(rejoin ?? walk.steps.count), with: segment.steps)
    if shift != 0 {
      for step in (from + segment.steps.count)..<walk.steps.count { walk.steps[step].start += shift }
    }
    guard let oldFrontier else {
      // Every answer after the stretch was there before: unanswered only in the stretch.
      if let found = segment.frontierIndex { walk.setFrontier(at: start + found) }
      return (replaced, segment.steps.count)
    }
    if oldFrontier < start {
      walk.setFrontier(at: oldFrontier)
    } else if let found = segment.frontierIndex {
      walk.setFrontier(at: start + found)
    } else if oldFrontier >= end {
      walk.setFrontier(at: oldFrontier + shift)
    } else {
      // The old frontier was in the stretch walked again and is answered now: the first
      // unanswered question after the stretch.
      walk.frontier = nil
      walk.frontierIndex = nil
      let after = start + segment.cursors.count
      // A closure, not the method itself: a method passed as a value holds a copy of the session.
      if let found = walk.cursors[after...].firstIndex(where: { isUnanswered($0) }) { walk.setFrontier(at: found) }
    }
    return (replaced, segment.steps.count)
  }

  /// Whether the walk counts `cursor` as not yet answered (as `extend` decides the frontier).
  private func isUnanswered(_ cursor: Cursor) -> Bool {
    switch cursor {
    case .question(let id): return !answers.isAnswered(id)
    case .gate(let group, let index):
      return index >= answers.records(of: group).count && !answers.closedGroups.contains(group)
    case .item(let group, let index, let item):
      let records = answers.records(of: group)
      return index < records.count && records[index][item] == nil
    case .interrupt: return false
    }
  }

  /// Walks from `start`, appending to `result` (its cursor indices counted from `offset`).
  /// With `rejoining`, stops at the first question past flow position `after` that the old
  /// walk also came to at or after step `from`, and returns that step's index in the old walk.
  /// With a `memo`, a top-level question's `when` and branches are taken from it when known,
  /// and kept in it when evaluated (a walk that logs conditions evaluates every one).
  private func extend(
    _ result: inout Walk, from start: Target, log: ConditionLog?, memo: inout ConditionMemo?,
    rejoining: (walk: Walk, from: Int, after: Int)? = nil, offset: Int = 0
  ) -> Int? {
    // A walk reads only whether conditions hold: an evaluator that cites nothing is not copied
    // to leave its evidence out at every condition.
    let evaluate = evaluator().withoutEvidence
    var target = start
    // Where every jump goes forward (`WalkIndex.resumable`) no question comes twice: the guard
    // against looping (a tenth of a walk's cost, hashing every id) is only kept where one could.
    let mayLoop = dialog.walkIndex?.resumable != true
    var seen = Set<String>()
    // The target's flow position, when the step before knew it: its route is found by it.
    var targetPosition: Int? = nil
    while case .question(let id) = target, let question = route(id, at: targetPosition),
      !mayLoop || seen.insert(id).inserted
    {
      let position = question.position
      if let rejoining, position > rejoining.after, let found = rejoining.walk.step(at: position, from: rejoining.from)
      {
        return found
      }
      result.steps.append(Walk.Step(question: id, position: position, start: offset + result.cursors.count))
      // The route's parts are read where they are used: taking its `when` or its group out of
      // it at every step copied them (an expression's node, text and place; a group's items).
      if question.hasWhen {
        let holds: Bool
        if let known = memo?.when(at: position) {
          holds = known
        } else {
          holds = question.when.map { evaluate.holds($0) } ?? true
          memo?.remember(when: holds, at: position)
        }
        // Past the first unanswered question the walk only guesses: log nothing there.
        if result.frontier == nil { log?.record(.when(id), holds) }
        if !holds {
          target = question.successor
          targetPosition = question.successorPosition
          continue
        }
      }
      if question.isGroup, let group = question.group {
        walkGroup(id, group, into: &result, log: log)
      } else {
        result.cursors.append(.question(id))
        if result.frontier == nil, !answers.isAnswered(id) { result.setFrontier(at: result.cursors.count - 1) }
        if question.ends { break }
      }
      // Branches of an unanswered question are not yet decided: they are not logged.
      if let known = memo?.branch(at: position) {
        // Logged as `branchTaken` logs them: each branch before the one taken false, it true.
        if let log, answers.isAnswered(id) {
          for index in 0..<min(known + 1, question.branches.count) { log.record(.branch(id, index), index == known) }
        }
        target = self.target(of: question, branch: known)
        targetPosition = Self.targetPosition(of: question, branch: known)
      } else {
        let taken = branchTaken(question, evaluate, log: log != nil && answers.isAnswered(id) ? log : nil)
        if !question.branches.isEmpty { memo?.remember(branch: taken, at: position) }
        target = self.target(of: question, branch: taken)
        targetPosition = Self.targetPosition(of: question, branch: taken)
      }
    }
    return nil
  }

  private func walkGroup(_ id: String, _ group: RepeatGroup, into result: inout Walk, log: ConditionLog?) {
    let records = answers.records(of: id)
    for index in 0..<max(group.maximum, 0) {
      result.cursors.append(.gate(group: id, index: index))
      guard index < records.count else {
        if !answers.closedGroups.contains(id), result.frontier == nil {
          result.setFrontier(at: result.cursors.count - 1)
        }
        return
      }
      let scoped = evaluator(record: (id, index, records[index])).withoutEvidence
      for item in group.items {
        guard let question = route(item) else { continue }
        if question.hasWhen, let condition = question.when {
          let holds = scoped.holds(condition)
          if result.frontier == nil { log?.record(.when(item), holds) }
          if !holds { continue }
        }
        result.cursors.append(.item(group: id, index: index, question: item))
        if records[index][item] == nil, result.frontier == nil { result.setFrontier(at: result.cursors.count - 1) }
      }
    }
  }

  /// What the walk reads of question `id`: kept apart in a checked dialog, else taken from it.
  private func route(_ id: String) -> Route? {
    dialog.walkIndex?.routes[id] ?? Route.unindexed(id, in: dialog)
  }

  /// The route of question `id`, found by its flow position when that is known.
  private func route(_ id: String, at position: Int?) -> Route? {
    if let position, let index = dialog.walkIndex, position < index.flowRoutes.count,
      let found = index.flowRoutes[position]
    {
      return found
    }
    return route(id)
  }

  /// The flow position of where `question` goes after branch `taken` (as `target(of:branch:)`),
  /// nil when that is the end or a question outside the flow.
  private static func targetPosition(of question: Route, branch taken: Int) -> Int? {
    if taken < question.branches.count { return question.branchPositions[taken] }
    return question.next != nil ? question.nextPosition : question.successorPosition
  }

  private func route(from question: Route, _ evaluate: Evaluator) -> Target {
    target(of: question, branch: branchTaken(question, evaluate, log: nil))
  }

  /// Where `question` goes when its branch `taken` is the first that holds (none, past the last).
  private func target(of question: Route, branch taken: Int) -> Target {
    taken < question.branches.count
      ? question.branches[taken].target : question.next ?? question.successor
  }

  /// The index of the first of `question`'s branches that holds; their count when none does.
  private func branchTaken(_ question: Route, _ evaluate: Evaluator, log: ConditionLog?) -> Int {
    for (index, branch) in question.branches.enumerated() {
      let holds = evaluate.holds(branch.condition)
      log?.record(.branch(question.id, index), holds)
      if holds { return index }
    }
    return question.branches.count
  }

  /// How each `when` and branch condition on the current path evaluated: the conditions of
  /// questions reached, and the branches of questions answered.
  public func conditionOutcomes() -> [ConditionSite: Set<Bool>] {
    let log = ConditionLog()
    _ = walk(log: log)
    return log.outcomes
  }

  /// How one condition evaluated on the current path, as `conditionOutcomes()` logs it, worked
  /// out from the kept walk where the dialog allows instead of walking the whole path (path
  /// analysis asks this at every state it searches).
  public func outcomes(at site: ConditionSite) -> Set<Bool> {
    let id: String
    switch site {
    case .when(let question), .branch(let question, _): id = question
    }
    guard resumesWalks, dialog.walkIndex?.resumable == true, changedSinceWalk.isEmpty, let walk = lastWalk,
      let question = dialog.questions[id], question.group == nil
    else { return conditionOutcomes()[site] ?? [] }
    guard let step = walk.step(at: WalkIndex.position(of: id, in: dialog)) else { return [] }
    let evaluate = evaluator()
    switch site {
    case .when:
      // Logged only where no unanswered question comes before.
      guard let condition = question.when, walk.frontierIndex.map({ $0 >= walk.steps[step].start }) ?? true else {
        return []
      }
      return [evaluate.holds(condition)]
    case .branch(_, let index):
      // The branches of a question reached (its `when` held) and answered, up to the first that holds.
      guard answers.isAnswered(id), !question.ends, question.when.map(evaluate.holds) ?? true else { return [] }
      for (at, branch) in question.branches.enumerated() {
        let holds = evaluate.holds(branch.condition)
        if at == index { return [holds] }
        if holds { return [] }
      }
      return []
    }
  }

  /// The flow position of the first question still to answer (past the end once none is):
  /// everything before it is answered or passed by, and in a dialog whose jumps all go forward
  /// (`WalkIndex.resumable`) no later answer changes how the path went there. Nil in dialogs
  /// where a jump goes back. Path analysis stops following a journey once what it looks for is
  /// settled.
  var decidedThrough: Int? {
    guard resumesWalks, dialog.walkIndex?.resumable == true, changedSinceWalk.isEmpty, let walk = lastWalk else {
      return nil
    }
    guard let frontier = walk.frontier else { return Int.max }
    return WalkIndex.position(of: frontier.owner, in: dialog)
  }

  /// Every cursor on the current path, answered or not (for `review`).
  public var path: [Cursor] { walk().cursors }

  // MARK: Answers at cursors

  /// The answer stored at `cursor`, or nil when it has none.
  public func answer(at cursor: Cursor) -> Value? {
    switch cursor {
    case .question(let id): return answers.values[id]
    case .gate(let group, let index):
      let records = answers.records(of: group)
      if index < records.count { return .bool(true) }
      return answers.closedGroups.contains(group) && index == records.count ? .bool(false) : nil
    case .item(let group, let index, let question):
      let records = answers.records(of: group)
      return index < records.count ? records[index][question] : nil
    case .interrupt: return nil
    }
  }

  /// Accepts typed input for the current question. An empty line keeps an earlier answer when
  /// the question is being revisited. An implausible number is refused with `needsConfirmation`
  /// until it is submitted again with `confirmed`.
  ///
  /// `rest` is what else the line said beyond this answer ("20mg every morning" after a
  /// medicine's name): the questions right after this one in the same record are answered from
  /// it where it is clear (`filled`), and the first that is not is asked.
  public mutating func submit(_ input: String, confirmed: Bool = false, rest: String? = nil)
    -> Result<Void, AnswerRejection>
  {
    notes = []
    lastActivityAt = clock.now()
    let typedAt = current
    let result = submitLine(input, confirmed: confirmed, rest: rest)
    if case .success = result {
      // What the line's own answer left, before the records it queued take theirs.
      let own = unused
      let queuedAside = startQueuedRecords()
      // An empty line at a question revisited keeps its answer, and what was set aside with it.
      if let typedAt, !input.trimmingSpaces().isEmpty { setAside[typedAt] = own }
      // Each queued record's words with that record, not with the line that named it: a pasted
      // list's "3x/day vit D" (gabapentin's) was in the note beside lorazepam, where the next
      // line was typed.
      for (gate, words) in queuedAside { setAside[gate] = words }
    }
    return result
  }

  /// Words a line carried that no question took, said back to the patient as not used, by the
  /// place the line was typed at, in the order of the path; only where that place still holds an
  /// answer (an answer cleared or changed takes its words with it).
  public var wordsSetAside: [(at: Cursor, words: String)] {
    guard !setAside.isEmpty else { return [] }
    return path.compactMap { cursor in
      guard let words = setAside[cursor], answer(at: cursor) != nil else { return nil }
      return (cursor, words)
    }
  }

  private mutating func submitLine(_ input: String, confirmed: Bool = false, rest: String? = nil)
    -> Result<Void, AnswerRejection>
  {
    filled = []
    unused = nil
    guard let cursor = current else { return .success(()) }
    if case .interrupt = cursor {
      interrupts.removeFirst()
      advance(after: nil)
      return .success(())
    }
    guard let question = shownDialog.questions[cursor.questionID] else { return .success(()) }
    // "my sister Dana Haddad, 555 201 9090" at a name: the name, and the number for the phone
    // question after it (one screen, not two; issue 12).
    var phone: String? = nil
    var aside: String? = nil
    var input = input
    if question.isPersonName, rest == nil, !confirmed, let (name, number) = Self.nameThenPhone(input) {
      input = name
      phone = number
    } else if question.isPersonName, rest == nil, !confirmed,
      let (name, words) = Self.nameThenAside(input, phrasebook: translation?.phrasebook ?? .none)
    {
      // "sam, idk his number by heart its in my phone": the name, and the rest said back as not
      // used (a trial patient's whole line was taken as the name, and piped as one).
      input = name
      aside = words
    }
    let trimmed = input.trimmingWhitespace()
    let value: Value
    var remark: String? = nil
    if trimmed.isEmpty, let earlier = answer(at: cursor), !(question.kind.isMessage) {
      value = earlier
    } else if trimmed.isEmpty, !question.required, !cursor.isGate, !question.kind.isMessage {
      // Enter on an optional question leaves it out, as `skip` does.
      value = .missing
    } else if trimmed.isEmpty, !question.kind.isMessage {
      return .failure(AnswerRejection(message: kioskWords(.typeAnAnswer)))
    } else if !confirmed, rest == nil, !cursor.isGate, case .text(_, let lexiconID?) = question.kind,
      let lexicon = dialog.lexicons[lexiconID], let named = Self.withoutLeadingFiller(trimmed, lexicon)
    {
      // "only duloxetine for the pain", "I take Lexapro 10 mg": the name is where it starts.
      return submitLine(named)
    } else if !confirmed, rest == nil, case .item(let group, _, let item) = cursor,
      case .repeatGroup(let repeated)? = dialog.questions[group]?.kind, repeated.items.first == item,
      case .text(_, let lexiconID?) = question.kind, let lexicon = dialog.lexicons[lexiconID],
      case let segments = Self.namedSegments(trimmed, lexicon), segments.count > 1
    {
      // "lexapro 10 mg and wellbutrin": this record takes the first; each other starts one of
      // its own when the next "another?" comes.
      let others = segments.dropFirst().map { QueuedLine(line: $0, note: nil) }
      queued = (group, others + (queued?.group == group ? queued?.lines ?? [] : []))
      return submitLine(segments[0])
    } else if !confirmed, rest == nil, !cursor.isGate, case .text(_, let lexiconID?) = question.kind,
      let lexicon = dialog.lexicons[lexiconID], let (name, tail) = AnswerParser.nameThenNumber(trimmed, lexicon)
    {
      // "sertraline 150 mg for 3 months": the name, and the rest for the questions after it.
      return submitLine(name, confirmed: true, rest: tail)
    } else {
      let readsBack = question.readsBack || question.id == dialog.resumeWith
      let usualUnit = usualDoseUnit(question, at: cursor)
      var parser = AnswerParser(
        question: question, today: today, confirmed: confirmed, readsBack: readsBack,
        lexicon: question.lexiconID.flatMap { dialog.lexicons[$0] }, usualUnit: usualUnit)
      if case .gate = cursor { parser = AnswerParser(question: question.asGate, today: today) }
      parser.speaking(translation)
      parser.sourceQuestion = dialog.questions[question.id]
      // Only a date's reading reads the day (`AnswerParser.date`), and a length of time's when
      // the patient names a year ("since 2016": how long since then).
      var readsDay = false
      switch question.kind {
      case .date, .duration: readsDay = !cursor.isGate
      default: break
      }
      let key = ParseMemo.Key(
        question: question.id, today: readsDay ? today : nil, gate: cursor.isGate, input: .init(input),
        confirmed: confirmed,
        readsBack: readsBack,
        usualUnit: usualUnit, language: translation?.language)
      switch parses?.result(for: key, parse: { parser.parse(input) }) ?? parser.parse(input) {
      case .success(.bool(true)) where (question.kind.isYesNo || cursor.isGate) && saysMoreThanYes(input):
        // "yes Tom", "yes, mirtazapine": a yes, and the answer it leads to when that is clear.
        if answersFollowUp(input, at: cursor) { return .success(()) }
        // "ya welbutrin", "yes lexapro and wellbutrin" at "another medicine?": a yes, and the rest
        // is what was typed for the name, which reads it as it would (asking back a near name),
        // so nothing typed is dropped.
        let (saidYes, rest) = Self.afterYes(input)
        if cursor.isGate, saidYes, !rest.isEmpty, namesARecord(after: cursor) {
          return startRecord(at: cursor, with: rest)
        }
        value = .bool(true)
        remark = trimmed
      case .success(let parsed):
        value = parsed
        if case .bool = parsed, question.kind.isYesNo, !cursor.isGate, saysMoreThanYesOrNo(input) {
          remark = trimmed
        } else if !cursor.isGate, question.kind.isChosen, Self.saysWithDoubt(input) {
          // "none i think", "probably never": the doubt is kept beside the answer, so the note
          // does not state it flat (or fold it into what the patient denies).
          remark = trimmed
        }
      case .failure(let rejection):
        // "165 lb, 5 ft 6 in" at "How much do you weigh, and how tall are you?": the first part
        // is this answer, the rest is for the question after it.
        if rest == nil, !rejection.needsConfirmation, question.kind.isNumber,
          let (first, tail) = Self.firstPart(trimmed),
          case .success = reader(question).parse(first)
        {
          // "About 50, I think.": a hedge after the comma makes the number rough, and is no
          // answer to say back as not used.
          let tailWords = ChoiceMatcher.words(ChoiceMatcher.fold(tail)).split(separator: " ").map(String.init)
          if NumberWords.withoutTrailingHedges(["0"] + tailWords) == ["0"] { return submitLine(first) }
          return submitLine(first, confirmed: confirmed, rest: tail)
        }
        // "sertraline 50 mg" at "Do you take any medicines now? If you do, type the name": a yes,
        // and the line is the first record's name.
        if cursor.isGate, !rejection.needsConfirmation, namesARecord(after: cursor), Self.readsAsName(trimmed) {
          return startRecord(at: cursor, with: trimmed)
        }
        // "150/95" at "Do you know your latest reading?", "yes Tom" at "Will someone be with you?":
        // the answer to the question a yes leads to, so a yes and that answer.
        if !rejection.needsConfirmation, question.kind.isYesNo || cursor.isGate, answersFollowUp(input, at: cursor) {
          return .success(())
        }
        return .failure(rejection)
      }
    }
    if !cursor.isGate, let failed = failedCheck(question, value, at: cursor) {
      return .failure(AnswerRejection(message: failed))
    }
    if !confirmed, let doubt = implausibility(question, value, typed: trimmed) {
      if let units = otherUnitReadings(question, typed: trimmed) { return .failure(units) }
      return .failure(AnswerRejection(message: doubt, readings: [.init(label: trimmed, line: trimmed)]))
    }
    store(value, at: cursor)
    if case .question(let id) = cursor { typedWith[id] = remark }
    // A line that left out an amount, a length of time or a date said the patient does not know
    // it (`AnswerParser.dontKnow`): kept, so the note does not show it as skipped.
    // (Enter alone at an optional question leaves it out too, and says nothing.)
    if value == .missing, !trimmed.isEmpty, !cursor.isGate, question.leavesOutWhenNotKnown {
      notKnownAt.insert(ScreenPlace.at(cursor).description)
    }
    // A yes or no typed with more words: those words are the patient's own (`store` marks text).
    if case .bool = value, remark != nil { typedIn[ScreenPlace.at(cursor).description] = translation?.language }
    if let phone {
      // The number answers the phone question right after the name; said back when there is none.
      let cursors = walk().cursors
      if let at = cursors.firstIndex(of: cursor), at + 1 < cursors.count, case let target = cursors[at + 1],
        dialog.questions[target.questionID]?.isPhone == true, answer(at: target) == nil,
        let phoneQuestion = dialog.questions[target.questionID],
        failedCheck(phoneQuestion, .text(phone), at: target) == nil
      {
        store(.text(phone), at: target)
        filled.append(target)
      } else {
        unused = phone
      }
    }
    if let rest {
      fill(after: cursor, from: rest)
    } else if question.isPersonName, case .text(let typed) = value,
      let relationship = PersonName.read(typed, phrasebook: translation?.phrasebook ?? .none).relationship
    {
      // "my husband Luis Rivera": the relationship answers the question after, if it asks it,
      // past a phone question still to be asked.
      var from = filled.last ?? cursor
      let cursors = walk().cursors
      if let at = cursors.firstIndex(of: from), at + 1 < cursors.count, case let next = cursors[at + 1],
        dialog.questions[next.questionID]?.isPhone == true, answer(at: next) == nil
      {
        from = next
      }
      fill(after: from, from: relationship, reportsUnused: false, inDialogsWords: true)
    }
    if let aside { unused = aside }
    filledAhead.formUnion(filled)
    advance(after: cursor)
    return .success(())
  }

  /// A name, then after a comma or semicolon three words or more that do not say who the person
  /// is: "sam, idk his number by heart" is ("sam", "idk his number by heart"). Not "Luis Rivera,
  /// my husband" nor "Ana, es mi hermana" (words that say who the person is, in the patient's
  /// language, are `PersonName`'s to read), nor a line whose first part is not a name of one to
  /// four words.
  static func nameThenAside(_ line: String, phrasebook: Phrasebook) -> (String, String)? {
    guard let comma = line.firstIndex(where: { $0 == "," || $0 == ";" }) else { return nil }
    let name = line[..<comma].trimmingSpaces()
    let words = line[line.index(after: comma)...].trimming(charactersIn: " ,;.")
    let nameWords = name.split(separator: " ")
    let tail = words.split(separator: " ").map { ChoiceMatcher.fold(String($0)).filter(\.isLetter) }
    guard (1...4).contains(nameWords.count),
      nameWords.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" } }),
      tail.count >= 3
    else { return nil }
    // "my sister who lives nearby", "husband, he drives": who the person is, read by `PersonName`.
    guard !tail.contains(where: { PersonName.relationships.contains(phrasebook.word(for: $0) ?? $0) }) else {
      return nil
    }
    return (name, words)
  }

  /// A line read as a leading yes word and the rest: "ya welbutrin" is (true, "welbutrin");
  /// "my daughter" is (false, "my daughter").
  static func afterYes(_ input: String) -> (saidYes: Bool, rest: String) {
    var words = input.trimmingSpaces().split(separator: " ").map(String.init)
    let saidYes = words.first.map { AnswerParser.yesWords.contains(ChoiceMatcher.fold($0).filter(\.isLetter)) } ?? false
    if saidYes { words.removeFirst() }
    return (saidYes, words.joined(separator: " ").trimming(charactersIn: " ,.-:"))
  }

  /// A name with a phone number after it: "my sister Dana Haddad, 555 201 9090" is "my sister
  /// Dana Haddad" and "555 201 9090"; nil when the line has no number of 7 or more digits after
  /// words.
  static func nameThenPhone(_ line: String) -> (String, String)? {
    let line = line.trimming(charactersIn: " .!;")
    guard let found = phoneAtEnd(line), line[found].filter(\.isNumber).count >= 7
    else { return nil }
    let name = String(line[..<found.lowerBound]).trimming(charactersIn: " ,;:-")
    guard name.contains(where: \.isLetter) else { return nil }
    return (name, String(line[found]).trimmingSpaces())
  }

  /// Where `line` ends in what reads as a phone number: the regular expression
  /// `\+?[0-9][0-9 ().-]{5,}[0-9]$`, matched by hand (matching it with Foundation's regular
  /// expressions cost more than the rest of reading the line). The number starts at the first
  /// digit of the run of digits, spaces, brackets, dots and dashes that ends the line (at a `+`
  /// just before it when the run starts with that digit), and has at least five of them between
  /// its first digit and its last.
  static func phoneAtEnd(_ line: String) -> Range<String.Index>? {
    let scalars = line.unicodeScalars
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
    func isPhoneScalar(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || " ().-".unicodeScalars.contains(scalar) }
    guard let last = scalars.last, isDigit(last) else { return nil }
    var run = scalars.endIndex
    while run > scalars.startIndex, isPhoneScalar(scalars[scalars.index(before: run)]) {
      run = scalars.index(before: run)
    }
    guard let first = scalars[run...].firstIndex(where: isDigit),
      scalars.distance(from: scalars.index(after: first), to: scalars.index(before: scalars.endIndex)) >= 5
    else { return nil }
    if first == run, run > scalars.startIndex, scalars[scalars.index(before: run)] == "+" {
      return scalars.index(before: run)..<scalars.endIndex
    }
    return first..<scalars.endIndex
  }

  /// A line that starts with words before a name the lexicon knows ("only duloxetine", "I take
  /// Lexapro"), without them; nil when it does not.
  static func withoutLeadingFiller(_ line: String, _ lexicon: Lexicon) -> String? {
    let folded = ChoiceMatcher.fold(line)
    for filler in leadingFillers where folded.hasPrefix(filler + " ") {
      let rest = String(line.dropFirst(filler.count)).trimmingSpaces()
      if let found = LexiconMatcher(lexicon: lexicon).match(rest), found.exact { return rest }
    }
    return nil
  }

  static let leadingFillers = [
    "i'm currently on", "im currently on", "i am currently on", "i'm taking", "im taking", "i am taking", "i was on",
    "i'm on", "im on", "i am on", "i take", "i took", "i tried", "only", "just", "also", "and", "on",
  ]

  /// A yes at `gate`, and `line` read as the new record's first question reads it. A line that
  /// question refuses outright (too long) leaves the patient at the gate, so what they type next
  /// is not taken as a name ("yes" was kept as a medicine called Yes); one it asks back about (a
  /// near name) goes on at that question.
  private mutating func startRecord(at gate: Cursor, with line: String) -> Result<Void, AnswerRejection> {
    var trial = self
    trial.store(.bool(true), at: gate)
    trial.advance(after: gate)
    let result = trial.submitLine(line)
    if case .failure(let rejection) = result, !rejection.needsConfirmation { return result }
    self = trial
    return result
  }

  /// Where `firstPart` cuts a line.
  static let partSeparator = CompiledPattern(#"\s*(,|;|\band\b)\s*"#, caseInsensitive: true)
  /// A blood pressure reading among other words ("148/92 at the pharmacy"), and one in words of
  /// any language ("165 sobre 100"), which the phrasebook then reads.
  static let reading = CompiledPattern(#"[0-9]{2,3} ?(/|over) ?[0-9]{2,3}"#, caseInsensitive: true)
  static let readingInWords = CompiledPattern(#"[0-9]{2,3} ?\p{L}{1,12} ?[0-9]{2,3}"#)

  /// A line cut at its first comma, semicolon or "and": "165 lb, 5 ft 6 in" is "165 lb" and
  /// "5 ft 6 in"; nil when it has none.
  static func firstPart(_ line: String) -> (String, String)? {
    guard let cut = Self.partSeparator.firstRange(in: line) else { return nil }
    let first = String(line[..<cut.lowerBound]).trimmingSpaces()
    let tail = String(line[cut.upperBound...]).trimmingSpaces()
    return first.isEmpty || tail.isEmpty ? nil : (first, tail)
  }

  /// Whether a line that is not a yes or a no at a gate whose record starts with a name reads as
  /// that name: words, not "not sure" or a question.
  static func readsAsName(_ line: String) -> Bool {
    let folded = ChoiceMatcher.fold(line)
    let words = ChoiceMatcher.words(folded)
    return line.contains(where: \.isLetter) && !folded.contains("?" as Character)
      && !AnswerParser.dontKnow.contains(words)
      && !AnswerParser.dontKnow.contains(where: { words.hasPrefix($0 + " ") })
  }

  /// Where a line naming several things may be cut (`namedSegments`), compiled once: compiling
  /// it at every medicine's line was most of the cutting. A compiled expression is safe to use
  /// from any thread (Foundation says so of `NSRegularExpression`).
  /// A dash with a space on each side separates too: a list pasted from a phone's notes
  /// ("sertraline 100mg daily - lorazepam .5 as needed") ran together as one name; a dash inside
  /// a word or a range ("10-20 mg", "3x/day") is not a separator.
  private static let nameSeparators = try? NSRegularExpression(
    pattern: #"\s*(,|;|\.\s|\+|&|\s[-\u2013\u2014]\s|\band\b|\bplus\b|\balso\b|\bthen\b)\s*"#,
    options: [.caseInsensitive])

  /// A line that names several things the lexicon knows, cut before each: "lexapro 10 mg and
  /// wellbutrin, melatonin" is three lines. Words that start no known name stay with the name
  /// before them ("sertraline 50 mg, once a day" is one); a known name with "and" in it
  /// ("buprenorphine and naloxone") is not cut.
  static func namedSegments(_ line: String, _ lexicon: Lexicon) -> [String] {
    let matcher = LexiconMatcher(lexicon: lexicon)
    // A known name that has a separator in it ("buprenorphine and naloxone 8 mg") is not cut:
    // cuts start after its last word.
    let text = line as NSString
    var nameEnd = 0
    if let whole = matcher.match(line), whole.exact {
      let count = whole.spelling.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).count
      var seen = 0
      var inWord = false
      for offset in 0..<text.length {
        let isWord = Unicode.Scalar(text.character(at: offset)).map { CharacterSet.alphanumerics.contains($0) } ?? true
        if isWord, !inWord { seen += 1 }
        if !isWord, inWord, seen == count { break }
        inWord = isWord
        nameEnd = offset + 1
      }
    }
    guard let separators = Self.nameSeparators else { return [line] }
    var cuts: [(start: Int, end: Int)] = []
    for match in separators.matches(in: line, range: NSRange(location: 0, length: text.length)) {
      let after = text.substring(from: match.range.location + match.range.length)
      let trimmed = after.trimming(charactersIn: " ,;+&")
      guard let found = matcher.match(trimmed) else { continue }
      // A near name starts a new one only when it is all there is ("and welbutrin").
      guard found.exact || LexiconMatcher.normalize(trimmed).split(separator: " ").count <= 2 else { continue }
      guard match.range.location >= nameEnd else { continue }
      cuts.append((match.range.location, match.range.location + match.range.length))
    }
    guard !cuts.isEmpty else { return [line] }
    var segments: [String] = []
    var start = 0
    for cut in cuts where cut.start >= start {
      segments.append(text.substring(with: NSRange(location: start, length: cut.start - start)))
      start = cut.end
    }
    segments.append(text.substring(from: start))
    let cleaned = segments.map { $0.trimming(charactersIn: " ,;+&.") }.filter {
      !$0.isEmpty
    }
    return cleaned.count > 1 ? cleaned : [line]
  }

  /// Starts the records waiting in `queued` (and, the first time a group with `carry` is reached,
  /// the records it carries), each when its group's next gate is the current question: the gate
  /// is a yes and the line is read as if typed at the record's first question. What each line
  /// answered joins `filled`, so it is said back.
  /// Returns the words each record started here left unused, by the gate that opened it.
  @discardableResult
  private mutating func startQueuedRecords() -> [Cursor: String] {
    var noted = filled
    var left = unused.map { [$0] } ?? []
    var aside: [Cursor: String] = [:]
    if case .gate(let group, 0)? = current, !carriedGroups.contains(group),
      case .repeatGroup(let repeated)? = dialog.questions[group]?.kind, let carry = repeated.carry,
      answers.records(of: group).isEmpty
    {
      carriedGroups.insert(group)
      let formatter = AnswerFormatter(dialog: dialog)
      let records = answers.records(of: carry.group)
      let lines = records.indices.compactMap { index -> QueuedLine? in
        if let condition = carry.condition,
          !evaluator(record: (carry.group, index, records[index])).holds(condition)
        {
          return nil
        }
        func words(_ name: String) -> String? {
          guard let value = records[index][name], !value.isMissing else { return nil }
          return formatter.display(value, for: name)
        }
        // The note is said to the patient, in their language.
        let patientFormatter = AnswerFormatter(dialog: shownDialog, words: kioskWords)
        func shownWords(_ name: String) -> String? {
          guard let value = records[index][name], !value.isMissing else { return nil }
          return patientFormatter.display(value, for: name)
        }
        let line = carry.line.render(lookup: words).trimmingSpaces()
        var shownCarry = carry
        if case .repeatGroup(let shown)? = shownDialog.questions[group]?.kind, let translated = shown.carry {
          shownCarry = translated
        }
        let note = shownCarry.note.map { $0.render(lookup: shownWords).trimmingSpaces() }
        return line.isEmpty ? nil : QueuedLine(line: line, note: note)
      }
      if !lines.isEmpty { queued = (group, lines + (queued?.group == group ? queued?.lines ?? [] : [])) }
    }
    while case .gate(let group, let index)? = current, var waiting = queued, waiting.group == group,
      !waiting.lines.isEmpty, index == answers.records(of: group).count
    {
      let next = waiting.lines.removeFirst()
      queued = waiting.lines.isEmpty ? nil : waiting
      let gate = Cursor.gate(group: group, index: index)
      store(.bool(true), at: gate)
      advance(after: gate)
      guard let named = current else { break }
      switch submitLine(next.line) {
      case .success:
        if let note = next.note { notes.append(note) } else { noted += [named] + filled }
        if let unused {
          left.append(unused)
          aside[gate] = unused
        }
      case .failure:
        // Asked back (a near name): the question is asked, and the line is said back.
        noted += filled
        left.append(next.line)
        aside[gate] = next.line
      }
    }
    // Out of the group: nothing waits any more.
    if let waiting = queued, current.map({ Self.group(of: $0) != waiting.group }) ?? true { queued = nil }
    filled = noted
    unused = left.isEmpty ? nil : left.joined(separator: "; ")
    return aside
  }

  private static func group(of cursor: Cursor) -> String? {
    switch cursor {
    case .gate(let group, _), .item(let group, _, _): return group
    case .question, .interrupt: return nil
    }
  }

  /// Whether the first item of the record a gate opens is a name read against a lexicon.
  func namesARecord(after gate: Cursor) -> Bool {
    guard case .gate(let group, _) = gate, case .repeatGroup(let repeated)? = dialog.questions[group]?.kind,
      let first = repeated.items.first, case .text(_, _?)? = dialog.questions[first]?.kind
    else { return false }
    return true
  }

  /// Whether a yes says more than yes ("yes Tom", "yes, mirtazapine").
  /// Words beyond a yes or a no and filler: "yes at my dad's place", not "yes I do".
  private func saysMoreThanYesOrNo(_ input: String) -> Bool {
    ChoiceMatcher.words(ChoiceMatcher.fold(input)).split(separator: " ").map(String.init).contains {
      !AnswerParser.yesWords.contains($0) && !AnswerParser.noWords.contains($0)
        && !AnswerParser.fillerWords.contains($0)
    }
  }

  private func saysMoreThanYes(_ input: String) -> Bool {
    let words = ChoiceMatcher.words(ChoiceMatcher.fold(input)).split(separator: " ").map(String.init)
    return words.count > 1
      && !words.dropFirst().allSatisfy { AnswerParser.yesWords.contains($0) || AnswerParser.fillerWords.contains($0) }
  }

  /// Whether `input` at a yes-or-no question is the answer to the question a yes leads to; if
  /// so, both are kept (a yes, and that answer) and the session moves on.
  private mutating func answersFollowUp(_ input: String, at cursor: Cursor) -> Bool {
    let (saidYes, rest) = Self.afterYes(input)
    guard !rest.isEmpty else { return false }
    var trial = self
    trial.store(.bool(true), at: cursor)
    trial.filled = []
    trial.fill(after: cursor, from: rest, saidYes: saidYes)
    guard let last = trial.filled.last else { return false }
    self = trial
    advance(after: last)
    return true
  }

  /// Answers the questions after `cursor` in its record, in order, from the rest of a line:
  /// a dose, a length of time, an option named by its words or aliases. Stops at the first it
  /// cannot answer without doubt, so nothing is skipped over and nothing is guessed.
  /// `inDialogsWords`: `rest` is in the dialog's own words (a relationship a name was read
  /// with, "wife"), not the patient's.
  private mutating func fill(
    after cursor: Cursor, from rest: String, saidYes: Bool = false, reportsUnused: Bool = true,
    inDialogsWords: Bool = false
  ) {
    var remaining = rest
    defer {
      // Words the patient typed for later questions; not who a named person is ("husband"),
      // which only answers a question that asks it.
      let left = remaining.trimming(charactersIn: " ,.;:-")
      if reportsUnused { unused = left.contains(where: { $0.isLetter || $0.isNumber }) ? left : nil }
    }
    var previous = cursor
    while !remaining.trimmingSpaces().isEmpty {
      let cursors = walk().cursors
      guard let at = cursors.firstIndex(of: previous), at + 1 < cursors.count, answer(at: cursors[at + 1]) == nil
      else { return }
      // Only within the same record, or from one question to the next outside groups.
      let next = cursors[at + 1]
      switch (cursor, next) {
      case (.item(let group, let index, _), .item(let nextGroup, let nextIndex, _)),
        (.gate(let group, let index), .item(let nextGroup, let nextIndex, _)):
        guard group == nextGroup, index == nextIndex else { return }
      case (.question, .question): break
      default: return
      }
      guard let question = dialog.questions[next.questionID] else { return }
      let value: Value
      switch question.kind {
      case .dose:
        // In the first comma-separated part that has one: the parts after it stay as typed
        // ("20 mg once a day, Zzyzx herbal tea").
        var parts = remaining.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let at = parts.firstIndex(where: { DoseReading.find(in: $0) != nil }),
          let (part, other) = DoseReading.find(in: parts[at])
        else { return }
        value = .quantity(Quantity(parts: [part], value: nil, unit: part.unit))
        parts[at] = other
        remaining = parts.filter { !$0.trimmingSpaces().isEmpty }.joined(separator: ",")
      case .duration(let rule):
        // The rest as a whole first, as the question would read it ("for about 5 months", "a
        // year and a half", "still on it, 2 months so far"), then a length inside it.
        if case .success(let whole) = reader(question).parse(remaining) {
          value = whole
          remaining = ""
        } else {
          if let (parts, other) = DurationWords.find(in: remaining), let unit = rule.range.unit,
            let length = DurationWords.length(parts, in: unit)
          {
            value = .quantity(Quantity(parts: parts, value: length, unit: unit))
            remaining = other
          } else if rule.ongoing != nil, let left = AnswerParser.ongoing(remaining), let unit = rule.range.unit {
            // "twice a day, still taking it": still taken, for no length said; the rest goes on.
            value = .quantity(Quantity(parts: [], value: nil, unit: unit, ongoing: true))
            remaining = left
          } else {
            return
          }
        }
      case .integer, .decimal:
        // "5 ft 6 in" after "165 lb,": the next number question's answer, read as it reads it.
        let said = remaining.trimming(charactersIn: " .!;")
        guard case .success(let number) = reader(question).parse(said) else { return }
        value = number
        remaining = ""
      case .bloodPressure:
        // "148/92 at the pharmacy last week", "about 138 over 86": the reading, and the rest for
        // what comes next.
        // In the patient's language too: "165 sobre 100" is read as "165 over 100".
        // Looked for in words only when there is no reading in digits: that expression's letter
        // class took ICU 8 million instructions to compile, for the first line of the process
        // that looked for it.
        let phrasebook = translation?.phrasebook ?? .none
        func inWords() -> Range<String.Index>? {
          Self.readingInWords.firstRange(in: remaining).flatMap {
            phrasebook.reading(String(remaining[$0])).contains(" over ") ? $0 : nil
          }
        }
        guard
          let found = Self.reading.firstRange(in: remaining) ?? inWords(),
          case .success(let reading) = reader(question).parse(String(remaining[found]))
        else { return }
        value = reading
        remaining.removeSubrange(found)
      case .text(_, let lexiconID?):
        // "yes, mirtazapine": a name the lexicon knows exactly, and nothing more.
        guard let lexicon = dialog.lexicons[lexiconID], let found = LexiconMatcher(lexicon: lexicon).match(remaining),
          found.exact, LexiconMatcher.normalize(remaining) == LexiconMatcher.normalize(found.spelling)
        else { return }
        value = .text(remaining.trimmingSpaces())
        remaining = ""
      case .text(let maxLength, nil) where question.isPersonName:
        // "yes Tom", "my daughter": a name, or who the person is; nothing longer is taken as one.
        // "prob yeah my mom": the words before it are not the name.
        var words = remaining.split(separator: " ").map(String.init)
        while let first = words.first.map({ ChoiceMatcher.fold($0).filter(\.isLetter) }),
          AnswerParser.yesWords.contains(first) || NumberWords.hedges.contains(first)
        {
          words.removeFirst()
        }
        remaining = words.joined(separator: " ")
        let read = PersonName.read(remaining, phrasebook: translation?.phrasebook ?? .none)
        guard read.relationship != nil || saidYes && read.name != nil && words.count <= 4, remaining.count <= maxLength,
          !remaining.isEmpty
        else { return }
        value = .text(remaining)
        remaining = ""
      case .choice(let options):
        // Words, not a bare number: "20" left over from "adderal 20" is not the second option.
        // In the patient's language: its options' words and aliases; then, for a line whose
        // every word the language's phrasebook knows (or the English relationship a name was read
        // with), the dialog's own options.
        let shown = shownDialog.questions[next.questionID]?.options ?? options
        var matcher = ChoiceMatcher(options: shown, numbers: .values)
        if case .matched = matcher.match(remaining) {
        } else if let translation,
          let read = inDialogsWords ? remaining : translation.phrasebook.wholeReading(remaining)
        {
          let english = ChoiceMatcher(options: options, numbers: .values)
          if case .matched = english.match(read) {
            matcher = english
            remaining = read
          }
        }
        guard remaining.contains(where: \.isLetter), case .matched(let option) = matcher.match(remaining) else {
          return
        }
        value = .choice(option.id)
        // "once a day, Zzyzx herbal tea": the option is the first part; what follows it is kept,
        // to be said back, not swallowed with the option.
        let parts = remaining.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
        if parts.count > 1, case .matched(option)? = parts.first.map(matcher.match) {
          remaining = parts.dropFirst().joined(separator: ",")
        } else {
          remaining = ""
        }
      default:
        return
      }
      guard failedCheck(question, value, at: next) == nil, implausibility(question, value, typed: "") == nil else {
        return
      }
      store(value, at: next)
      filled.append(next)
      previous = next
    }
  }

  /// A reader for `question`'s answers in the patient's language.
  private func reader(_ question: Question) -> AnswerParser {
    var parser = AnswerParser(question: question, today: today)
    parser.speaking(translation)
    parser.sourceQuestion = dialog.questions[question.id]
    return parser
  }

  /// Leaves an optional question unanswered. Returns false for required ones.
  public mutating func skip() -> Bool {
    guard let cursor = current, let question = dialog.questions[cursor.questionID], !question.required else {
      return false
    }
    switch cursor {
    case .question, .item: break
    case .gate, .interrupt: return false
    }
    store(.missing, at: cursor)
    advance(after: cursor)
    return true
  }

  /// Returns to the previously shown question that is still on the path. False at the first one.
  public mutating func back() -> Bool {
    if case .interrupt? = current { return false }
    let onPath = Set(walk().cursors)
    var history = shown
    guard !history.isEmpty else { return false }
    history.removeLast()
    while let last = history.last, !onPath.contains(last) { history.removeLast() }
    guard let previous = history.last else { return false }
    shown = history
    current = previous
    queued = nil
    notes = []
    filledAhead = []
    returnToFrontier = false
    return true
  }

  /// Shows an answered question again so the patient can change it; afterwards the session
  /// continues from the first unanswered question.
  public mutating func revisit(_ cursor: Cursor) -> Bool {
    guard walk().cursors.contains(cursor), answer(at: cursor) != nil else { return false }
    if case .interrupt? = current { return false }
    current = cursor
    queued = nil
    filledAhead = []
    returnToFrontier = true
    shown.append(cursor)
    return true
  }

  /// Goes on to the first unanswered question when the current one was answered before: after a
  /// change made while looking over the answers, the questions the change brought in are asked,
  /// and the patient is not walked through every later answer again.
  public mutating func skipAnswered() {
    guard let cursor = current, answer(at: cursor) != nil else { return }
    current = walk().frontier
    if let current {
      if shown.last != current { shown.append(current) }
      visited.insert(current.questionID)
    } else {
      finishedAt = clock.now()
    }
  }

  /// The unit the medicine named before a dose question is usually dosed in (its lexicon entry's
  /// `dose_unit`, else the lexicon's); nil when the medicine is not recognised.
  private func usualDoseUnit(_ question: Question, at cursor: Cursor) -> String? {
    guard case .dose(let rule) = question.kind, let medicine = rule.medicine,
      let lexicon = dialog.questions[medicine]?.lexiconID.flatMap({ dialog.lexicons[$0] })
    else { return nil }
    let named: Value?
    if case .item(let group, let index, _) = cursor, dialog.questions[medicine]?.group == group {
      let records = answers.records(of: group)
      named = index < records.count ? records[index][medicine] : nil
    } else {
      named = answers.values[medicine]
    }
    guard case .text(let name)? = named, let found = LexiconMatcher(lexicon: lexicon).match(name), found.exact else {
      return nil
    }
    return found.entry.doseUnit ?? lexicon.doseUnit
  }

  /// The question to ask when a number is outside the plausible range, or nil.
  private func implausibility(_ question: Question, _ value: Value, typed: String) -> String? {
    guard let number = value.asNumber, let range = question.numberRange else { return nil }
    let low = range.plausibleMinimum.map { number < $0 } ?? false
    let high = range.plausibleMaximum.map { number > $0 } ?? false
    guard low || high else { return nil }
    let words = kioskWords
    let shown =
      typed.isEmpty ? AnswerFormatter(dialog: shownDialog, words: words).display(value, for: question.id) : typed
    let withUnit = Double(shown) != nil ? shown + (range.unit.map { " " + words.say($0) } ?? "") : shown
    guard let message = question.implausibleMessage else { return words(.implausible, ["answer": withUnit]) }
    return message.replacingOccurrences(ofText: "{answer}", with: withUnit)
  }

  /// A bare number that is unlikely in the question's unit but likely in another it accepts
  /// ("68" for a weight in lb): asked back with both units rather than kept as 68 lb.
  private func otherUnitReadings(_ question: Question, typed: String) -> AnswerRejection? {
    guard let number = Double(typed), case .decimal(let range) = question.kind, let unit = range.unit else {
      return nil
    }
    func plausible(_ value: Double) -> Bool {
      (range.plausibleMinimum.map { value >= $0 } ?? true) && (range.plausibleMaximum.map { value <= $0 } ?? true)
    }
    let others = range.otherUnits.sorted { $0.key < $1.key }.filter { plausible(number * $0.value) }
    guard !others.isEmpty else { return nil }
    let shown = formatNumber(number)
    let words = kioskWords
    let readings =
      others.map { AnswerRejection.Reading(label: "\(shown) \(words.say($0.key))", line: "\(shown) \($0.key)") }
      + [AnswerRejection.Reading(label: "\(shown) \(words.say(unit))", line: shown)]
    return AnswerRejection(message: words(.isThat, ["choices": words.list(readings.map(\.label))]), readings: readings)
  }

  private func failedCheck(_ question: Question, _ value: Value, at cursor: Cursor) -> String? {
    guard !question.checks.isEmpty, !value.isMissing else { return nil }
    var trial = self
    trial.store(value, at: cursor)
    var evaluate = trial.evaluator()
    if case .item(let group, let index, _) = cursor {
      evaluate.record = (group, index, trial.answers.records(of: group)[index])
    }
    return question.checks.first { !evaluate.holds($0.condition) }?.message
  }

  private mutating func store(_ value: Value, at cursor: Cursor) {
    changedSinceWalk.insert(cursor.owner)
    // What the patient wrote in their own words, in the language they wrote it in (a phone
    // number is in none), however it was answered: typed at its question, or from the rest of
    // another line.
    let ownWords: Bool
    if case .text = value {
      ownWords = !(dialog.questions[cursor.questionID]?.isPhone ?? false)
    } else {
      ownWords = false
    }
    let place = ScreenPlace.at(cursor).description
    typedIn[place] = ownWords ? translation?.language : nil
    notKnownAt.remove(place)
    switch cursor {
    case .question(let id):
      answers.values[id] = value
    case .gate(let group, let index):
      var records = answers.records(of: group)
      if value == .bool(true) {
        if index >= records.count { records.append([:]) }
        answers.closedGroups.remove(group)
      } else {
        records = Array(records.prefix(index))
        answers.closedGroups.insert(group)
      }
      answers.values[group] = .records(records)
    case .item(let group, let index, let question):
      var records = answers.records(of: group)
      guard index < records.count else { return }
      records[index][question] = value
      answers.values[group] = .records(records)
    case .interrupt:
      break
    }
  }

  private mutating func advance(after cursor: Cursor?) {
    if case .question(let id)? = cursor { clearLoop(at: id) }
    // What changed, for the escalations (the walk's refresh forgets it); nil: look at every one.
    var changed: Set<String>? = lastWalk == nil || !resumesWalks ? nil : changedSinceWalk
    var walk = refreshWalk()
    // Dropping answers that left the path can change conditions further on; settle first.
    for _ in 0..<8 {
      guard prune(walk) else { break }
      changed?.formUnion(changedSinceWalk)
      walk = refreshWalk()
    }
    raiseEscalations(changed: changed)
    if let screen = interrupts.first {
      current = .interrupt(screen)
      visited.insert(screen)
      return
    }
    if returnToFrontier || cursor == nil {
      returnToFrontier = false
      current = walk.frontier
    } else if let cursor, let index = walk.index(of: cursor, in: dialog), index + 1 < walk.cursors.count {
      // Past what was answered ahead from a line; the first question not yet answered is next.
      var next = index + 1
      while next < walk.cursors.count, filledAhead.contains(walk.cursors[next]), answer(at: walk.cursors[next]) != nil {
        next += 1
      }
      current = next < walk.cursors.count ? walk.cursors[next] : walk.frontier
    } else {
      current = walk.frontier
    }
    if let current, shown.last != current { shown.append(current) }
    if let current { visited.insert(current.questionID) }
    if current == nil { finishedAt = clock.now() }
  }

  /// A branch back to an earlier question asks that stretch again: its answers are cleared so the
  /// path does not loop.
  private mutating func clearLoop(at id: String) {
    guard let question = route(id), !question.branches.isEmpty || question.next != nil else { return }
    // Only a jump to a question at or before this one in the flow can loop; skip the walk otherwise.
    let target = route(from: question, evaluator())
    guard case .question(let destination) = target, let to = dialog.flowIndex[destination],
      let from = dialog.flowIndex[id], to <= from
    else { return }
    let cursors = walk().cursors
    guard case .question(let target) = route(from: question, evaluator()),
      let start = cursors.firstIndex(of: .question(target)), let end = cursors.firstIndex(of: .question(id)),
      start <= end
    else { return }
    for cursor in cursors[start...end] {
      changedSinceWalk.insert(cursor.owner)
      if case .question(let cleared) = cursor {
        answers.values[cleared] = nil
        typedWith[cleared] = nil
      }
      if case .gate(let group, _) = cursor {
        answers.values[group] = nil
        answers.closedGroups.remove(group)
      }
    }
  }

  /// Removes answers not on `walk`'s path; true when anything was removed. Only the questions
  /// whose cursors left the path since the last pruning are looked at, when that is known.
  private mutating func prune(_ walk: Walk) -> Bool {
    let candidates = leftPath.map { Array($0) } ?? Array(answers.values.keys)
    leftPath = []
    answersLookedAtPruning += candidates.count
    // Found through the path's steps when the dialog allows, else in a set of the whole path.
    let everything = dialog.walkIndex?.resumable == true ? nil : Set(walk.cursors)
    let dialog = self.dialog
    func onPath(_ cursor: Cursor) -> Bool {
      everything?.contains(cursor) ?? (walk.index(of: cursor, in: dialog) != nil)
    }
    var changed = false
    for id in candidates {
      guard let value = answers.values[id], let question = dialog.questions[id], question.group == nil else { continue }
      if case .repeatGroup = question.kind, case .records(let records) = value {
        guard onPath(.gate(group: id, index: 0)) else {
          answers.values[id] = nil
          answers.closedGroups.remove(id)
          changedSinceWalk.insert(id)
          changed = true
          continue
        }
        let kept = records.enumerated().map { index, record in
          record.filter { onPath(.item(group: id, index: index, question: $0.key)) }
        }
        if kept != records {
          answers.values[id] = .records(kept)
          changedSinceWalk.insert(id)
          changed = true
        }
      } else if !onPath(.question(id)) {
        answers.values[id] = nil
        typedWith[id] = nil
        changedSinceWalk.insert(id)
        changed = true
      }
    }
    return changed
  }

  /// Raises each escalation whose rule now holds; with `changed`, only the rules reading one of
  /// those answers are looked at (the others' outcomes cannot have moved).
  private mutating func raiseEscalations(changed: Set<String>? = nil) {
    // The rules the changed answers can change, in the rules' order; every one when what changed
    // is not known.
    let candidates: [Int]
    if let changed {
      var picked = Set(escalationsReadingAnything)
      for id in changed { picked.formUnion(escalationsReading[id] ?? []) }
      candidates = escalatingRules.filter(picked.contains)
    } else {
      candidates = escalatingRules
    }
    guard !candidates.isEmpty else { return }
    let evaluate = evaluator()
    for index in candidates {
      // The rule is read in place until it holds: a copy of it for every escalating rule at
      // every answer was a tenth of what raising escalations cost.
      let id = dialog.rules[index].id
      guard dialog.rules[index].escalation != nil, !escalations.contains(where: { $0.rule == id }) else { continue }
      // Read without its evidence first, as `Screening.evaluate` does: most rules do not hold.
      guard evaluate.holds(dialog.rules[index].condition) else { continue }
      let rule = dialog.rules[index]
      guard let escalation = rule.escalation else { continue }
      let result = evaluate.evaluate(rule.evidenceCondition ?? rule.condition)
      let evidence = EvidenceItem.describe(result.evidence, in: self)
      escalations.append(
        RaisedEscalation(
          rule: rule.id, tier: escalation.tier, alert: escalation.alert, raisedAt: clock.now(), evidence: evidence))
      if let screen = escalation.show, !interrupts.contains(screen) { interrupts.append(screen) }
    }
  }
}

/// An escalation the session raised: which rule, when, and the answers that raised it then.
public struct RaisedEscalation: Sendable, Hashable, Codable {
  public var rule: String
  public var tier: Int
  public var alert: Bool
  public var raisedAt: Date
  public var evidence: [EvidenceItem]
}

extension AnswerKind {
  /// A screen that stores no answer of its own: a message, or the offer to look over the answers.
  var isMessage: Bool {
    switch self {
    case .message, .review: return true
    default: return false
    }
  }

  var isReview: Bool {
    if case .review = self { return true }
    return false
  }

  var isScale: Bool {
    if case .scale = self { return true }
    return false
  }
}

extension Question {
  /// The yes/no question a repeat group asks before each record.
  var asGate: Question {
    var gate = self
    gate.kind = .yesNo
    gate.checks = []
    return gate
  }
}
