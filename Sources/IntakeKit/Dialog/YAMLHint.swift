/// Plain words beside libyaml's message for the mistakes authors make most: a tab used to indent,
/// and a line indented differently from the one above it ("mapping values are not allowed in
/// this context" means little to someone who only moved `label:` two spaces).
enum YAMLHint {
  /// A hint for a syntax error reported at `line` (1-based) of `text`, or nil.
  static func hint(_ text: String, line: Int) -> String? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard line >= 1, line <= lines.count else { return nil }
    // A tab in the indentation, at the line or just before it.
    for number in [line, line - 1] where number >= 1 {
      if lines[number - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t" as Character) {
        return "Line \(number) is indented with a tab; YAML indents with spaces only"
      }
    }
    // A value that starts with a quote and goes on after it: `when: "pain" in reasons`.
    for number in [line, line - 1] where number >= 1 {
      if let fixed = quotedStart(lines[number - 1]) {
        return "Line \(number)'s value starts with a quote, so YAML takes only what is inside the quotes and "
          + "cannot read the rest; put the whole value in single quotes: \(fixed)"
      }
    }
    func indent(_ text: String) -> Int { text.prefix { $0 == " " }.count }
    let here = lines[line - 1]
    guard !here.trimmingSpaces().isEmpty else { return nil }
    // The line above that says something (not blank, not a comment).
    guard
      let above = (1..<line).reversed().first(where: {
        let trimmed = lines[$0 - 1].trimmingSpaces()
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
      })
    else { return nil }
    let mine = indent(here)
    let aboveText = lines[above - 1].trimmingSpaces()
    // A list item's keys start after its dash: `- id: x` at 6 spaces has its keys at 8 (measured
    // from the dash, the hint told a trial author to move a key to 6, which broke it again).
    var theirs = indent(lines[above - 1])
    if aboveText.hasPrefix("- ") { theirs += 1 + aboveText.dropFirst().prefix { $0 == " " }.count }
    let opensBlock = aboveText.hasSuffix(":") || aboveText.hasSuffix("|") || aboveText.hasSuffix(">")
    if mine > theirs, !opensBlock {
      return "Line \(line) is indented more than line \(above) above it (\(mine) spaces against \(theirs)); "
        + "keys of the same mapping line up, and only a key with nothing after its ':' takes an indented block"
    }
    if mine < theirs, opensBlock {
      return "Line \(line) is indented less than line \(above) above it, which opens a block (\(mine) spaces "
        + "against \(theirs)); the block's lines go further right"
    }
    if mine < theirs {
      // Going back left must land where an earlier key or list item starts.
      var columns = Set<Int>()
      for number in 1..<line {
        let text = lines[number - 1]
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
        columns.insert(indent(text))
        if trimmed.hasPrefix("- ") { columns.insert(indent(text) + 2) }
      }
      if !columns.contains(mine) {
        // Every column as near as the nearest, in order: two equally near ones are both said (a
        // set's order picked one or the other from run to run).
        let distance = columns.map { abs($0 - mine) }.min() ?? abs(theirs - mine)
        let nearest = columns.isEmpty ? [theirs] : columns.filter { abs($0 - mine) == distance }.sorted()
        return "Line \(line) is indented \(mine) spaces, which lines up with nothing above it; the lines of the "
          + "same mapping or list line up (the nearest above are at "
          + nearest.map(String.init).joined(separator: " and ") + " spaces)"
      }
    }
    return nil
  }

  /// `key: "a" b` written as `key: '"a" b'`, or nil when the line is not one.
  static func quotedStart(_ line: String) -> String? {
    guard let colon = line.range(of: ": \""), !line.trimmingSpaces().hasPrefix("#") else {
      return nil
    }
    let value = line[line.index(before: colon.upperBound)...]
    guard let close = value.dropFirst().firstIndex(of: "\"") else { return nil }
    let rest = value[value.index(after: close)...].trimmingSpaces()
    guard !rest.isEmpty, !rest.hasPrefix("#") else { return nil }
    let key = line[..<colon.lowerBound].trimmingSpaces()
    return "\(key): '\(value.trimmingSpaces())'"
  }
}
