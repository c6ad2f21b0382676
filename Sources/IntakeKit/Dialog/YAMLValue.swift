/// A YAML value with its source location on every node, and no scalar coerced: `yes`, `no`, `on`
/// and `1.0` stay strings until the dialog reader asks for the type the schema says.
indirect enum YAMLValue {
  case scalar(String, style: ScalarStyle, SourceLocation)
  case sequence([YAMLValue], SourceLocation)
  case mapping([(key: String, keyLocation: SourceLocation, value: YAMLValue)], SourceLocation)

  enum ScalarStyle { case plain, quoted, block }

  var location: SourceLocation {
    switch self {
    case .scalar(_, _, let location), .sequence(_, let location), .mapping(_, let location): location
    }
  }

  /// What the value is, in the words an author uses.
  var kindName: String {
    switch self {
    case .scalar: "a single value"
    case .sequence: "a list"
    case .mapping: "a mapping of keys to values"
    }
  }

  /// Parses one YAML document (`YAMLReader`), turning libyaml's problems, a file too large,
  /// aliases and nesting too deep into diagnostics with positions.
  static func parse(_ text: String, file: String, sink: DiagnosticSink) -> YAMLValue? {
    switch YAMLReader.read(text, file: file, sink: sink) {
    case .success(let root?): return root
    case .success(nil): return .mapping([], SourceLocation(file: file, line: 1, column: 1))
    case .failure(let problem):
      sink.report(problem)
      return nil
    }
  }
}

/// A mapping's pairs as `YAMLReader` reads them. The reader's questions of its pairs are asked
/// here: asked in `YAMLReader.swift`, the compiler (Swift 6.3) stops with a circular reference
/// through `YAMLValue`.
enum YAMLPairs {
  typealias Pair = (key: String, keyLocation: SourceLocation, value: YAMLValue)

  /// Where `key` is first among `pairs`, comparing texts as Swift's strings compare.
  static func firstPlace(of key: String, in pairs: [Pair]) -> SourceLocation? {
    pairs.first { $0.key == key }?.keyLocation
  }

  /// Each key's first place among `pairs`.
  static func firstPlaces(in pairs: [Pair]) -> [String: SourceLocation] {
    var places: [String: SourceLocation] = [:]
    for pair in pairs where places[pair.key] == nil { places[pair.key] = pair.keyLocation }
    return places
  }

  static func count(of pairs: [Pair]) -> Int { pairs.count }
}
