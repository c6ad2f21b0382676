/// The static type of an expression, checked when a dialog loads.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
  case bool
  case number
  case text
  case date
  /// One option of the question `question`.
  case choice(question: String)
  /// Several options of the question `question`.
  case choices(question: String)
  case bloodPressure
  /// The records of the repeat group `group`.
  case records(group: String)
  /// Tags of a lexicon (for example medication classes).
  case tags(lexicon: String)
  /// Concern codes of a lexicon's matched entry (for example BP, SED).
  case concerns(lexicon: String)
  /// A literal list such as `["a", "b"]`.
  case list(of: ValueType?)

  public var description: String {
    switch self {
    case .bool: "yes/no"
    case .number: "number"
    case .text: "text"
    case .date: "date"
    case .choice(let question): "a choice of '\(question)'"
    case .choices(let question): "the choices of '\(question)'"
    case .bloodPressure: "blood pressure"
    case .records(let group): "the records of '\(group)'"
    case .tags(let lexicon): "tags of lexicon '\(lexicon)'"
    case .concerns(let lexicon): "concern codes of lexicon '\(lexicon)'"
    case .list: "a list"
    }
  }
}
