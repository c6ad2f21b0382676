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
    // Accents fold away: "bupropión" is "bupropion", typed with its accent or without.
    let lowered = text.foldedForMatching()
    // ASCII, nearly every medicine typed: its words cut from the bytes (by `Character` it was
    // most of matching a line to a lexicon).
    if lowered.isASCII { return normalizedASCII(lowered) }
    return normalizedByCharacter(lowered)
  }

  /// `normalize`'s words of folded ASCII text, cut from its bytes: each byte a character, a
  /// letter or digit what `Character.isLetter` or `isNumber` says it is.
  static func normalizedASCII(_ lowered: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(lowered.utf8.count)
    var inWord = false
    for byte in lowered.utf8 {
      guard UInt8.isLetter(byte) || UInt8.isDigit(byte) else {
        inWord = false
        continue
      }
      if !inWord {
        // Stop at the first word that starts with a digit: doses and strengths follow names.
        if UInt8.isDigit(byte) { break }
        if !out.isEmpty { out.append(UInt8(ascii: " ")) }
        inWord = true
      }
      out.append(byte)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `normalize`'s words of folded text by `Character`: the way for any text, and what the ASCII
  /// way must equal.
  static func normalizedByCharacter(_ lowered: String) -> String {
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
    let spellings = lexicon.spellings
    // An exact spelling wins; then the longest known name the typed text starts with
    // ("lamictal xr"; "buprenorphine naloxone" is not "buprenorphine"), its first words
    // looked up from the longest; then a near miss.
    if let exact = lexicon.spellingIndex[typed] { return found(spellings[exact], exact: true) }
    let words = typed.split(separator: " ")
    for count in stride(from: words.count - 1, through: 1, by: -1) {
      if let prefix = lexicon.spellingIndex[words[..<count].joined(separator: " ")] {
        return found(spellings[prefix], exact: true)
      }
    }
    let scalars = Array(typed.unicodeScalars)
    let length = typed.count
    let allowed = length >= 8 ? 2 : (length >= 5 ? 1 : 0)
    guard allowed > 0 else { return nil }
    let letters = LetterMask(scalars)
    var best: (spelling: Lexicon.Spelling, distance: Int)?
    // Scalars stand in for characters in the length test: names fold to letters without marks.
    for spelling in spellings where abs(spelling.scalars.count - scalars.count) <= allowed {
      // Only a spelling nearer than the best so far can take its place.
      let bound = min(allowed, (best?.distance ?? Int.max) - 1)
      guard letters.distanceBound(to: spelling.letters) <= bound else { continue }
      if let distance = editDistance(scalars, spelling.scalars, atMost: bound) { best = (spelling, distance) }
    }
    return best.map { found($0.spelling, exact: false) }
  }

  private func found(_ spelling: Lexicon.Spelling, exact: Bool) -> Found {
    Found(entry: lexicon.entries[spelling.entry], spelling: spelling.text, exact: exact)
  }

  /// Names and aliases starting with `prefix`, for Tab completion.
  public func completions(for prefix: String) -> [String] {
    let typed = prefix.lowercased()
    guard !typed.isEmpty else { return [] }
    return lexicon.entries.flatMap { [$0.name] + $0.aliases }.filter { $0.lowercased().hasPrefix(typed) }.sorted()
  }
}
