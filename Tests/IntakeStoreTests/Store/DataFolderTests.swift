import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeStore

@Suite struct DataFolderTests {
  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("intake-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func finishedSession() throws -> Session {
    var patient = ScriptedPatient(
      dialog: try DialogLoader.load(
        InMemoryDialogFiles(files: [
          "dialog.yaml": "id: s\nversion: \"1\"\ntitle: S\nsections: [m.yaml]",
          "m.yaml":
            "section: m\ntitle: M\nsummary: header\nquestions:\n  - id: name\n    kind: text\n    label: Name\n    text: Name?\n",
        ])))
    patient.type("MARKER-Zebulon")
    return patient.session
  }

  @Test func savesMarkdownAndJSONOwnerOnlyWithNoPatientDataInNames() throws {
    let root = try temporaryFolder()
    let folder = DataFolder(path: root.appendingPathComponent("data").path)
    try folder.prepare()
    let session = try finishedSession()
    let summary = Summary(session: session, sessionID: "abc123")
    let markdown = try folder.saveSubmission(summary, finishedAt: TestSupport.fixedInstant)
    #expect(markdown.lastPathComponent == "2026-03-15T143000Z-abc123.md")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.submissions.path).sorted()
    #expect(files == ["2026-03-15T143000Z-abc123.json", "2026-03-15T143000Z-abc123.md"])
    for file in files {
      #expect(!file.contains("Zebulon"))
      let attributes = try FileManager.default.attributesOfItem(
        atPath: folder.submissions.appendingPathComponent(file).path)
      #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
    let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.url.path)
    #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
    #expect(try String(contentsOf: markdown, encoding: .utf8).contains("MARKER-Zebulon"))
  }

  @Test func alertsHoldNoAnswers() throws {
    let folder = DataFolder(path: try temporaryFolder().appendingPathComponent("data").path)
    try folder.prepare()
    let file = try folder.raiseAlert(sessionID: "abc123", rule: "suicide_tier3", tier: 3, at: TestSupport.fixedInstant)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: String]
    #expect(object == ["session": "abc123", "rule": "suicide_tier3", "tier": "3", "raised_at": "2026-03-15T14:30:00Z"])
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
