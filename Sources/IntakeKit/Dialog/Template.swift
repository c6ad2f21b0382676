import Foundation

/// Text with `{name}` pieces filled from earlier answers ("Thanks, {first_name}.").
/// `{{` and `}}` write literal braces.
public struct Template: Sendable {
  public enum Piece: Sendable {
    case literal(String)
    case reference(String, SourceLocation)
  }

  public var pieces: [Piece]
  public var source: String

  public init(literal text: String) {
    pieces = [.literal(text)]
    source = text
  }

  init(pieces: [Piece], source: String) {
    self.pieces = pieces
    self.source = source
  }

  /// The names the template reads.
  public var references: [(name: String, location: SourceLocation)] {
    pieces.compactMap {
      if case .reference(let name, let location) = $0 { return (name, location) }
      return nil
    }
  }

  /// Parses `text` written at `location`; reports unbalanced braces.
  static func parse(_ text: String, at location: SourceLocation, quoted: Bool, sink: DiagnosticSink) -> Template {
    var pieces: [Piece] = []
    var literal = ""
    let scalars = Array(text.unicodeScalars)
    var i = 0
    // Positions are exact on the first line of a plain or quoted scalar, which is where
    // references almost always are; block text points at the block's start.
    let origin = quoted ? location.advanced(by: 1) : location
    while i < scalars.count {
      let c = scalars[i]
      if c == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
        literal.unicodeScalars.append("{")
        i += 2
      } else if c == "}", i + 1 < scalars.count, scalars[i + 1] == "}" {
        literal.unicodeScalars.append("}")
        i += 2
      } else if c == "{" {
        guard let close = scalars[i...].firstIndex(of: "}") else {
          sink.error(
            .invalidValue, "'{' has no closing '}'; write '{{' for a literal brace", at: origin.advanced(by: i))
          literal.unicodeScalars.append(contentsOf: scalars[i...])
          break
        }
        let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close])).trimmingCharacters(in: .whitespaces)
        if !literal.isEmpty {
          pieces.append(.literal(literal))
          literal = ""
        }
        pieces.append(.reference(name, origin.advanced(by: i + 1)))
        i = close + 1
      } else if c == "}" {
        sink.error(.invalidValue, "'}' has no opening '{'; write '}}' for a literal brace", at: origin.advanced(by: i))
        i += 1
      } else {
        literal.unicodeScalars.append(c)
        i += 1
      }
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    return Template(pieces: pieces, source: text)
  }
}
