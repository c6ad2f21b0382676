/// The summary's own words about the intake itself (not the dialog's content): whether it went
/// to the end, where it stopped, what an instrument or section that was not reached shows.
package enum SummaryText {
  /// Beside the outcome of an intake that did not go to the end: what was not reached was not
  /// screened, so "no blocking flags" is not a clean bill.
  package static let partialOutcome =
    "(from the answers given before the intake stopped; what was not reached was not screened)"

  /// Why an unfinished intake stopped, after where.
  static func why(_ reason: StopReason) -> String {
    switch reason {
    case .quit: "The patient chose to stop (quit)."
    case .inputEnded: "The input ended."
    case .timeout: "No answer came for the idle time: the patient may have walked away."
    case .signal: "The kiosk was stopped (shut down or restarted)."
    }
  }

  /// Under a heading none of whose questions was asked on this patient's path.
  static let notAsked = "Not asked."

  /// Under a heading whose questions the intake never reached.
  static let notReached = "Not asked: the intake stopped before this part."

  /// An instrument begun but not finished: never a total.
  static func incomplete(answered: Int?, of total: Int?) -> String {
    guard let answered, let total else { return "incomplete" }
    return "incomplete (\(answered) of \(total) answered)"
  }

  /// Whether the session went to the end; if not, where it stopped: at an ending screen (under
  /// the age limit, consent declined) with that screen's words, or part-way at a question.
  static func status(of session: Session) -> (finished: Bool, endedEarly: Bool, text: String) {
    let dialog = session.dialog
    if let ending = endingScreen(session) {
      return (true, true, "Ended early at \"\(ending.label)\": the questions after it were not asked.")
    }
    if session.isFinished { return (true, false, "Finished: the patient answered to the end and sent it.") }
    guard let current = session.current, let question = dialog.questions[current.questionID] else {
      return (false, false, "Not finished.")
    }
    let section = dialog.section(question.section).map { $0.title } ?? question.section
    if question.hold != nil {
      // A held screen stops the questions for the patient; they did not stop.
      return (
        false, false,
        "Not finished: the kiosk held the intake at \"\(question.label)\" (\(section)) for a member of staff; "
          + "nothing after it was asked."
      )
    }
    return (
      false, false,
      "Not finished: the patient stopped at \"\(question.label)\" (\(section)); nothing after it was asked."
    )
  }

  /// An ending screen (under the age limit, consent declined) the session stopped at, shown or passed.
  static func endingScreen(_ session: Session) -> Question? {
    let last = session.current ?? session.shown.last
    guard let last, let question = session.dialog.questions[last.questionID], question.ends else { return nil }
    return question
  }
}
