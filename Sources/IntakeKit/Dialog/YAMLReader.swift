import CYaml

/// Reads a dialog file's YAML into `YAMLValue`s in one pass over libyaml's events.
///
/// It replaces two passes: a preflight over the events (for the hostile files below), then
/// Yams composing a tree of its own `Node`s, which was converted into `YAMLValue`s. Composing
/// and converting were most of the time of reading a dialog (`intake check` on 10,000 questions,
/// the kiosk's start); this reads each event once and builds the value as it goes. What it
/// reports is what the two passes reported, in the same order (`YAMLReaderTests` compares them
/// on every dialog file in the repository and on broken and hostile files):
///
/// - a file too large, an alias (`*name`) or nesting deeper than `maximumNesting`: refused as
///   soon as it is seen, before anything else is reported (Yams resolves an alias by sharing the
///   anchored node, and expanding a shared tree grows ten lines of nested anchors, "billion
///   laughs", to billions of nodes; nesting is limited so that nothing recurses without bound);
/// - otherwise the first of: a mapping with a key twice (at the first of the duplicated keys, in
///   alphabetical order, when the mapping ends), a second document, a syntax error;
/// - otherwise the value, with a key that is a list or a mapping reported and left out.
///
/// libyaml's event parser keeps its own stack on the heap, and this reader keeps an explicit
/// stack, so no input makes either recurse.
struct YAMLReader {
  /// The largest dialog file read, in bytes (checked again here for `DialogFiles` that do not).
  static let maximumFileBytes = RefusedDialogFile.maximumBytes
  /// The deepest nesting of lists and mappings: the shipped dialog nests 7 levels deep.
  static let maximumNesting = 64

  typealias Pair = (key: String, keyLocation: SourceLocation, value: YAMLValue)

  /// A list or mapping being read: a class, so adding to it changes it in place (an enum or
  /// struct taken off the stack and put back copied its whole array at every item).
  private final class Frame {
    let isMapping: Bool
    let location: SourceLocation
    var items: [YAMLValue] = []
    var pairs: [Pair] = []
    /// The key read, waiting for its value; a nil text for a key that is a list or mapping.
    var key: (text: String?, location: SourceLocation)?
    /// Each key's first location, by its text and tag (Yams's notion of the same key). While the
    /// mapping is small and no key has a tag, as nearly every one is, a key's identity is its
    /// text and the pairs read so far are looked along (a dictionary for each mapping was a
    /// twelfth of `intake check` on 10,000 questions, and a list of keys beside the pairs, made
    /// and freed for every mapping, a twenty-fifth); past `listedKeys` keys, or once a key has a
    /// tag, every identity is kept in a dictionary, so a hostile mapping of many keys is not
    /// read in quadratic time.
    private var seenTable: [String: SourceLocation]? = nil
    static let listedKeys = 16
    var duplicates: [String: String] = [:]

    init(isMapping: Bool, location: SourceLocation) {
      self.isMapping = isMapping
      self.location = location
      // Room for a question's keys from the start: grown from one, the list was reallocated
      // four times over.
      if isMapping {
        pairs.reserveCapacity(Self.startingRoom)
      } else {
        items.reserveCapacity(Self.startingRoom)
      }
    }

    static let startingRoom = 8

    /// Where the key `identity` was first seen in this mapping; nil when it was not.
    func firstSeen(_ identity: String) -> SourceLocation? {
      if let seenTable { return seenTable[identity] }
      // No key has a tag yet, so identities are texts; every key read is in `pairs` (a key
      // whose value is not kept is a list or mapping, never seen).
      return YAMLPairs.firstPlace(of: identity, in: pairs)
    }

    /// Notes the key `identity` (`tagged` when it has a tag) at `location`: its first place, or
    /// a duplicate.
    func see(_ identity: String, text: String, tagged: Bool, at location: SourceLocation) {
      if seenTable == nil, tagged || YAMLPairs.count(of: pairs) >= Self.listedKeys {
        seenTable = YAMLPairs.firstPlaces(in: pairs)
      }
      guard firstSeen(identity) == nil else {
        duplicates[identity] = text
        return
      }
      seenTable?[identity] = location
    }

    /// Whether it is a mapping waiting for a key, not a value.
    var awaitsKey: Bool { isMapping && key == nil }
  }

  /// A scalar key: its text, and what tells it apart from other keys (the text and any tag:
  /// `!!int 1` and `1` are not the same key).
  private struct Key {
    var text: String
    var identity: String
    /// Whether it has a tag (its identity is then not its text).
    var tagged: Bool
  }

  /// What a list or mapping read through without being kept is.
  private enum Skipped {
    /// A key that is a list or mapping: reported, and its value left out with it.
    case key
    /// The value of such a key.
    case valueOfBadKey
    /// Anything after the first problem, read only for aliases and nesting.
    case afterProblem
  }

  let file: String

  /// The file's one document (nil when it holds none), its lesser problems reported to `sink`;
  /// the problem that stops it otherwise.
  static func read(_ text: String, file: String, sink: DiagnosticSink) -> Result<YAMLValue?, Diagnostic> {
    let byteCount = text.utf8.count
    if byteCount > maximumFileBytes {
      return .failure(
        .error(
          .fileTooLarge,
          "this file is \(byteCount) bytes; a dialog file may be at most \(maximumFileBytes) bytes (1 MiB)",
          at: SourceLocation(file: file, line: 1, column: 1)))
    }
    var bytes = Array(text.utf8)
    let reader = YAMLReader(file: file)
    return bytes.withUnsafeMutableBufferPointer { buffer in reader.read(buffer, text: text, sink: sink) }
  }

  private func location(_ mark: yaml_mark_t) -> SourceLocation {
    SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  private func read(_ buffer: UnsafeMutableBufferPointer<UInt8>, text: String, sink: DiagnosticSink) -> Result<
    YAMLValue?, Diagnostic
  > {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      return .failure(
        .error(.yamlSyntax, "YAML syntax: out of memory", at: SourceLocation(file: file, line: 1, column: 1)))
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)

    var stack: [Frame] = []
    var root: YAMLValue?
    var documents = 0
    /// The first problem Yams would have stopped at (a duplicated key, a second document): kept
    /// while the rest is read, since an alias or nesting anywhere is reported before it.
    var stopped: Diagnostic?
    /// Keys that are lists or mappings: reported only when the file is read without a problem.
    var badKeys: [Diagnostic] = []
    /// The depth of a list or mapping being read through without being kept, what it is and where
    /// it starts.
    var skipping = 0
    var skipped: (kind: Skipped, location: SourceLocation) = (
      .afterProblem, SourceLocation(file: file, line: 1, column: 1)
    )

    /// Whether the innermost open mapping is waiting for a key, not a value.
    func awaitingKey() -> Bool { stack.last?.awaitsKey == true }

    /// Whether the innermost open mapping is waiting for the value of a key that is a list or mapping.
    func awaitingValueOfBadKey() -> Bool {
      guard let frame = stack.last, frame.isMapping, let key = frame.key else { return false }
      return key.text == nil
    }

    /// A finished value (nil for one not kept): into the list or mapping around it, as a key or
    /// a value, or the document's root.
    func place(_ value: YAMLValue?, at location: SourceLocation, key: Key?) {
      guard let frame = stack.last else {
        root = value
        return
      }
      if !frame.isMapping {
        if let value { frame.items.append(value) }
      } else if let pending = frame.key {
        frame.key = nil
        if let text = pending.text, let value { frame.pairs.append((text, pending.location, value)) }
      } else if let key {
        frame.key = (key.text, location)
        frame.see(key.identity, text: key.text, tagged: key.tagged, at: location)
      } else {
        frame.key = (nil, location)
        badKeys.append(.error(.wrongType, "a key must be a single word, not a list or mapping", at: location))
      }
    }

    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else {
        return .failure(stopped ?? syntaxError(parser, text: text))
      }
      defer { yaml_event_delete(&event) }
      let at = location(event.start_mark)
      switch event.type {
      case YAML_STREAM_END_EVENT:
        if let stopped { return .failure(stopped) }
        badKeys.forEach(sink.report)
        return .success(root)
      case YAML_DOCUMENT_START_EVENT:
        documents += 1
        if documents == 2, stopped == nil {
          stopped = .error(
            .yamlSyntax, "YAML syntax: but found another document (expected a single document in the stream)", at: at)
        }
      case YAML_ALIAS_EVENT:
        return .failure(
          .error(.yamlAlias, "YAML aliases (*name) are not supported in dialogs; write the value out", at: at))
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        if stack.count + skipping + 1 > Self.maximumNesting {
          return .failure(
            .error(
              .yamlTooDeep,
              "lists and mappings are nested more than \(Self.maximumNesting) levels deep here; a dialog never needs this",
              at: at))
        }
        if skipping > 0 {
          skipping += 1
        } else if stopped != nil {
          (skipping, skipped) = (1, (.afterProblem, at))
        } else if awaitingKey() {
          (skipping, skipped) = (1, (.key, at))
        } else if awaitingValueOfBadKey() {
          (skipping, skipped) = (1, (.valueOfBadKey, at))
        } else {
          stack.append(Frame(isMapping: event.type == YAML_MAPPING_START_EVENT, location: at))
        }
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        if skipping > 0 {
          skipping -= 1
          if skipping == 0, skipped.kind != .afterProblem { place(nil, at: skipped.location, key: nil) }
          continue
        }
        guard let frame = stack.popLast() else { continue }
        if !frame.isMapping {
          place(.sequence(frame.items, frame.location), at: frame.location, key: nil)
          continue
        }
        if !frame.duplicates.isEmpty, stopped == nil {
          // As Yams: every key given twice, in order, at the first one's first place.
          let first = frame.duplicates.min { $0.value < $1.value }
          stopped = .error(
            .yamlSyntax,
            "key '\(frame.duplicates.values.sorted().joined(separator: "', '"))' appears twice in the same mapping; keep one",
            at: first.flatMap { frame.firstSeen($0.key) } ?? frame.location)
        }
        place(.mapping(frame.pairs, frame.location), at: frame.location, key: nil)
      case YAML_SCALAR_EVENT:
        guard skipping == 0 else { continue }
        let scalar = event.data.scalar
        let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
        let style: YAMLValue.ScalarStyle =
          switch scalar.style {
          case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
          case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
          default: .plain
          }
        var key: Key?
        if awaitingKey() {
          let tag = scalar.tag.map { String(cString: $0) }.flatMap { $0 == "tag:yaml.org,2002:str" ? nil : $0 }
          key = Key(text: value, identity: tag.map { value + "\u{0}" + $0 } ?? value, tagged: tag != nil)
        }
        place(.scalar(value, style: style, at), at: at, key: key)
      default:
        break
      }
    }
  }

  /// libyaml's problem, in the words and at the position Yams gave it.
  private func syntaxError(_ parser: yaml_parser_t, text: String) -> Diagnostic {
    let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
    switch parser.error {
    case YAML_READER_ERROR:
      return .error(
        .yamlSyntax, "this file cannot be read as UTF-8 text: \(problem)",
        at: SourceLocation(file: file, line: 1, column: 1))
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
      let at = location(parser.problem_mark)
      var message = "YAML syntax: \(problem)"
      if let context = parser.context { message += " (\(String(cString: context)))" }
      if let hint = YAMLHint.hint(text, line: at.line) { message += ". " + hint }
      return .error(.yamlSyntax, message, at: at)
    default:
      return .error(.yamlSyntax, "YAML syntax: out of memory", at: SourceLocation(file: file, line: 1, column: 1))
    }
  }
}
