import Foundation

/// Trimming and folding in the standard library, without Foundation's `trimmingCharacters(in:)`
/// and `folding(options:locale:)`: on Linux those bridge every call through `NSString` and
/// CoreFoundation, which was about a third of the time of reading an answer (profiled with
/// `perf` on `intake test` and on the kiosk). The sets are Foundation's, read by Unicode scalar as
/// Foundation reads them; `TrimmingTests` checks them against Foundation on every kind of space.
extension StringProtocol {
  /// Without leading and trailing white space, line breaks included: Foundation's
  /// `.whitespacesAndNewlines`, which is Unicode's White_Space property (the Z categories,
  /// U+0009 to U+000D and U+0085) and, as CoreFoundation has it, the zero-width space U+200B.
  public func trimmingWhitespace() -> String {
    trimming { $0.properties.isWhitespace || $0 == "\u{200B}" }
  }

  /// Without leading and trailing spaces and tabs, line breaks kept: Foundation's
  /// `.whitespaces` (the Zs category, U+0009 and U+200B).
  public func trimmingSpaces() -> String {
    trimming { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
  }

  /// Without the given characters (each one Unicode scalar) at either end.
  public func trimming(charactersIn characters: String) -> String {
    let set = Set(characters.unicodeScalars)
    return trimming { set.contains($0) }
  }

  /// Without the scalars `drop` says at either end. The common case, nothing to drop, copies
  /// the text once.
  func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
    // `SubSequence` is `Substring` for every `StringProtocol`: its scalar view slices without a copy.
    let text = self[...]
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
    // `first` is a scalar that stays, so the search back from the end stops at or after it.
    var last = scalars.index(before: scalars.endIndex)
    while drop(scalars[last]) { last = scalars.index(before: last) }
    // Slicing by scalar indices keeps a combining mark after a dropped space, as Foundation does.
    return String(text[first..<scalars.index(after: last)])
  }

  /// Lower-cased with accents and other marks dropped ("Café" is "cafe"), as
  /// `lowercased().folding(options: [.diacriticInsensitive], locale: nil)` gives it. Plain ASCII,
  /// almost every answer and option, has no marks and takes the standard library's path; other
  /// text goes through Foundation, which holds the decompositions.
  public func foldedForMatching() -> String {
    let lower = lowercased()
    if lower.utf8.allSatisfy({ $0 < 0x80 }) { return lower }
    return lower.folding(options: [.diacriticInsensitive], locale: nil)
  }
}

extension String {
  /// `StringProtocol.trimmingWhitespace()`, with the common case first: nearly every line has
  /// nothing to trim, and a printable ASCII character at each end says so from two bytes,
  /// without asking Unicode's properties of every scalar.
  public func trimmingWhitespace() -> String {
    if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
      return self
    }
    return self[...].trimmingWhitespace()
  }

  /// `StringProtocol.trimmingSpaces()`, with the common case first, as `trimmingWhitespace()`
  /// (every option's text is trimmed when the checker measures its reading level).
  public func trimmingSpaces() -> String {
    if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
      return self
    }
    return self[...].trimmingSpaces()
  }
}
