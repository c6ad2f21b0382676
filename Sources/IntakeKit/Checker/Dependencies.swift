/// Which answers an expression reads, through computed values.
enum Dependencies {
  struct Read {
    var name: String
    var location: SourceLocation
    /// Read inside `answered(...)`, or through a computed value (whose author chose how missing
    /// counts), so no warning is due.
    var guarded: Bool
  }

  static func reads(_ expression: Expression, dialog: Dialog) -> [Read] {
    var result: [Read] = []
    var guardedNames = Set<String>()
    expression.visit { node in
      if case .call("answered", let arguments) = node.kind, case .reference(let name, _)? = arguments.first?.kind {
        guardedNames.insert(name)
      }
    }
    collect(expression, dialog: dialog, into: &result, recordGroup: nil)
    return result.map {
      Read(name: $0.name, location: $0.location, guarded: $0.guarded || guardedNames.contains($0.name))
    }
  }

  private static func collect(_ expression: Expression, dialog: Dialog, into result: inout [Read], recordGroup: String?)
  {
    switch expression.kind {
    case .reference(let name, _):
      if let recordGroup, dialog.questions[name]?.group == recordGroup { return }
      let viaComputed = dialog.computed[name] != nil
      for expanded in expand(name, dialog: dialog) {
        result.append(Read(name: expanded, location: expression.location, guarded: viaComputed))
      }
    case .call(let name, let arguments) where ["any", "all", "count"].contains(name) && arguments.count == 2:
      collect(arguments[0], dialog: dialog, into: &result, recordGroup: recordGroup)
      var group: String?
      if case .reference(let id, _) = arguments[0].kind { group = id }
      collect(arguments[1], dialog: dialog, into: &result, recordGroup: group)
    case .call(_, let arguments):
      arguments.forEach { collect($0, dialog: dialog, into: &result, recordGroup: recordGroup) }
    case .list(let items): items.forEach { collect($0, dialog: dialog, into: &result, recordGroup: recordGroup) }
    case .not(let inner), .negate(let inner): collect(inner, dialog: dialog, into: &result, recordGroup: recordGroup)
    case .binary(_, let lhs, let rhs):
      collect(lhs, dialog: dialog, into: &result, recordGroup: recordGroup)
      collect(rhs, dialog: dialog, into: &result, recordGroup: recordGroup)
    case .number, .text, .bool: break
    }
  }

  /// The question ids a name stands for: itself, or every answer a computed value reads.
  static func expand(_ name: String, dialog: Dialog, visiting: Set<String> = []) -> [String] {
    guard let computed = dialog.computed[name] else { return dialog.questions[name] == nil ? [] : [name] }
    guard !visiting.contains(name) else { return [] }
    var names: [String] = []
    var pending: [Read] = []
    collect(computed.expression, dialog: dialog, into: &pending, recordGroup: nil)
    for read in pending where !names.contains(read.name) { names.append(read.name) }
    return names
  }
}

extension Dependencies {
  /// Every question an expression can read, record fields and their groups included, through
  /// computed values: the questions whose answers can change its value.
  static func questions(in expression: Expression, dialog: Dialog) -> Set<String> {
    var found = Set<String>()
    var memo: [String: Set<String>] = [:]
    expression.visit { node in
      if case .reference(let name, _) = node.kind {
        found.formUnion(questions(readBy: name, dialog: dialog, memo: &memo))
      }
    }
    return found
  }

  /// The questions a name stands for: a question (and its group, for a record field), or every
  /// question a computed value reads.
  static func questions(readBy name: String, dialog: Dialog) -> Set<String> {
    var memo: [String: Set<String>] = [:]
    return questions(readBy: name, dialog: dialog, memo: &memo)
  }

  /// The questions a name stands for, with the computed values already worked out in `computed`
  /// (filled as it goes): without recursion, so computed values that chain thousands deep or
  /// loop (a loop adds nothing) are read like any others.
  static func questions(readBy name: String, dialog: Dialog, memo computed: inout [String: Set<String>])
    -> Set<String>
  {
    if let question = dialog.questions[name] { return question.group.map { [name, $0] } ?? [name] }
    guard dialog.computed[name] != nil else { return [] }
    var pending: [(name: String, expanded: Bool)] = [(name, false)]
    // Values whose references are being worked out: met again, they are a loop.
    var open = Set<String>()
    while let (current, expanded) = pending.popLast() {
      guard computed[current] == nil, let value = dialog.computed[current] else { continue }
      var inner: [String] = []
      value.expression.visit { node in
        if case .reference(let reference, _) = node.kind { inner.append(reference) }
      }
      if expanded {
        var found = Set<String>()
        for reference in inner {
          if let question = dialog.questions[reference] {
            found.insert(reference)
            if let group = question.group { found.insert(group) }
          } else {
            // A value still being worked out reads back into itself: a loop adds nothing.
            found.formUnion(computed[reference] ?? [])
          }
        }
        computed[current] = found
        open.remove(current)
      } else if open.insert(current).inserted {
        pending.append((current, true))
        for reference in inner
        where dialog.computed[reference] != nil && computed[reference] == nil && !open.contains(reference) {
          pending.append((reference, false))
        }
      }
    }
    return computed[name] ?? []
  }
}
