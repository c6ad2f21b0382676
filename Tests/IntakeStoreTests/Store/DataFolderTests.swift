import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeStore

@Suite struct DataFolderTests {
  func temporaryFolder() throws -> URL { try TestSupport.temporaryFolder("intake-store") }

  @Test func theFolderIsOwnerOnlyAndATrialKeyIsMadeOnceAndSaidSo() throws {
    let root = try temporaryFolder()
    let folder = DataFolder(path: root.appendingPathComponent("data").path)
    try folder.prepare()
    for path in [folder.url.path, folder.keys.path] {
      #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o700)
    }
    let first = try folder.coordinatorKey()
    #expect(first.madeTrialKey)
    let second = try folder.coordinatorKey()
    #expect(!second.madeTrialKey)
    #expect(second.key == first.key)
    for file in [folder.publicKeyFile, folder.trialPrivateKeyFile] {
      #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
    }
    // The trial private key opens with an empty passphrase and matches the public key.
    let trial = try CoordinatorPrivateKey.unlock(try Data(contentsOf: folder.trialPrivateKeyFile), passphrase: "")
    #expect(trial.publicKey == first.key)
  }

  @Test func aDamagedPublicKeyIsReportedNotReplaced() throws {
    let folder = DataFolder(path: try temporaryFolder().appendingPathComponent("data").path)
    try folder.prepare()
    try Data("garbage".utf8).write(to: folder.publicKeyFile)
    #expect(throws: StoreError.badKey(folder.publicKeyFile.path)) { try folder.coordinatorKey() }
    #expect(try String(contentsOf: folder.publicKeyFile, encoding: .utf8) == "garbage")
  }

  @Test func aReadOnlyFolderIsReportedBeforeTheKioskStarts() throws {
    guard getuid() != 0 else { return }  // root can write anywhere; CI runs as root, see the pipe test in intakeTests
    let root = try temporaryFolder()
    try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: root.path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path) }
    #expect(throws: StoreError.self) { try DataFolder(path: root.appendingPathComponent("data").path).prepare() }
  }

  @Test func aFileInTheWayIsReported() throws {
    let root = try temporaryFolder()
    let blocker = root.appendingPathComponent("data")
    try Data("x".utf8).write(to: blocker)
    #expect(throws: StoreError.cannotCreateFolder(blocker.path)) { try DataFolder(path: blocker.path).prepare() }
  }

  @Test func dialogFilesCannotReachOutsideTheirFolder() throws {
    let files = DialogDirectory(path: TestSupport.shippedDialogPath + "/")
    #expect(files.displayPath("dialog.yaml") == TestSupport.shippedDialogPath + "/dialog.yaml")
    #expect(throws: MissingDialogFile.self) { try files.contents(of: "../../README.md") }
    #expect(throws: MissingDialogFile.self) { try files.contents(of: "/etc/passwd") }
    #expect(try files.contents(of: "dialog.yaml").contains("ketamine-intake"))
  }
}
