import CEditLineShim

/// SIGTERM and SIGHUP, noticed by the kiosk loop so it can restore the terminal and leave.
public enum TerminationSignal {
  /// Ignores the keyboard signals, routes SIGTERM and SIGHUP to a flag, clears the inherited
  /// signal mask and turns core dumps off.
  public static func installKioskHandlers() { intake_kiosk_signals_install() }

  /// The signal number received, or 0.
  public static var received: Int32 { intake_kiosk_signal_received() }

  /// Puts the terminal back as it was when the handlers were installed.
  public static func restoreTerminal() { intake_terminal_restore() }
}
