/// Strongly connected components of a graph over `0..<count` (Tarjan's algorithm, iterative so a
/// dialog of any length cannot overflow the stack), numbered so that every edge goes from a
/// component to one with the same or a higher number: a topological order of the components.
enum StronglyConnected {
  static func components(_ successors: [[Int]]) -> [Int] {
    let count = successors.count
    var order = Array(repeating: -1, count: count)
    var low = Array(repeating: 0, count: count)
    var onStack = Array(repeating: false, count: count)
    var stack: [Int] = []
    var found = Array(repeating: -1, count: count)
    var components = 0
    var counter = 0
    for root in 0..<count where order[root] == -1 {
      var work: [(node: Int, child: Int)] = [(root, 0)]
      order[root] = counter
      low[root] = counter
      counter += 1
      stack.append(root)
      onStack[root] = true
      while let (node, child) = work.popLast() {
        if child < successors[node].count {
          work.append((node, child + 1))
          let next = successors[node][child]
          if order[next] == -1 {
            order[next] = counter
            low[next] = counter
            counter += 1
            stack.append(next)
            onStack[next] = true
            work.append((next, 0))
          } else if onStack[next] {
            low[node] = min(low[node], order[next])
          }
          continue
        }
        // Done with `node`: its parent (the frame below) learns how far back it reaches.
        if let parent = work.last?.node { low[parent] = min(low[parent], low[node]) }
        if low[node] == order[node] {
          while let top = stack.popLast() {
            onStack[top] = false
            found[top] = components
            if top == node { break }
          }
          components += 1
        }
      }
    }
    // Tarjan finds components in reverse topological order.
    return found.map { components - 1 - $0 }
  }
}
