import Foundation

/// One request to the console, as its logic sees it: no framework types, so `ConsoleApp` is
/// driven in process by tests and by `ConsoleServer` alike.
public struct ConsoleRequest: Sendable {
  public enum Method: String, Sendable {
    case get = "GET"
    case post = "POST"
  }

  public var method: Method
  /// The path's segments, decoded: "/intakes/abc/status" is ["intakes", "abc", "status"].
  public var segments: [String]
  public var query: [String: String]
  /// A POSTed form (application/x-www-form-urlencoded).
  public var form: [String: String]
  public var cookies: [String: String]

  public init(
    method: Method, path: String, query: [String: String] = [:], form: [String: String] = [:],
    cookies: [String: String] = [:]
  ) {
    self.method = method
    segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    self.query = query
    self.form = form
    self.cookies = cookies
  }

  /// The pairs of a query string or a URL-encoded form; the first of a repeated name wins.
  public static func pairs(_ encoded: String) -> [String: String] {
    var result: [String: String] = [:]
    for pair in encoded.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ text: Substring) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      let name = decode(parts[0])
      guard !name.isEmpty, result[name] == nil else { continue }
      result[name] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return result
  }

  /// The cookies of a Cookie header.
  public static func cookies(_ header: String) -> [String: String] {
    var result: [String: String] = [:]
    for part in header.split(separator: ";") {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2 else { continue }
      result[pair[0].trimmingSpaces()] = pair[1].trimmingSpaces()
    }
    return result
  }
}
