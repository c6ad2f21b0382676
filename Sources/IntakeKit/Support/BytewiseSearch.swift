/// Finding words in words, byte by byte. `String.contains(_:)` with a string argument is
/// Foundation's on Linux, which bridges both strings through `NSString` at every call: in the
/// checker's and the answer matcher's loops over folded words (`ChoiceMatcher.fold`, where a
/// character is the same bytes wherever it is written) that was a twentieth of their time.
extension String {
  /// Whether `needle`'s UTF-8 occurs in this string's UTF-8. For folded text only: unlike
  /// Foundation's, it does not treat differently composed accents as equal.
  func containsBytes(of needle: String) -> Bool {
    var haystack = self
    var needle = needle
    return haystack.withUTF8 { text in
      needle.withUTF8 { wanted in
        guard let first = wanted.first else { return true }
        guard wanted.count <= text.count else { return false }
        var start = 0
        while start <= text.count - wanted.count {
          if text[start] == first, text[start..<start + wanted.count].elementsEqual(wanted) { return true }
          start += 1
        }
        return false
      }
    }
  }
}
