/// A place in a session: a question, the "add another?" question of a repeat group, a field of
/// one record, or an escalation screen that interrupted the flow.
public enum Cursor: Hashable, Sendable, Codable {
  case question(String)
  /// Asked before record `index` of `group`: "any medications?" for 0, "another?" after.
  case gate(group: String, index: Int)
  case item(group: String, index: Int, question: String)
  case interrupt(String)

  /// The question whose wording and kind this cursor shows.
  public var questionID: String {
    switch self {
    case .question(let id), .interrupt(let id): id
    case .gate(let group, _): group
    case .item(_, _, let question): question
    }
  }

  /// The top-level question the cursor belongs to: a record's group for its gate and fields.
  var owner: String {
    switch self {
    case .question(let id), .interrupt(let id): id
    case .gate(let group, _), .item(let group, _, _): group
    }
  }

  var isGate: Bool {
    if case .gate = self { return true }
    return false
  }
}
