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
    trimming { $0.isSpace }
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
    // (`as?` is settled when this is specialised: the slice of a String or a Substring is a Substring.)
    if let slice = text as? Substring, let ends = Self.asciiEnds(of: slice, dropping: drop) {
      return String(slice[ends])
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
    // `first` is a scalar that stays, so the search back from the end stops at or after it.
    var last = scalars.index(before: scalars.endIndex)
    while drop(scalars[last]) { last = scalars.index(before: last) }
    // Slicing by scalar indices keeps a combining mark after a dropped space, as Foundation does.
    return String(text[first..<scalars.index(after: last)])
  }

  /// What `trimming(where:)` keeps of `text`, found from its bytes when every byte it looks at
  /// is ASCII (each one scalar): nearly every text, whose ends a scalar's properties were asked
  /// of one by one. Nil when a byte at either end is not ASCII, for the scalar way to judge.
  private static func asciiEnds(of text: Substring, dropping drop: (Unicode.Scalar) -> Bool) -> Range<String.Index>? {
    let bytes = text.utf8
    var start = bytes.startIndex
    while start < bytes.endIndex {
      let byte = bytes[start]
      guard byte < 0x80 else { return nil }
      if !drop(Unicode.Scalar(byte)) { break }
      start = bytes.index(after: start)
    }
    guard start < bytes.endIndex else { return start..<start }
    // The byte at `start` stays, so the search back from the end stops at or after it.
    var end = bytes.endIndex
    while true {
      let before = bytes.index(before: end)
      let byte = bytes[before]
      guard byte < 0x80 else { return nil }
      if !drop(Unicode.Scalar(byte)) { break }
      end = before
    }
    return start..<end
  }

  /// Without punctuation at either end (Unicode's P categories: Foundation's
  /// `.punctuationCharacters`), but for the characters in `kept` ("O'Brien-").
  public func trimmingPunctuation(keeping kept: Set<Unicode.Scalar> = []) -> String {
    trimming { $0.isPunctuation && !kept.contains($0) }
  }

  /// Without spaces or punctuation at either end: Foundation's `.whitespaces` and
  /// `.punctuationCharacters` together.
  public func trimmingSpacesAndPunctuation() -> String {
    trimming { $0.isSpace || $0.isPunctuation }
  }

  /// Whether every byte is ASCII, each one a character and a scalar of its own (save "\r\n",
  /// one character): what the fast paths that read text by its bytes ask first.
  public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

  /// Lower-cased with accents and other marks dropped ("Café" is "cafe"), as
  /// `lowercased().folding(options: [.diacriticInsensitive], locale: nil)` gives it. Plain ASCII,
  /// almost every answer and option, has no marks and takes the standard library's path; other
  /// text goes through Foundation, which holds the decompositions.
  public func foldedForMatching() -> String {
    let lower = lowercased()
    if lower.isASCII { return lower }
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

extension Unicode.Scalar {
  /// A space or tab as Foundation's `.whitespaces` has them: the Zs category, U+0009 and U+200B.
  var isSpace: Bool {
    // In ASCII only the space and the tab (the space is ASCII's one Zs), told without asking
    // Unicode's properties.
    if isASCII { return self == " " || self == "\t" }
    return self == "\u{200B}" || properties.generalCategory == .spaceSeparator
  }

  /// Punctuation as Foundation's `trimmingCharacters(in: .punctuationCharacters)` trims it:
  /// Unicode's P categories, told from the standard library's properties in ASCII (which no
  /// Unicode version changes) and asked of Foundation's set past it (its Unicode version is not
  /// the standard library's: the two differ on punctuation added since, such as Balinese's).
  /// Never a scalar past U+FFFF: Foundation's trimming on Linux compares UTF-16 units, and half
  /// of a surrogate pair is in no set, so it never trimmed Adlam's or Brahmi's marks (the
  /// set's `contains` says they are punctuation; trimming them would change how a name typed
  /// with one is read).
  var isPunctuation: Bool {
    guard value <= 0xFFFF else { return false }
    guard isASCII else { return Self.punctuation.contains(self) }
    switch properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      return true
    default: return false
    }
  }

  private static let punctuation = CharacterSet.punctuationCharacters
}
