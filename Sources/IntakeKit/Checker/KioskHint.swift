/// A line the kiosk adds under a question's text by itself (Dialogs/README.md, "What the kiosk
/// adds"), with the words that show a question's own text already says it, so the checker can
/// warn an author who repeats it (IK402). The phrases are matched on folded words.
struct KioskHint: Sendable {
  /// What the hint is about, for the message: "about skip".
  let about: String
  /// Where the kiosk shows it.
  let placement: String
  let applies: @Sendable (Question) -> Bool
  let phrases: @Sendable (Question) -> [String]
  let shown: @Sendable (Question) -> String

  static let all: [KioskHint] = [
    KioskHint(
      about: "about skip", placement: "under every optional question",
      applies: { !$0.required && !$0.kind.isMessage }, phrases: { _ in Phrases.skip },
      shown: { _ in KioskWords.english(.skipHint) }),
    KioskHint(
      about: "how to choose several answers", placement: "under every question that takes several",
      applies: {
        if case .multipleChoice = $0.kind { return true }
        return false
      },
      phrases: { _ in Phrases.chooseAll },
      shown: { _ in KioskWords.english(.chooseAllHint) }),
    KioskHint(
      about: "the unit to answer in", placement: "under every number with a unit",
      applies: {
        switch $0.kind {
        case .integer(let range), .decimal(let range): return range.unit != nil
        default: return false
        }
      },
      phrases: Self.unitPhrases,
      shown: { question in
        switch question.kind {
        case .integer(let range), .decimal(let range):
          guard let unit = range.unit else { return "" }
          return "(" + Conversation.unitHint(unit, others: range.otherUnits.keys.sorted()) + ")"
        default: return ""
        }
      }),
    KioskHint(
      about: "which units of time are understood", placement: "under every length of time",
      applies: {
        if case .duration = $0.kind { return true }
        return false
      },
      phrases: { _ in Phrases.duration },
      shown: { question in
        guard case .duration(let rule) = question.kind else { return "" }
        return rule.ongoing.map { KioskWords.english(.durationHintOngoing, ["ongoing": $0]) }
          ?? KioskWords.english(.durationHint)
      }),
    KioskHint(
      about: "to press Enter", placement: "under every message",
      applies: { $0.kind.isMessage && !$0.kind.isReview && $0.hold == nil }, phrases: { _ in Phrases.pressEnter },
      shown: { _ in KioskWords.english(.pressEnter) }),
    KioskHint(
      about: "to type the number of an answer", placement: "at the start, and numbers every option",
      applies: {
        switch $0.kind {
        case .choice, .multipleChoice, .scale, .yesNo: return true
        default: return false
        }
      },
      phrases: { _ in Phrases.howToAnswer },
      shown: { _ in KioskWords.english(.howToAnswer) }),
  ]

  /// The fixed phrases, made once (a literal in each closure was an array made for every
  /// question checked).
  private enum Phrases {
    static let skip = ["skip"]
    static let chooseAll = [
      "all that apply", "separated by commas", "select all", "choose all", "tick all", "check all",
    ]
    static let duration = ["weeks months or years", "weeks or months", "months or years"]
    static let pressEnter = ["press enter"]
    static let howToAnswer = ["type the number", "type a number from the list", "enter the number"]
  }

  /// "in pounds", "in lb": the question's units said in the text, by symbol or in words.
  @Sendable static func unitPhrases(_ question: Question) -> [String] {
    switch question.kind {
    case .integer(let range), .decimal(let range): phrases(range)
    default: []
    }
  }

  private static func phrases(_ range: NumberRange) -> [String] {
    let symbols = ([range.unit].compactMap { $0 } + range.otherUnits.keys).map { $0.lowercased() }
    return symbols.flatMap { symbol in
      [symbol, AnswerParser.unitNames[symbol]].compactMap { $0 }.map { "in \($0)" }
    }
  }
}
