/// The kiosk's own words around the dialog's content: how to answer, the commands, quitting.
/// Plain language, short sentences; nothing clinical (that is the dialog's).
enum KioskText {
  /// After a line that said more than the questions it answered could take.
  /// Records started from earlier answers, in the dialog's words, and how to change them.
  static func startedFromEarlier(_ notes: [String]) -> String {
    notes.joined(separator: " ") + " (Type back to change it.)"
  }

  /// Under a question that asks for a name or no ("Do you take any other medicines? If so, type
  /// the name").
  static let nameOrNo = "(Type the name, or no.)"

  static func notUsed(_ words: String) -> String {
    "Not used from what you typed: \"\(words)\". Please type it again when it is asked."
  }

  static let howToAnswer =
    "Type your answer and press Enter. For numbered answers, type the number or the words. Type help at any time to see what else you can do."
  static let commands = """
    You can type:
      back    go to the previous question
      review  see your answers and change one
      why     hear why we ask this question
      skip    leave out a question marked optional
      quit    stop without sending your answers
    """
  static let reask = "Type your answer when you are ready."
  /// Shown under every optional question (`intake check` warns, IK402, when its text says it too).
  static let skipHint = "(You can type skip to leave this one out.)"
  static let pressEnter = "Press Enter to continue."
  /// Under every question that takes several answers.
  static let chooseAllHint = "(Choose all that apply: type the numbers separated by commas, for example 1, 3.)"

  /// Under every length of time: the units understood, and the words for "still going on".
  static func durationHint(ongoing: String?) -> String {
    "(Weeks, months or years are all fine" + (ongoing.map { ", or: \($0)" } ?? "") + ".)"
  }
  static let confirmQuit = "Do you want to stop now? Your answers will not be sent. Type yes to stop or no to continue."
  static let welcomeBack = "Welcome back. Your answers so far are kept. Here is where you stopped."
  static let quitConfirmed =
    "You have stopped. Your answers were not sent. Please let the front desk know, and they will help you."

  /// Shown again whenever something is typed at a held screen (`hold: staff`) whose dialog gives
  /// no `hold_text`. Nothing moves on; the answers stay as they are.
  static let holdReminder = "Please stay where you are. A member of staff is coming to you."
  /// Said when a member of staff resumes a held session, before the next question.
  static let staffResumed = "Thank you for waiting. The questions go on from here."

  // MARK: Looking over the answers (a `review` screen)

  /// The heading of one page of answers: the section's title, and the page within it when the
  /// section takes more than one.
  static func reviewHeading(_ title: String, part: Int, of parts: Int) -> String {
    "Your answers: " + (parts > 1 ? "\(title) (\(part) of \(parts))" : title)
  }

  /// Under each page of answers: where the patient is and what they can type.
  static func reviewHint(page: Int, of pages: Int) -> String {
    let first =
      page < pages
      ? "Page \(page) of \(pages). Press Enter for the next page, or type the number of an answer to change it."
      : "Page \(page) of \(pages), the last. Press Enter to send your answers, or type the number of an answer to change it."
    return first + "\n"
      + (page > 1
        ? "Type back for the previous page, or done when you have finished." : "Type done when you have finished.")
  }

  static let reviewFirstPage = "This is the first page."

  static func reviewUnclear(count: Int) -> String {
    "Please type a number from 1 to \(count) to change that answer, press Enter for the next page, "
      + "back for the previous page, or done."
  }
}
