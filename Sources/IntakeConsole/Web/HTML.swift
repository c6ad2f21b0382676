import IntakeKit

/// Markup for a console page. Literals are markup; every interpolated `String` is text and goes
/// through `HTMLEscaper` (the one place text becomes HTML), so a page cannot be built with an
/// unescaped value by accident. Only `HTML` values (built the same way) and the note's own
/// renderer (`HTML(rendered:)`) are taken as markup.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation {
  public private(set) var text: String

  public init(stringLiteral value: String) { text = value }

  public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

  /// Markup made by `HTMLRenderer`, which escapes through the same `HTMLEscaper`.
  public init(rendered: String) { text = rendered }

  public struct Interpolation: StringInterpolationProtocol {
    var text = ""

    public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }

    public mutating func appendLiteral(_ literal: String) { text += literal }

    public mutating func appendInterpolation(_ value: String) { text += HTMLEscaper.escape(value) }

    public mutating func appendInterpolation(_ value: Int) { text += String(value) }

    public mutating func appendInterpolation(_ value: HTML) { text += value.text }

    public mutating func appendInterpolation(_ values: [HTML]) { text += values.map(\.text).joined() }
  }

  /// `html` when `condition` holds, else nothing.
  public static func when(_ condition: Bool, _ html: @autoclosure () -> HTML) -> HTML { condition ? html() : "" }
}
