import Foundation

/// Renders a summary as JSON with sorted keys, so the same session always gives the same bytes.
public enum JSONRenderer {
  public static func render(_ summary: Summary) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(summary)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
