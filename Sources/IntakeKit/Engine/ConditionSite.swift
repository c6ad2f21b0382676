/// A condition in the flow: a question's `when`, or one of its branches.
public enum ConditionSite: Hashable, Sendable {
  case when(String)
  case branch(String, Int)
}

/// Collects condition outcomes during a walk (a class so the walk's helpers can share it).
final class ConditionLog {
  var outcomes: [ConditionSite: Set<Bool>] = [:]
  func record(_ site: ConditionSite, _ value: Bool) { outcomes[site, default: []].insert(value) }
}
