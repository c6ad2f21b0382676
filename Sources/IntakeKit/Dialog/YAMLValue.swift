import Yams

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

  /// Parses one YAML document, turning libyaml's problems into diagnostics with positions.
  /// `YAMLPreflight` runs first, so nothing is composed from a file that is too large, nested too
  /// deeply or uses aliases.
  static func parse(_ text: String, file: String, sink: DiagnosticSink) -> YAMLValue? {
    if let problem = YAMLPreflight.problem(in: text, file: file) {
      sink.report(problem)
      return nil
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      let location = Self.location(of: error, file: file)
      sink.error(
        .yamlSyntax, Self.describe(error) + (YAMLHint.hint(text, line: location.line).map { ". " + $0 } ?? ""),
        at: location)
      return nil
    } catch {
      sink.error(.yamlSyntax, "this file is not valid YAML", at: SourceLocation(file: file, line: 1, column: 1))
      return nil
    }
    guard let root else { return .mapping([], SourceLocation(file: file, line: 1, column: 1)) }
    return convert(root, file: file, sink: sink)
  }

  private static func convert(_ node: Node, file: String, sink: DiagnosticSink) -> YAMLValue? {
    let location =
      node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
      ?? SourceLocation(file: file, line: 1, column: 1)
    switch node {
    case .scalar(let scalar):
      let style: ScalarStyle =
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: .quoted
        case .literal, .folded: .block
        default: .plain
        }
      // An empty plain scalar is YAML's null: keep it distinguishable from "" only by style.
      return .scalar(scalar.string, style: style, location)
    case .sequence(let sequence):
      return .sequence(sequence.compactMap { convert($0, file: file, sink: sink) }, location)
    case .mapping(let mapping):
      var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
      for (key, value) in mapping {
        let keyLocation = key.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
        guard case .scalar(let keyScalar) = key else {
          sink.error(.wrongType, "a key must be a single word, not a list or mapping", at: keyLocation)
          continue
        }
        guard let converted = convert(value, file: file, sink: sink) else { continue }
        pairs.append((keyScalar.string, keyLocation, converted))
      }
      return .mapping(pairs, location)
    case .alias:
      // Unreachable after `YAMLPreflight`, which rejects every alias before composing.
      sink.error(.yamlAlias, "YAML aliases (*name) are not supported in dialogs; write the value out", at: location)
      return nil
    }
  }

  private static func location(of error: YamlError, file: String) -> SourceLocation {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return SourceLocation(file: file, line: mark.line, column: mark.column)
    case .duplicatedKeysInMapping(_, let context):
      return SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
    default:
      return SourceLocation(file: file, line: 1, column: 1)
    }
  }

  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      if let context { return "YAML syntax: \(problem) (\(context.text))" }
      return "YAML syntax: \(problem)"
    case .duplicatedKeysInMapping(let duplicates, _):
      return "key '\(duplicates.joined(separator: "', '"))' appears twice in the same mapping; keep one"
    case .reader(let problem, _, _, _):
      return "this file cannot be read as UTF-8 text: \(problem)"
    default:
      return "YAML syntax: \(error)"
    }
  }
}
