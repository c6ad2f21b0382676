import Foundation
import IntakeKit
import IntakeStore
import IntakeTestSupport
import Testing

/// SQLite's way of testing, applied to the kiosk: kill it with SIGKILL at random moments through
/// a whole intake (every write point is hit many times over 500 trials), then check that the
/// store passes its integrity check and audit verification, and that every input the kiosk had
/// acknowledged (the next prompt was on screen) is saved, in order, with nothing invented.
@Suite struct CrashTests {
  static let shards = 4
  static let trialsPerShard = 125

  @Test(arguments: 0..<shards)
  func killedAtAnyMomentTheKioskLosesNothingItAcknowledged(shard: Int) throws {
    let lines = CommandLineTests.wholeIntake
    let input = Data((lines.joined(separator: "\n") + "\n").utf8)
    var random = SplitMix(seed: UInt64(shard + 1))
    // Uninterrupted runs tell how long a whole intake takes here; the quickest of three, so a
    // moment of load on a busy machine does not push every kill past the end.
    var duration = Double.infinity
    for _ in 0..<3 {
      let full = try Self.run(input: input, killAfter: nil)
      #expect(full.output.contains("Your answers have been sent"))
      duration = min(duration, full.seconds)
    }
    // A run with no input measures start-up; most kills should land after it, among the writes.
    let startup = try Self.run(input: Data(), killAfter: nil).seconds * 0.9
    var outcomes = (none: 0, partial: 0, submitted: 0)
    // The window kills are drawn from, narrowed by what each trial shows: a kill that found no
    // store yet came before the first write, one that found the intake submitted came after the
    // last; so load on a busy machine (a slower start, a slower intake) moves the window with it
    // instead of spending the trials at either end. It never narrows below a tenth of itself.
    var earliest = startup
    var latest = duration * 1.05
    let narrowest = max(0.01, (latest - earliest) / 10)
    for _ in 0..<Self.trialsPerShard {
      let delay = earliest + Double(random.next() % 10_000) / 10_000 * max(0.01, latest - earliest)
      let trial = try Self.run(input: input, killAfter: delay)
      // Each prompt after the first follows a saved input.
      let prompts = trial.output.components(separatedBy: "\n> ").count - 1
      let acknowledged = max(0, prompts - 1)
      let submittedOnScreen = trial.output.contains("Your answers have been sent")
      let folder = DataFolder(path: trial.data.path)
      defer { try? FileManager.default.removeItem(at: trial.data.deletingLastPathComponent()) }
      guard FileManager.default.fileExists(atPath: folder.storePath) else {
        #expect(acknowledged == 0, "no store, yet \(acknowledged) inputs were acknowledged")
        outcomes.none += 1
        earliest = min(max(earliest, delay), latest - narrowest)
        continue
      }
      // Opening runs the integrity check and verifies the audit trail.
      let store = try SQLiteSessionStore(path: folder.storePath)
      let key = try CoordinatorPrivateKey.unlock(try Data(contentsOf: folder.trialPrivateKeyFile), passphrase: "")
      if try !store.submissions().isEmpty {
        outcomes.submitted += 1
        latest = max(min(latest, delay), earliest + narrowest)
        continue
      }
      #expect(!submittedOnScreen, "the patient was thanked, but no submission was saved")
      let sessions = try store.sessions()
      #expect(sessions.count <= 1)
      var saved: [String] = []
      if let session = sessions.first {
        let cipher = try SessionCipher.recovered(
          sessionID: session.id, sealedKey: session.sealedKey, opener: Opener(privateKey: key))
        let entries = try store.inputs(sessionID: session.id).enumerated().map { position, sealed in
          try #require(LoggedInput.decoded(try cipher.open(sealed, position: position)))
        }
        #expect(entries.first?.kind == .start)
        // The language chosen is kept as its code.
        saved = entries.dropFirst().compactMap { $0.kind == .language && $0.line == "en" ? "english" : $0.line }
      }
      #expect(saved.count >= acknowledged, "acknowledged \(acknowledged), saved \(saved.count)")
      #expect(Array(lines.prefix(saved.count)) == saved, "saved inputs are not what was typed")
      outcomes.partial += 1
    }
    // The trials must have landed all through the intake, not only at its ends.
    #expect(outcomes.partial > Self.trialsPerShard / 3, "\(outcomes)")
    print("crash trials, shard \(shard): \(outcomes)")
  }

  @Test func aSessionLeftOpenByAKillIsRecordedAsRecoveredAtTheNextStart() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let (process, stdin, stdout) = try Self.launch(data: data)
    // Two answers, with the input left open, so the kiosk waits at the third question.
    TestSupport.writeAll(stdin.fileHandleForWriting.fileDescriptor, Data("\nyes\nZoë\n".utf8))
    var shown = Data()
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline, String(decoding: shown, as: UTF8.self).contains("last name") == false {
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = read(stdout.fileHandleForReading.fileDescriptor, &buffer, buffer.count)
      if count <= 0 { break }
      shown.append(contentsOf: buffer[0..<count])
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(String(decoding: shown, as: UTF8.self).contains("last name"))
    let before = try #require(try IntakeBinary.store(in: data)).sessions().map(\.state)
    #expect(before == ["open"])
    // The next start finds it and says so in the trail; the keyed trail still checks.
    #expect(try IntakeBinary.run(["kiosk", "--data", data.path], input: "\n").status == 4)
    let store = try #require(try IntakeBinary.store(in: data))
    #expect(try store.auditTrail().map(\.event).prefix(2) == [.sessionStarted, .sessionRecovered])
    let audit = try IntakeBinary.run(["audit", "--data", data.path])
    #expect(audit.status == 0, "\(audit.error)")
    #expect(audit.output.contains("every keyed entry's MAC checks"))
  }

  struct Trial {
    var output: String
    var data: URL
    var seconds: Double
  }

  /// Starts the kiosk on `data` with its input and output on pipes (errors discarded).
  static func launch(data: URL) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IntakeBinary.path)
    process.arguments = ["kiosk", "--data", data.path] + IntakeBinary.cheapResume
    process.currentDirectoryURL = TestSupport.repositoryRoot
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no", "HOME": "/tmp"]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    return (process, stdin, stdout)
  }

  /// Runs the kiosk on a new data folder with `input` on a pipe; kills it with SIGKILL after
  /// `killAfter` seconds, or lets it finish.
  static func run(input: Data, killAfter: Double?) throws -> Trial {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let started = Date()
    let (process, stdin, stdout) = try launch(data: data)
    TestSupport.writeAll(stdin.fileHandleForWriting.fileDescriptor, input)
    try stdin.fileHandleForWriting.close()
    let output = IntakeBinary.Reader(stdout.fileHandleForReading)
    if let killAfter {
      let deadline = started.addingTimeInterval(killAfter)
      while process.isRunning, Date() < deadline { usleep(500) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    let limit = Date().addingTimeInterval(20)
    while process.isRunning, Date() < limit { usleep(1000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return Trial(output: output.finish(), data: data, seconds: Date().timeIntervalSince(started))
  }
}
