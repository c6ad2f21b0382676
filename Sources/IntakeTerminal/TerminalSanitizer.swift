/// Makes any text safe to put on a terminal: control characters, escape sequences, DEL, C1
/// controls and bidirectional overrides become visible, inert text. Storage keeps the exact
/// bytes; only what reaches the screen is changed.
public enum TerminalSanitizer {
  /// `keepNewlines` lets dialog text keep its line breaks; patient text echoed inline passes false.
  public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
    // Nearly every text is shown as it is: it is given back without being copied scalar by
    // scalar (a third of the screen's cost at each answer).
    guard text.unicodeScalars.contains(where: { !isShownAsIs($0, keepNewlines: keepNewlines) }) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if isShownAsIs(scalar, keepNewlines: keepNewlines) {
        result.append(scalar)
        continue
      }
      switch value {
      case 0x09:
        result.append(contentsOf: "    ".unicodeScalars)
      case 0x00...0x1F:
        // Caret notation: ESC shows as ^[ so a sequence is seen, never obeyed.
        result.append("^")
        result.append(Unicode.Scalar(UInt8(value + 0x40)))
      case 0x7F:
        result.append(contentsOf: "^?".unicodeScalars)
      default:
        // C1 controls (a lone CSI is 0x9B), direction marks and overrides, and invisible format
        // characters are shown by code point.
        result.append(contentsOf: "<U+\(hex(value))>".unicodeScalars)
      }
    }
    return String(result)
  }

  /// Whether `scalar` reaches the screen unchanged: everything but control characters (a line
  /// break only where `keepNewlines`), DEL, C1 controls, direction marks and overrides, and
  /// invisible format characters.
  private static func isShownAsIs(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
    switch scalar.value {
    case 0x0A: keepNewlines
    case 0x00...0x1F, 0x7F: false
    case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF, 0xFFF9...0xFFFB: false
    default: true
    }
  }

  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
