import Foundation
import GRDB
import IntakeStore
import IntakeTestSupport
import Testing

/// `intake keys init` and `intake audit`.
@Suite struct KeysAndAuditTests {
  @Test func keysInitMakesAProtectedPairTheKioskSealsTo() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let data = folder.appendingPathComponent("data")
    let privateKey = folder.appendingPathComponent("coordinator/coordinator.key")
    // A trial run first: it made a trial key, which keys init retires.
    _ = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nquit\nyes\n")
    let short = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", privateKey.path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "short"])
    #expect(short.status == 64)
    #expect(short.error.contains("at least 10 characters"))
    let made = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", privateKey.path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "a long enough passphrase"])
    #expect(made.status == 0, "\(made.error)")
    #expect(made.error.contains("Made the coordinator's key pair"))
    let attributes = try FileManager.default.attributesOfItem(atPath: privateKey.path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let key = try CoordinatorPrivateKey.unlock(Data(contentsOf: privateKey), passphrase: "a long enough passphrase")
    #expect(throws: KeyError.wrongPassphrase) {
      try CoordinatorPrivateKey.unlock(Data(contentsOf: privateKey), passphrase: "a wrong passphrase")
    }
    // A second init does not silently replace the key.
    let again = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", folder.appendingPathComponent("other.key").path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "a long enough passphrase"])
    #expect(again.status == 64)
    // The kiosk now seals to the new key: only it opens the submission.
    let run = try IntakeBinary.run(
      ["--data", data.path], input: CommandLineTests.wholeIntake.joined(separator: "\n") + "\n")
    #expect(run.status == 0)
    #expect(!run.error.contains("TRIAL"))
    let store = try #require(try IntakeBinary.store(in: data))
    let submission = try #require(try store.submissions().first)
    let opened = try Opener(privateKey: key).open(
      submission.sealed, purpose: .submission, context: submission.sessionID)
    #expect(SubmissionPayload.decoded(opened)?.markdown.contains("Zoë") == true)
  }

  @Test func auditVerifiesTheChainAndCatchesAnEditedEntry() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    _ = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nyes\nZoë\nquit\nyes\n")
    let audit = try IntakeBinary.run(["audit", "--data", data.path])
    #expect(audit.status == 0)
    #expect(audit.output.contains("session.started"))
    #expect(audit.output.contains("session.suspended"))
    #expect(audit.output.contains("audit trail verified: 2 entries"))
    #expect(!audit.output.contains("Zo"))
    let queue = try DatabaseQueue(path: DataFolder(path: data.path).storePath)
    try queue.write { db in try db.execute(sql: "UPDATE audit SET detail = 'edited' WHERE sequence = 2") }
    let broken = try IntakeBinary.run(["audit", "--data", data.path])
    #expect(broken.status == 3)
    #expect(broken.error.contains("the audit trail does not verify: entry 2 was changed"))
  }

  @Test func cuttingOffTheNewestAuditEntriesIsCaught() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let lines = CommandLineTests.wholeIntake.joined(separator: "\n") + "\n"
    #expect(try IntakeBinary.run(["kiosk", "--data", data.path], input: lines).status == 0)
    #expect(try IntakeBinary.run(["kiosk", "--data", data.path], input: lines).status == 0)
    let clean = try IntakeBinary.run(["review", "list", "--data", data.path])
    #expect(!clean.error.contains("WARNING"))
    // Entries 3 and on (the second intake and the listing) go: the chain that is left still
    // links up, but the second submission's rows have no entries, and the audit key has moved on.
    let queue = try DatabaseQueue(path: DataFolder(path: data.path).storePath)
    try queue.write { db in try db.execute(sql: "DELETE FROM audit WHERE sequence >= 3") }
    let audit = try IntakeBinary.run(["audit", "--data", data.path])
    #expect(audit.status == 3)
    #expect(audit.error.contains("the trail never recorded it starting"))
    let review = try IntakeBinary.run(["review", "list", "--data", data.path])
    #expect(review.error.contains("WARNING: the audit trail does not verify"))
  }

  @Test func cuttingOffEntriesThatRecordNoRowIsCaughtByTheAuditKey() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let lines = CommandLineTests.wholeIntake.joined(separator: "\n") + "\n"
    #expect(try IntakeBinary.run(["kiosk", "--data", data.path], input: lines).status == 0)
    // Two listings: entries that record nothing in other tables.
    #expect(try IntakeBinary.run(["review", "list", "--data", data.path]).status == 0)
    #expect(try IntakeBinary.run(["review", "list", "--data", data.path]).status == 0)
    let queue = try DatabaseQueue(path: DataFolder(path: data.path).storePath)
    let last = try queue.read { db in try Int.fetchOne(db, sql: "SELECT max(sequence) FROM audit") } ?? 0
    try queue.write { db in try db.execute(sql: "DELETE FROM audit WHERE sequence = ?", arguments: [last]) }
    let audit = try IntakeBinary.run(["audit", "--data", data.path])
    #expect(audit.status == 3)
    #expect(audit.error.contains("entries were removed from the end"))
    let kiosk = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\n")
    #expect(kiosk.status == 3)
  }
}
