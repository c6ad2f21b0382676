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

  /// Whether `phrase` occurs here as whole words: what
  /// `(" " + self + " ").containsBytes(of: " " + phrase + " ")` says, without making either
  /// string (the checker asked it of every question's text, for every hint's phrases).
  func containsWords(_ phrase: String) -> Bool {
    var haystack = self
    var needle = phrase
    return haystack.withUTF8 { text in
      needle.withUTF8 { wanted in
        let space = UInt8(ascii: " ")
        let padded = (text: text.count + 2, wanted: wanted.count + 2)
        guard padded.wanted <= padded.text else { return false }
        func inText(_ index: Int) -> UInt8 { index == 0 || index == padded.text - 1 ? space : text[index - 1] }
        func inWanted(_ index: Int) -> UInt8 { index == 0 || index == padded.wanted - 1 ? space : wanted[index - 1] }
        var start = 0
        while start <= padded.text - padded.wanted {
          var matched = 0
          while matched < padded.wanted, inText(start + matched) == inWanted(matched) { matched += 1 }
          if matched == padded.wanted { return true }
          start += 1
        }
        return false
      }
    }
  }
}
