/// The order the coordinator works in: escalations first (highest tier), then intakes whose
/// sealed records do not open (tampered or another key), then by the highest
/// category that fired (physician must confirm before physician review before the rest, as the
/// dialog ranks them); within the same urgency unreviewed before reviewed; newest first.
public enum ReviewQueue {
  public static func ordered(_ cases: [ReviewCase]) -> [ReviewCase] {
    cases.sorted { a, b in
      if a.tier != b.tier { return a.tier > b.tier }
      // A record that does not open could hide anything: it comes before what is known.
      if (a.problem != nil) != (b.problem != nil) { return a.problem != nil }
      if a.rank != b.rank { return a.rank > b.rank }
      if a.isReviewed != b.isReviewed { return !a.isReviewed }
      if a.time != b.time { return a.time > b.time }
      return a.sessionID < b.sessionID
    }
  }
}
