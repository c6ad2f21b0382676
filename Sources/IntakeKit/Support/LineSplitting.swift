/// Splitting text into lines by its bytes. The standard library's `split(separator: "\n")`
/// walks `Character`s, finding each grapheme's end, which was a tenth of replaying a
/// transcript (reading it, and the kiosk's screens it is compared with); and "\r\n" is one
/// `Character`, so a file saved with Windows line ends was not split at all.
extension String {
  /// The lines, each without its line break ("\n" or "\r\n"); empty lines kept, and the text
  /// after the last break is the last line (empty when the text ends with a break).
  public func lines() -> [Substring] {
    let text = self[...]
    let bytes = text.utf8
    var lines: [Substring] = []
    var start = bytes.startIndex
    var index = bytes.startIndex
    while index != bytes.endIndex {
      if bytes[index] == UInt8(ascii: "\n") {
        var end = index
        if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") { end = bytes.index(before: end) }
        lines.append(text[start..<end])
        start = bytes.index(after: index)
      }
      index = bytes.index(after: index)
    }
    lines.append(text[start...])
    return lines
  }
}
