import Foundation
import IntakeStore
import IntakeTestSupport

/// Runs the built `intake` binary, beside the test bundle, with a deadline on every wait.
enum IntakeBinary {
  static var path: String {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
    // On Linux the test bundle is `<build>/debug/intakePackageTests.xctest`.
    if folder.pathExtension == "xctest" { folder = folder.deletingLastPathComponent() }
    return folder.appendingPathComponent("intake").path
  }

  /// The kiosk program built beside `intake` (`intake-kiosk`).
  static var kioskPath: String {
    URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("intake-kiosk").path
  }

  static let environment = [
    "PATH=/usr/bin:/bin", "TERM=xterm", "LANG=C.UTF-8", "SWIFT_BACKTRACE=enable=no", "HOME=/tmp",
  ]

  struct Run {
    var status: Int32
    var output: String
    var error: String
  }

  /// Runs with `input` on a pipe (`executable` instead of intake, when given); kills the process
  /// if it has not finished in `seconds`. A kiosk run gets a cheap resume-code derivation unless
  /// `standardCost` (a debug build runs scrypt's standard cost slowly). The deadline catches a
  /// hang, not slowness: `intake check` and `intake test` run the path analysis, about 16 s in a
  /// debug build with the suite's other processes on 2 cores (speed is measured by the
  /// benchmarks).
  static func run(
    _ arguments: [String], input: String = "", seconds: Double = 90, standardCost: Bool = false,
    extraEnvironment: [String: String] = [:], directory: URL? = nil, executable: String? = nil
  ) throws -> Run {
    let process = Process()
    // Another program (strace) may run intake, named in `arguments`.
    process.executableURL = URL(fileURLWithPath: executable ?? path)
    let isKiosk = arguments.first == "kiosk" || arguments.first?.hasPrefix("--") == true
    process.arguments = arguments + (isKiosk && arguments.contains("--data") && !standardCost ? cheapResume : [])
    process.currentDirectoryURL = directory ?? TestSupport.repositoryRoot
    process.environment = Dictionary(
      uniqueKeysWithValues: environment.map {
        let parts = $0.split(separator: "=", maxSplits: 1)
        return (String(parts[0]), String(parts[1]))
      }
    ).merging(extraEnvironment) { $1 }
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    TestSupport.writeAll(stdin.fileHandleForWriting.fileDescriptor, Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let outputData = Reader(stdout.fileHandleForReading)
    let errorData = Reader(stderr.fileHandleForReading)
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { usleep(10_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw Timeout(what: "intake \(arguments.joined(separator: " "))")
    }
    process.waitUntilExit()
    return Run(status: process.terminationStatus, output: outputData.finish(), error: errorData.finish())
  }

  struct Timeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "\(what) did not finish before its deadline" }
  }

  /// Drains a pipe on a background thread so a full pipe never blocks the child.
  final class Reader: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
      Thread {
        let all = TestSupport.readAll(handle.fileDescriptor)
        self.lock.lock()
        self.data = all
        self.lock.unlock()
        self.done.signal()
      }.start()
    }

    func finish() -> String {
      _ = done.wait(timeout: .now() + 5)
      lock.lock()
      defer { lock.unlock() }
      return String(decoding: data, as: UTF8.self)
    }
  }

  static func temporaryFolder() throws -> URL { try TestSupport.temporaryFolder("intake-e2e") }

  /// Writes a dialog folder from file names and texts.
  static func writeDialog(_ files: [String: String], in folder: URL) throws -> URL {
    let dialog = folder.appendingPathComponent("dialog")
    for (name, text) in files {
      let url = dialog.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return dialog
  }

  static let cheapResume = ["--resume-kdf-rounds", "1024"]

  /// The store of a data folder the kiosk made, or nil when it made none.
  static func store(in data: URL) throws -> SQLiteSessionStore? {
    let folder = DataFolder(path: data.path)
    guard FileManager.default.fileExists(atPath: folder.storePath) else { return nil }
    return try SQLiteSessionStore(path: folder.storePath)
  }

  /// The submissions in a data folder, opened with the trial key the kiosk made there.
  static func submissions(in data: URL) throws -> [SubmissionPayload] {
    guard let store = try store(in: data) else { return [] }
    let folder = DataFolder(path: data.path)
    let key = try CoordinatorPrivateKey.unlock(try Data(contentsOf: folder.trialPrivateKeyFile), passphrase: "")
    return try store.submissions().map { submission in
      let plain = try Opener(privateKey: key).open(
        submission.sealed, purpose: .submission, context: submission.sessionID)
      guard let payload = SubmissionPayload.decoded(plain) else { throw Timeout(what: "decoding a submission") }
      return payload
    }
  }

  /// Staff alerts recorded in a data folder's store.
  static func alerts(in data: URL) throws -> [StoredAlert] { try store(in: data)?.alerts() ?? [] }
}
