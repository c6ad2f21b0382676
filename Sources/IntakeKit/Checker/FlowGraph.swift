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

  /// Strongly connected components that contain a cycle (Tarjan's algorithm).
  func stronglyConnectedCycles() -> [Set<String>] {
    var index = 0
    var indices: [String: Int] = [:]
    var lowLinks: [String: Int] = [:]
    var onStack = Set<String>()
    var stack: [String] = []
    var components: [Set<String>] = []

    func connect(_ id: String) {
      indices[id] = index
      lowLinks[id] = index
      index += 1
      stack.append(id)
      onStack.insert(id)
      for next in successors[id] ?? [] where next != FlowGraph.end {
        if indices[next] == nil {
          connect(next)
          lowLinks[id] = min(lowLinks[id] ?? 0, lowLinks[next] ?? 0)
        } else if onStack.contains(next) {
          lowLinks[id] = min(lowLinks[id] ?? 0, indices[next] ?? 0)
        }
      }
      if lowLinks[id] == indices[id] {
        var component = Set<String>()
        while let top = stack.popLast() {
          onStack.remove(top)
          component.insert(top)
          if top == id { break }
        }
        if component.count > 1 || (successors[id] ?? []).contains(id) { components.append(component) }
      }
    }

    for id in successors.keys.sorted() where indices[id] == nil { connect(id) }
    return components
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
