import Foundation

/// Explores the answer sequences a dialog allows, to find for each question, condition outcome
/// and rule outcome a sequence that reaches it (a witness), to report what none reaches, and to
/// check the safety properties the dialog declares.
///
/// Each target is searched over its cone of influence: only questions that can change whether the
/// target happens (what its condition reads, the `when`s guarding those, early exits) are varied;
/// every other question takes a benign default. States are deduplicated on the current question
/// and the relevant answers, so a search that runs out proves the target unreachable for the
/// candidate answers (`CandidateAnswers`); one that hits the budget says so.
public struct PathAnalysis: Sendable {
  /// An answer sequence and what it covers.
  public struct Witness: Sendable, Equatable {
    public var inputs: [String]
    /// The coverage keys this journey reaches.
    public var covers: Set<String>
    /// The target it was searched for.
    public var target: String
  }

  /// A declared safety property that some answer sequence breaks, with that sequence.
  public struct Violation: Sendable, Equatable {
    public var property: String
    public var message: String
    public var location: SourceLocation
    public var inputs: [String]
    /// What kind of violation: a safety property (IK310), or a question shown outside its
    /// audience (IK311).
    public var code: DiagnosticCode = .safetyViolation
  }

  public private(set) var witnesses: [Witness] = []
  public private(set) var unreachable: [Coverage.Item] = []
  public private(set) var undecided: [Coverage.Item] = []
  public private(set) var violations: [Violation] = []
  public private(set) var statesExplored = 0
  /// Unreachable targets that are so because of the clinic's settings, not the dialog.
  public private(set) var settingBound: Set<String> = []
  /// Whether every target was analysed (not only those `intake test` asked to prove).
  private var analysedEverything = false

  /// How long and how large the whole analysis may grow: past either, the targets not yet
  /// decided are reported as undecided (IK307), never a process that runs for minutes or
  /// takes the machine's memory.
  public struct Limits: Sendable, Equatable {
    public var seconds: Double
    /// The process's resident memory, in MiB.
    public var megabytes: Int

    /// No time limit and a wide memory one: the library's callers (tests, `--generate`) decide;
    /// `intake check` sets its own (`--paths-seconds`, `--paths-memory`).
    public init(seconds: Double = .infinity, megabytes: Int = 4096) {
      self.seconds = seconds
      self.megabytes = megabytes
    }
  }

  /// What stopped the analysis early, in words, when something did.
  public private(set) var stoppedBy: String?

  let dialog: Dialog
  let clock: SessionClock
  let candidates: CandidateAnswers
  let budget: Int
  let limits: Limits
  private let started = ContinuousClock.now
  /// The journey that answers every question with its default, kept at a few points along it:
  /// every search starts from the last point before the first question that matters to it,
  /// instead of answering the same defaults from the first question each time.
  private let defaults = DefaultJourney()

  /// Parses shared by every session of the analysis (`ParseMemo`).
  private let parses = ParseMemo()
  /// Stretches of default answers already walked (`search`).
  private let jumps: JumpCache

  /// A new session sharing the analysis's parses.
  private func freshSession() -> Session {
    var session = Session(dialog: dialog, clock: clock)
    session.parses = parses
    return session
  }

  /// Stretches of default answers already walked, by the inputs typed before them: searches
  /// for different targets answer most questions the same way (their defaults), so they go over
  /// the same stretches again, and each is walked once. A stretch starts where the number of
  /// lines typed is a multiple of `stride` and runs to the next such point (or the end); a
  /// search takes it only when no question in it matters to the search. Bounded by what its
  /// sessions weigh, which grows with the dialog.
  final class JumpCache: @unchecked Sendable {
    struct Jump {
      var typed: [String]
      /// The questions answered along the stretch.
      var questions: [String]
      var session: Session
    }
    var jumps: [InputsHash: Jump] = [:]
    /// About 200 MB of sessions, each about 250 bytes a question.
    let capacity: Int
    init(questions: Int) { capacity = max(64, 800_000 / max(questions, 1)) }
    let stride = 8
  }

  /// The inputs typed so far, hashed as they grow (two independent 64-bit FNV-1a hashes and the
  /// count), so a search state's key costs the same at the first question and the thousandth.
  struct InputsHash: Hashable {
    var count = 0
    var first: UInt64 = 0xcbf2_9ce4_8422_2325
    var second: UInt64 = 0x8422_2325_cbf2_9ce4

    func adding(_ typed: [String]) -> InputsHash {
      var next = self
      for line in typed {
        next.count += 1
        // Each line's bytes, then a separator no line holds.
        for byte in line.utf8 { next.mix(byte) }
        next.mix(0x1F)
      }
      return next
    }

    private mutating func mix(_ byte: UInt8) {
      first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01C3 &+ 0x9E37
    }
  }

  final class DefaultJourney: @unchecked Sendable {
    /// The screen answered at each step of the journey.
    var cursors: [Cursor] = []
    /// Sessions at some steps, with the inputs typed to reach them.
    var checkpoints: [(step: Int, session: Session, inputs: [String])] = []
    var made = false
  }

  /// Analyses `dialog` at the fixed `clock`; `budget` bounds the states searched per target.
  public init(dialog: Dialog, clock: SessionClock, budget: Int = 20_000, limits: Limits = Limits()) {
    self.init(dialog: dialog, clock: clock, budget: budget, limits: limits, only: nil)
  }

  /// Analyses only the coverage items `keys` (no safety properties): what `intake test` needs to
  /// prove that the items no transcript reached cannot be reached at all. Constant folding
  /// settles setting-bound rules without any search.
  public init(
    dialog: Dialog, clock: SessionClock, proving keys: Set<String>, budget: Int = 20_000, limits: Limits = Limits()
  ) {
    self.init(dialog: dialog, clock: clock, budget: budget, limits: limits, only: keys)
  }

  private init(dialog: Dialog, clock: SessionClock, budget: Int, limits: Limits, only: Set<String>?) {
    self.dialog = dialog
    self.clock = clock
    self.budget = budget
    self.limits = limits
    jumps = JumpCache(questions: dialog.questions.count)
    candidates = CandidateAnswers(dialog: dialog, today: clock.today)
    analyseTargets(only: only)
    analysedEverything = only == nil
    if only == nil {
      checkSafety()
      checkAudiences()
    }
  }

  // MARK: Targets

  private mutating func analyseTargets(only: Set<String>?) {
    let coverage = Coverage(dialog: dialog)
    var covered = Set<String>()
    for item in coverage.items where [.node, .condition, .rule].contains(item.kind) {
      if let only, !only.contains(item.key) { continue }
      guard !covered.contains(item.key), let goal = Goal(key: item.key) else { continue }
      if overLimits() {
        undecided.append(item)
        continue
      }
      // A rule the clinic's settings make impossible needs no search.
      if case .rule(let id, fired: true) = goal, let rule = dialog.rules.first(where: { $0.id == id }),
        ConstantFolding.truth(of: rule.condition, in: dialog) == false
      {
        unreachable.append(item)
        settingBound.insert(item.key)
        continue
      }
      let relevant = cone(for: goal)
      let settles = settlesAfter(goal)
      let probe = self
      // Short probes in both orders first: targets that need high answers everywhere (a total
      // above a cut-off) are found at once with the last candidates first. Then the full
      // searches; only one that runs out proves anything.
      var result = SearchResult.outOfBudget
      // A probe goes at least once through the dialog: the defaults answered on the way count.
      let short = max(500, 3 * dialog.questions.count)
      let full = max(budget, short)
      for (limit, lastFirst) in [(short, false), (short, true), (full, false), (full, true)] {
        result = search(
          relevant: relevant, settlesAfter: settles, limit: limit, lastFirst: lastFirst,
          stopWhen: { probe.satisfied(goal, $0, settlesAfter: settles) })
        if case .outOfBudget = result { continue }
        break
      }
      switch result {
      case .found(let inputs, let session):
        let journey = finish(inputs, from: session)
        // What the journey covers, without laying out the whole dialog's coverage items again
        // for every witness (that made the analysis quadratic in the dialog's size).
        let reached = Coverage.items(coveredBy: journey.session).union([item.key])
        covered.formUnion(reached)
        witnesses.append(Witness(inputs: journey.inputs, covers: reached, target: item.key))
      case .exhausted:
        unreachable.append(item)
      case .outOfBudget:
        undecided.append(item)
      }
    }
  }

  /// What a coverage key asks for.
  enum Goal {
    case node(String)
    case when(String, Bool)
    case branch(String, Int, Bool)
    case rule(String, fired: Bool)

    init?(key: String) {
      let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      let body = parts[1]
      switch parts[0] {
      case "node": self = .node(body)
      case "when":
        let pieces = body.split(separator: "=").map(String.init)
        guard pieces.count == 2 else { return nil }
        self = .when(pieces[0], pieces[1] == "true")
      case "branch":
        let pieces = body.split(separator: "=").map(String.init)
        let site = pieces[0].split(separator: "#").map(String.init)
        guard pieces.count == 2, site.count == 2, let index = Int(site[1]) else { return nil }
        self = .branch(site[0], index, pieces[1] == "true")
      case "rule":
        let pieces = body.split(separator: "=").map(String.init)
        guard pieces.count == 2 else { return nil }
        self = .rule(pieces[0], fired: pieces[1] == "fired")
      default: return nil
      }
    }
  }

  /// The flow position past which whether `goal` holds can no longer change, in a dialog whose
  /// jumps all go forward: a question's own (shown or passed by, its `when` and branches
  /// evaluated), or for a rule the last question it reads (or a rule replacing it reads). Nil
  /// when it can change to the end.
  private func settlesAfter(_ goal: Goal) -> Int? {
    guard dialog.walkIndex?.resumable == true else { return nil }
    switch goal {
    case .node(let id), .when(let id, _), .branch(let id, _, _):
      guard dialog.questions[id]?.group == nil else { return nil }
      return dialog.flowIndex[id]
    case .rule(let id, _):
      var last = -1
      for rule in dialog.rules where rule.id == id || rule.replaces.contains(id) {
        for read in Dependencies.questions(in: rule.condition, dialog: dialog) {
          guard let position = dialog.flowIndex[dialog.questions[read]?.group ?? read] else { return nil }
          last = max(last, position)
        }
      }
      return last
    }
  }

  private func satisfied(_ goal: Goal, _ session: Session, settlesAfter settles: Int?) -> Bool {
    switch goal {
    case .node(let id): return session.visited.contains(id)
    case .when(let id, let value): return session.outcomes(at: .when(id)).contains(value)
    case .branch(let id, let index, let value):
      return session.outcomes(at: .branch(id, index)).contains(value)
    case .rule(let id, let fired):
      // Once what it reads is settled, as at the end (`settlesAfter`).
      guard session.isFinished || (session.decidedThrough ?? -1) > (settles ?? .max) else { return false }
      return Screening.fires(id, in: session) == fired
    }
  }

  // MARK: Options

  /// Adds journeys that choose the options no witness chose yet (for `intake test --generate`,
  /// which promises every reachable option): each goes through the dialog choosing, at every
  /// question, the answer that picks the most options not yet chosen (the default when none
  /// does), and they stop when one adds nothing. Then each option still not chosen is searched
  /// for on its own, over what decides whether its question is asked.
  public mutating func coverOptions(maximumJourneys: Int = 60) {
    var covered = Set(witnesses.flatMap(\.covers))
    for _ in 0..<maximumJourneys {
      var session = freshSession()
      var inputs: [String] = []
      var added = Set<String>()
      var steps = 0
      while !session.isFinished, let cursor = session.current, steps < 20_000 {
        steps += 1
        let children = choices(session, [cursor.questionID])
        // With nothing new to choose here, an answer that goes on (not one that ends the dialog
        // early, not a skip), and of those the last: yes, all of several, the highest score,
        // which open the follow-up questions whose options are still to choose.
        // Numbers, dates and words take their ordinary default.
        let dialog = self.dialog
        let continuing = children.filter { child in
          child.0.first != "skip" && !child.1.isFinished
            && !(child.1.current.flatMap { dialog.questions[$0.questionID] }?.ends ?? false)
        }
        let hasOptions = cursor.isGate || !(dialog.questions[cursor.questionID]?.options.isEmpty ?? true)
        let goesOn = hasOptions ? continuing.last : continuing.first
        guard var best = goesOn ?? children.first else { break }
        var bestGain = 0
        for child in children {
          let gain = Coverage.chosenOptions(in: child.1).subtracting(covered).subtracting(added).count
          if gain > bestGain { (best, bestGain) = (child, gain) }
        }
        added.formUnion(Coverage.chosenOptions(in: best.1).subtracting(covered))
        inputs += best.0
        session = best.1
      }
      guard !added.isEmpty else { break }
      let reached = Coverage.items(coveredBy: session)
      covered.formUnion(reached)
      witnesses.append(Witness(inputs: inputs, covers: reached, target: "options"))
    }
    // What the sweeps did not reach: one search per option, for a journey that chooses it.
    for item in Coverage(dialog: dialog).items where item.kind == .option && !covered.contains(item.key) {
      let body = item.key.dropFirst("option:".count)
      guard let id = body.split(separator: "=").first.map(String.init) else { continue }
      let relevant = cone(for: .node(id)).union([id])
      let key = item.key
      let result = search(relevant: relevant) { Coverage.chosenOptions(in: $0).contains(key) }
      guard case .found(let inputs, let session) = result else { continue }
      let journey = finish(inputs, from: session)
      let reached = Coverage.items(coveredBy: journey.session)
      covered.formUnion(reached)
      witnesses.append(Witness(inputs: journey.inputs, covers: reached, target: item.key))
    }
  }

  /// For each journey, its answers that differ from what most of the journeys typed at the same
  /// screen, in order, as `(screen, typed)`: what makes it that journey. A generated transcript
  /// is named after them, since the target it was searched for may stop being true when the
  /// dialog changes.
  public func distinctiveAnswers(of journeys: [[String]]) -> [[(place: String, typed: String)]] {
    let answered = journeys.map(answers)
    var counts: [String: [String: Int]] = [:]
    for journey in answered {
      for answer in journey { counts[answer.place, default: [:]][answer.typed, default: 0] += 1 }
    }
    let usual = counts.mapValues { typed in
      typed.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
    }
    return answered.map { journey in journey.filter { usual[$0.place] != $0.typed } }
  }

  /// Every answer of a journey, in order, as `(screen, typed)` (an answer confirmed after being
  /// asked back counts once).
  private func answers(_ inputs: [String]) -> [(place: String, typed: String)] {
    var found: [(place: String, typed: String)] = []
    _ = session(after: inputs) { cursor, input, session in
      guard !input.isEmpty else { return }
      // An option by its id ("somewhat", not the "2" typed), so a name does not read as a score.
      var said = input
      if case .question(let id) = cursor, let question = dialog.questions[id] {
        switch (session.answers.values[id], question.kind) {
        case (.choice(let option)?, _): said = option
        case (.choices(let options)?, _): said = options.joined(separator: " ")
        case (.number(let score)?, .scale(_, let options)):
          said = options.first { $0.score == score }?.id ?? input
        default: break
        }
      }
      found.append((ScreenPlace.at(cursor).description, said))
    }
    return found
  }

  // MARK: Cone of influence

  /// The questions whose answers can change whether `goal` happens.
  private func cone(for goal: Goal) -> Set<String> {
    var relevant = Set<String>()
    var position: String?
    switch goal {
    case .node(let id):
      relevant.formUnion(guards(of: id))
      position = id
      if dialog.flowIndex[id] == nil, dialog.questions[id]?.group == nil {
        // A screen outside the flow: reached through escalations or branches that name it.
        for rule in dialog.rules where rule.escalation?.show == id {
          relevant.formUnion(Dependencies.questions(in: rule.condition, dialog: dialog))
        }
        for question in dialog.questions.values {
          for branch in question.branches where branch.target == .question(id) {
            relevant.formUnion(Dependencies.questions(in: branch.condition, dialog: dialog))
          }
        }
      }
    case .when(let id, _):
      relevant.formUnion(guards(of: id))
      position = id
    case .branch(let id, let index, _):
      relevant.insert(id)
      relevant.formUnion(guards(of: id))
      for branch in (dialog.questions[id]?.branches ?? []).prefix(index + 1) {
        relevant.formUnion(Dependencies.questions(in: branch.condition, dialog: dialog))
      }
      position = id
    case .rule(let id, _):
      if let rule = dialog.rules.first(where: { $0.id == id }) {
        relevant.formUnion(Dependencies.questions(in: rule.condition, dialog: dialog))
      }
      // Only the jumps up to the last question it reads can change what it reads, in a dialog
      // whose jumps all go forward (`settlesAfter`); every jump in the dialog made each rule's
      // search vary every branch question, and a 1,000-question dialog's rules ran out of time.
      return closed(relevant, exitsUpTo: settlesAfter(goal))
    }
    let limit = position.flatMap { dialog.flowIndex[dialog.questions[$0]?.group ?? $0] }
    return closed(relevant, exitsUpTo: limit)
  }

  /// `relevant` with the branches that can jump past flow position `limit` (or end the dialog
  /// early), which decide whether it is reached at all, and closed over the `when`s that decide
  /// whether each of those questions is asked.
  ///
  /// In a dialog whose jumps all go forward, only a branch that can jump over a relevant
  /// question (or over `limit`, or end the dialog before them) can change anything relevant: one
  /// that skips only questions nothing here reads is left to its default. This is closed too (a
  /// branch kept makes what its condition reads relevant, and branches over those). Without it
  /// every branch question before the target was varied, and a target reading two questions far
  /// apart in a 1,000-question dialog searched every combination of dozens of branches.
  private func closed(_ relevant: Set<String>, exitsUpTo limit: Int? = nil) -> Set<String> {
    var relevant = relevant
    func closeOverGuards() {
      var pending = Array(relevant)
      while let id = pending.popLast() {
        for guardID in guards(of: id) where relevant.insert(guardID).inserted { pending.append(guardID) }
      }
    }
    func keep(_ question: Question) {
      relevant.insert(question.id)
      for branch in question.branches {
        relevant.formUnion(Dependencies.questions(in: branch.condition, dialog: dialog))
      }
    }
    let flow = dialog.flow.enumerated().filter { $0.offset <= (limit ?? Int.max) }
    closeOverGuards()
    var changed = true
    while changed {
      changed = false
      // Where the relevant questions are (a record field where its group is); one outside the
      // flow, or a dialog that jumps back, keeps every branch as before.
      let positions = relevant.map { dialog.flowIndex[dialog.questions[$0]?.group ?? $0] }
      let forward = dialog.walkIndex?.resumable == true && !positions.contains(nil)
      let watched = (positions.compactMap { $0 } + (limit.map { [$0] } ?? [])).sorted()
      for (index, id) in flow where !relevant.contains(id) {
        guard let question = dialog.questions[id], !question.branches.isEmpty else { continue }
        guard !forward || canSkip(question, at: index, anyOf: watched) else { continue }
        keep(question)
        changed = true
      }
      if changed { closeOverGuards() }
    }
    return relevant
  }

  /// Whether one of the places `question` (at flow position `index`) can go on to skips one of
  /// the flow positions `watched` (sorted): a branch's target, where it goes when no branch is
  /// taken, or an ending (which skips everything after it).
  private func canSkip(_ question: Question, at index: Int, anyOf watched: [Int]) -> Bool {
    // The first watched position after this question, found by halving (a 10,000-question
    // dialog's targets watch thousands).
    var low = 0
    var high = watched.count
    while low < high {
      let middle = (low + high) / 2
      if watched[middle] > index { high = middle } else { low = middle + 1 }
    }
    guard low < watched.count else { return false }
    let next = watched[low]
    let otherwise: Target =
      question.next ?? (index + 1 < dialog.flow.count ? .question(dialog.flow[index + 1]) : .end)
    for target in question.branches.map(\.target) + [otherwise] {
      var resumesAt = Int.max
      if case .question(let destination) = target, let position = dialog.flowIndex[destination] {
        resumesAt = position
      }
      if next < resumesAt { return true }
    }
    return false
  }

  /// The questions deciding whether `id` is asked: its `when`, and for a record field its group.
  private func guards(of id: String) -> Set<String> {
    guard let question = dialog.questions[id] else { return [] }
    var found = Set<String>()
    if let condition = question.when { found.formUnion(Dependencies.questions(in: condition, dialog: dialog)) }
    if let group = question.group {
      found.insert(group)
      found.formUnion(guards(of: group))
    }
    return found
  }

  // MARK: Search

  enum SearchResult {
    /// The inputs, and the session they lead to (so a witness goes on from it, not from the start).
    case found([String], Session)
    case exhausted
    case outOfBudget
  }

  struct StateKey: Hashable {
    var cursor: Cursor?
    var values: [String: Value]
    var closed: Set<String>
    var escalations: [String]
  }

  /// The state as far as `relevant` goes (looked up one by one: filtering every answer made
  /// each state cost as much as the dialog is long).
  private func key(_ session: Session, _ relevant: Set<String>) -> StateKey {
    var values: [String: Value] = [:]
    for id in relevant {
      if let value = session.answers.values[id] { values[id] = value }
    }
    return StateKey(
      cursor: session.current, values: values, closed: session.answers.closedGroups.intersection(relevant),
      escalations: session.escalations.map(\.rule))
  }

  /// The answers to try here: all candidates where the question is relevant, else the first
  /// one the session accepts. Repeat groups get at most two records. An answer asked back (an
  /// unlikely number, a date read back) is confirmed, as a patient would.
  private func choices(_ session: Session, _ relevant: Set<String>) -> [([String], Session)] {
    guard let cursor = session.current else { return [] }
    let varies = relevant.contains(cursor.questionID)
    var children: [([String], Session)] = []
    for option in options(at: cursor) {
      var next = session
      guard let typed = Self.type(option, into: &next) else { continue }
      children.append((typed, next))
      if !varies { break }
    }
    return children
  }

  private func options(at cursor: Cursor) -> [String] {
    if case .gate(_, let index) = cursor, index >= 2 { return ["no"] }
    return candidates.candidates(at: cursor)
  }

  /// Answers the current question with the first candidate it accepts, in place (no copy of
  /// the session): what every question that does not matter to a search is answered with.
  /// Returns what was typed, or nil when no candidate is accepted.
  private func answerWithDefault(_ session: inout Session) -> [String]? {
    guard let cursor = session.current else { return nil }
    for option in options(at: cursor) {
      // A refused answer changes nothing a later answer depends on (only what the last
      // answer said back), so trying the next candidate on the same session is safe.
      if let typed = Self.type(option, into: &session) { return typed }
    }
    return nil
  }

  /// Types `option` (and "yes" to confirm an unlikely number) into `session`; what was typed,
  /// or nil when the option is not accepted.
  private static func type(_ option: String, into session: inout Session) -> [String]? {
    if option == "skip" { return session.skip() ? [option] : nil }
    switch session.submit(option) {
    case .success: return [option]
    case .failure(let rejection) where rejection.needsConfirmation:
      // As a patient would: "yes" to a single reading, "1" for the first of several.
      guard let first = rejection.readings.first, case .success = session.submit(first.line, confirmed: true) else {
        return nil
      }
      return [option, rejection.readings.count == 1 || rejection.yesMeansFirst ? "yes" : String(first.number ?? 1)]
    case .failure: return nil
    }
  }

  /// Where a search over `relevant` starts: the default journey's last kept point before the
  /// first question in `relevant` (every search answers the questions before it with their
  /// defaults, so they all pass the same way). Kept every few steps, fewer for longer dialogs,
  /// so the kept sessions stay small in memory.
  private func start(for relevant: Set<String>) -> (Session, [String]) {
    if !defaults.made {
      defaults.made = true
      let spacing = max(16, Int(Double(dialog.questions.count).squareRoot()) * 2)
      var session = freshSession()
      var inputs: [String] = []
      while let cursor = session.current, defaults.cursors.count < 20_000 {
        if defaults.cursors.count % spacing == 0 {
          defaults.checkpoints.append((defaults.cursors.count, session, inputs))
        }
        guard let typed = answerWithDefault(&session) else { break }
        defaults.cursors.append(cursor)
        inputs += typed
      }
    }
    let first =
      defaults.cursors.firstIndex { relevant.contains($0.questionID) || relevant.contains($0.owner) }
      ?? defaults.cursors.count
    guard let point = defaults.checkpoints.last(where: { $0.step <= first }) else {
      return (freshSession(), [])
    }
    return (point.session, point.inputs)
  }

  /// A session after typing `inputs` (a "yes" after an unlikely number confirms it); `answered`
  /// sees each input with the screen it was typed at and the session after it.
  private func session(
    after inputs: [String], answered: ((Cursor, String, Session) -> Void)? = nil
  ) -> Session {
    var session = freshSession()
    var index = 0
    while index < inputs.count {
      let cursor = session.current
      let input = inputs[index]
      index += 1
      if input == "skip" {
        _ = session.skip()
      } else if case .failure(let rejection) = session.submit(input), let first = rejection.readings.first,
        index < inputs.count, inputs[index] == "yes" || inputs[index] == String(first.number ?? 1)
      {
        _ = session.submit(first.line, confirmed: true)
        index += 1
      }
      if let answered, let cursor { answered(cursor, input, session) }
    }
    return session
  }

  /// Answers with defaults until a question in `halts`, the end, or a question no default
  /// answers; stretches walked before (`JumpCache`) are taken whole. Returns how many answers
  /// it worked out (not taken from stretches), which count against a search's budget as the
  /// states they are.
  private func defaultRun(
    _ session: inout Session, _ inputs: inout [String], _ hash: inout InputsHash, haltingAt halts: Set<String>,
    settledAfter settled: Int? = nil
  ) -> Int {
    var worked = 0
    func isSettled() -> Bool { settled.map { (session.decidedThrough ?? -1) > $0 } ?? false }
    while let cursor = session.current, !halts.contains(cursor.questionID), !isSettled() {
      if hash.count % jumps.stride == 0, let jump = jumps.jumps[hash],
        !jump.questions.contains(where: halts.contains)
      {
        session = jump.session
        inputs += jump.typed
        hash = hash.adding(jump.typed)
        continue
      }
      let from = hash
      var typed: [String] = []
      var questions: [String] = []
      var halted = false
      repeat {
        guard let cursor = session.current else { break }
        if halts.contains(cursor.questionID) {
          halted = true
          break
        }
        if isSettled() {
          halted = true
          break
        }
        guard let line = answerWithDefault(&session) else {
          halted = true
          break
        }
        questions.append(cursor.questionID)
        typed += line
        hash = hash.adding(line)
        worked += 1
      } while hash.count % jumps.stride != 0
      inputs += typed
      if halted { return worked }
      if from.count % jumps.stride == 0 {
        if jumps.jumps.count >= jumps.capacity { jumps.jumps.removeAll(keepingCapacity: true) }
        jumps.jumps[from] = JumpCache.Jump(typed: typed, questions: questions, session: session)
      }
    }
    return worked
  }

  /// Depth-first over the relevant answers until `stopWhen` holds.
  private mutating func search(
    relevant: Set<String>, stops: Set<String> = [], settlesAfter settled: Int? = nil, limit: Int? = nil,
    lastFirst: Bool = false, stopWhen: (Session) -> Bool,
    onStep: ((Session, String, Session) -> Bool)? = nil
  ) -> SearchResult {
    var seen = Set<StateKey>()
    let (root, rootInputs) = start(for: relevant)
    var stack: [(Session, [String], InputsHash)] = [(root, rootInputs, InputsHash().adding(rootInputs))]
    var remaining = limit ?? budget
    let halts = relevant.union(stops)
    while var (session, inputs, hash) = stack.popLast() {
      // Questions that matter to nothing here take their default, in place (no copy of the
      // session at each), up to the next one that matters. Goals stay met once met (a question
      // shown, a condition's outcome, an ending), so checking where the run stops is enough. A
      // step `onStep` watches is one of those that matter: what it watches (a safety property's
      // condition) reads only questions in `relevant`, which holds what decides whether they are
      // asked and every jump, so an answer outside it cannot change it.
      let worked = defaultRun(&session, &inputs, &hash, haltingAt: halts, settledAfter: settled)
      statesExplored += worked
      remaining -= worked
      if stopWhen(session) { return .found(inputs, session) }
      // Past where the goal is settled, and not met: nothing further along this journey meets it.
      if let settled, (session.decidedThrough ?? -1) > settled { continue }
      if session.isFinished || session.current == nil { continue }
      guard seen.insert(key(session, relevant)).inserted else { continue }
      statesExplored += 1
      remaining -= 1
      if remaining < 0 { return .outOfBudget }
      if statesExplored % 256 == 0, overLimits() { return .outOfBudget }
      let children = choices(session, relevant)
      // The stack pops the last pushed first: push in reverse to try candidates in order.
      for (typed, next) in lastFirst ? children : children.reversed() {
        if let onStep, onStep(session, typed[0], next) { return .found(inputs + typed, next) }
        stack.append((next, inputs + typed, hash.adding(typed)))
      }
    }
    return .exhausted
  }

  /// Whether the whole analysis has run past its time or memory; says which, once.
  private mutating func overLimits() -> Bool {
    if stoppedBy != nil { return true }
    let elapsed = ContinuousClock.now - started
    if limits.seconds.isFinite, elapsed > .milliseconds(Int64(limits.seconds * 1000)) {
      stoppedBy = "its time limit of \(formatNumber(limits.seconds)) s"
    } else if let resident = Self.residentMegabytes(), resident > limits.megabytes {
      stoppedBy = "its memory limit of \(limits.megabytes) MiB"
    }
    return stoppedBy != nil
  }

  /// The process's resident memory in MiB (Linux: /proc/self/statm), or nil where unknown.
  static func residentMegabytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1024 * 1024)
  }

  /// Goes on from `reached` (the session `inputs` lead to), answering with defaults until the
  /// dialog ends: a whole journey.
  private func finish(_ inputs: [String], from reached: Session) -> (inputs: [String], session: Session) {
    var session = reached
    var all = inputs
    var steps = 0
    while !session.isFinished, steps < 20_000, let typed = answerWithDefault(&session) {
      all += typed
      steps += 1
    }
    return (all, session)
  }

  // MARK: Audiences

  /// Every question for an audience is shown only where the audience's condition holds. The
  /// question's own `when` proves most (`AudienceProof`, no search); for the others, a search over
  /// what decides whether the question is shown and what the condition reads.
  private mutating func checkAudiences() {
    let ids = dialog.questions.values.filter { $0.audience != nil }
      .sorted {
        ($0.location.file, $0.location.line, $0.location.column) < (
          $1.location.file, $1.location.line, $1.location.column
        )
      }
      .map(\.id)
    for id in ids {
      guard let question = dialog.questions[id], let name = question.audience?.value,
        let audience = dialog.audiences[name]
      else { continue }
      let condition = audience.condition
      if AudienceProof.guardsImply(id, condition, in: dialog, today: clock.today) { continue }
      let reads = Dependencies.questions(in: condition, dialog: dialog)
      let relevant = cone(for: .node(id)).union(closed(reads))
      var outside: Answers?
      let result = search(relevant: relevant, stops: [id]) { session in
        guard session.current?.questionID == id, !session.evaluator().holds(condition) else { return false }
        outside = session.answers
        return true
      }
      switch result {
      case .found(let inputs, _):
        let answers = outside ?? Answers()
        let reason = reads.sorted().filter { dialog.questions[$0]?.group == nil }.map { read in
          "\(read) " + Self.describe(answers.values[read])
        }
        violations.append(
          Violation(
            property: "audience-\(id)",
            message:
              "'\(id)' is for audience '\(name)' (\(condition.source)), but an answer sequence shows it where that "
              + "does not hold" + (reason.isEmpty ? "" : ": " + reason.joined(separator: ", "))
              + "; make its 'when' (or the branches that lead to it) keep everyone else away",
            location: question.location, inputs: inputs, code: .outsideAudience))
      case .outOfBudget:
        undecided.append(
          Coverage.Item(
            kind: .node, key: "audience:\(id)",
            description: "whether '\(id)' is shown only to audience '\(name)' is not decided",
            location: question.location))
      case .exhausted:
        break
      }
    }
  }

  /// An answer as an audience violation's reason gives it: the option id, yes or no, the number.
  private static func describe(_ value: Value?) -> String {
    switch value {
    case nil, .missing?: "not answered"
    case .choice(let id)?: "is \"\(id)\""
    case .choices(let ids)?: "is [" + ids.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    case .bool(let yes)?: "is " + (yes ? "yes" : "no")
    case .number(let number)?: "is " + formatNumber(number)
    case let other?: "is \(other)"
    }
  }

  // MARK: Safety

  private mutating func checkSafety() {
    for property in dialog.safety {
      switch property.kind {
      case .interrupts(let condition, let screen, let alert):
        checkInterrupt(property, condition: condition, screen: screen, alert: alert)
      case .finishedIncludes(let required):
        checkFinished(property, required: required)
      }
    }
  }

  /// On every path, at the answer that makes `condition` true, the next thing shown must be
  /// `screen`, with a staff alert raised by that same answer when `alert` is set.
  private mutating func checkInterrupt(_ property: SafetyProperty, condition: Expression, screen: String, alert: Bool) {
    let relevant = closed(Dependencies.questions(in: condition, dialog: dialog))
    var found: Violation?
    let result = search(relevant: relevant, stopWhen: { _ in false }) { before, _, after in
      let was = before.evaluator().holds(condition)
      let now = after.evaluator().holds(condition)
      guard !was, now else { return false }
      let shown = after.current?.questionID
      let alerted = after.escalations.dropFirst(before.escalations.count).contains { $0.alert }
      if shown != screen {
        found = Violation(
          property: property.id,
          message: "safety property '\(property.id)' fails: when \(condition.source) became true, the kiosk showed "
            + (shown.map { "'\($0)'" } ?? "the end") + " instead of '\(screen)'",
          location: property.location, inputs: [])
        return true
      }
      if alert, !alerted {
        found = Violation(
          property: property.id,
          message:
            "safety property '\(property.id)' fails: when \(condition.source) became true, no staff alert was raised",
          location: property.location, inputs: [])
        return true
      }
      return false
    }
    if case .found(let inputs, _) = result, var violation = found {
      violation.inputs = inputs
      violations.append(violation)
    } else if case .outOfBudget = result {
      undecided.append(
        Coverage.Item(
          kind: .rule, key: "safety:\(property.id)", description: "safety property '\(property.id)' not fully checked",
          location: property.location))
    }
  }

  /// On every path that finishes at the end of the flow, each `required` question is answered.
  private mutating func checkFinished(_ property: SafetyProperty, required: [String]) {
    let relevant = closed(Set(required.flatMap { guards(of: $0) }))
    let dialog = self.dialog
    var missing: [String] = []
    let result = search(relevant: relevant) { session in
      guard session.isFinished else { return false }
      // Dialogs that end early on purpose (an `end` screen) are not finished journeys.
      if let last = session.shown.last, dialog.questions[last.questionID]?.ends == true { return false }
      missing = required.filter { (session.answers.values[$0] ?? .missing).isMissing }
      return !missing.isEmpty
    }
    switch result {
    case .found(let inputs, _):
      violations.append(
        Violation(
          property: property.id,
          message: "safety property '\(property.id)' fails: a finished intake has no answer for "
            + missing.map { "'\($0)'" }.joined(separator: ", "),
          location: property.location, inputs: inputs))
    case .outOfBudget:
      undecided.append(
        Coverage.Item(
          kind: .rule, key: "safety:\(property.id)", description: "safety property '\(property.id)' not fully checked",
          location: property.location))
    case .exhausted:
      break
    }
  }
}

extension PathAnalysis {
  /// The findings as diagnostics: errors for what no answer sequence reaches unless it is meant
  /// (`Dormancy`) and for broken safety properties; warnings for what the budget left undecided.
  /// A condition the checker already showed impossible from the answers' ranges (IK308) is not
  /// reported twice.
  public var diagnostics: [Diagnostic] {
    var found: [Diagnostic] = []
    let hiddenNodes = Set(unreachable.map(\.key).filter { $0.hasPrefix("node:") }.map { String($0.dropFirst(5)) })
    let dialog = self.dialog
    func alreadyShown(_ condition: Expression?) -> Bool {
      guard let condition, case .impossible? = ImpossibleCondition.verdict(condition, in: dialog) else { return false }
      return true
    }
    let searched = "path analysis tried every answer to the questions it depends on"
    func mark(_ what: String) -> String { "fix the condition, or mark \(what) 'dormant: <why>' if that is meant" }
    for item in unreachable where Dormancy.reason(for: item.key, in: dialog) == nil {
      switch Goal(key: item.key) {
      // A question never shown says it all: its `when` never being true is the same finding.
      case .when(let id, true) where hiddenNodes.contains(id):
        continue
      case .node(let id):
        let when = dialog.questions[id]?.when
        if alreadyShown(when) { continue }
        if let when, unreachable.contains(where: { $0.key == "when:\(id)=true" }) {
          // Its own condition is why: point at it.
          found.append(
            .error(
              .neverShown,
              "no answer sequence shows '\(id)': its 'when' (\(when.source)) is false on every path (\(searched)); "
                + mark("the question"),
              at: when.location))
        } else {
          found.append(
            .error(
              .neverShown,
              "no answer sequence shows '\(id)': every path passes it by (\(searched)); " + mark("the question"),
              at: item.location))
        }
      case .when(let id, let value):
        let condition = dialog.questions[id]?.when
        if value, alreadyShown(condition) { continue }
        found.append(
          .error(
            .conditionNeverVaries,
            "'when' of '\(id)' (\(condition?.source ?? "")) is \(!value) on every path: it is never \(value) "
              + "(\(searched)); " + mark("the question"),
            at: condition?.location ?? item.location))
      case .branch(let id, let index, let value):
        let condition = dialog.questions[id]?.branches[index].condition
        if value, alreadyShown(condition) { continue }
        found.append(
          .error(
            .conditionNeverVaries,
            "branch \(index + 1) of '\(id)' (\(condition?.source ?? "")) is \(!value) on every path that reaches it: "
              + "it is never \(value) (\(searched)); " + mark("the branch"),
            at: condition?.location ?? item.location))
      case .rule(let id, let fired):
        let condition = dialog.rules.first { $0.id == id }?.condition
        if fired, alreadyShown(condition) { continue }
        found.append(
          .error(
            .ruleNeverVaries,
            (fired ? "rule '\(id)' can never fire" : "rule '\(id)' fires on every finished path")
              + " (\(searched)); " + mark("the rule"),
            at: condition?.location ?? item.location))
      case nil:
        break
      }
    }
    // `dormant:` says something may never happen; it switches nothing off. Said where a journey
    // makes it happen, since an author may have meant it as a switch.
    if analysedEverything {
      let open = Set(unreachable.map(\.key)).union(undecided.map(\.key))
      for rule in dialog.rules where rule.dormant != nil && !open.contains("rule:\(rule.id)=fired") {
        found.append(
          .warning(
            .dormantButReachable,
            "rule '\(rule.id)' is marked dormant but can fire: 'dormant' only says it may never happen and "
              + "switches nothing off; to turn it off, make its 'when' depend on a setting that is false",
            at: rule.location))
      }
      for id in dialog.flow {
        guard let question = dialog.questions[id], question.dormant != nil, !open.contains("node:\(id)") else {
          continue
        }
        found.append(
          .warning(
            .dormantButReachable,
            "'\(id)' is marked dormant but can be shown: 'dormant' switches nothing off; to turn it off, give it a "
              + "'when' that depends on a setting that is false",
            at: question.location))
      }
    }
    for item in undecided {
      found.append(
        .warning(
          .analysisUndecided,
          stoppedBy.map {
            "path analysis could not decide within \($0): \(item.description) (raise it with --paths-seconds or "
              + "--paths-memory)"
          } ?? "path analysis stopped after \(budget) states: \(item.description) (raise the budget)",
          at: item.location))
    }
    for violation in violations {
      found.append(.error(violation.code, violation.message, at: violation.location))
    }
    return found
  }

  /// A witness as a transcript the author can replay.
  public func transcript(for inputs: [String], comment: String) -> Transcript {
    Transcript.play(
      inputs.map { KioskScreen.Input.line($0) }, dialog: dialog, clock: clock, preamble: ["# " + comment],
      staffResumesHolds: true, withLanguage: true
    )
    .transcript
  }
}
