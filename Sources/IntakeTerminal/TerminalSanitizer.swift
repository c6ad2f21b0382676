/// Makes any text safe to put on a terminal: control characters, escape sequences, DEL, C1
/// controls and bidirectional overrides become visible, inert text. Storage keeps the exact
/// bytes; only what reaches the screen is changed.
public enum TerminalSanitizer {
  /// `keepNewlines` lets dialog text keep its line breaks; patient text echoed inline passes false.
  public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let value = scalar.value
      switch value {
      case 0x0A where keepNewlines:
        result.append(scalar)
      case 0x09:
        result.append(contentsOf: "    ".unicodeScalars)
      case 0x00...0x1F:
        // Caret notation: ESC shows as ^[ so a sequence is seen, never obeyed.
        result.append("^")
        result.append(Unicode.Scalar(UInt8(value + 0x40)))
      case 0x7F:
        result.append(contentsOf: "^?".unicodeScalars)
      case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF, 0xFFF9...0xFFFB:
        // C1 controls (a lone CSI is 0x9B), direction marks and overrides, and invisible format
        // characters are shown by code point.
        result.append(contentsOf: "<U+\(hex(value))>".unicodeScalars)
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
