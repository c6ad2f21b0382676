import Foundation
import IntakeStore
import IntakeTestSupport
import Testing

/// Records changed in the store, as review meets them: called tampered (or another key), kept at
/// their true urgency, audited, with an exit code of their own; a changed review mark is shown
/// as changed, not as a mark without a note.
@Suite struct TamperedRecordTests {
  let intake = CommandLineTests.wholeIntake

  func kiosk(_ data: URL, _ lines: [String]) throws -> IntakeBinary.Run {
    try IntakeBinary.run(["kiosk", "--data", data.path], input: lines.joined(separator: "\n") + "\n")
  }

  func review(_ arguments: [String], _ data: URL, input: String = "") throws -> IntakeBinary.Run {
    try IntakeBinary.run(["review"] + arguments + ["--data", data.path], input: input)
  }

  /// The first session id the list shows.
  func firstID(_ data: URL) throws -> String {
    try #require(
      try review(["list"], data).output.split(separator: "\n").dropFirst().first?.split(separator: " ").first
    )
    .description
  }

  func tamper(_ data: URL, _ sql: String) throws {
    try StoreTampering.execute(sql, onStoreAt: DataFolder(path: data.path).storePath)
  }

  func events(_ data: URL) throws -> [AuditEvent] {
    try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event)
  }

  @Test func aSubmissionWithOneFlippedByteIsCalledTamperedAndAudited() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    #expect(try kiosk(data, intake).status == 0)
    // Flip one byte of the older submission (newest first would list it first anyway).
    let newest = try #require(
      try StoreTampering.strings(
        "SELECT session_id FROM submission ORDER BY submitted_at ASC LIMIT 1",
        onStoreAt: DataFolder(path: data.path).storePath
      ).first)
    try StoreTampering.flipByte(
      at: 100, in: "submission", column: "sealed", where: "session_id = '\(newest)'",
      onStoreAt: DataFolder(path: data.path).storePath)
    let list = try review(["list"], data)
    #expect(list.status == 0)
    let rows = list.output.split(separator: "\n").dropFirst().map(String.init)
    // Before the intact routine intake, and named for what it is.
    #expect(rows.first?.hasPrefix(String(newest.prefix(8))) == true)
    #expect(rows.first?.contains("TAMPERED (sealed summary)") == true)
    let show = try review(["show", newest], data)
    #expect(show.status == 6)
    #expect(show.error.contains("TAMPERED"))
    #expect(try events(data).contains(.recordRejected))
  }

  @Test func aTamperedEscalationKeepsItsTierWhenItsAlertRowsAreGone() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    let escalation = CommandLineTests.beforePHQ9 + Array(repeating: "1", count: 9) + ["yes", "yes", "yes", "yes"]
    _ = try kiosk(data, escalation)
    try tamper(data, "DELETE FROM alert")
    try tamper(data, "UPDATE input SET sealed = zeroblob(length(sealed)) WHERE position = 3")
    let list = try review(["list"], data)
    // The deleted alert rows are called out, and the intake is still listed at its tier.
    #expect(list.error.contains("WARNING: the audit trail does not verify"))
    #expect(list.error.contains("staff alert(s)"))
    let first = try #require(list.output.split(separator: "\n").dropFirst().first.map(String.init))
    #expect(first.contains("TIER 3"))
    #expect(first.contains("TAMPERED (saved answers)"))
  }

  @Test func recordsSealedToAnotherKeyAreSaidToBe() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    // Another coordinator's key pair in place of the trial one.
    let folder = DataFolder(path: data.path)
    try DataFolder.write(
      try CoordinatorPrivateKey().locked(passphrase: "", cost: ScryptCost(rounds: 2, blockSize: 1, parallelism: 1)),
      to: folder.trialPrivateKeyFile)
    let list = try review(["list"], data)
    #expect(list.output.contains("Does not open with this key"))
    #expect(try review(["show", try firstID(data)], data).status == 6)
  }

  @Test func aChangedReviewMarkIsShownAsChanged() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try kiosk(data, intake).status == 0)
    let id = try firstID(data)
    #expect(try review(["mark", id, "--by", "J. Coordinator"], data, input: "Called; booked.\n").status == 0)
    #expect(try review(["mark", id, "--by", "A. Nurse"], data, input: "\n").status == 0)
    let intact = try review(["show", id], data)
    #expect(intact.output.contains("by J. Coordinator: Called; booked."))
    #expect(intact.output.contains("by A. Nurse\n"))
    #expect(!intact.output.contains("ALTERED"))
    // Someone rewrites who reviewed it, and breaks a note's seal.
    try tamper(data, "UPDATE review SET reviewer = 'Dr. Someone Else' WHERE reviewer = 'A. Nurse'")
    try tamper(data, "UPDATE review SET sealed_note = zeroblob(length(sealed_note)) WHERE reviewer = 'J. Coordinator'")
    let changed = try review(["show", id], data)
    #expect(changed.output.contains("by Dr. Someone Else — ALTERED"))
    #expect(changed.output.contains("by J. Coordinator — ALTERED"))
    #expect(!changed.output.contains("Called; booked."))
  }
}
