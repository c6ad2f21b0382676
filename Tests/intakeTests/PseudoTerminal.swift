import Foundation
import Glibc

/// Runs a program on a pseudo-terminal, as a patient's terminal would, for end-to-end tests.
/// Every wait has its own deadline: Swift Testing's time limits cannot interrupt blocking code.
final class PseudoTerminal {
  let master: Int32
  let pid: pid_t
  private(set) var output = ""
  private var exitStatus: Int32?

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(_ executable: String, _ arguments: [String], environment: [String], columns: UInt16 = 100) throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw Failure(description: "openpty failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for target in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
      posix_spawn_file_actions_adddup2(&actions, slave, target)
    }
    posix_spawn_file_actions_addclose(&actions, master)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A new session, as a login terminal gives; and no blocked signals inherited from the test runner.
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    // POSIX_SPAWN_SETSID (0x80, glibc) is not imported into Swift.
    posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGMASK))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    close(slave)
    guard status == 0 else {
      close(master)
      throw Failure(description: "posix_spawn failed: \(status)")
    }
    self.master = master
    pid = child
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    close(master)
  }

  /// Sends keys as typed: text, or control characters such as "\u{03}" for Ctrl-C. Output is
  /// drained while writing, so a long paste cannot deadlock against the program's echo.
  func send(_ keys: String, seconds: Double = 30) { send(bytes: Array(keys.utf8), seconds: seconds) }

  /// Sends raw bytes, which need not be valid UTF-8.
  func send(bytes: [UInt8], seconds: Double = 30) {
    var offset = 0
    let deadline = Date().addingTimeInterval(seconds)
    while offset < bytes.count, Date() < deadline {
      var descriptors = [pollfd(fd: master, events: Int16(POLLIN | POLLOUT), revents: 0)]
      guard poll(&descriptors, 1, 100) > 0 else { continue }
      if descriptors[0].revents & Int16(POLLIN) != 0 { drain() }
      if descriptors[0].revents & Int16(POLLOUT) != 0 {
        let chunk = min(1024, bytes.count - offset)
        let written = bytes[offset..<(offset + chunk)].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        if written > 0 { offset += written }
      }
    }
  }

  private func drain() {
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = read(master, &buffer, buffer.count)
    if count > 0 { output += String(decoding: buffer[..<count], as: UTF8.self) }
  }

  /// Reads until `text` appears in the output after the current mark, or throws at the deadline.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      if let range = output.range(of: text) {
        let seen = String(output[..<range.upperBound])
        output = String(output[range.upperBound...])
        return seen
      }
      let remaining = deadline.timeIntervalSinceNow
      guard remaining > 0 else {
        throw Failure(
          description:
            "timed out waiting for \(text.debugDescription); recent output: \(output.suffix(500).debugDescription)")
      }
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, Int32(min(remaining, 0.5) * 1000))
      if ready > 0 {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
          output += String(decoding: buffer[..<count], as: UTF8.self)
        } else {
          throw Failure(
            description:
              "the program closed its terminal while waiting for \(text.debugDescription); output: \(output.suffix(500).debugDescription)"
          )
        }
      }
    }
  }

  /// Whether the process is still running.
  var isRunning: Bool {
    if exitStatus != nil { return false }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    if result == pid { exitStatus = status }
    return result == 0
  }

  /// Waits for the process to end and returns the signal that ended it (nil when it exited),
  /// and whether it dumped core; SIGKILLs it at the deadline.
  func endingSignal(seconds: Double = 10) throws -> (signal: Int32?, coreDumped: Bool) {
    _ = try exitCode(seconds: seconds)
    let status = exitStatus ?? 0
    let signal = status & 0x7F
    return (signal == 0 || signal == 0x7F ? nil : signal, status & 0x80 != 0)
  }

  /// Waits for the process to exit and returns its exit code; SIGKILLs it at the deadline.
  func exitCode(seconds: Double = 10) throws -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      // Keep draining so the child never blocks on a full terminal buffer.
      var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      if poll(&descriptor, 1, 20) > 0 {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { output += String(decoding: buffer[..<count], as: UTF8.self) }
      }
      if !isRunning, let status = exitStatus { return (status >> 8) & 0xFF }
    }
    kill(pid, SIGKILL)
    throw Failure(description: "the program did not exit before its deadline")
  }
}
