import Foundation
import IntakeStore
import IntakeTestSupport
import Testing

/// The attack from the hardening round: a world-writable data folder where another user swaps in
/// their own coordinator key and store. The kiosk and review refuse it and say what to fix.
@Suite struct DataFolderSafetyTests {
  @Test func theKioskRefusesAFolderAnotherUserCanWrite() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let first = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\n")
    #expect(first.status == 4)
    chmod(data.path, 0o777)
    let run = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\n")
    #expect(run.status == 3)
    #expect(run.error.contains("can be written by other users"))
    #expect(run.error.contains("chmod 700"))
    let review = try IntakeBinary.run(["review", "list", "--data", data.path])
    #expect(review.status == 3)
    #expect(review.error.contains("can be written by other users"))
  }

  @Test func theKioskRefusesAKeyAndAStoreSwappedInByAnotherUser() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    #expect(try IntakeBinary.run(["kiosk", "--data", data.path], input: "\n").status == 4)
    let folder = DataFolder(path: data.path)
    // The other user's own key, in place of the coordinator's.
    try CoordinatorPrivateKey().publicKey.fileContents.write(
      to: folder.publicKeyFile, atomically: true, encoding: .utf8)
    try #require(chown(folder.publicKeyFile.path, 65534, 65534) == 0, "needs root to chown")
    let run = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\n")
    #expect(run.status == 3)
    #expect(run.error.contains("coordinator.pub' belongs to another user"))
    #expect(!run.output.contains("Welcome"))
  }
}
