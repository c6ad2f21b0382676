import CEditLineShim

/// SIGTERM and SIGHUP, noticed by the kiosk loop so it can restore the terminal and leave.
public enum TerminationSignal {
  /// Ignores the keyboard signals, routes SIGTERM and SIGHUP to a flag, clears the inherited
  /// signal mask and turns core dumps off. A fatal signal (a crash, an abort, a stray `kill`)
  /// restores the terminal before the process dies of it, so a kiosk started by hand rather than
  /// by its systemd unit (which resets the terminal itself) does not leave it without echo.
  /// SIGKILL and SIGSTOP cannot be caught: after those, `stty sane` puts the terminal right.
  public static func installKioskHandlers() { intake_kiosk_signals_install() }

  /// The fatal-signal handlers alone, first thing at the kiosk's start: they take the place of
  /// the Swift runtime's crash backtracer, which could print an interactive prompt with memory
  /// contents on the patient's screen, and core dumps are turned off.
  public static func installFatalHandlers() { intake_kiosk_fatal_signals_install() }

  /// The signal number received, or 0.
  public static var received: Int32 { intake_kiosk_signal_received() }

  /// Puts the terminal back as it was when the handlers were installed.
  public static func restoreTerminal() { intake_terminal_restore() }
}
