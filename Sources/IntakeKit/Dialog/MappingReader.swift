/// Reads one YAML mapping against the keys the format allows, reporting unknown keys (with a
/// suggestion), missing required keys and values of the wrong type, all with positions.
struct MappingReader {
  let pairs: [(key: String, keyLocation: SourceLocation, value: YAMLValue)]
  let location: SourceLocation
  let sink: DiagnosticSink
  /// What this mapping is, for messages: "question 'phq9_1'".
  let subject: String

  /// Returns nil (after reporting) when `value` is not a mapping.
  init?(_ value: YAMLValue, subject: String, allowed: [String], sink: DiagnosticSink) {
    guard case .mapping(let pairs, let location) = value else {
      sink.error(
        .wrongType, "\(subject) must be a mapping of keys to values, not \(value.kindName)", at: value.location)
      return nil
    }
    self.pairs = pairs
    self.location = location
    self.sink = sink
    self.subject = subject
    for pair in pairs where !allowed.contains(where: { Self.same(pair.key, $0) }) {
      var message = "unknown key '\(pair.key)' in \(subject)"
      if let suggestion = closestMatch(to: pair.key, in: allowed) {
        message += "; did you mean '\(suggestion)'?"
      } else {
        message += "; allowed keys are: \(allowed.joined(separator: ", "))"
      }
      sink.error(.unknownKey, message, at: pair.keyLocation)
    }
  }

  func has(_ key: String) -> Bool { pairs.contains { Self.same($0.key, key) } }

  func value(_ key: String) -> YAMLValue? { pairs.first { Self.same($0.key, key) }?.value }

  func keyLocation(_ key: String) -> SourceLocation? { pairs.first { Self.same($0.key, key) }?.keyLocation }

  /// Whether a key written in the file is `wanted`, a key of the format (lower-case letters,
  /// digits and underscores). Keys of another length are told apart by it, without comparing
  /// their text (nearly every comparison, at every key asked of every question: a twentieth of
  /// reading the dialog). Exact for such keys: no text of another length is canonically
  /// equivalent to one of them (the only characters that stand for ASCII ones stand for `;`,
  /// `` ` `` and `K`).
  static func same(_ written: String, _ wanted: String) -> Bool {
    written.utf8.count == wanted.utf8.count && written == wanted
  }

  private func missing(_ key: String) {
    sink.error(.missingKey, "\(subject) needs a '\(key)'", at: location)
  }

  /// A scalar as text. Quoted or not, the text is exactly what the author wrote.
  func string(_ key: String, required: Bool = false) -> Located<String>? {
    guard let value = value(key) else {
      if required { missing(key) }
      return nil
    }
    return Self.scalar(value, what: "'\(key)' in \(subject)", sink: sink)
  }

  /// `what` is written only when the value is not a scalar: read at every key of every question,
  /// making its words each time was a twentieth of `intake check`.
  static func scalar(_ value: YAMLValue, what: @autoclosure () -> String, sink: DiagnosticSink) -> Located<String>? {
    guard case .scalar(let text, _, let location) = value else {
      sink.error(.wrongType, "\(what()) must be a single value, not \(value.kindName)", at: value.location)
      return nil
    }
    return Located(text, at: location)
  }

  func bool(_ key: String) -> Located<Bool>? {
    guard let text = string(key) else { return nil }
    switch text.value {
    case "true": return Located(true, at: text.location)
    case "false": return Located(false, at: text.location)
    default:
      sink.error(.wrongType, "'\(key)' in \(subject) must be true or false, not '\(text.value)'", at: text.location)
      return nil
    }
  }

  func int(_ key: String, required: Bool = false) -> Located<Int>? {
    guard let text = string(key, required: required) else { return nil }
    guard let number = Int(text.value) else {
      sink.error(.wrongType, "'\(key)' in \(subject) must be a whole number, not '\(text.value)'", at: text.location)
      return nil
    }
    return Located(number, at: text.location)
  }

  func number(_ key: String) -> Located<Double>? {
    guard let text = string(key) else { return nil }
    guard let number = Double(text.value), number.isFinite else {
      sink.error(.wrongType, "'\(key)' in \(subject) must be a number, not '\(text.value)'", at: text.location)
      return nil
    }
    return Located(number, at: text.location)
  }

  /// A list of scalars; a single scalar is accepted as a list of one.
  func strings(_ key: String) -> [Located<String>]? {
    guard let value = value(key) else { return nil }
    switch value {
    case .scalar:
      return MappingReader.scalar(value, what: "'\(key)'", sink: sink).map { [$0] }
    case .sequence(let items, _):
      return items.compactMap { MappingReader.scalar($0, what: "each item of '\(key)' in \(subject)", sink: sink) }
    case .mapping:
      sink.error(.wrongType, "'\(key)' in \(subject) must be a list, not \(value.kindName)", at: value.location)
      return nil
    }
  }

  /// The items of a list-valued key.
  func list(_ key: String, required: Bool = false) -> [YAMLValue]? {
    guard let value = value(key) else {
      if required { missing(key) }
      return nil
    }
    guard case .sequence(let items, _) = value else {
      sink.error(.wrongType, "'\(key)' in \(subject) must be a list, not \(value.kindName)", at: value.location)
      return nil
    }
    return items
  }
}

/// A value read from a dialog file, with where it was written.
public struct Located<Value> {
  public var value: Value
  public var location: SourceLocation

  public init(_ value: Value, at location: SourceLocation) {
    self.value = value
    self.location = location
  }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
///
/// Only words up to `suggestionLength` scalars get a suggestion, and only candidates whose length
/// is within the allowed distance are compared: the distance table costs the product of the two
/// lengths, and a hostile file could otherwise compare two 500,000-character names (2 TB).
func closestMatch(to word: String, in candidates: [String]) -> String? {
  let length = word.unicodeScalars.count
  guard length <= suggestionLength else { return nil }
  let allowed = max(1, word.count / 3)
  let scored = candidates.filter { abs($0.unicodeScalars.count - length) <= allowed }.map {
    ($0, editDistance(word.lowercased(), $0.lowercased()))
  }
  guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
  return best.1 <= allowed ? best.0 : nil
}

/// The longest word that gets a "did you mean" suggestion; nobody mistypes a longer id.
let suggestionLength = 64

/// Edit distance over Unicode scalars, counting a swap of two neighbours as one edit (optimal
/// string alignment), since "txet" for "text" is the commonest typo in a key.
func editDistance(_ a: String, _ b: String) -> Int {
  editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
}

/// The distance between `a` and `b` when it is at most `bound`, else nil: what a search for near
/// spellings asks. It stops at the first two rows of the table whose every cell is past the bound
/// (a cell comes from the row above, its left or two rows up, so no later cell can come back
/// under it): most of a lexicon's names differ from a typed word within its first letters, and
/// the whole table for each of them was a twentieth of a replay. The rows live on the stack.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
  guard bound >= 0, abs(a.count - b.count) <= bound else { return nil }
  if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
  let width = b.count + 1
  return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { cells -> Int? in
    var twoBack = 0
    var previous = width
    var row = 2 * width
    for j in 0..<width {
      cells[twoBack + j] = 0
      cells[previous + j] = j
    }
    var previousMinimum = 0
    for i in 1...a.count {
      cells[row] = i
      var minimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var cell = min(cells[previous + j] + 1, cells[row + j - 1] + 1, cells[previous + j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cell = min(cell, cells[twoBack + j - 2] + 1) }
        cells[row + j] = cell
        minimum = min(minimum, cell)
      }
      if minimum > bound, previousMinimum > bound { return nil }
      previousMinimum = minimum
      (twoBack, previous, row) = (previous, row, twoBack)
    }
    let distance = cells[previous + b.count]
    return distance <= bound ? distance : nil
  }
}

/// The same distance over scalars already taken apart (a lexicon keeps each spelling's), in
/// three rows of the table, not the whole table.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  let width = b.count + 1
  var twoBack = [Int](repeating: 0, count: width)
  var previous = Array(0...b.count)
  var row = [Int](repeating: 0, count: width)
  for i in 1...a.count {
    row[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        row[j] = min(row[j], twoBack[j - 2] + 1)
      }
    }
    (twoBack, previous, row) = (previous, row, twoBack)
  }
  return previous[b.count]
}
