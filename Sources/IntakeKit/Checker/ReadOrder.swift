/// The two questions the read-order check asks of the flow graph, in about linear time over the
/// whole dialog: whether a question comes before another on some path (a condition may only read
/// answers given before it), and whether it comes before it on every path from the start (else
/// the answer may be missing there).
///
/// "On every path" is dominance, from the dominator tree (Cooper, Harvey and Kennedy's iterative
/// algorithm over reverse postorder) numbered so one question dominating another is two
/// comparisons. "On some path" is then true at once for a dominator, which is what a dialog's
/// conditions almost always read; otherwise it is a search forward from the question read,
/// pruned to the components of the graph (Tarjan's) that come no later than the reader's.
/// Replacing the set of every question's ancestors this way took the check from quadratic to
/// linear in the dialog's size (issue 16).
struct ReadOrder {
  private var index: [String: Int] = [:]
  private var successors: [[Int]] = []
  /// Reached from the start.
  private var reached: [Bool] = []
  /// Dominator tree numbering: a dominates b when `enter[a] <= enter[b] && exit[b] <= exit[a]`.
  private var enter: [Int] = []
  private var exit: [Int] = []
  /// Each node's strongly connected component, numbered in topological order.
  private var component: [Int] = []

  init(successors named: [String: [String]], start: String) {
    let graph = FlowGraph.numbered(named)
    index = graph.index
    successors = graph.edges
    computeDominators(from: index[start])
    component = StronglyConnected.components(successors)
  }

  /// Over the flow graph's numbered nodes, with the components already found
  /// (`StronglyConnected.components(graph.edges)`).
  init(graph: FlowGraph, start: String, components: [Int]) {
    index = graph.index
    successors = graph.edges
    computeDominators(from: index[start])
    component = components
  }

  /// Whether every path from the start to `reader` passes `read` (false when `reader` is not
  /// reached from the start at all).
  func dominates(_ read: String, _ reader: String) -> Bool {
    guard let a = index[read], let b = index[reader], reached[a], reached[b] else { return false }
    return enter[a] <= enter[b] && exit[b] <= exit[a]
  }

  /// Whether the start reaches `reader` by a path that does not pass `read`.
  func canAvoid(_ read: String, before reader: String) -> Bool {
    guard let b = index[reader], reached[b] else { return false }
    return !dominates(read, reader)
  }

  /// Whether some path of one step or more leads from `read` to `reader`.
  mutating func comesBefore(_ read: String, _ reader: String) -> Bool {
    guard let a = index[read], let b = index[reader] else { return false }
    if a != b, dominates(read, reader) { return true }
    let limit = component[b]
    guard component[a] <= limit else { return false }
    // Marked with this search's number, so no search clears (or allocates) a whole array.
    searches += 1
    if visited.count != successors.count { visited = Array(repeating: 0, count: successors.count) }
    var stack = successors[a]
    while let next = stack.popLast() {
      if next == b { return true }
      guard visited[next] != searches, component[next] <= limit else { continue }
      visited[next] = searches
      stack.append(contentsOf: successors[next])
    }
    return false
  }

  private var visited: [Int] = []
  private var searches = 0

  // MARK: Dominators

  private mutating func computeDominators(from start: Int?) {
    let count = successors.count
    reached = Array(repeating: false, count: count)
    enter = Array(repeating: 0, count: count)
    exit = Array(repeating: 0, count: count)
    guard let start else { return }
    // Reverse postorder by an iterative depth-first search.
    var postorder: [Int] = []
    var position = Array(repeating: 0, count: count)
    var stack: [(Int, Int)] = [(start, 0)]
    reached[start] = true
    while let (node, child) = stack.popLast() {
      if child < successors[node].count {
        stack.append((node, child + 1))
        let next = successors[node][child]
        if !reached[next] {
          reached[next] = true
          stack.append((next, 0))
        }
      } else {
        position[node] = postorder.count
        postorder.append(node)
      }
    }
    var predecessors = Array(repeating: [Int](), count: count)
    for node in postorder { for next in successors[node] { predecessors[next].append(node) } }
    var dominator = Array(repeating: -1, count: count)
    dominator[start] = start
    func intersect(_ first: Int, _ second: Int) -> Int {
      var (a, b) = (first, second)
      while a != b {
        while position[a] < position[b] { a = dominator[a] }
        while position[b] < position[a] { b = dominator[b] }
      }
      return a
    }
    var changed = true
    while changed {
      changed = false
      for node in postorder.reversed() where node != start {
        var chosen = -1
        for before in predecessors[node] where dominator[before] != -1 {
          chosen = chosen == -1 ? before : intersect(before, chosen)
        }
        if chosen != -1, dominator[node] != chosen {
          dominator[node] = chosen
          changed = true
        }
      }
    }
    // Number the dominator tree.
    var children = Array(repeating: [Int](), count: count)
    for node in postorder where node != start && dominator[node] >= 0 { children[dominator[node]].append(node) }
    var clock = 0
    var walk: [(Int, Bool)] = [(start, false)]
    while let (node, done) = walk.popLast() {
      if done {
        exit[node] = clock
        clock += 1
        continue
      }
      enter[node] = clock
      clock += 1
      walk.append((node, true))
      for child in children[node] { walk.append((child, false)) }
    }
  }

}
