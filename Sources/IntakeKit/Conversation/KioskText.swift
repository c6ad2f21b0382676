/// The kiosk's own words around the dialog's content: how to answer, the commands, quitting.
/// Plain language, short sentences; nothing clinical (that is the dialog's).
enum KioskText {
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
  static let confirmQuit = "Do you want to stop now? Your answers will not be sent. Type yes to stop or no to continue."
  static let welcomeBack = "Welcome back. Your answers so far are kept. Here is where you stopped."
  static let quitConfirmed =
    "You have stopped. Your answers were not sent. Please let the front desk know, and they will help you."
}
