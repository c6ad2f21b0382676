/// The summary's own words about the intake itself (not the dialog's content): whether it went
/// to the end, where it stopped, what an instrument or section that was not reached shows.
enum SummaryText {
  /// Under a heading whose questions the intake never reached.
  static let notReached = "Not asked: the intake stopped before this part."

  /// An instrument begun but not finished: never a total.
  static func incomplete(answered: Int?, of total: Int?) -> String {
    guard let answered, let total else { return "incomplete" }
    return "incomplete (\(answered) of \(total) answered)"
  }

  /// Whether the session went to the end; if not, where it stopped: at an ending screen (under
  /// the age limit, consent declined) with that screen's words, or part-way at a question.
  static func status(of session: Session) -> (finished: Bool, text: String) {
    let dialog = session.dialog
    // An ending screen (under the age limit, consent declined) is an early end, shown or passed.
    let last = session.current ?? session.shown.last
    if let last, let question = dialog.questions[last.questionID], question.ends {
      return (true, "Ended early at \"\(question.label)\": the questions after it were not asked.")
    }
    if session.isFinished { return (true, "Finished: the patient answered to the end and sent it.") }
    guard let current = session.current, let question = dialog.questions[current.questionID] else {
      return (false, "Not finished.")
    }
    let section = dialog.section(question.section).map { $0.title } ?? question.section
    return (
      false, "Not finished: the patient stopped at \"\(question.label)\" (\(section)); nothing after it was asked."
    )
  }
}
