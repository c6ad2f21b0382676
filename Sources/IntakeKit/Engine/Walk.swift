/// The path through a session's current answers: every cursor on it, answered or not, and the
/// first one still unanswered (the frontier). Past an unanswered question the walk goes on as if
/// it were missing, so answers further along that are still on the path are kept.
struct Walk: Sendable {
  var cursors: [Cursor] = []
  var frontier: Cursor?
  /// Where `frontier` is in `cursors`.
  var frontierIndex: Int?
  /// The top-level questions the walk came to, in order (a `when` that did not hold included),
  /// each with the index of its first cursor: where a later walk can take up again.
  var steps: [Step] = []

  struct Step: Sendable, Equatable {
    var question: String
    /// The question's place in the dialog's flow (`WalkIndex.position`).
    var position: Int
    /// The index in `cursors` of its first cursor (of the next step's, when it has none).
    var start: Int
  }

  mutating func setFrontier(at index: Int) {
    frontier = cursors[index]
    frontierIndex = index
  }

  /// The index of the step for the question at flow `position`, at or after step `from`.
  /// Steps are in flow order when no jump goes back (`WalkIndex.resumable`), so this is a
  /// binary search.
  func step(at position: Int, from: Int = 0) -> Int? {
    let found = firstStep(atOrAfter: position, from: from)
    return found < steps.count && steps[found].position == position ? found : nil
  }

  /// The index of the first step at flow `position` or later, at or after step `from`.
  func firstStep(atOrAfter position: Int, from: Int = 0) -> Int {
    var low = from
    var high = steps.count
    while low < high {
      let middle = (low + high) / 2
      if steps[middle].position < position { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Where `cursor` is on the path: found through its question's step when the dialog allows
  /// (a few comparisons), else by looking along the whole path.
  func index(of cursor: Cursor, in dialog: Dialog) -> Int? {
    if case .interrupt = cursor { return nil }
    if dialog.walkIndex?.resumable == true {
      guard let found = step(at: WalkIndex.position(of: cursor.owner, in: dialog)) else { return nil }
      let end = found + 1 < steps.count ? steps[found + 1].start : cursors.count
      return cursors[steps[found].start..<end].firstIndex(of: cursor)
    }
    return cursors.firstIndex(of: cursor)
  }
}

/// Which top-level questions' conditions read each answer, worked out once per dialog, so a
/// session walks its path again only from the first question a changed answer can affect, and
/// stops where the new path meets the old one past every question that reads it. Walking from
/// the first question at every answer made each answer cost more the longer the dialog was.
public struct WalkIndex: Sendable {
  /// For each question id (a record field's group included), the flow positions of the
  /// top-level questions whose `when`, branches, or (for a group) items' `when`s read it.
  let readers: [String: [Int]]
  /// False when every walk must start from the first question: a jump goes back, or out of the
  /// flow to a question that does not end the dialog, so a question could come twice and the
  /// walk's guard against looping matters.
  let resumable: Bool
  /// For each rule that escalates, the questions its condition reads: after an answer only the
  /// rules reading a changed answer are evaluated again.
  let escalationReads: [String: Set<String>]
  /// What a walk reads of each question (repeat-group items included), taken when the index is
  /// made: a dialog whose conditions or jumps change after it is checked needs a new index (a
  /// translation changes only texts).
  let routes: [String: Route]
  /// The routes of the flow's questions by flow position: a walk goes from one question to the
  /// next by its position (`Route.successorPosition`, `Route.branchPositions`), found here
  /// without hashing its id (a lookup by id at every step was a fortieth of a replay).
  let flowRoutes: [Route?]

  /// A question's place for walks: its flow index, or after the whole flow for an ending
  /// outside it (the only questions outside the flow a resumable walk comes to, always last).
  init(readers: [String: [Int]], resumable: Bool, escalationReads: [String: Set<String>], routes: [String: Route]) {
    self.readers = readers
    self.resumable = resumable
    self.escalationReads = escalationReads
    self.routes = routes
    flowRoutes = Self.byPosition(routes)
  }

  /// `routes` of the flow's questions, each at its flow position.
  private static func byPosition(_ routes: [String: Route]) -> [Route?] {
    var flowRoutes: [Route?] = []
    for route in routes.values where route.inFlow {
      while flowRoutes.count <= route.position { flowRoutes.append(nil) }
      flowRoutes[route.position] = route
    }
    return flowRoutes
  }

  /// The index with its routes taken from `dialog`'s questions (a compiled dialog does not save
  /// them: they hold the questions' expressions again).
  func taking(routesOf dialog: Dialog) -> WalkIndex {
    WalkIndex(
      readers: readers, resumable: resumable, escalationReads: escalationReads,
      routes: dialog.questions.mapValues { Route($0, in: dialog) })
  }

  static func position(of id: String, in dialog: Dialog) -> Int {
    dialog.flowIndex[id] ?? dialog.flow.count
  }

  init(_ dialog: Dialog) {
    var readers: [String: [Int]] = [:]
    var resumable = true
    var computed: [String: Set<String>] = [:]
    for (position, id) in dialog.flow.enumerated() {
      guard let question = dialog.questions[id] else {
        resumable = false
        continue
      }
      var conditions = question.branches.map(\.condition)
      if let when = question.when { conditions.append(when) }
      if case .repeatGroup(let group) = question.kind {
        conditions += group.items.compactMap { dialog.questions[$0]?.when }
      }
      var read = Set<String>()
      for condition in conditions {
        condition.visit { node in
          if case .reference(let name, _) = node.kind {
            read.formUnion(Dependencies.questions(readBy: name, dialog: dialog, memo: &computed))
          }
        }
      }
      for name in read { readers[name, default: []].append(position) }
      for target in question.branches.map(\.target) + [question.next].compactMap({ $0 }) {
        guard case .question(let destination) = target else { continue }
        if let to = dialog.flowIndex[destination] {
          if to <= position { resumable = false }
        } else if let ending = dialog.questions[destination], ending.ends, ending.when == nil, ending.group == nil {
          // An ending outside the flow: the walk stops there.
        } else {
          resumable = false
        }
      }
    }
    self.readers = readers
    self.resumable = resumable
    var escalationReads: [String: Set<String>] = [:]
    for rule in dialog.rules where rule.escalation != nil {
      var read = Set<String>()
      rule.condition.visit { node in
        if case .reference(let name, _) = node.kind {
          read.formUnion(Dependencies.questions(readBy: name, dialog: dialog, memo: &computed))
        }
      }
      escalationReads[rule.id] = read
    }
    self.escalationReads = escalationReads
    routes = dialog.questions.mapValues { Route($0, in: dialog) }
    flowRoutes = Self.byPosition(routes)
  }
}

/// What a walk reads of a question: its place in the flow, its `when`, the group it asks,
/// whether it ends the dialog and where it goes next. Kept apart from the `Question`: copying a
/// question out of the dialog's table retains every text it holds, and a walk reads one at every
/// step (a twelfth of a replay). A class, so reading one out of the table is one retain, not one
/// for each of its parts; its place and the question after it are worked out once, not looked up
/// by id at every step.
final class Route: Sendable {
  let id: String
  /// Its place in the flow (`WalkIndex.position`).
  let position: Int
  let when: Expression?
  /// Whether it has a `when`: read at every step of a walk, where taking the expression out
  /// to see copied it.
  let hasWhen: Bool
  /// The repeat group the question is, if it is one.
  let group: RepeatGroup?
  /// Whether it is a repeat group (as `hasWhen`).
  let isGroup: Bool
  let ends: Bool
  let branches: [Branch]
  let next: Target?
  /// Where the walk goes when the question's `when` does not hold, or no branch or `next` says
  /// (`Dialog.successor(after:)`).
  let successor: Target
  /// Whether the question is in the flow (its `position` is its flow index).
  let inFlow: Bool
  /// The flow positions of `branches`' targets, of `next` and of `successor`: nil for the end or
  /// a question outside the flow (found by id).
  let branchPositions: [Int?]
  let nextPosition: Int?
  let successorPosition: Int?

  init(_ question: Question, in dialog: Dialog) {
    id = question.id
    position = WalkIndex.position(of: question.id, in: dialog)
    inFlow = dialog.flowIndex[question.id] != nil
    when = question.when
    hasWhen = question.when != nil
    if case .repeatGroup(let group) = question.kind { self.group = group } else { group = nil }
    isGroup = group != nil
    ends = question.ends
    branches = question.branches
    next = question.next
    successor = dialog.successor(after: question.id)
    func flowPosition(_ target: Target?) -> Int? {
      guard case .question(let id)? = target else { return nil }
      return dialog.flowIndex[id]
    }
    branchPositions = question.branches.map { flowPosition($0.target) }
    nextPosition = flowPosition(question.next)
    successorPosition = flowPosition(successor)
  }

  /// The route of question `id` in a dialog that has no `WalkIndex` (one not checked). Kept out
  /// of line: inlined into a walk's loop, it made the walk copy the whole dialog at every step.
  @inline(never)
  static func unindexed(_ id: String, in dialog: Dialog) -> Route? {
    dialog.questions[id].map { Route($0, in: dialog) }
  }
}
