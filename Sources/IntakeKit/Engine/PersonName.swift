import Foundation

/// A person's name as typed at a name question, with the words around it that are not the name:
/// "my husband Luis Rivera" is the name "Luis Rivera" and the relationship "husband"; "my name is
/// Ana" is "Ana"; "my sister" is no name and the relationship "sister". The typed text stays the
/// answer; this reading is what is piped into later questions (so the kiosk never says "What is
/// my husband Luis Rivera's phone number?") and what the summary shows beside it.
public struct PersonName: Equatable, Sendable {
  public var name: String?
  public var relationship: String?

  static let relationships: Set<String> = [
    "husband", "wife", "partner", "spouse", "boyfriend", "girlfriend", "fiance", "fiancee", "fiancé", "fiancée",
    "mother", "mom", "mum", "mommy", "father", "dad", "daddy", "sister", "brother", "son", "daughter", "friend",
    "neighbor", "neighbour", "aunt", "uncle", "cousin", "niece", "nephew", "grandmother", "grandma", "grandfather",
    "grandpa", "grandson", "granddaughter", "roommate", "flatmate", "caregiver", "carer", "stepmother", "stepfather",
    "stepson", "stepdaughter", "sibling", "child", "parent", "relative", "coworker", "colleague", "boss",
    "mother-in-law", "father-in-law", "sister-in-law", "brother-in-law",
  ]
  /// Lead-ins that say what follows is the name.
  static let leadIns: [[String]] = [
    ["my", "name", "is"], ["my", "name's"], ["name", "is"], ["i", "am"], ["i'm"], ["im"], ["it", "is"], ["it's"],
    ["this", "is"], ["call", "me"],
  ]
  /// Punctuation around a word that is kept: an apostrophe or hyphen in it ("O'Brien", "Mary-Jo").
  private static let inWords: Set<Unicode.Scalar> = ["'", "-"]

  static let connectors: Set<String> = [
    "is", "named", "called", "-", "–", ",", ":", "who", "whose", "name", "will", "be",
  ]

  /// Reads `text`; a line with no letters left after the relationship words has no name. In
  /// a translation's language its words are read through `phrasebook` ("mi esposa Carmen" is
  /// the wife Carmen); the name stays as typed.
  public static func read(_ text: String, phrasebook: Phrasebook = .none) -> PersonName {
    var words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
    func folded(_ index: Int) -> String {
      let word = words[index].lowercased().trimmingPunctuation(keeping: inWords)
      return phrasebook.isEmpty ? word : phrasebook.word(for: word) ?? word
    }
    for leadIn in leadIns where words.count > leadIn.count {
      if (0..<leadIn.count).allSatisfy({ folded($0) == leadIn[$0] }) {
        words.removeFirst(leadIn.count)
        break
      }
    }
    var relationship: String?
    // "my husband Luis", "husband, Luis", "my best friend Sam".
    var index = 0
    if index < words.count, ["my", "our"].contains(folded(index)) { index += 1 }
    // "best" alone is no relationship ("Best" may be a name); "best friend" is.
    let bestFriend = index + 1 < words.count && folded(index) == "best" && folded(index + 1) == "friend"
    if index < words.count, bestFriend || relationships.contains(folded(index)) {
      if bestFriend {
        relationship = "best friend"
        index += 2
      } else {
        relationship = folded(index)
        index += 1
      }
      words.removeFirst(index)
      while let first = words.first, connectors.contains(first.lowercased()) { words.removeFirst() }
    } else {
      // "Luis Rivera, my husband" / "Luis (my husband)".
      let lowered = words.map { word in
        let plain = word.lowercased().trimmingPunctuation()
        return phrasebook.isEmpty ? plain : phrasebook.word(for: plain) ?? plain
      }
      if let my = lowered.lastIndex(where: { $0 == "my" }) {
        let said = lowered[(my + 1)...].joined(separator: " ")
        if said == "best friend" || relationships.contains(said) {
          relationship = said
          words.removeLast(lowered.count - my)
        }
      }
      // "Mark Whitfield (husband)", "Luis Rivera, husband", "Dana - sister": a relationship set
      // apart at the end (a trial patient's "(husband)" was kept in the name, its bracket cut
      // off). Only set apart: "John Friend" is a name.
      if relationship == nil {
        for length in [2, 1] where words.count > length {
          let said = lowered[(lowered.count - length)...].joined(separator: " ")
          guard said == "best friend" || (length == 1 && relationships.contains(said)) else { continue }
          let before = words[words.count - length - 1]
          let bracketed = words[words.count - length].hasPrefix("(") && words[words.count - 1].hasSuffix(")")
          let dashed = before == "-" || before == "–"
          guard bracketed || dashed || before.hasSuffix(",") else { continue }
          relationship = said
          words.removeLast(length + (dashed ? 1 : 0))
          break
        }
      }
    }
    let name = words.joined(separator: " ").trimmingSpacesAndPunctuation()
    return PersonName(name: name.contains(where: \.isLetter) ? name : nil, relationship: relationship)
  }

  /// How the kiosk says it back: the name, "your husband" when there is no name, or nil when
  /// neither can be said (the dialog's own neutral words are used then).
  public var spoken: String? { name ?? relationship.map { "your " + $0 } }
}
