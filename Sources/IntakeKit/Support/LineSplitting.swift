import Foundation

/// Splitting text into lines by its bytes. The standard library's `split(separator: "\n")`
/// walks `Character`s, finding each grapheme's end, which was a tenth of replaying a
/// transcript (reading it, and the kiosk's screens it is compared with); and "\r\n" is one
/// `Character`, so a file saved with Windows line ends was not split at all.
extension String {
  /// The lines, each without its line break ("\n" or "\r\n"); empty lines kept, and the text
  /// after the last break is the last line (empty when the text ends with a break).
  public func lines() -> [Substring] {
    // The breaks found in the contiguous UTF-8 by offset (stepping a `String.Index` through the
    // view byte by byte cost more than the search), then cut as substrings.
    var text = self
    var ranges: [(start: Int, end: Int)] = []
    text.withUTF8 { bytes in
      var start = 0
      // Each break found by `memchr`, many bytes at a time (a loop over the bytes one by one
      // was most of splitting a transcript).
      while start < bytes.count, let base = bytes.baseAddress,
        let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
      {
        let index = start + UnsafeRawPointer(base + start).distance(to: UnsafeRawPointer(found))
        let end = index > start && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
        ranges.append((start, end))
        start = index + 1
      }
      ranges.append((start, bytes.count))
    }
    let utf8 = self.utf8
    return ranges.map { range in
      self[utf8.index(utf8.startIndex, offsetBy: range.start)..<utf8.index(utf8.startIndex, offsetBy: range.end)]
    }
  }
}

extension String {
  /// The words between single spaces, empty ones left out: `split(separator: " ")`, cut from the
  /// bytes where the text is ASCII (each byte a character), as option words and typed answers
  /// nearly always are; by `Character` otherwise (a mark after a space joins it to a character
  /// that is not a space). The matcher splits every option's words and every typed line.
  public func wordsAtSpaces() -> [String] {
    var text = self
    let ascii = text.withUTF8 { bytes -> [String]? in
      var words: [String] = []
      var start = 0
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte < 0x80 else { return nil }
        guard byte == UInt8(ascii: " ") else { continue }
        if index > start {
          words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }
        start = index + 1
      }
      if bytes.count > start {
        words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
      }
      return words
    }
    return ascii ?? split(separator: " ").map(String.init)
  }
}

extension String {
  /// The runs of bytes `isPart` keeps, in order, each as a word (A to Z made a to z when
  /// `lowercasing`): for ASCII text, where each byte is a character, what splitting by
  /// `Character` at the others gives, without asking Unicode's properties of each.
  func asciiRuns(lowercasing: Bool = false, where isPart: (UInt8) -> Bool) -> [String] {
    var runs: [String] = []
    var run: [UInt8] = []
    for byte in utf8 {
      if isPart(byte) {
        run.append(lowercasing && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte)
      } else if !run.isEmpty {
        runs.append(String(decoding: run, as: UTF8.self))
        run.removeAll(keepingCapacity: true)
      }
    }
    if !run.isEmpty { runs.append(String(decoding: run, as: UTF8.self)) }
    return runs
  }
}

extension StringProtocol {
  /// The text's lines joined by single spaces, blank ones left out:
  /// `split(whereSeparator: \.isNewline).joined(separator: " ")`, cut from the UTF-8 bytes. A line
  /// break is one of U+000A to U+000D, U+0085, U+2028 or U+2029: each is a `Character` of its own
  /// whatever follows it (Unicode breaks graphemes after a control and before one), but "\r\n",
  /// whose empty middle is left out all the same, so runs of them are one space here as there.
  /// The pages of answers join every question that breaks its lines this way (by `Character`,
  /// which nearly every question's curly quote or dash sent it to, a seventieth of a replay).
  func joiningLines() -> String {
    let bytes = Array(utf8)
    var joined: [UInt8] = []
    joined.reserveCapacity(bytes.count)
    var pending = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      // The break's length in bytes: U+0085 is C2 85; U+2028 and U+2029 are E2 80 A8 and A9.
      var length = 0
      if (0x0A...0x0D).contains(byte) {
        length = 1
      } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
        length = 2
      } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
        bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
      {
        length = 3
      }
      if length > 0 {
        pending = !joined.isEmpty
        index += length
        continue
      }
      if pending {
        joined.append(UInt8(ascii: " "))
        pending = false
      }
      joined.append(byte)
      index += 1
    }
    return String(decoding: joined, as: UTF8.self)
  }
}
