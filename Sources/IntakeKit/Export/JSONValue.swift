import Foundation

/// A JSON value whose object keys keep the order they were written in, so exported resources
/// read the way their specifications list them (`resourceType` first) and compare stably.
public indirect enum JSONValue: Equatable, Sendable {
  case string(String)
  case number(Double)
  case integer(Int)
  case bool(Bool)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }

  /// Pretty-printed with two-space indentation and a final newline.
  public func text() -> String {
    var out = ""
    write(into: &out, indent: 0)
    return out + "\n"
  }

  public subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  public var arrayValue: [JSONValue] {
    if case .array(let items) = self { return items }
    return []
  }

  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  private func write(into out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent)
    switch self {
    case .string(let text): out += Self.quote(text)
    case .integer(let value): out += String(value)
    case .number(let value):
      out += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    case .bool(let value): out += value ? "true" : "false"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, item) in items.enumerated() {
        out += pad + "  "
        item.write(into: &out, indent: indent + 1)
        out += index < items.count - 1 ? ",\n" : "\n"
      }
      out += pad + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, pair) in pairs.enumerated() {
        out += pad + "  " + Self.quote(pair.0) + ": "
        pair.1.write(into: &out, indent: indent + 1)
        out += index < pairs.count - 1 ? ",\n" : "\n"
      }
      out += pad + "}"
    }
  }

  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
