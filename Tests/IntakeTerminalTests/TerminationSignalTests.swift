import Foundation
import Glibc
import IntakeTerminal
import Testing

/// A real crash, not a `kill`: a process that installed the kiosk's handlers, put its terminal
/// in raw mode and then overflowed its stack must leave the terminal as it found it. The
/// overflow's SIGSEGV arrives with no stack left, so the handler only runs if it has an
/// alternate stack of its own. The crash happens in a forked child that touches nothing but the
/// handlers, the terminal and its own stack (no allocation after the fork).
@Suite struct TerminationSignalTests {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  @Test func aStackOverflowStillRestoresTheTerminal() throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw Failure(description: "openpty failed") }
    defer { close(master) }
    var before = termios()
    #expect(tcgetattr(master, &before) == 0)
    #expect(before.c_lflag & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO))
    let child = fork()
    if child == 0 {
      dup2(slave, STDIN_FILENO)
      TerminationSignal.installKioskHandlers()
      var raw = termios()
      tcgetattr(STDIN_FILENO, &raw)
      raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
      tcsetattr(STDIN_FILENO, TCSANOW, &raw)
      _ = Self.overflow(1)
      _exit(0)
    }
    close(slave)
    guard child > 0 else { throw Failure(description: "fork failed") }
    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(20)
    while waitpid(child, &status, WNOHANG) == 0 {
      guard Date() < deadline else {
        kill(child, SIGKILL)
        waitpid(child, &status, 0)
        throw Failure(description: "the child neither crashed nor exited")
      }
      usleep(5000)
    }
    // Died of SIGSEGV (not a clean exit), without a core.
    #expect(status & 0x7F == SIGSEGV)
    #expect(status & 0x80 == 0)
    var after = termios()
    #expect(tcgetattr(master, &after) == 0)
    #expect(after.c_lflag & tcflag_t(ICANON) != 0, "the crash left the terminal without line mode")
    #expect(after.c_lflag & tcflag_t(ECHO) != 0, "the crash left the terminal without echo")
    #expect(after.c_lflag & tcflag_t(ISIG) != 0, "the crash left the terminal without ^C")
  }

  /// Recurses until the stack runs out; each frame keeps a few words alive so it cannot be
  /// folded away.
  @inline(never)
  static func overflow(_ depth: Int) -> Int {
    var frame = (depth, depth &+ 1, depth &+ 2, depth &+ 3, depth &+ 4, depth &+ 5, depth &+ 6, depth &+ 7)
    let deeper = depth == Int.max ? 0 : overflow(depth &+ 1)
    return withUnsafeBytes(of: &frame) { Int($0[0]) } &+ deeper
  }
}
