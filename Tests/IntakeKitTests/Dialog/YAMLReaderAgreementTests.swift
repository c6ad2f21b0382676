import CYaml
import Foundation
import IntakeTestSupport
import Testing
import Yams

@testable import IntakeKit

/// `YAMLReader` reads a file in one pass over libyaml's events; before it, a preflight pass over
/// the events was followed by Yams composing its own tree, converted into `YAMLValue`s. Those
/// two passes are kept here as the reference, and both must give the same value (every
/// location and style) or the same diagnostics, on every YAML file in the repository and on
/// broken and hostile files.
@Suite struct YAMLReaderAgreementTests {
  /// What a reading gave, as text: the value with every location, or the diagnostics.
  static func outcome(_ read: (String, String, DiagnosticSink) -> YAMLValue?, _ text: String) -> String {
    let sink = DiagnosticSink()
    let value = read(text, "f.yaml", sink)
    let problems = sink.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code) \($0.message)" }
    return (value.map(dump) ?? "nil") + "\n" + problems.joined(separator: "\n")
  }

  static func dump(_ value: YAMLValue) -> String {
    func at(_ location: IntakeKit.SourceLocation) -> String { "@\(location.line):\(location.column)" }
    switch value {
    case .scalar(let text, let style, let location): return "\(style)\(at(location)) \(text.debugDescription)"
    case .sequence(let items, let location): return "[\(at(location)) " + items.map(dump).joined(separator: ", ") + "]"
    case .mapping(let pairs, let location):
      return "{\(at(location)) "
        + pairs.map { "\($0.key.debugDescription)\(at($0.keyLocation)): \(dump($0.value))" }.joined(separator: ", ")
        + "}"
    }
  }

  static func current(_ text: String, _ file: String, _ sink: DiagnosticSink) -> YAMLValue? {
    YAMLValue.parse(text, file: file, sink: sink)
  }

  @Test func everyYAMLFileInTheRepositoryReadsAsTheTwoPassesReadIt() throws {
    let root = TestSupport.repositoryRoot
    var files: [URL] = []
    for folder in ["Dialogs", "Tests"] {
      let walker = FileManager.default.enumerator(
        at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        if url.pathExtension == "yaml" || url.pathExtension == "yml" { files.append(url) }
      }
    }
    #expect(files.count > 20)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      #expect(Self.outcome(Self.current, text) == Self.outcome(TwoPassReference.parse, text), "\(file.path)")
    }
  }

  static let cases: [String] = [
    "",
    "---\n",
    "a: 1\n",
    "a: 'x'\nb: \"y\"\nc: |\n  block\n  text\nd: >\n  folded\n  text\n",
    "- 1\n- [2, 3]\n- {a: b, c: [d]}\n",
    "a: 1\nb: 2\na: 3\n",
    "a: 1\nb: 2\nb: 3\na: 4\n",
    "outer:\n  inner: {x: 1, x: 2}\nouter: 3\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n---\nb: *x\n",
    "a: [1, 2\nb: 3\n",
    "a: b: c\n",
    "a:\n  - 1\n - 2\n",
    "a: \"unclosed\n",
    "a: 1\na: 2\nb: [\n",
    "text: \"He said: \"hi\"\"\n",
    "? [a, b]\n: value\nc: d\n",
    "? {a: b}\n: {c: {d: e}}\nf: g\n",
    "!!str a: 1\na: 2\n",
    "!!int 1: x\n1: y\n",
    "a: &anchor 1\nb: 2\n",
    "a: &anchor 1\nb: *anchor\n",
    "a: 1\nb: \u{7}\n",
    "a: 1\nb: 2\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: !custom x\n",
    "a: 1\n\tb: 2\n",
    "key with spaces: value\n\"quoted key\": 2\n",
    "a: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n",
    "a: {b: 1, b: 2}\nc: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n",
    "a: [b, c]: d\n",
    "- a\n- b: 1\n  b: 2\n",
    "a:\n  b:\n    c:\n      - d: 1\n        e: [f, g]\n",
    // Mappings past the keys looked for along a list (`listedKeys`): a key given again after,
    // first seen before and after the switch to a dictionary, and two given twice.
    (0..<20).map { "k\($0): \($0)\n" }.joined() + "k3: again\n",
    (0..<20).map { "k\($0): \($0)\n" }.joined() + "k18: again\n",
    (0..<17).map { "k\($0): \($0)\n" }.joined() + "k16: again\nk0: again\n",
    "m: {" + (0..<30).map { "k\($0): \($0)" }.joined(separator: ", ") + ", k29: x}\n",
    // The same key written composed and decomposed: one key, given twice (as Swift's strings
    // compare), though its bytes differ in length.
    "\u{E9}t\u{E9}: 1\ne\u{301}te\u{301}: 2\n",
    // Tagged keys: not the same key as the untagged text, the same as each other, and `!!str`
    // the same as none; after a tag, keys are kept in a dictionary.
    "1: a\n!!int 1: b\n",
    "!!int 1: a\nb: 2\n!!int 1: c\nb: 3\n",
    "a: 1\n!!str a: 2\n",
  ]

  /// Where the two differ, on purpose: the same list given twice as a key was "key
  /// '<uncovertable>' appears twice" (Yams's text for a key it cannot print); each is now
  /// reported as the key a dialog cannot have.
  @Test func theSameListTwiceAsAKeyIsReportedAsAKeyThatMustBeOneWord() {
    let text = "? [a]\n: 1\n? [a]\n: 2\n"
    #expect(
      Self.outcome(Self.current, text) == """
        {@1:1 }
        1:3 wrongType a key must be a single word, not a list or mapping
        3:3 wrongType a key must be a single word, not a list or mapping
        """)
    #expect(Self.outcome(TwoPassReference.parse, text).contains("'<uncovertable>' appears twice"))
  }

  @Test(arguments: cases) func aBrokenOrOddFileReadsAsTheTwoPassesReadIt(_ text: String) {
    #expect(Self.outcome(Self.current, text) == Self.outcome(TwoPassReference.parse, text))
  }
}

/// The reading `YAMLReader` replaced: a preflight over libyaml's events (a file too large,
/// aliases, nesting), then Yams composing a tree, converted into `YAMLValue`s.
private enum TwoPassReference {
  static func parse(_ text: String, file: String, sink: DiagnosticSink) -> YAMLValue? {
    if let problem = preflight(text, file: file) {
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
      sink.error(
        .yamlSyntax, "this file is not valid YAML", at: IntakeKit.SourceLocation(file: file, line: 1, column: 1))
      return nil
    }
    guard let root else { return .mapping([], IntakeKit.SourceLocation(file: file, line: 1, column: 1)) }
    return convert(root, file: file, sink: sink)
  }

  static func preflight(_ text: String, file: String) -> Diagnostic? {
    let byteCount = text.utf8.count
    if byteCount > YAMLReader.maximumFileBytes {
      return .error(
        .fileTooLarge,
        "this file is \(byteCount) bytes; a dialog file may be at most \(YAMLReader.maximumFileBytes) bytes (1 MiB)",
        at: IntakeKit.SourceLocation(file: file, line: 1, column: 1))
    }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer -> Diagnostic? in
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else { return nil }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var depth = 0
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        let location = IntakeKit.SourceLocation(
          file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return nil
        case YAML_ALIAS_EVENT:
          return .error(
            .yamlAlias, "YAML aliases (*name) are not supported in dialogs; write the value out", at: location)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
          depth += 1
          if depth > YAMLReader.maximumNesting {
            return .error(
              .yamlTooDeep,
              "lists and mappings are nested more than \(YAMLReader.maximumNesting) levels deep here; a dialog never needs this",
              at: location)
          }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
          depth -= 1
        default:
          break
        }
      }
    }
  }

  static func convert(_ node: Node, file: String, sink: DiagnosticSink) -> YAMLValue? {
    let location =
      node.mark.map { IntakeKit.SourceLocation(file: file, line: $0.line, column: $0.column) }
      ?? IntakeKit.SourceLocation(file: file, line: 1, column: 1)
    switch node {
    case .scalar(let scalar):
      let style: YAMLValue.ScalarStyle =
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: .quoted
        case .literal, .folded: .block
        default: .plain
        }
      return .scalar(scalar.string, style: style, location)
    case .sequence(let sequence):
      return .sequence(sequence.compactMap { convert($0, file: file, sink: sink) }, location)
    case .mapping(let mapping):
      var pairs: [(key: String, keyLocation: IntakeKit.SourceLocation, value: YAMLValue)] = []
      for (key, value) in mapping {
        let keyLocation =
          key.mark.map { IntakeKit.SourceLocation(file: file, line: $0.line, column: $0.column) } ?? location
        guard case .scalar(let keyScalar) = key else {
          sink.error(.wrongType, "a key must be a single word, not a list or mapping", at: keyLocation)
          continue
        }
        guard let converted = convert(value, file: file, sink: sink) else { continue }
        pairs.append((keyScalar.string, keyLocation, converted))
      }
      return .mapping(pairs, location)
    case .alias:
      sink.error(.yamlAlias, "YAML aliases (*name) are not supported in dialogs; write the value out", at: location)
      return nil
    }
  }

  static func location(of error: YamlError, file: String) -> IntakeKit.SourceLocation {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return IntakeKit.SourceLocation(file: file, line: mark.line, column: mark.column)
    case .duplicatedKeysInMapping(_, let context):
      return IntakeKit.SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
    default:
      return IntakeKit.SourceLocation(file: file, line: 1, column: 1)
    }
  }

  static func describe(_ error: YamlError) -> String {
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
