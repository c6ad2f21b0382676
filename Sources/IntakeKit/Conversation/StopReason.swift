/// Why an intake stopped before the end, as the kiosk records it when it keeps the session for
/// resuming (the audit trail's `session.suspended` detail) and as the note says it.
public enum StopReason: String, Sendable, CaseIterable {
  /// The patient typed quit and confirmed.
  case quit
  /// The end of piped input, or Ctrl-D confirmed.
  case inputEnded = "input ended"
  /// No answer for the idle time and its warning: the patient may have walked away.
  case timeout
  /// The kiosk was stopped (a termination signal: shutdown, restart).
  case signal
}
