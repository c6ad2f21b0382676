import Foundation

/// Reads a passphrase: from the environment for automation, else from the controlling terminal
/// with echo off (even when standard input carries something else, such as a review note).
public enum PassphraseReader {
  /// The environment variable scripts set instead of typing (never a command-line argument,
  /// which other users can see in the process list).
  public static let environmentVariable = "INTAKE_KEY_PASSPHRASE"

  /// A new staff account's passphrase, for scripts (`intake console add-account`).
  public static let accountVariable = "INTAKE_ACCOUNT_PASSPHRASE"

  /// Nil when there is neither the variable nor a terminal to ask at, or a signal stopped the read.
  public static func read(prompt: String, variable: String = environmentVariable) -> String? {
    if let given = ProcessInfo.processInfo.environment[variable] { return given }
    let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
    guard terminal >= 0 else { return nil }
    defer { close(terminal) }
    let writer = ScreenWriter(descriptor: terminal, wraps: false)
    defer { writer.write("\n") }
    switch SilentLine.read(from: terminal, keysAsBytes: false, prompt: { writer.write(prompt) }) {
    case .line(let passphrase): return passphrase
    case .endOfInput: return ""
    case .cancelled, .interrupted, .timedOut, .tooLong: return nil
    }
  }
}
