/// A session's answers. A key that is present was answered (a skipped optional question holds
/// `.missing`); a key that is absent was not asked. Repeat groups hold `.records`.
public struct Answers: Sendable, Hashable {
  public internal(set) var values: [String: Value] = [:]
  /// Repeat groups where the patient said there are no more records.
  public internal(set) var closedGroups: Set<String> = []

  public init() {}

  public func value(of id: String) -> Value { values[id] ?? .missing }

  public func isAnswered(_ id: String) -> Bool { values[id] != nil }

  public func records(of group: String) -> [Record] {
    if case .records(let records) = values[group] { return records }
    return []
  }
}
