import CYaml

/// Checks a dialog file's YAML before it is composed into nodes, so a hostile file cannot make the
/// reader use unbounded memory, time or stack.
///
/// Yams resolves an alias by sharing the anchored node, and turning that shared tree into
/// `YAMLValue`s (or hashing it as a mapping key) expands every alias: ten lines of nested
/// anchors ("billion laughs") grow to billions of nodes. Nesting is limited because composing and
/// converting recurse once per level. libyaml's event parser keeps its own stack on the heap, so
/// walking its events is safe for any input; the walk stops at the first problem.
enum YAMLPreflight {
  /// The largest dialog file read, in bytes (checked again here for `DialogFiles` that do not).
  static let maximumFileBytes = RefusedDialogFile.maximumBytes
  /// The deepest nesting of lists and mappings: the shipped dialog nests 7 levels deep.
  static let maximumNesting = 64

  /// The first problem found, or nil when the text may be composed. Syntax errors are left to
  /// the composer, which describes them.
  static func problem(in text: String, file: String) -> Diagnostic? {
    let byteCount = text.utf8.count
    if byteCount > maximumFileBytes {
      return .error(
        .fileTooLarge,
        "this file is \(byteCount) bytes; a dialog file may be at most \(maximumFileBytes) bytes (1 MiB)",
        at: SourceLocation(file: file, line: 1, column: 1))
    }
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in scan(buffer, file: file) }
  }

  private static func scan(_ buffer: UnsafeMutableBufferPointer<UInt8>, file: String) -> Diagnostic? {
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
      let location = SourceLocation(
        file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return nil
      case YAML_ALIAS_EVENT:
        return .error(
          .yamlAlias, "YAML aliases (*name) are not supported in dialogs; write the value out", at: location)
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        depth += 1
        if depth > maximumNesting {
          return .error(
            .yamlTooDeep,
            "lists and mappings are nested more than \(maximumNesting) levels deep here; a dialog never needs this",
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
