import IntakeTestSupport

@testable import IntakeKit

/// A patient at the kiosk who types at random: valid answers, junk, commands, empty lines,
/// Ctrl-C and Ctrl-D. The script (what kind of input comes when) is drawn from the seed before
/// the session starts; the exact answer is chosen against the question on screen, so two runs
/// of the same seed type the same lines.
struct RandomPatient {
  /// What kind of thing the patient does next.
  enum Step: Equatable {
    case valid
    case empty
    case junk(Int)
    case command(String)
    /// `review`, then a number (which may be out of range) or Enter.
    case reviewThen(Int)
    case cancel
    case endOfInput
  }

  static let junk = [
    " ", "maybe", "-1", "999999999999999999999999", "1e309", "0x10", "½", "٣", "🙂", "a\u{301}\u{302}",
    String(repeating: "x", count: 700), "a" + String(repeating: "\u{301}", count: 400), "\u{202E}abc",
    "\u{1B}[2J", "yes no", "1, 99", ",", "back back", "NaN", "inf", "-0", "3.5", "07", "१२", "12/31/1999",
    "128/82", "Apple, Apple", "0, 1", "\t", "y e s",
  ]

  /// The random part of a session: up to three times as many steps as a short dialog has questions.
  static func script(seed: UInt64) -> [Step] {
    var random = SplitMix(seed: seed ^ 0x5EED_0F_FA7E)
    let length = Int(random.next() % 40)
    return (0..<length).map { _ in
      switch random.next() % 100 {
      case 0..<45: .valid
      case 45..<55: .empty
      case 55..<70: .junk(Int(random.next() % UInt64(junk.count)))
      case 70..<78: .command("back")
      case 78..<84: .command("skip")
      case 84..<88: .reviewThen(Int(random.next() % 8))
      case 88..<90: .command("help")
      case 90..<92: .command("why")
      case 92..<95: .command("quit")
      case 95..<97: .cancel
      default: .endOfInput
      }
    }
  }

  let dialog: RandomDialog
  private var random: SplitMix
  private var pendingReview: Int?

  init(dialog: RandomDialog, seed: UInt64) {
    self.dialog = dialog
    random = SplitMix(seed: seed ^ 0xA115_0E55)
  }

  /// The input for `step` at the screen as it stands.
  mutating func input(for step: Step, at screen: KioskScreen) -> KioskScreen.Input {
    if let number = pendingReview {
      pendingReview = nil
      return .line(number == 0 ? "" : String(number))
    }
    // After quit or Ctrl-D, most patients carry on.
    if screen.conversation.isConfirmingQuit { return .line(random.next() % 5 == 0 ? "yes" : "no") }
    switch step {
    case .valid: return .line(validAnswer(at: screen))
    case .empty: return .line("")
    case .junk(let index): return .line(Self.junk[index])
    case .command(let word): return .line(word)
    case .reviewThen(let number):
      pendingReview = number
      return .line("review")
    case .cancel: return .cancelled
    case .endOfInput: return .endOfInput
    }
  }

  /// An answer the question on screen accepts (Enter for a message or an escalation screen).
  mutating func validAnswer(at screen: KioskScreen) -> String {
    guard let cursor = screen.conversation.session.current else { return "" }
    if case .interrupt = cursor { return "" }
    let answers = dialog.validAnswers[cursor.questionID] ?? [""]
    return answers[Int(random.next() % UInt64(answers.count))]
  }
}
