import CEditLineShim
import Foundation

/// Single keys that stop a screen that runs until stopped (watching for alerts): q, Esc, Ctrl-C
/// or Ctrl-D, without Enter. While it lives the terminal neither echoes nor waits for a line,
/// and Ctrl-C arrives as a key instead of ending the program; the terminal's settings come back
/// when it goes.
public final class StopKeys {
  private let descriptor: Int32
  private var original = termios()

  /// Nil when `descriptor` is not a terminal (a pipe has no keys to press).
  public init?(descriptor: Int32 = STDIN_FILENO) {
    guard isatty(descriptor) == 1, tcgetattr(descriptor, &original) == 0 else { return nil }
    self.descriptor = descriptor
    var raw = original
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
    // One byte at a time, returning at once.
    withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
      bytes[Int(VMIN)] = 1
      bytes[Int(VTIME)] = 0
    }
    tcsetattr(descriptor, TCSANOW, &raw)
  }

  deinit { tcsetattr(descriptor, TCSANOW, &original) }

  /// Waits up to `seconds` for a key; true when it was a stop key (or the input ended).
  public func stopRequested(waiting seconds: Double) -> Bool {
    // A key typed with the line that started the watch ("watch", Enter, q at once) was read
    // with that line, and waits in the line reader's buffer, not in the terminal.
    let early = intake_el_take_typed_byte()
    if early >= 0 { return Self.stops.contains(UInt8(early)) }
    var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    let ready = poll(&request, 1, Int32(max(1, seconds * 1000)))
    if ready < 0 { return TerminationSignal.received != 0 }
    guard ready > 0 else { return false }
    var byte: UInt8 = 0
    let count = read(descriptor, &byte, 1)
    if count <= 0 { return true }
    return Self.stops.contains(byte)
  }

  /// q, Q, Esc, Ctrl-C, Ctrl-D.
  static let stops: Set<UInt8> = [0x71, 0x51, 0x1B, 0x03, 0x04]
}
