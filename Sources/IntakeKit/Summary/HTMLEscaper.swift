/// The one place text becomes HTML: the printed note (`HTMLRenderer`) and every page of the
/// browser console escape through it. Markup characters become entities (so text can sit in an
/// element or a quoted attribute), and what could fool a reader is neutralised as the terminal's
/// writer does: control characters and bidirectional overrides (which can make text read in
/// another order than it is stored) become U+FFFD.
public enum HTMLEscaper {
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\n", "\t": result.unicodeScalars.append(scalar)
      default:
        result.unicodeScalars.append(isHidden(scalar) ? "\u{FFFD}" : scalar)
      }
    }
    return result
  }

  /// C0 and C1 controls, DEL, the bidirectional embedding, override and isolate characters.
  static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
