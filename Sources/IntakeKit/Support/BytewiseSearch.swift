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

/// Replacing text without bridging to `NSString` where the bytes already give the answer.
/// Foundation's `replacingOccurrences(of:with:)` on Linux bridges both strings at every call
/// and compares composed characters: `e` is not found in `e` followed by an acute accent, and
/// `K` is found in the Kelvin sign. In ASCII text neither can happen but through the three
/// scalars whose canonical form is ASCII (`asciiStandIns`), so there the bytes decide. One
/// difference, kept: a target with a NUL in it is matched by its bytes, where Foundation lets a
/// NUL at its end match past the text's end, or stops the program (an index out of bounds; a
/// patient's typed words are such a target at one matcher's step).
extension String {
  /// What `replacingOccurrences(of: target, with: replacement)` gives: worked out from the
  /// bytes when this text is ASCII, else Foundation's.
  func replacingOccurrences(ofText target: String, with replacement: String) -> String {
    guard isASCII, !target.isEmpty else { return replacingOccurrences(of: target, with: replacement) }
    guard target.isASCII else {
      return Self.cannotOccurInASCII(target) ? self : replacingOccurrences(of: target, with: replacement)
    }
    var text = self
    var wanted = target
    return text.withUTF8 { bytes in
      wanted.withUTF8 { needle -> String in
        guard let first = needle.first, needle.count <= bytes.count else { return self }
        var result: [UInt8] = []
        var copied = 0
        var start = 0
        while start <= bytes.count - needle.count {
          if bytes[start] == first, bytes[start..<start + needle.count].elementsEqual(needle) {
            if result.isEmpty { result.reserveCapacity(bytes.count + replacement.utf8.count) }
            result.append(contentsOf: bytes[copied..<start])
            result.append(contentsOf: replacement.utf8)
            start += needle.count
            copied = start
          } else {
            start += 1
          }
        }
        guard copied > 0 else { return self }
        result.append(contentsOf: bytes[copied...])
        return String(decoding: result, as: UTF8.self)
      }
    }
  }

  /// What Foundation's `contains(other)` says: from the bytes when this text is ASCII (as
  /// `replacingOccurrences(ofText:with:)` replaces), else Foundation's.
  func containsText(_ other: String) -> Bool {
    guard isASCII, !other.isEmpty else { return contains(other) }
    guard other.isASCII else { return !Self.cannotOccurInASCII(other) && contains(other) }
    return containsBytes(of: other)
  }

  /// Whether `target` (not ASCII) cannot match ASCII text: it has a scalar whose canonical form
  /// is not all ASCII.
  static func cannotOccurInASCII(_ target: String) -> Bool {
    target.unicodeScalars.contains { !$0.isASCII && !asciiStandIns.contains($0) }
  }

  /// The scalars whose canonical decomposition is ASCII: the Kelvin sign (K), the Greek
  /// question mark (;) and the Greek varia (`). `BytewiseSearchTests` holds the list to
  /// Foundation's decompositions of every scalar.
  static let asciiStandIns: Set<Unicode.Scalar> = ["\u{212A}", "\u{037E}", "\u{1FEF}"]
}
