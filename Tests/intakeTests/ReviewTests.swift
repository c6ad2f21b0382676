import Foundation
import IntakeStore
import IntakeTestSupport
import Testing

/// `intake review` end to end: urgent first, show, mark, export, lockout, and nothing without
/// the private key.
@Suite struct ReviewTests {
  let intake = CommandLineTests.wholeIntake

  func kiosk(_ data: URL, _ lines: [String]) throws -> IntakeBinary.Run {
    try IntakeBinary.run(["kiosk", "--data", data.path], input: lines.joined(separator: "\n") + "\n")
  }

  func review(_ arguments: [String], _ data: URL, input: String = "", passphrase: String? = nil) throws
    -> IntakeBinary.Run
  {
    try IntakeBinary.run(
      ["review"] + arguments + ["--data", data.path], input: input,
      extraEnvironment: passphrase.map { ["INTAKE_KEY_PASSPHRASE": $0] } ?? [:])
  }

  /// The session ids as the list shows them (their first 8 characters), most urgent first.
  func ids(_ data: URL) throws -> [String] {
    try review(["list"], data).output.split(separator: "\n").dropFirst().compactMap { row in
      row.split(separator: " ").first.map(String.init)
    }
  }

  /// Three intakes: a routine one, one needing physician review, and a tier-3 escalation that
  /// was never finished, taken in that order.
  func threeIntakes() throws -> URL {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    var review = intake
    // No high blood pressure diagnosed, but a recent reading of 178/104: physician review.
    let medical = try #require(review.indices.first { review[$0...].starts(with: ["none", "no", "cannot"]) })
    review.replaceSubrange(medical..<(medical + 2), with: ["none", "yes", "178/104", "past month"])
    #expect(try kiosk(data, review).status == 0)
    let escalation = CommandLineTests.beforePHQ9 + Array(repeating: "1", count: 9) + ["yes", "yes", "yes", "yes"]
    _ = try kiosk(data, escalation)
    return data
  }

  @Test func theEscalationComesFirstThenByUrgencyThenNewest() throws {
    let data = try threeIntakes()
    let list = try review(["list"], data)
    #expect(list.status == 0, "\(list.error)")
    let rows = list.output.split(separator: "\n").dropFirst().map(String.init)
    #expect(rows.count == 3)
    #expect(rows[0].contains("TIER 3"))
    #expect(rows[0].contains("suspended"))
    #expect(rows[1].contains("Physician review needed"))
    #expect(rows[2].contains("submitted"))
    // Each row names the patient and starts with the session id, which stays the intake's name
    // whatever else changes in the list (a position would not).
    #expect(rows.allSatisfy { $0.contains("Zoë") })
    let first = try #require(try ids(data).first)
    #expect(first.count == 8)
    #expect(try review(["show", "1"], data).status == 64)
    // The unfinished one says where it stopped and why, as the kiosk recorded it.
    let show = try review(["show", first], data)
    #expect(
      show.output.contains("- **Status**: Not finished: the kiosk held the intake at"), "\(show.output.prefix(800))")
    #expect(show.output.contains("The input ended."))
  }

  @Test func showMarkAndExportAreRecordedAndExportsAreOwnerOnly() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    let id = try #require(try ids(data).first)
    let show = try review(["show", id], data)
    #expect(show.status == 0)
    #expect(show.output.contains("**Zoë "), "\(show.output.prefix(600))")
    let mark = try review(
      ["mark", id, "--by", "J. Coordinator"], data, input: "Called the patient; booked consult.\n")
    #expect(mark.status == 0)
    #expect(try review(["list"], data).output.contains(" yes "))
    let shownAgain = try review(["show", id], data)
    #expect(shownAgain.output.contains("by J. Coordinator: Called the patient; booked consult."))
    let out = data.deletingLastPathComponent().appendingPathComponent("exports")
    for format in ["markdown", "html", "json", "fhir-response", "fhir-questionnaire", "fhir-bundle"] {
      let export = try review(["export", id, "--format", format, "--out", out.path], data)
      #expect(export.status == 0, "\(export.error)")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(files.count == 6)
    // Named by the session id only: nothing of the patient in a file name.
    let sessionID = try #require(files.first { $0.hasSuffix(".md") }?.dropLast(3))
    #expect(files.allSatisfy { $0.hasPrefix(sessionID + ".") })
    let bundleFile = try #require(files.first { $0.hasSuffix(".Bundle.json") })
    let bundle = try String(contentsOf: out.appendingPathComponent(bundleFile), encoding: .utf8)
    #expect(bundle.contains("\"resourceType\": \"Bundle\""))
    #expect(bundle.contains("\"resourceType\": \"Patient\""))
    #expect(bundle.contains("\"family\": "))
    let response = try #require(files.first { $0.hasSuffix("QuestionnaireResponse.json") })
    let fhir = try String(contentsOf: out.appendingPathComponent(response), encoding: .utf8)
    #expect(fhir.contains("\"resourceType\": \"QuestionnaireResponse\""))
    #expect(fhir.contains("\"status\": \"completed\""))
    #expect(fhir.contains("\"valueString\": \"Zoë\""))
    for file in files {
      let attributes = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(file).path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
      #expect(!file.contains("Zo"))
    }
    let trail = try #require(try IntakeBinary.store(in: data)).auditTrail()
    let events = trail.map(\.event)
    #expect(events.filter { $0 == .submissionViewed }.count == 2)
    #expect(events.filter { $0 == .submissionExported }.count == 6)
    #expect(events.contains(.submissionReviewed))
    // The note is sealed: it is not in the store in plaintext.
    let bytes = try Data(contentsOf: URL(fileURLWithPath: DataFolder(path: data.path).storePath))
    #expect(bytes.range(of: Data("booked consult".utf8)) == nil)
  }

  @Test func wrongPassphrasesLockReviewForAWhile() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let data = folder.appendingPathComponent("data")
    let key = folder.appendingPathComponent("keys/coordinator.key")
    let made = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", key.path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "the right passphrase"])
    #expect(made.status == 0)
    #expect(try kiosk(data, intake).status == 0)
    for attempt in 1...5 {
      let wrong = try review(["list", "--private-key", key.path], data, passphrase: "wrong \(attempt)")
      #expect(wrong.status == 5)
      #expect(wrong.error.contains("the passphrase is wrong"))
      #expect(wrong.error.contains("locked") == (attempt == 5))
    }
    let locked = try review(["list", "--private-key", key.path], data, passphrase: "the right passphrase")
    #expect(locked.status == 5)
    #expect(locked.error.contains("review is locked after too many wrong passphrases"))
    let events = try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event)
    #expect(events.filter { $0 == .reviewUnlockFailed }.count == 5)
    #expect(events.contains(.reviewLocked))
    // Locked or not, the passphrase is asked at a hidden prompt first: typed by habit, it never
    // lands on the shell's command line.
    // `script` gives review a controlling terminal, where the passphrase is read.
    let terminal = try PseudoTerminal(
      "/usr/bin/script",
      ["-qec", "\(IntakeBinary.path) review list --data \(data.path) --private-key \(key.path)", "/dev/null"],
      environment: IntakeBinary.environment)
    try terminal.waitFor("Passphrase: ")
    terminal.send("the right passphrase\r")
    let said = try terminal.waitFor("the passphrase was not tried")
    #expect(said.contains("review is locked") && !said.contains("the right passphrase"))
    #expect(try terminal.exitCode() == 5)
  }

  /// A data folder with a passphrase-protected coordinator key and one submitted intake.
  func keyedFolder() throws -> (data: URL, key: URL) {
    let folder = try IntakeBinary.temporaryFolder()
    let data = folder.appendingPathComponent("data")
    let key = folder.appendingPathComponent("keys/coordinator.key")
    let made = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", key.path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "the right passphrase"])
    #expect(made.status == 0)
    #expect(try kiosk(data, intake).status == 0)
    return (data, key)
  }

  /// Runs SQL on a data folder's store, as someone with write access to the file could.
  func tamper(_ data: URL, _ sql: String) throws {
    try StoreTampering.execute(sql, onStoreAt: DataFolder(path: data.path).storePath)
  }

  @Test func deletingTheLockRowDoesNotUnlockReview() throws {
    let (data, key) = try keyedFolder()
    for attempt in 1...5 {
      _ = try review(["list", "--private-key", key.path], data, passphrase: "wrong \(attempt)")
    }
    try tamper(data, "DELETE FROM review_access")
    let locked = try review(["list", "--private-key", key.path], data, passphrase: "the right passphrase")
    #expect(locked.status == 5)
    #expect(locked.error.contains("review is locked"))
  }

  @Test func aLockThatCannotBeReadIsNotTakenAsUnlocked() throws {
    let (data, key) = try keyedFolder()
    try tamper(data, "DROP TABLE review_access")
    let run = try review(["list", "--private-key", key.path], data, passphrase: "the right passphrase")
    #expect(run.status == 3, "\(run.error)")
    #expect(!run.output.contains("submitted"))
  }

  @Test func aWrongPassphraseThatCannotBeCountedIsAnError() throws {
    let (data, key) = try keyedFolder()
    try tamper(
      data, "CREATE TRIGGER no_count BEFORE UPDATE ON review_access BEGIN SELECT RAISE(ABORT, 'refused'); END")
    let run = try review(["list", "--private-key", key.path], data, passphrase: "a wrong one")
    #expect(run.status == 3)
    #expect(run.error.contains("could not be recorded"))
  }

  @Test func aKioskWithOnlyThePublicKeyCannotReadAnything() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let data = folder.appendingPathComponent("data")
    let key = folder.appendingPathComponent("elsewhere/coordinator.key")
    _ = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", key.path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "the right passphrase"])
    #expect(try kiosk(data, intake).status == 0)
    // The private key is not on the kiosk: review has nothing to open with.
    try FileManager.default.removeItem(at: key)
    let run = try review(["list"], data, passphrase: "the right passphrase")
    #expect(run.status == 64)
    #expect(run.error.contains("cannot read the coordinator's private key"))
    #expect(!run.output.contains("Zoë"))
  }

  @Test func watchPrintsAlertsAsTheKioskRaisesThem() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, Array(intake.prefix(2))).status == 4)  // a store and a trial key exist
    let escalation = CommandLineTests.beforePHQ9 + Array(repeating: "1", count: 9) + ["yes", "yes", "yes", "yes"]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IntakeBinary.path)
    process.arguments = ["review", "watch", "--seconds", "4", "--data", data.path]
    process.currentDirectoryURL = TestSupport.repositoryRoot
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no", "HOME": "/tmp"]
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let reader = IntakeBinary.Reader(stdout.fileHandleForReading)
    usleep(1_500_000)
    _ = try kiosk(data, escalation)
    process.waitUntilExit()
    let output = reader.finish()
    // The tier, who (a crisis at the first questions may come before a name), the session, the kiosk.
    let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("ALERT tier 3  ") })
    #expect(line.contains("Zoë") && line.contains("  session ") && line.contains("  kiosk "), "\(line)")
  }

  @Test func theConsoleAtARealTerminal() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    let out = data.deletingLastPathComponent().appendingPathComponent("printed")
    let terminal = try PseudoTerminal(
      IntakeBinary.path, ["review", "--data", data.path], environment: IntakeBinary.environment)
    try terminal.waitFor("intake review: 1 intakes.")
    try terminal.waitFor("review> ")
    let id = try #require(try ids(data).first)
    terminal.send("show \(id.prefix(5))\r")
    try terminal.waitFor("### Questions for the psychiatrist")
    try terminal.waitFor("review> ")
    terminal.send("mark \(id) Jo Coordinator\r")
    try terminal.waitFor("note> ")
    // A pasted note of two lines: both are the note, neither runs as a command.
    terminal.send("Seen; consult booked.\rlist\r.\r")
    try terminal.waitFor("Marked ")
    terminal.send("export \(id) html \(out.path)\r")
    try terminal.waitFor("Wrote")  // then a space, or a line break before a long path
    try terminal.waitFor("review> ")
    terminal.send("list\r")
    let listed = try terminal.waitFor("review> ")
    #expect(listed.contains(" yes "))
    // Watching for alerts stops with a key, back at the console's prompt.
    terminal.send("watch\r")
    try terminal.waitFor("Press q")
    terminal.send("q")
    try terminal.waitFor("Stopped watching.")
    try terminal.waitFor("review> ")
    // Typed at once, the stop key comes with the command that starts the watch: the line
    // reader has read it with the line, and the watch still sees it.
    terminal.send("watch\rq")
    try terminal.waitFor("Stopped watching.")
    try terminal.waitFor("review> ")
    terminal.send("quit\r")
    #expect(try terminal.exitCode() == 0)
    let html = try String(
      contentsOf: try #require(
        try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil).first),
      encoding: .utf8)
    #expect(html.contains("<h2>At a glance</h2>"))
  }
}
