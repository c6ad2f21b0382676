import Foundation

/// Reads a passphrase: from the environment for automation, else from the controlling terminal
/// with echo off (even when standard input carries something else, such as a review note).
public enum PassphraseReader {
  /// The environment variable scripts set instead of typing (never a command-line argument,
  /// which other users can see in the process list).
  public static let environmentVariable = "INTAKE_KEY_PASSPHRASE"

  /// Nil when there is neither the variable nor a terminal to ask at.
  public static func read(prompt: String) -> String? {
    if let given = ProcessInfo.processInfo.environment[environmentVariable] { return given }
    let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
    guard terminal >= 0 else { return nil }
    defer { close(terminal) }
    let writer = ScreenWriter(descriptor: terminal, wraps: false)
    writer.write(prompt)
    var original = termios()
    let hasSettings = tcgetattr(terminal, &original) == 0
    if hasSettings {
      var silent = original
      silent.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(terminal, TCSAFLUSH, &silent)
    }
    defer {
      if hasSettings { tcsetattr(terminal, TCSAFLUSH, &original) }
      writer.write("\n")
    }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let count = Foundation.read(terminal, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 || byte == 0x0A || byte == 0x0D { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
