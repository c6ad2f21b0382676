import Foundation

/// What the console answers. Every response leaves through `secured`, which adds the same strict
/// headers to pages, style sheets, scripts, JSON and downloads alike.
public struct ConsoleResponse: Sendable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  public var text: String { String(decoding: body, as: UTF8.self) }

  static func page(_ html: HTML, status: Int = 200) -> ConsoleResponse {
    ConsoleResponse(
      status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(html.text.utf8))
  }

  /// After a form: back to a page with GET (the browser's Back and Reload never post again).
  static func redirect(to path: String) -> ConsoleResponse {
    ConsoleResponse(status: 303, headers: [("Location", path)])
  }

  static func asset(_ text: String, type: String) -> ConsoleResponse {
    ConsoleResponse(headers: [("Content-Type", type)], body: Array(text.utf8))
  }

  static func json(_ data: Data, status: Int = 200) -> ConsoleResponse {
    ConsoleResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(data))
  }

  /// A file to save, never shown in the browser as a page.
  static func download(_ text: String, type: String, fileName: String) -> ConsoleResponse {
    ConsoleResponse(
      headers: [("Content-Type", type), ("Content-Disposition", "attachment; filename=\"\(fileName)\"")],
      body: Array(text.utf8))
  }

  /// The policy on every response: nothing but the console's own scripts, styles and requests;
  /// no inline script or style, no framing, no plug-ins, forms only to itself.
  public static let contentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  func secured() -> ConsoleResponse {
    var result = self
    result.headers += [
      ("Content-Security-Policy", Self.contentSecurityPolicy),
      ("X-Content-Type-Options", "nosniff"),
      ("X-Frame-Options", "DENY"),
      ("Referrer-Policy", "no-referrer"),
      // Patient pages are never kept in a browser's or a proxy's cache.
      ("Cache-Control", "no-store"),
      ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    return result
  }
}
