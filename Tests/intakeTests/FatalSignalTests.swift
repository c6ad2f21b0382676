import Foundation
import Glibc
import IntakeTestSupport
import Testing

/// A kiosk started by hand, not by its systemd unit (which resets the terminal with
/// `TTYReset=yes`), must not leave the terminal without line mode and echo when it dies of a
/// signal: a crash, an abort or a stray `kill`. Each signal is sent while the kiosk waits at its
/// prompt, where libedit has the terminal raw; afterwards the terminal must be back in canonical
/// mode with echo and signals, and the process must still have died of that very signal, without
/// a core.
@Suite(.serialized) struct FatalSignalTests {
  static let dialog = [
    "dialog.yaml": """
    id: signals
    version: "1"
    title: Signal test
    sections: [m.yaml]
    """,
    "m.yaml": """
    section: m
    title: Questions
    questions:
      - id: name
        kind: text
        label: Name
        text: Your name?
    """,
  ]

  static let fatal: [Int32] = [
    SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGXCPU, SIGXFSZ, SIGALRM, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSTKFLT,
  ]

  func startAtThePrompt() throws -> PseudoTerminal {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let terminal = try PseudoTerminal(
      IntakeBinary.path,
      ["kiosk", "--once", "--dialog", dialog.path, "--data", folder.appendingPathComponent("data").path],
      environment: IntakeBinary.environment)
    try terminal.startPastTheTrialKeyNotice()
    try terminal.waitFor("Your name?")
    try terminal.waitFor("> ")
    return terminal
  }

  static func settings(_ terminal: PseudoTerminal) -> termios? {
    var settings = termios()
    return tcgetattr(terminal.master, &settings) == 0 ? settings : nil
  }

  @Test(arguments: fatal)
  func aFatalSignalRestoresTheTerminalAndStillEndsTheKioskWithIt(signal: Int32) throws {
    let terminal = try startAtThePrompt()
    // At the prompt libedit runs the terminal raw: without the restore this state would stay.
    let raw = try #require(Self.settings(terminal))
    #expect(raw.c_lflag & tcflag_t(ICANON) == 0)
    #expect(raw.c_lflag & tcflag_t(ECHO) == 0)
    #expect(kill(terminal.pid, signal) == 0)
    let ending = try terminal.endingSignal()
    #expect(ending.signal == signal, "the kiosk must die of signal \(signal), not exit or die of another")
    #expect(!ending.coreDumped)
    let restored = try #require(Self.settings(terminal))
    #expect(restored.c_lflag & tcflag_t(ICANON) != 0, "signal \(signal) left the terminal without line mode")
    #expect(restored.c_lflag & tcflag_t(ECHO) != 0, "signal \(signal) left the terminal without echo")
    #expect(restored.c_lflag & tcflag_t(ISIG) != 0, "signal \(signal) left the terminal without ^C")
  }

  @Test func everyCatchableFatalSignalIsCaughtAndSIGQUITStaysIgnored() throws {
    let terminal = try startAtThePrompt()
    let status = try String(contentsOfFile: "/proc/\(terminal.pid)/status", encoding: .utf8)
    func mask(_ name: String) -> UInt64 {
      let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
      return UInt64(line.split(separator: "\t").last.map(String.init) ?? "", radix: 16) ?? 0
    }
    for signal in Self.fatal + [SIGTERM, SIGHUP] {
      #expect(mask("SigCgt") & (1 << UInt64(signal - 1)) != 0, "signal \(signal) is not caught")
    }
    #expect(mask("SigIgn") & (1 << UInt64(SIGQUIT - 1)) != 0)
    kill(terminal.pid, SIGTERM)
    #expect(try terminal.exitCode() == 128 + SIGTERM)
  }
}
