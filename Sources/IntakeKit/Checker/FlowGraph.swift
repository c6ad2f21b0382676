/// The dialog's questions as a graph for static analysis. Every branch is assumed possible and
/// every `when` may be false, so the graph over-approximates the paths a patient can take.
struct FlowGraph {
  static let end = "(end)"

  let dialog: Dialog
  let successors: [String: [String]]

  init(dialog: Dialog) {
    self.dialog = dialog
    var successors: [String: [String]] = [:]
    for question in dialog.questions.values where question.group == nil {
      var next: [Target] = []
      if question.ends {
        next = [.end]
      } else {
        next = question.branches.map(\.target) + [question.next ?? dialog.successor(after: question.id)]
      }
      // A question whose `when` is false is passed over to the one after it.
      if question.when != nil { next.append(dialog.successor(after: question.id)) }
      successors[question.id] = next.map { target in
        switch target {
        case .end: FlowGraph.end
        case .question(let id): id
        }
      }
    }
    self.successors = successors
  }

  func reachable(from roots: [String]) -> Set<String> {
    var seen = Set<String>()
    var stack = roots
    while let id = stack.popLast() {
      guard seen.insert(id).inserted else { continue }
      stack.append(contentsOf: successors[id] ?? [])
    }
    return seen
  }

  /// Whether a question may be passed over without an answer: it has a `when` or is optional.
  func mayBeSkipped(_ id: String) -> Bool {
    guard let question = dialog.questions[id] else { return true }
    return question.when != nil || !question.required
  }

  /// The questions from which some path reaches the end.
  func canReachEnd() -> Set<String> {
    var predecessors: [String: [String]] = [:]
    for (id, next) in successors { for target in next { predecessors[target, default: []].append(id) } }
    var seen = Set<String>()
    var stack = [FlowGraph.end]
    while let id = stack.popLast() {
      guard seen.insert(id).inserted else { continue }
      stack.append(contentsOf: predecessors[id] ?? [])
    }
    return seen
  }

  /// Strongly connected components that contain a cycle: more than one question, or one that
  /// leads to itself.
  func stronglyConnectedCycles() -> [Set<String>] {
    let names = successors.keys.sorted()
    var index: [String: Int] = [:]
    for name in names { index[name] = index.count }
    let edges = names.map { name in (successors[name] ?? []).compactMap { index[$0] } }
    let component = StronglyConnected.components(edges)
    var members: [Int: Set<String>] = [:]
    for (position, name) in names.enumerated() { members[component[position], default: []].insert(name) }
    return members.keys.sorted().compactMap { key in
      guard let set = members[key] else { return nil }
      if set.count > 1 { return set }
      guard let only = set.first, (successors[only] ?? []).contains(only) else { return nil }
      return set
    }
  }
}

extension Dialog {
  /// Where the dialog goes after `id` when nothing else says: the next question of the flow (or
  /// of its own section, outside the flow), or the end.
  public func successor(after id: String) -> Target {
    if let index = flowIndex[id] {
      return index + 1 < flow.count ? .question(flow[index + 1]) : .end
    }
    guard let question = questions[id], let section = section(question.section),
      let index = section.questionIDs.firstIndex(of: id), index + 1 < section.questionIDs.count
    else { return .end }
    return .question(section.questionIDs[index + 1])
  }
}
