/// What a set of replayed sessions exercised: every question shown, every option chosen, every
/// `when` and branch condition seen both true and false, every rule fired and not fired, every
/// psychiatrist question produced and not produced.
public struct Coverage: Sendable {
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case node, option, condition, rule, question
  }

  /// One thing to cover, with where it is written.
  public struct Item: Sendable, Hashable, Codable {
    public var kind: Kind
    /// A stable key: `node:phq9_1`, `option:ride_home=drive_self`, `when:htn_controlled=false`,
    /// `branch:date_of_birth#0=true`, `rule:maoi=fired`, `question:maoi#0=produced`.
    public var key: String
    public var description: String
    public var location: SourceLocation
  }

  public let items: [Item]
  public private(set) var covered: Set<String> = []
  /// Items path analysis proved no answer sequence reaches: listed, but not counted.
  public private(set) var unreachable: Set<String> = []

  public init(dialog: Dialog) {
    var items: [Item] = []
    let ordered = dialog.sections.flatMap(\.questionIDs).flatMap { id -> [String] in
      guard case .repeatGroup(let group)? = dialog.questions[id]?.kind else { return [id] }
      return [id] + group.items
    }
    for id in ordered {
      guard let question = dialog.questions[id] else { continue }
      items.append(
        Item(kind: .node, key: "node:\(id)", description: "'\(id)' never shown", location: question.location))
      var options = question.options
      if case .repeatGroup = question.kind { options = Question.yesNoOptions }
      for option in options {
        items.append(
          Item(
            kind: .option, key: "option:\(id)=\(option.id)",
            description: "option '\(option.id)' of '\(id)' never chosen",
            // Scale options are shared in the manifest: the item's own line says more.
            location: question.kind.isScale ? question.location : option.location ?? question.location))
      }
      if let condition = question.when {
        for value in [true, false] {
          items.append(
            Item(
              kind: .condition, key: "when:\(id)=\(value)",
              description: "'when' of '\(id)' (\(condition.source)) never \(value)", location: condition.location))
        }
      }
      for (index, branch) in question.branches.enumerated() {
        for value in [true, false] {
          items.append(
            Item(
              kind: .condition, key: "branch:\(id)#\(index)=\(value)",
              description: "branch \(index + 1) of '\(id)' (\(branch.condition.source)) never \(value)",
              location: branch.condition.location))
        }
      }
    }
    for rule in dialog.rules {
      for fired in [true, false] {
        items.append(
          Item(
            kind: .rule, key: "rule:\(rule.id)=\(fired ? "fired" : "not-fired")",
            description: "rule '\(rule.id)' never \(fired ? "fired" : "seen not firing")", location: rule.location))
      }
      for index in rule.questions.indices {
        for produced in [true, false] {
          items.append(
            Item(
              kind: .question, key: "question:\(rule.id)#\(index)=\(produced ? "produced" : "not-produced")",
              description:
                "psychiatrist question \(index + 1) of rule '\(rule.id)' never \(produced ? "produced" : "seen absent")",
              location: rule.location))
        }
      }
    }
    self.items = items
  }

  /// Adds what `session` exercised.
  public mutating func record(_ session: Session) {
    covered.formUnion(Self.items(coveredBy: session))
  }

  /// Adds what `items(coveredBy:)` found for a session (worked out where the session was).
  public mutating func record(items: Set<String>) {
    covered.formUnion(items)
  }

  /// The keys of the items one session covers: what `record` adds. A function of the session
  /// alone, so `intake test` works it out on the thread that replayed the transcript.
  public static func items(coveredBy session: Session) -> Set<String> {
    items(coveredBy: session, fired: Set(Screening.evaluate(session).findings.map(\.rule)))
  }

  /// The same, for a session whose fired rules are known (a replay has scored it already).
  public static func items(coveredBy session: Session, fired: Set<String>) -> Set<String> {
    pathItems(coveredBy: session).union(ruleItems(of: session.dialog, firedOnSome: fired, firedOnEvery: fired))
  }

  /// The keys of what one session's path covers: its questions, the options chosen, how its
  /// conditions went; not its rules (`ruleItems`).
  public static func pathItems(coveredBy session: Session) -> Set<String> {
    var covered = Set<String>()
    for id in session.visited { covered.insert("node:\(id)") }
    covered.formUnion(Self.chosenOptions(in: session))
    for (site, values) in session.conditionOutcomes() {
      for value in values {
        switch site {
        case .when(let id): covered.insert("when:\(id)=\(value)")
        case .branch(let id, let index): covered.insert("branch:\(id)#\(index)=\(value)")
        }
      }
    }
    return covered
  }

  /// The keys of the rules' items over one or more journeys, given the rules that fired on
  /// some of them and those that fired on every one: a rule is covered firing where some journey
  /// fired it, and not firing where some journey did not. What each journey's `items` adds for
  /// its rules, gathered over many journeys and worked out once (`intake test`: a rule's keys
  /// for every journey were a twentieth of its replay).
  public static func ruleItems(of dialog: Dialog, firedOnSome: Set<String>, firedOnEvery: Set<String>) -> Set<String> {
    var covered = Set<String>()
    for rule in dialog.rules {
      for didFire in [true, false] where didFire ? firedOnSome.contains(rule.id) : !firedOnEvery.contains(rule.id) {
        covered.insert("rule:\(rule.id)=\(didFire ? "fired" : "not-fired")")
        for index in rule.questions.indices {
          covered.insert("question:\(rule.id)#\(index)=\(didFire ? "produced" : "not-produced")")
        }
      }
    }
    return covered
  }

  /// The option keys `session`'s answers chose (`option:q=a`; a repeat group's yes and no).
  static func chosenOptions(in session: Session) -> Set<String> {
    let dialog = session.dialog
    var chosen = Set<String>()
    func chose(_ id: String, _ value: Value) {
      switch value {
      case .bool(let yes): chosen.insert("option:\(id)=\(yes ? "yes" : "no")")
      case .choice(let option): chosen.insert("option:\(id)=\(option)")
      case .choices(let options): for option in options { chosen.insert("option:\(id)=\(option)") }
      case .number(let score):
        if case .scale(_, let options)? = dialog.questions[id]?.kind,
          let option = options.first(where: { $0.score == score })
        {
          chosen.insert("option:\(id)=\(option.id)")
        }
      case .records(let records):
        if !records.isEmpty { chosen.insert("option:\(id)=yes") }
        for record in records { for (field, fieldValue) in record { chose(field, fieldValue) } }
      default: break
      }
    }
    for (id, value) in session.answers.values { chose(id, value) }
    for group in session.answers.closedGroups { chosen.insert("option:\(group)=no") }
    return chosen
  }

  /// Sorts what `analysis` proved unreachable, with what follows from it (the options of a
  /// question never shown, the psychiatrist questions of a rule that never fires): what is meant
  /// never to happen (`Dormancy`) is left out of the count; the rest is dead code and stays
  /// counted as not covered. Added to what was left out before (`excludeSettled(in:)`).
  public mutating func exclude(provedBy analysis: PathAnalysis) {
    var keys = Set(analysis.unreachable.map(\.key))
    // Read from the keys' bytes (`option:q=a`, `question:rule#0=produced`): splitting every key
    // into strings was most of the work `intake test` does after its journeys, on one core.
    for item in items {
      let key = item.key.utf8
      switch item.kind {
      case .option:
        guard let colon = key.firstIndex(of: UInt8(ascii: ":")),
          let equals = key[colon...].firstIndex(of: UInt8(ascii: "="))
        else { continue }
        if keys.contains("node" + item.key[colon..<equals]) { keys.insert(item.key) }
      case .question:
        guard item.key.hasSuffix("=produced"), let colon = key.firstIndex(of: UInt8(ascii: ":")),
          let hash = key[colon...].firstIndex(of: UInt8(ascii: "#"))
        else { continue }
        if keys.contains("rule" + item.key[colon..<hash] + "=fired") { keys.insert(item.key) }
      default: continue
      }
    }
    keys.subtract(covered)
    var meant = Set<String>()
    for key in keys {
      guard let reason = Dormancy.reason(for: key, in: analysis.dialog) else { continue }
      intended[key] = reason
      meant.insert(key)
    }
    unreachable.formUnion(meant)
    dead.formUnion(keys.subtracting(meant))
  }

  /// Leaves out of the count what the clinic's settings alone keep from ever happening
  /// (`Dormancy.isSettled`: a condition that folds to a constant whatever is answered), which
  /// needs no path analysis to prove: `intake test` asks the analysis only about the rest, and
  /// none at all when nothing else is missing. What an author marks `dormant:` is left for the
  /// analysis to prove.
  public mutating func excludeSettled(in dialog: Dialog) {
    for item in items where !covered.contains(item.key) && !unreachable.contains(item.key) {
      guard Dormancy.isSettled(item.key, in: dialog), let reason = Dormancy.reason(for: item.key, in: dialog) else {
        continue
      }
      intended[item.key] = reason
      unreachable.insert(item.key)
    }
  }

  /// Why each item left out of the count is meant never to happen.
  public private(set) var intended: [String: String] = [:]
  /// Items path analysis proved no answer sequence reaches that nothing marks as meant: dead
  /// code, counted as not covered.
  public private(set) var dead: Set<String> = []

  /// Items neither covered nor proved unreachable.
  public var missing: [Item] { items.filter { !covered.contains($0.key) && !unreachable.contains($0.key) } }

  /// Items meant never to happen (and not covered anyway), left out of the count.
  public var provedUnreachable: [Item] { items.filter { unreachable.contains($0.key) } }

  /// Dead items: proved unreachable, not meant; among `missing`.
  public var provedDead: [Item] { items.filter { dead.contains($0.key) } }

  public var reachableCount: Int { items.count - unreachable.count }

  public var coveredCount: Int { items.filter { covered.contains($0.key) }.count }

  /// The share of reachable items covered, 0...100.
  public var percent: Double { reachableCount == 0 ? 100 : Double(coveredCount) * 100 / Double(reachableCount) }

  /// Covered and reachable totals per kind.
  public func counts(_ kind: Kind) -> (covered: Int, total: Int) {
    let ofKind = items.filter { $0.kind == kind && !unreachable.contains($0.key) }
    return (ofKind.filter { covered.contains($0.key) }.count, ofKind.count)
  }
}
