/// Which of a dialog's items may never happen on purpose: a question, branch or rule the author
/// marked `dormant: <why>`, or a condition the clinic's settings turn off (a policy the clinic
/// does not use). Anything else that no answer sequence reaches is dead code: `intake check`
/// reports it as an error and coverage counts it as not covered.
public enum Dormancy {
  /// Why the coverage item `key` may never happen by the author's or the clinic's choice; nil
  /// when nothing says it is meant.
  public static func reason(for key: String, in dialog: Dialog) -> String? {
    reason(for: key, in: dialog, authors: true)
  }

  /// Whether the clinic's settings alone keep the coverage item `key` from ever happening: a
  /// condition on its way that folds to a constant whatever is answered (`ConstantFolding`). That
  /// is a proof on its own, so `intake test` needs no path analysis for it. An author's `dormant:`
  /// is not a proof (the author may be wrong): path analysis still has to show it unreachable.
  public static func isSettled(_ key: String, in dialog: Dialog) -> Bool {
    reason(for: key, in: dialog, authors: false) != nil
  }

  /// Why `key` may never happen; with `authors` false, only the clinic's settings count.
  private static func reason(for key: String, in dialog: Dialog, authors: Bool) -> String? {
    let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    let body = parts[1]
    let settings = "the clinic's settings turn it off"
    func folds(_ condition: Expression?, to value: Bool) -> Bool {
      condition.map { ConstantFolding.truth(of: $0, in: dialog) == value } ?? false
    }
    switch parts[0] {
    case "node":
      // A screen an escalation shows interrupts whatever its own `when` says.
      if !authors, shownByEscalation(body, dialog) { return nil }
      return question(body, dialog, authors: authors)
    case "option":
      // The options of a question that is meant never to show.
      guard let id = body.split(separator: "=").first else { return nil }
      if !authors, shownByEscalation(String(id), dialog) { return nil }
      return question(String(id), dialog, authors: authors)
    case "when":
      let pieces = body.split(separator: "=").map(String.init)
      guard pieces.count == 2, let question = dialog.questions[pieces[0]] else { return nil }
      if authors, let dormant = Self.question(pieces[0], dialog, authors: true) { return dormant }
      // As a proof, the question's own `when` counts only for the value it can never take: a
      // `when` the settings make false is seen false at every journey that passes the question.
      if !authors, let group = question.group, Self.question(group, dialog, authors: false) != nil { return settings }
      return folds(question.when, to: pieces[1] != "true") ? settings : nil
    case "branch":
      let pieces = body.split(separator: "=").map(String.init)
      let site = pieces[0].split(separator: "#").map(String.init)
      guard pieces.count == 2, site.count == 2, let index = Int(site[1]), let question = dialog.questions[site[0]],
        question.branches.indices.contains(index)
      else { return nil }
      let branch = question.branches[index]
      // As a proof, a screen an escalation shows may be reached whatever its `when` says.
      let reached = !authors && shownByEscalation(site[0], dialog)
      if let dormant = (authors ? branch.dormant : nil)
        ?? (reached ? nil : Self.question(site[0], dialog, authors: authors))
      {
        return dormant
      }
      return folds(branch.condition, to: pieces[1] != "true") ? settings : nil
    case "rule", "question":
      // A psychiatrist question follows its rule: produced when it fires.
      let separator: Character = parts[0] == "rule" ? "=" : "#"
      guard let id = body.split(separator: separator).first.map(String.init),
        let rule = dialog.rules.first(where: { $0.id == id })
      else { return nil }
      if authors, let dormant = rule.dormant { return dormant }
      let fires = body.hasSuffix("=fired") || body.hasSuffix("=produced")
      // As a proof, only the firing side: a rule whose condition always holds still goes
      // unfired where a rule that replaces it fires.
      if !authors, !fires { return nil }
      return folds(rule.condition, to: !fires) ? settings : nil
    default:
      return nil
    }
  }

  /// Whether a rule's escalation shows question `id` (as an interrupt, whatever its `when`).
  private static func shownByEscalation(_ id: String, _ dialog: Dialog) -> Bool {
    dialog.rules.contains { $0.escalation?.show == id }
  }

  /// A question's own `dormant:`, its repeat group's, or settings that turn its `when` off (with
  /// `authors` false, only the settings).
  private static func question(_ id: String, _ dialog: Dialog, authors: Bool) -> String? {
    guard let question = dialog.questions[id] else { return nil }
    if authors, let dormant = question.dormant { return dormant }
    if let when = question.when, ConstantFolding.truth(of: when, in: dialog) == false {
      return "the clinic's settings turn it off"
    }
    // A record field's group, as the loader names it (looking through every question for the
    // group holding it was most of the time of finding what is meant never to happen).
    if let group = question.group { return Self.question(group, dialog, authors: authors) }
    return nil
  }
}
