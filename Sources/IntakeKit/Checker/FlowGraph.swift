/// The dialog's questions as a graph for static analysis. Every branch is assumed possible and
/// every `when` may be false, so the graph over-approximates the paths a patient can take.
///
/// The nodes are numbered: the questions (repeat items are positioned by their group) in the
/// order of their ids, then whatever else a question goes to (the end; an id that is no
/// question, reported elsewhere). The searches run over the numbers: over the ids, hashing each
/// at every step was most of the flow check's time on 10,000 questions.
struct FlowGraph {
  static let end = "(end)"

  let dialog: Dialog
  /// Every node's name, by number.
  let names: [String]
  /// Every node's number, by name.
  let index: [String: Int]
  /// What each node goes to, by number (nothing, for the nodes that are not questions).
  let edges: [[Int]]

  init(dialog: Dialog) {
    self.dialog = dialog
    var named: [String: [String]] = [:]
    for question in dialog.questions.values where question.group == nil {
      var next: [Target] = []
      if question.ends {
        next = [.end]
      } else {
        next = question.branches.map(\.target) + [question.next ?? dialog.successor(after: question.id)]
      }
      // A question whose `when` is false is passed over to the one after it.
      if question.when != nil { next.append(dialog.successor(after: question.id)) }
      named[question.id] = next.map { target in
        switch target {
        case .end: FlowGraph.end
        case .question(let id): id
        }
      }
    }
    (names, index, edges) = Self.numbered(named)
  }

  /// A graph given by name, numbered: the nodes that go somewhere in the order of their names,
  /// then the targets that are no such node in the order they are met (going nowhere).
  static func numbered(_ named: [String: [String]]) -> (names: [String], index: [String: Int], edges: [[Int]]) {
    var names = named.keys.sorted()
    var index: [String: Int] = [:]
    index.reserveCapacity(names.count + 1)
    for name in names { index[name] = index.count }
    var edges: [[Int]] = []
    edges.reserveCapacity(names.count + 1)
    for position in names.indices {
      edges.append(
        (named[names[position]] ?? []).map { target in
          if let known = index[target] { return known }
          index[target] = names.count
          names.append(target)
          return names.count - 1
        })
    }
    while edges.count < names.count { edges.append([]) }
    return (names, index, edges)
  }

  /// The nodes a search marked, asked by name.
  struct Marked {
    let index: [String: Int]
    let marks: [Bool]

    func contains(_ name: String) -> Bool { index[name].map { marks[$0] } ?? false }
  }

  func reachable(from roots: [String]) -> Marked { marked(from: roots.compactMap { index[$0] }, along: edges) }

  /// Every node reached from `starts` along `adjacency`.
  private func marked(from starts: [Int], along adjacency: [[Int]]) -> Marked {
    var marks = Array(repeating: false, count: names.count)
    var stack = starts
    while let node = stack.popLast() {
      guard !marks[node] else { continue }
      marks[node] = true
      stack.append(contentsOf: adjacency[node])
    }
    return Marked(index: index, marks: marks)
  }

  /// Whether a question may be passed over without an answer: it has a `when` or is optional.
  func mayBeSkipped(_ id: String) -> Bool {
    guard let question = dialog.questions[id] else { return true }
    return question.when != nil || !question.required
  }

  /// The questions from which some path reaches the end.
  func canReachEnd() -> Marked {
    var predecessors = Array(repeating: [Int](), count: names.count)
    for (node, next) in edges.enumerated() { for target in next { predecessors[target].append(node) } }
    return marked(from: index[FlowGraph.end].map { [$0] } ?? [], along: predecessors)
  }

  /// Strongly connected components that contain a cycle: more than one question, or one that
  /// leads to itself. `components` numbers each node's component
  /// (`StronglyConnected.components(edges)`).
  func stronglyConnectedCycles(components: [Int]) -> [Set<String>] {
    var members: [Int: [Int]] = [:]
    for node in names.indices { members[components[node], default: []].append(node) }
    return members.keys.sorted().compactMap { key in
      guard let nodes = members[key] else { return nil }
      if nodes.count > 1 { return Set(nodes.map { names[$0] }) }
      guard let only = nodes.first, edges[only].contains(only) else { return nil }
      return [names[only]]
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
