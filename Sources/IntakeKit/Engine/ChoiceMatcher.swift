import Foundation

/// Matches what a patient typed against numbered options: the number, the option's text or id,
/// or an unambiguous prefix, all case-insensitively.
public struct ChoiceMatcher: Sendable {
  public enum Outcome: Equatable, Sendable {
    case matched(AnswerOption)
    case ambiguous([AnswerOption])
    case none
  }

  public let options: [AnswerOption]

  public init(options: [AnswerOption]) { self.options = options }

  public func match(_ input: String) -> Outcome {
    let typed = Self.fold(input)
    guard !typed.isEmpty else { return .none }
    if let number = Int(typed), number >= 1, number <= options.count { return .matched(options[number - 1]) }
    if let exact = options.first(where: { Self.fold($0.text) == typed || Self.fold($0.id) == typed }) {
      return .matched(exact)
    }
    let prefixed = options.filter { Self.fold($0.text).hasPrefix(typed) }
    if prefixed.count == 1 { return .matched(prefixed[0]) }
    if prefixed.count > 1 { return .ambiguous(prefixed) }
    // Words from the middle of an option ("past month" for "In the past month").
    let inner = options.filter { (" " + Self.fold($0.text)).contains(" " + typed) }
    if inner.count == 1 { return .matched(inner[0]) }
    if inner.count > 1 { return .ambiguous(inner) }
    return .none
  }

  /// AnswerOption texts that start with `prefix`, for Tab completion.
  public func completions(for prefix: String) -> [String] {
    let typed = Self.fold(prefix)
    return options.map(\.text).filter { Self.fold($0).hasPrefix(typed) }
  }

  static func fold(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      .folding(options: [.diacriticInsensitive], locale: nil)
  }
}
