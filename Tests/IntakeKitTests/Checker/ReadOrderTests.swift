import Testing

@testable import IntakeKit

/// Before on some path, before on every path: the two questions the read-order check asks.
@Suite struct ReadOrderTests {
  // a → b or c, both → d → the end.
  static let fork = ["a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["(end)"]]

  @Test func aQuestionOnEveryPathDominatesAndOneOnABranchDoesNot() {
    var order = ReadOrder(successors: Self.fork, start: "a")
    #expect(order.dominates("a", "d"))
    #expect(!order.dominates("b", "d"))
    #expect(order.canAvoid("b", before: "d"))
    #expect(!order.canAvoid("a", before: "d"))
    let before1 = order.comesBefore("b", "d")
    #expect(before1)
    let before2 = order.comesBefore("a", "d")
    #expect(before2)
    // The other branch, and what comes after, are never before.
    let before3 = order.comesBefore("b", "c")
    #expect(!before3)
    let before4 = order.comesBefore("d", "b")
    #expect(!before4)
    let before5 = order.comesBefore("d", "d")
    #expect(!before5)
  }

  @Test func aLoopBackMakesALaterQuestionComeBefore() {
    var looped = Self.fork
    looped["d"] = ["b", "(end)"]
    var order = ReadOrder(successors: looped, start: "a")
    let before6 = order.comesBefore("d", "b")
    #expect(before6)
    let before7 = order.comesBefore("d", "d")
    #expect(before7)
    let before8 = order.comesBefore("b", "a")
    #expect(!before8)
  }

  @Test func aLongFlowNeedsNoRecursion() {
    // 200,000 questions in a row: a recursive search would run out of stack.
    var chain: [String: [String]] = [:]
    for number in 0..<200_000 { chain["q\(number)"] = [number + 1 < 200_000 ? "q\(number + 1)" : "(end)"] }
    var order = ReadOrder(successors: chain, start: "q0")
    #expect(order.dominates("q10", "q199999"))
    let before9 = order.comesBefore("q0", "q199999")
    #expect(before9)
    // 0 → 1 → 2 → 0 is one component; 3 alone is another; 4 → 0 comes before the loop.
    let components = StronglyConnected.components([[1], [2], [0], [], [0]])
    #expect(components[0] == components[1] && components[1] == components[2])
    #expect(components[3] != components[0])
    #expect(components[4] < components[0])
  }
}
