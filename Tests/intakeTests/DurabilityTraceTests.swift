import Foundation
import IntakeTestSupport
import Testing

/// A whole intake under strace: every acknowledged answer, and the submission, is synced to the
/// store's write-ahead log before the kiosk writes its next screen. This checks the effect (the
/// system calls), not the setting.
@Suite struct DurabilityTraceTests {
  /// One system call from the trace, reduced to what the promise is about.
  enum Call: Equatable {
    case walWrite
    case walSync
    case screen(String)
    /// `getrandom(2)`: a nonce for each input sealed, and a few for the session's keys.
    case random
  }

  /// A call and the thread that made it (strace's first column).
  struct Traced: Equatable {
    let thread: String
    let call: Call
  }

  static var strace: String? {
    ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  @Test func everyAnswerAndTheSubmissionAreSyncedBeforeTheNextScreen() throws {
    let strace = try #require(Self.strace, "strace is missing: scripts/setup --test installs it")
    let folder = try IntakeBinary.temporaryFolder()
    let data = folder.appendingPathComponent("data")
    let trace = folder.appendingPathComponent("trace.txt")
    let lines = CommandLineTests.wholeIntake
    let input = folder.appendingPathComponent("answers.txt")
    try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
    // -f: threads too; -y: file names beside descriptors; -xx with -s: the bytes written to the
    // screen, so prompts can be told apart.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: strace)
    process.arguments =
      [
        "-f", "-y", "-qq", "-s", "256", "-e",
        "trace=write,pwrite64,writev,fsync,fdatasync,sync_file_range,getrandom",
        "-e", "signal=none", "-o", trace.path, IntakeBinary.path, "kiosk", "--data", data.path,
      ] + IntakeBinary.cheapResume
    process.currentDirectoryURL = TestSupport.repositoryRoot
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no", "HOME": "/tmp"]
    process.standardInput = try FileHandle(forReadingFrom: input)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let traced = Self.calls(in: try String(contentsOf: trace, encoding: .utf8))
    let calls = traced.map(\.call)

    // Every screen write finds the log synced: no commit of the thread that writes the screen
    // is written and not yet on disk. A commit is written and synced by the thread that makes it;
    // the resume wrap is committed from another thread while the screens go on, so each thread's
    // commits are followed on their own, and the answers' must be the screen thread's (below).
    var unsynced: Set<String> = []
    var commits: [String: Int] = [:]
    var screenThreads: Set<String> = []
    var problems: [String] = []
    for item in traced {
      let thread = item.thread
      switch item.call {
      case .walWrite: unsynced.insert(thread)
      case .walSync:
        if unsynced.remove(thread) != nil { commits[thread, default: 0] += 1 }
      case .screen(let text):
        screenThreads.insert(thread)
        if unsynced.contains(thread) { problems.append("written before the log was synced: \(text.prefix(60))") }
      case .random: break
      }
    }
    #expect(problems.count == 0, "first: \(problems.first ?? "")")
    #expect(unsynced.isEmpty, "a commit was never synced")
    // One synced commit per answer saved, plus the submission (and a few audit-only commits),
    // all made by the thread that writes the screens: a commit of another thread would not be
    // waited for by the check above.
    #expect(screenThreads.count == 1)
    // Another thread commits the resume wrap, once: nothing else is committed off the screen's.
    #expect(commits.filter { !screenThreads.contains($0.key) }.values.allSatisfy { $0 <= 1 })
    let screenCommits = screenThreads.first.flatMap { commits[$0] } ?? 0
    #expect(screenCommits >= lines.count + 1, "only \(screenCommits) synced commits for \(lines.count) answers")
    // One call for each input's nonce, not one for each 64 bits of it (swift-crypto's own
    // nonce): two a commit and more were the old count. A new session's keys take a few dozen.
    let randoms = traced.filter { $0.call == .random && screenThreads.contains($0.thread) }.count
    #expect(randoms < 2 * screenCommits, "\(randoms) getrandom calls for \(screenCommits) commits")
    // The thank-you screen comes after the submission was written and synced.
    let thanks = try #require(
      calls.lastIndex { if case .screen(let text) = $0 { text.contains("sent to the care team") } else { false } })
    let before = calls[..<thanks]
    let lastWrite = try #require(before.lastIndex(of: .walWrite))
    #expect(before[lastWrite...].contains(.walSync))
  }

  /// A sync cut by another thread's call counts where it returned: a screen written while it
  /// was still under way finds the log not yet synced.
  @Test func aSyncCountsWhereItReturned() {
    let trace = """
      101 pwrite64(9</a folder/intake.sqlite-wal>, "x", 24, 0) = 24
      101 fdatasync(9</a folder/intake.sqlite-wal> <unfinished ...>
      100 write(1</dev/pts/1>, "Next?", 5) = 5
      101 <... fdatasync resumed>) = 0
      100 write(1</dev/pts/1>, "> ", 2) = 2
      """
    #expect(
      Self.calls(in: trace) == [
        Traced(thread: "101", call: .walWrite),
        Traced(thread: "100", call: .screen(#"1</dev/pts/1>, "Next?", 5) = 5"#)),
        Traced(thread: "101", call: .walSync), Traced(thread: "100", call: .screen(#"1</dev/pts/1>, "> ", 2) = 2"#)),
      ])
  }

  /// Reads strace's lines: writes to the `-wal` file, syncs of it, and writes to standard output.
  /// The kiosk saves while another thread works out the next screen, so a call can be
  /// cut by another thread's ("fdatasync(9</...-wal> <unfinished ...>", later "<... fdatasync
  /// resumed>) = 0"): a sync counts where it returned, not where it began.
  static func calls(in trace: String) -> [Traced] {
    var unfinished: [Substring: Call] = [:]
    return trace.split(separator: "\n").compactMap { line -> Traced? in
      let thread = line.prefix(while: { $0 != " " })
      if line.contains(" resumed>") {
        return unfinished.removeValue(forKey: thread).map { Traced(thread: String(thread), call: $0) }
      }
      let cut = " <unfinished ...>"
      let isUnfinished = line.hasSuffix(cut)
      let whole = isUnfinished ? line.dropLast(cut.count) : line
      guard let open = whole.firstIndex(of: "(") else { return nil }
      let name = whole[..<open].split(separator: " ").last.map(String.init) ?? ""
      let arguments = whole[whole.index(after: open)...]
      let onWAL = arguments.prefix(while: { $0 != "," && $0 != ")" }).hasSuffix("-wal>")
      let call: Call?
      switch name {
      case "write", "pwrite64", "writev":
        if onWAL {
          call = .walWrite
        } else if arguments.hasPrefix("1<") || arguments.hasPrefix("1,") {
          call = .screen(String(arguments))
        } else {
          call = nil
        }
      case "fsync", "fdatasync", "sync_file_range":
        call = onWAL ? .walSync : nil
      case "getrandom":
        call = .random
      default:
        call = nil
      }
      // A write counts from where it began (it may already be in the log); a sync from where
      // it returned.
      if isUnfinished, call == .walSync {
        unfinished[thread] = call
        return nil
      }
      return call.map { Traced(thread: String(thread), call: $0) }
    }
  }
}
