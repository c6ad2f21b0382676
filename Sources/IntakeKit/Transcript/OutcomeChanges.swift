/// What a journey says about its patient, between the expectations it recorded and a replay on
/// the dialog as it is now: how it ended, the outcome, the findings that fired, the escalations
/// raised. `intake test` lists these before any difference of wording, and `--update` never
/// re-blesses them without `--accept-outcome-changes`: an inserted question that shifts every
/// later typed line must not quietly turn a submitted journey into an unfinished one.
public enum OutcomeChanges {
  /// The expectation keys that are the patient's outcome, not the kiosk's wording.
  public static let keys: [Expectations.Key] = [.ending, .outcome, .findings, .escalations]

  /// Each change in words ("outcome physician_review → none", "crps_severe no longer fires"); only
  /// keys the journey recorded are compared.
  public static func between(recorded: Expectations?, replayed: Expectations) -> [String] {
    guard let recorded else { return [] }
    func values(_ expectations: Expectations, _ key: Expectations.Key) -> [String]? {
      expectations.items.first { $0.key == key }?.values
    }
    var changes: [String] = []
    for key in keys {
      guard let old = values(recorded, key) else { continue }
      let new = values(replayed, key) ?? []
      switch key {
      case .ending, .outcome:
        if old.first != new.first {
          changes.append("\(key.rawValue) \(old.first ?? "none") → \(new.first ?? "none")")
        }
      default:
        let noun = key == .findings ? "" : "escalation "
        for lost in Set(old).subtracting(new).sorted() {
          changes.append(key == .findings ? "\(lost) no longer fires" : "\(noun)\(lost) no longer raised")
        }
        for gained in Set(new).subtracting(old).sorted() {
          changes.append(key == .findings ? "\(gained) now fires" : "\(noun)\(gained) now raised")
        }
      }
    }
    return changes
  }
}
