import Foundation

/// One line read from a terminal with echo off: what a passphrase or a staff code is typed into,
/// so it is neither shown nor kept in the line editor's history.
enum SilentLine {
  /// What a hidden line shows while it is typed: a mark for each character (so a person sees the
  /// keys work, not what they are), and its removal on Backspace.
  struct Echo {
    var mark: () -> Void
    var erase: () -> Void
  }

  /// Reads from `descriptor` until the line ends. With `keysAsBytes` the terminal's signal keys
  /// arrive as bytes, so Ctrl-C cancels the line as at any prompt instead of stopping the program.
  /// Past `limit` bytes the line is dropped whole, to its end.
  ///
  /// `prompt` is shown once echo is off: a prompt shown before would invite keys that the switch
  /// to silent mode throws away (and shows on the screen).
  static func read(
    from descriptor: Int32, keysAsBytes: Bool, limit: Int = .max, waiting: HeldWait? = nil, echo: Echo? = nil,
    prompt: (() -> Void)? = nil
  ) -> LineInput {
    var original = termios()
    let hasSettings = tcgetattr(descriptor, &original) == 0
    if hasSettings {
      var silent = original
      silent.c_lflag &= ~tcflag_t(keysAsBytes ? ECHO | ISIG : ECHO)
      tcsetattr(descriptor, TCSAFLUSH, &silent)
    }
    prompt?()
    defer { if hasSettings { tcsetattr(descriptor, TCSAFLUSH, &original) } }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    var tooLong = false
    while true {
      // Before the first key: wake every `waiting.interval` to ask whether the screen should change.
      if let waiting, bytes.isEmpty {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, Int32(max(1, waiting.interval * 1000)))
        if ready == 0 {
          if waiting.check() { return .timedOut }
          continue
        }
        if ready < 0, errno == EINTR {
          if TerminationSignal.received != 0 { return .interrupted }
          continue
        }
      }
      let count = Foundation.read(descriptor, &byte, 1)
      if count < 0, errno == EINTR {
        if TerminationSignal.received != 0 { return .interrupted }
        continue
      }
      if count <= 0 { return bytes.isEmpty ? .endOfInput : .line(String(decoding: bytes, as: UTF8.self)) }
      if keysAsBytes, byte == 0x03 { return .cancelled }
      if byte == 0x0A || byte == 0x0D { break }
      // Backspace (DEL or BS) takes back the last character, all its bytes: a mistyped staff
      // code or passphrase can be corrected instead of failing.
      if byte == 0x7F || byte == 0x08 {
        guard !bytes.isEmpty else { continue }
        while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
        echo?.erase()
        continue
      }
      if bytes.count >= limit { tooLong = true } else { bytes.append(byte) }
      // One mark a character: not for the continuation bytes of a UTF-8 sequence.
      if byte & 0xC0 != 0x80 { echo?.mark() }
    }
    return tooLong ? .tooLong : .line(String(decoding: bytes, as: UTF8.self))
  }
}
