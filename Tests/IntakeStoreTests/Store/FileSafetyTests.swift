import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeStore

/// Another local user must not be able to put their own key or store where the program trusts
/// it: not by owning the file, not through a folder they can write, not through a symbolic link.
@Suite struct FileSafetyTests {
  /// A user the tests can give files to (they run as root in CI; as anyone else chown fails).
  static let otherUser: uid_t = 65534

  func folder() throws -> DataFolder {
    let url = try TestSupport.temporaryFolder("intake-safety").appendingPathComponent("data")
    let folder = DataFolder(path: url.path)
    try folder.prepare()
    return folder
  }

  @Test func aFolderTheProgramMadeIsTrusted() throws {
    let folder = try folder()
    try folder.verifyOwnership()
    _ = try folder.coordinatorKey()
    try folder.verifyOwnership()
  }

  @Test func aFolderOthersCanWriteIsRefusedWithTheFix() throws {
    let folder = try folder()
    chmod(folder.url.path, 0o777)
    #expect(
      throws: StoreError.unsafe(
        folder.url.path, "can be written by other users (mode 777)", fix: "run: chmod 700 '\(folder.url.path)'")
    ) {
      try folder.verifyOwnership()
    }
    // The kiosk's own preparation refuses it as well: it does not quietly take it over.
    #expect(throws: StoreError.self) { try folder.prepare() }
  }

  @Test func aKeyOwnedByAnotherUserIsRefused() throws {
    let folder = try folder()
    _ = try folder.coordinatorKey()
    try #require(chown(folder.publicKeyFile.path, Self.otherUser, Self.otherUser) == 0, "needs root to chown")
    #expect(throws: StoreError.self) { try folder.verifyOwnership() }
    #expect(throws: StoreError.self) { _ = try folder.coordinatorKey() }
  }

  @Test func aStoreOwnedByAnotherUserIsRefused() throws {
    let folder = try folder()
    _ = try SQLiteSessionStore(path: folder.storePath)
    try #require(chown(folder.storePath, Self.otherUser, Self.otherUser) == 0, "needs root to chown")
    do {
      try folder.verifyOwnership()
      Issue.record("a store owned by uid \(Self.otherUser) was trusted")
    } catch {
      #expect("\(error)".contains("belongs to another user"))
    }
  }

  @Test func symbolicLinksAreNotFollowed() throws {
    let folder = try folder()
    let elsewhere = try TestSupport.temporaryFolder("intake-elsewhere").appendingPathComponent("coordinator.pub")
    try CoordinatorPrivateKey().publicKey.fileContents.write(to: elsewhere, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(at: folder.publicKeyFile, withDestinationURL: elsewhere)
    #expect(throws: StoreError.self) { try folder.verifyOwnership() }
    #expect(throws: StoreError.self) { _ = try folder.coordinatorKey() }
    #expect(throws: StoreError.self) { _ = try FileSafety.read(folder.publicKeyFile.path, as: .file) }
  }

  @Test func aSecretOthersCanReadIsRefused() throws {
    let folder = try folder()
    _ = try folder.coordinatorKey()  // makes the trial key
    chmod(folder.trialPrivateKeyFile.path, 0o644)
    #expect(throws: StoreError.self) { try folder.verifyOwnership() }
  }
}

extension FileSafetyTests {
  @Test func afterAChmodRecursive777EveryPathIsNamedWithOneFix() throws {
    let folder = try folder()
    _ = try folder.coordinatorKey()
    _ = try SQLiteSessionStore(path: folder.storePath)
    for path in [folder.url.path, folder.keys.path, folder.storePath, folder.publicKeyFile.path] {
      chmod(path, 0o777)
    }
    do {
      try folder.verifyOwnership()
      Issue.record("a world-writable folder was trusted")
    } catch {
      let text = "\(error)"
      for path in [folder.url.path, folder.keys.path, folder.storePath, folder.publicKeyFile.path] {
        #expect(text.contains("'\(path)' can be"), "\(path) not named")
      }
      #expect(text.contains("run: chmod 700 '\(folder.url.path)' '\(folder.keys.path)' && chmod 600 "))
      #expect(text.contains("coordinator.pub is still the coordinator's key"))
    }
  }
}
