import Foundation

/// Reads a passphrase: from the environment for automation, else at the terminal with echo off.
public enum PassphraseReader {
  /// The environment variable scripts set instead of typing (never a command-line argument,
  /// which other users can see in the process list).
  public static let environmentVariable = "INTAKE_KEY_PASSPHRASE"

  public static func read(prompt: String) -> String? {
    if let given = ProcessInfo.processInfo.environment[environmentVariable] { return given }
    guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
    let writer = ScreenWriter.standardError()
    writer.write(prompt)
    var original = termios()
    tcgetattr(STDIN_FILENO, &original)
    var silent = original
    silent.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    defer {
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
      writer.line()
    }
    return readLine(strippingNewline: true)
  }
}
