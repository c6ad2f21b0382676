import Foundation

/// A regular expression compiled once, found in text as `range(of:options: .regularExpression)`
/// finds it. Foundation's `range(of:options:)` looks the expression up in its cache of compiled
/// ones at every call, which for a blood pressure typed with the answer before it was a third
/// of the cost of reading the line.
struct CompiledPattern: Sendable {
  let pattern: String
  let caseInsensitive: Bool
  /// Nil only if the pattern does not compile: then `firstRange` asks Foundation, as before.
  private let expression: NSRegularExpression?

  init(_ pattern: String, caseInsensitive: Bool = false) {
    self.pattern = pattern
    self.caseInsensitive = caseInsensitive
    expression = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
  }

  /// Whether the pattern compiled (else `firstRange` asks Foundation at every call).
  var compiles: Bool { expression != nil }

  /// The first match in `text`: what `text.range(of: pattern, options: .regularExpression)`
  /// (with `.caseInsensitive` where asked) gives.
  func firstRange(in text: String) -> Range<String.Index>? {
    guard let expression else {
      return text.range(
        of: pattern, options: caseInsensitive ? [.regularExpression, .caseInsensitive] : .regularExpression)
    }
    let whole = NSRange(text.startIndex..<text.endIndex, in: text)
    guard let found = expression.firstMatch(in: text, range: whole)?.range, found.location != NSNotFound else {
      return nil
    }
    // Bounds by UTF-16 offset, as Foundation's `range(of:options:)` makes them: a match may end
    // inside a character (before a combining mark), where `Range(_:in:)` gives nil.
    let lower = String.Index(utf16Offset: found.location, in: text)
    let upper = String.Index(utf16Offset: found.location + found.length, in: text)
    return lower..<upper
  }
}
