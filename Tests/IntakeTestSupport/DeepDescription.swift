/// Every stored value inside a value, one line each: the path of property names to it and the
/// value. Dictionaries' entries and sets' elements are sorted, so two equal values read alike
/// whatever order their tables keep. For comparing values that are not `Equatable` (a `Dialog`),
/// property by property, through reflection: a property nobody remembered to compare is compared.
public enum DeepDescription {
  public static func lines(of value: Any) -> [String] {
    var lines: [String] = []
    describe(value, path: "", into: &lines)
    return lines
  }

  /// The first line where two descriptions differ, for a failure message.
  public static func firstDifference(_ expected: [String], _ actual: [String]) -> String? {
    for (index, line) in expected.enumerated() where index >= actual.count || actual[index] != line {
      return "line \(index + 1):\n  expected \(line)\n  actual   \(index < actual.count ? actual[index] : "(none)")"
    }
    return actual.count > expected.count ? "extra line \(expected.count + 1): \(actual[expected.count])" : nil
  }

  private static func describe(_ value: Any, path: String, into lines: inout [String]) {
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .dictionary:
      let entries = mirror.children.map { child -> (key: String, value: Any) in
        let pair = Array(Mirror(reflecting: child.value).children)
        return (pair.first.map { String(reflecting: $0.value) } ?? "?", pair.last?.value ?? ())
      }.sorted { $0.key < $1.key }
      lines.append("\(path) (\(entries.count) entries)")
      for entry in entries { describe(entry.value, path: path + "[\(entry.key)]", into: &lines) }
    case .set:
      let elements = mirror.children.map { DeepDescription.lines(of: $0.value).joined(separator: "; ") }.sorted()
      lines.append("\(path) = {\(elements.joined(separator: " | "))}")
    case .optional:
      if let wrapped = mirror.children.first {
        describe(wrapped.value, path: path + "?", into: &lines)
      } else {
        lines.append("\(path) = nil")
      }
    case .collection, .tuple:
      lines.append("\(path) (\(mirror.children.count) items)")
      for (index, child) in mirror.children.enumerated() {
        describe(child.value, path: path + "[\(child.label ?? String(index))]", into: &lines)
      }
    case .struct, .class, .enum:
      guard !mirror.children.isEmpty else { return lines.append("\(path) = \(String(reflecting: value))") }
      for child in mirror.children { describe(child.value, path: path + "." + (child.label ?? "_"), into: &lines) }
    default:
      lines.append("\(path) = \(String(reflecting: value))")
    }
  }
}
