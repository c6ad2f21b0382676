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
      for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
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
