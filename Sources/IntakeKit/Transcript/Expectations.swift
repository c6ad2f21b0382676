/// The `--- expect` block of a transcript: what the finished session must produce. Only the keys
/// written are checked, so an author can keep just the ones that matter.
public struct Expectations: Sendable, Equatable {
  /// A key and its values, in file order.
  public struct Item: Sendable, Equatable {
    public var key: Key
    public var values: [String]
    public var line: Int
  }

  public enum Key: String, Sendable, CaseIterable {
    /// How the session ended: submitted, quit, input-ended.
    case ending
    /// The outcome category's id, or `none`.
    case outcome
    /// Rules that must have fired.
    case findings
    /// Rules that must not have fired.
    case absent
    /// Escalations raised, as `rule (tier N)`.
    case escalations
    /// Instrument totals, as `id = total (band)`.
    case scores
    /// The summary's `##` headings, in order.
    case sections
    /// The questions for the psychiatrist, in order.
    case questions

    /// Keys whose values are listed one per line (they may contain commas).
    var isBlock: Bool { self == .questions }
  }

  public var items: [Item]

  public init(items: [Item]) { self.items = items }

  var lines: [String] {
    items.flatMap { item -> [String] in
      if item.key.isBlock { return ["\(item.key.rawValue):"] + item.values.map { "  - \($0)" } }
      if item.key == .ending || item.key == .outcome { return ["\(item.key.rawValue): \(item.values.first ?? "")"] }
      return ["\(item.key.rawValue): " + item.values.joined(separator: ", ")].map { $0.trimmingTrailingSpaces() }
    }
  }

  static func parse(_ lines: [String], firstLine: Int, path: String) throws(TranscriptError) -> Expectations {
    var items: [Item] = []
    for (offset, raw) in lines.enumerated() {
      let number = firstLine + offset
      let line = raw.trimmingTrailingSpaces()
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("  - ") || line.hasPrefix("- ") {
        guard let last = items.indices.last, items[last].key.isBlock else {
          throw TranscriptError(path: path, line: number, message: "a '- ' line belongs under 'questions:'")
        }
        items[last].values.append(
          line.trimmingSpaces().dropFirst(2).trimmingSpaces())
        continue
      }
      guard let colon = line.firstIndex(of: ":"), let key = Key(rawValue: String(line[..<colon])) else {
        throw TranscriptError(
          path: path, line: number,
          message: "expected one of \(Key.allCases.map { $0.rawValue + ":" }.joined(separator: " "))")
      }
      let rest = line[line.index(after: colon)...].trimmingSpaces()
      let values: [String] =
        key.isBlock || rest.isEmpty
        ? []
        : (key == .ending || key == .outcome
          ? [rest] : Self.split(rest))
      items.append(Item(key: key, values: values, line: number))
    }
    return Expectations(items: items)
  }

  /// A list at its commas, but not at those inside brackets: a score's band may hold one
  /// ("audit_c = 9 (Positive, high)").
  static func split(_ text: String) -> [String] {
    // ASCII, as rule and score names are: cut from the bytes (by `Character` it was most of
    // reading an expect block).
    if text.isASCII {
      var parts: [String] = []
      var depth = 0
      var start = text.utf8.startIndex
      var index = start
      while index < text.utf8.endIndex {
        switch text.utf8[index] {
        case UInt8(ascii: "("): depth += 1
        case UInt8(ascii: ")"): depth = max(0, depth - 1)
        case UInt8(ascii: ",") where depth == 0:
          parts.append(text[start..<index].trimmingSpaces())
          start = text.utf8.index(after: index)
        default: break
        }
        index = text.utf8.index(after: index)
      }
      parts.append(text[start...].trimmingSpaces())
      return parts
    }
    return splitByCharacter(text)
  }

  /// `split(_:)` by `Character`: the way for any text, and what the ASCII way must equal.
  static func splitByCharacter(_ text: String) -> [String] {
    // Cut as slices of the text (building each part a character at a time was a tenth of
    // reading a transcript).
    var parts: [String] = []
    var depth = 0
    var start = text.startIndex
    var index = text.startIndex
    while index < text.endIndex {
      switch text[index] {
      case "(": depth += 1
      case ")": depth = max(0, depth - 1)
      case "," where depth == 0:
        parts.append(text[start..<index].trimmingSpaces())
        start = text.index(after: index)
      default: break
      }
      index = text.index(after: index)
    }
    parts.append(text[start...].trimmingSpaces())
    return parts
  }
}

/// What a replayed session produced, in the terms of `Expectations`.
public struct SessionResult: Sendable, Equatable {
  public var values: [Expectations.Key: [String]]

  public init(session: Session, ending: KioskScreen.Ending?) {
    // The note's shape is what is compared (its headings, its findings), not its words.
    let summary = Summary(session: session, sessionID: "transcript", detail: .outline)
    let fired = Set(summary.screening.findings.map(\.rule))
    let rules = session.dialog.rules.map(\.id)
    values = [
      .ending: [ending?.rawValue ?? "unfinished"],
      .outcome: [summary.screening.outcome.category ?? "none"],
      .findings: rules.filter(fired.contains),
      .absent: rules.filter { !fired.contains($0) },
      .escalations: session.escalations.map { "\($0.rule) (tier \($0.tier))" },
      .scores: summary.screening.scores.map { score in
        "\(score.instrument) = "
          + (score.asked == false
            ? "not asked"
            : score.total.map { formatNumber($0) + (score.band.map { " (\($0))" } ?? "") } ?? "incomplete")
      },
      .sections: MarkdownRenderer.headings(summary),
      .questions: summary.screening.questions.map(\.text),
    ]
  }

  /// Expectations holding these results for `keys` (all keys when nil).
  public func expectations(keys: [Expectations.Key]? = nil) -> Expectations {
    Expectations(
      items: (keys ?? Expectations.Key.allCases).map { Expectations.Item(key: $0, values: values[$0] ?? [], line: 0) })
  }

  /// Each expectation this result does not meet, as a message naming the line.
  public func mismatches(with expectations: Expectations) -> [(line: Int, message: String)] {
    var problems: [(Int, String)] = []
    for item in expectations.items {
      let actual = values[item.key] ?? []
      switch item.key {
      case .findings:
        for rule in item.values where !actual.contains(rule) {
          problems.append((item.line, "expected finding '\(rule)', but it did not fire"))
        }
      case .absent:
        let fired = values[.findings] ?? []
        for rule in item.values where fired.contains(rule) {
          problems.append((item.line, "expected no finding '\(rule)', but it fired"))
        }
      default:
        guard actual != item.values else { continue }
        // Same length: name only the entries that changed, so a changed band reads as one line.
        let (expected, got) =
          actual.count == item.values.count
          ? (
            zip(item.values, actual).filter { $0 != $1 }.map(\.0), zip(item.values, actual).filter { $0 != $1 }.map(\.1)
          )
          : (item.values, actual)
        problems.append(
          (item.line, "\(item.key.rawValue): expected \(Self.describe(expected)), got \(Self.describe(got))"))
      }
    }
    return problems
  }

  private static func describe(_ values: [String]) -> String {
    values.isEmpty ? "nothing" : values.map { "'\($0)'" }.joined(separator: ", ")
  }
}
