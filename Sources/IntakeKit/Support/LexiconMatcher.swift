import Foundation

/// Matches what a patient typed to a lexicon entry, forgiving case, spacing, a dose written
/// after the name, and small typos.
public struct LexiconMatcher: Sendable {
  public struct Match: Sendable, Equatable {
    public var entry: String
    public var spelling: String
    public var exact: Bool
  }

  public struct Found: Sendable {
    public var entry: LexiconEntry
    public var spelling: String
    public var exact: Bool
  }

  let lexicon: Lexicon

  public init(lexicon: Lexicon) { self.lexicon = lexicon }

  /// Lowercased words, without punctuation or a trailing dose ("Lamictal 100 mg" → "lamictal").
  static func normalize(_ text: String) -> String {
    let lowered = text.lowercased()
    var words: [String] = []
    for word in lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
      // Stop at the first word that starts with a digit: doses and strengths follow names.
      if let first = word.first, first.isNumber { break }
      words.append(String(word))
    }
    return words.joined(separator: " ")
  }

  public func match(_ text: String) -> Found? {
    let typed = Self.normalize(text)
    guard !typed.isEmpty else { return nil }
    var best: (entry: LexiconEntry, spelling: String, distance: Int)?
    for entry in lexicon.entries {
      for spelling in [entry.name] + entry.aliases {
        let known = Self.normalize(spelling)
        if known == typed { return Found(entry: entry, spelling: spelling, exact: true) }
        // A longer typed name that starts with a known one: "lamictal xr", "seroquel er".
        if typed.hasPrefix(known + " ") { return Found(entry: entry, spelling: spelling, exact: true) }
        let distance = editDistance(typed, known)
        if distance < (best?.distance ?? Int.max) { best = (entry, spelling, distance) }
      }
    }
    guard let best else { return nil }
    let allowed = typed.count >= 8 ? 2 : (typed.count >= 5 ? 1 : 0)
    return best.distance <= allowed ? Found(entry: best.entry, spelling: best.spelling, exact: false) : nil
  }

  /// Names and aliases starting with `prefix`, for Tab completion.
  public func completions(for prefix: String) -> [String] {
    let typed = prefix.lowercased()
    guard !typed.isEmpty else { return [] }
    return lexicon.entries.flatMap { [$0.name] + $0.aliases }.filter { $0.lowercased().hasPrefix(typed) }.sorted()
  }
}
