import Foundation

/// Text with `{name}` pieces filled from earlier answers ("Thanks, {first_name}.").
/// `{{` and `}}` write literal braces. A `cite` template may also hold optional segments,
/// `[ up to {trial_dose}]`, left out whole when an answer they read was skipped, so a reason
/// reads "reports sertraline for 12 weeks" rather than "reports sertraline up to (skipped)".
public struct Template: Sendable {
  public enum Piece: Sendable {
    case literal(String)
    case reference(String, SourceLocation)
    /// Written only when every reference inside has words.
    case optional([Piece])
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

  /// The names the template reads, optional segments included.
  public var references: [(name: String, location: SourceLocation)] {
    func collect(_ pieces: [Piece]) -> [(name: String, location: SourceLocation)] {
      pieces.flatMap { piece -> [(name: String, location: SourceLocation)] in
        switch piece {
        case .literal: []
        case .reference(let name, let location): [(name, location)]
        case .optional(let inner): collect(inner)
        }
      }
    }
    return collect(pieces)
  }

  /// The text of a template that reads no name (most of a dialog's): what `render` gives for
  /// it whatever it is asked. Nil when a piece reads an answer.
  var literal: String? {
    if pieces.count == 1, case .literal(let text) = pieces[0] { return text }
    var text = ""
    for piece in pieces {
      guard case .literal(let part) = piece else { return nil }
      text += part
    }
    return text
  }

  /// Fills the template; `lookup` gives the words for a name, or nil when it has none. A name
  /// without words is written `missing` outside optional segments.
  public func render(missing: String = "(not answered)", lookup: (String) -> String?) -> String {
    func fill(_ pieces: [Piece], optional: Bool) -> String? {
      var text = ""
      for piece in pieces {
        switch piece {
        case .literal(let literal): text += literal
        case .reference(let name, _):
          if let words = lookup(name) {
            text += words
          } else if optional {
            return nil
          } else {
            text += missing
          }
        case .optional(let inner): text += fill(inner, optional: true) ?? ""
        }
      }
      return text
    }
    return fill(pieces, optional: false) ?? ""
  }

  /// Parses `text` written at `location`; reports unbalanced braces and brackets. Square
  /// brackets mark optional segments only where `segments` is true (`[[` and `]]` write literal
  /// brackets there); elsewhere they are plain text.
  static func parse(
    _ text: String, at location: SourceLocation, quoted: Bool, segments: Bool = false, sink: DiagnosticSink
  ) -> Template {
    // Most texts have no braces or brackets: one literal, without going through every scalar
    // (a patient's first words in Spanish made the dialog again, a tenth of it in here).
    func isSpecial(_ byte: UInt8) -> Bool {
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "}"): true
      case UInt8(ascii: "["), UInt8(ascii: "]"): segments
      default: false
      }
    }
    guard text.utf8.contains(where: isSpecial) else {
      return Template(pieces: text.isEmpty ? [] : [.literal(text)], source: text)
    }
    var outer: [Piece] = []
    var inner: [Piece]? = nil
    var literal = ""
    let scalars = Array(text.unicodeScalars)
    var i = 0
    // Positions are exact on the first line of a plain or quoted scalar, which is where
    // references almost always are; block text points at the block's start.
    let origin = quoted ? location.advanced(by: 1) : location
    func add(_ piece: Piece) {
      if inner != nil { inner?.append(piece) } else { outer.append(piece) }
    }
    func flush() {
      if !literal.isEmpty { add(.literal(literal)) }
      literal = ""
    }
    func doubled(_ c: Unicode.Scalar) -> Bool { scalars[i] == c && i + 1 < scalars.count && scalars[i + 1] == c }
    while i < scalars.count {
      let c = scalars[i]
      if doubled("{") || doubled("}") || (segments && (doubled("[") || doubled("]"))) {
        literal.unicodeScalars.append(c)
        i += 2
      } else if c == "{" {
        guard let close = scalars[i...].firstIndex(of: "}") else {
          sink.error(
            .invalidValue, "'{' has no closing '}'; write '{{' for a literal brace", at: origin.advanced(by: i))
          literal.unicodeScalars.append(contentsOf: scalars[i...])
          break
        }
        let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close])).trimmingSpaces()
        flush()
        add(.reference(name, origin.advanced(by: i + 1)))
        i = close + 1
      } else if c == "}" {
        sink.error(.invalidValue, "'}' has no opening '{'; write '}}' for a literal brace", at: origin.advanced(by: i))
        i += 1
      } else if segments && c == "[" {
        if inner != nil {
          sink.error(
            .invalidValue, "optional segments cannot be nested; write '[[' for a literal bracket",
            at: origin.advanced(by: i))
        } else {
          flush()
          inner = []
        }
        i += 1
      } else if segments && c == "]" {
        if inner != nil {
          // The words before "]" belong to the segment ("[ Last high: {last_high}.]" kept its
          // full stop only when flushed first).
          flush()
          let segment = inner ?? []
          inner = nil
          outer.append(.optional(segment))
        } else {
          sink.error(
            .invalidValue, "']' has no opening '['; write ']]' for a literal bracket", at: origin.advanced(by: i))
        }
        i += 1
      } else {
        // The plain run up to the next brace or bracket, at once.
        var end = i + 1
        while end < scalars.count, !(scalars[end].isASCII && isSpecial(UInt8(scalars[end].value))) { end += 1 }
        literal.unicodeScalars.append(contentsOf: scalars[i..<end])
        i = end
      }
    }
    flush()
    if let segment = inner {
      sink.error(
        .invalidValue, "'[' has no closing ']'; write '[[' for a literal bracket",
        at: origin.advanced(by: scalars.count))
      outer.append(.optional(segment))
    }
    return Template(pieces: outer, source: text)
  }
}
