import Foundation
import IntakeKit
import IntakeStore
import IntakeTestSupport
import Testing

/// A dialog folder is untrusted: links that leave it are errors, and nothing is read through
/// them; oversized and special files are refused without being read whole.
@Suite(.timeLimit(.minutes(1))) struct DialogDirectoryTests {
  static let manifest = "id: f\nversion: \"1\"\ntitle: F\nsections: [main.yaml]\nsettings: settings.yaml\n"
  static let main = "section: main\ntitle: Main\nquestions:\n  - { id: q, kind: yes_no, text: Q? }\n"

  /// A small valid dialog in a new folder, and a folder beside it that is outside it.
  func folders() throws -> (dialog: URL, outside: URL) {
    let root = try TestSupport.temporaryFolder("intake-dialog")
    let dialog = root.appendingPathComponent("dialog")
    let outside = root.appendingPathComponent("outside")
    for folder in [dialog, outside] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try Self.manifest.write(to: dialog.appendingPathComponent("dialog.yaml"), atomically: true, encoding: .utf8)
    try Self.main.write(to: dialog.appendingPathComponent("main.yaml"), atomically: true, encoding: .utf8)
    try "settings: []\n".write(to: outside.appendingPathComponent("settings.yaml"), atomically: true, encoding: .utf8)
    return (dialog, outside)
  }

  func link(_ name: String, in folder: URL, to target: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: folder.appendingPathComponent(name).path, withDestinationPath: target)
  }

  func printed(_ folder: URL) -> [String] {
    DialogLoader.check(DialogDirectory(path: folder.path)).diagnostics.map(\.description)
  }

  @Test func aLinkToAFileOutsideTheFolderIsAnErrorAndIsNotRead() throws {
    let (dialog, outside) = try folders()
    try link("settings.yaml", in: dialog, to: outside.appendingPathComponent("settings.yaml").path)
    let files = DialogDirectory(path: dialog.path)
    #expect(throws: RefusedDialogFile.leavesFolder(path: "settings.yaml")) { try files.contents(of: "settings.yaml") }
    #expect(
      printed(dialog) == [
        "\(dialog.path)/settings.yaml:1:1: error: [IK003] 'settings.yaml' is a symbolic link that leads outside the "
          + "dialog folder (or nowhere); put the file itself in the folder"
      ])
  }

  @Test func aRelativeLinkOutAndALinkedFolderAreErrorsEvenWhenNoFileNamesThem() throws {
    let (dialog, outside) = try folders()
    try "settings: []\n".write(to: dialog.appendingPathComponent("settings.yaml"), atomically: true, encoding: .utf8)
    try link("transcripts", in: dialog, to: outside.path)
    try FileManager.default.createDirectory(
      at: dialog.appendingPathComponent("notes"), withIntermediateDirectories: true)
    try link("notes/passwd", in: dialog, to: "../../../../../../../../etc/passwd")
    #expect(
      printed(dialog).map { $0.components(separatedBy: " error: ")[0] } == [
        "\(dialog.path)/notes/passwd:1:1:", "\(dialog.path)/transcripts:1:1:",
      ])
    #expect(printed(dialog).allSatisfy { $0.contains("[IK003]") })
  }

  @Test func linksThatStayInsideAndALinkedDialogFolderAreFine() throws {
    let (dialog, _) = try folders()
    try "settings: []\n".write(to: dialog.appendingPathComponent("real.yaml"), atomically: true, encoding: .utf8)
    try link("settings.yaml", in: dialog, to: "real.yaml")
    // A folder on the way that is a link inside: read through it, not only a file that is one.
    try FileManager.default.createDirectory(
      at: dialog.appendingPathComponent("parts"), withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: dialog.appendingPathComponent("main.yaml"), to: dialog.appendingPathComponent("parts/main.yaml"))
    try link("linked", in: dialog, to: "parts")
    try Self.manifest.replacingOccurrences(of: "[main.yaml]", with: "[linked/main.yaml]")
      .write(to: dialog.appendingPathComponent("dialog.yaml"), atomically: true, encoding: .utf8)
    let current = dialog.deletingLastPathComponent().appendingPathComponent("current")
    try FileManager.default.createSymbolicLink(at: current, withDestinationURL: dialog)
    #expect(printed(dialog).isEmpty)
    #expect(printed(current).isEmpty)
  }

  /// The folder's link is followed once, when the folder is named: a dialog replaced by moving
  /// its link (`Dialogs/current`) while it is read is read whole from the one it named.
  @Test func aReadComesFromTheFolderTheLinkNamedWhenItWasGiven() throws {
    let (dialog, other) = try folders()
    try Self.manifest.replacingOccurrences(of: "title: F", with: "title: Other")
      .write(to: other.appendingPathComponent("dialog.yaml"), atomically: true, encoding: .utf8)
    let current = dialog.deletingLastPathComponent().appendingPathComponent("current")
    try FileManager.default.createSymbolicLink(at: current, withDestinationURL: dialog)
    let files = DialogDirectory(path: current.path)
    try FileManager.default.removeItem(at: current)
    try FileManager.default.createSymbolicLink(at: current, withDestinationURL: other)
    #expect(try files.contents(of: "dialog.yaml") == Self.manifest)
    #expect(try DialogDirectory(path: current.path).contents(of: "dialog.yaml").contains("title: Other"))
  }

  @Test func aFileOverOneMebibyteIsRefusedBeforeItIsRead() throws {
    let (dialog, _) = try folders()
    let path = dialog.appendingPathComponent("settings.yaml").path
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    // Sparse: 4 GiB on paper, nothing on disk. Reading it whole is what the limit prevents.
    #expect(truncate(path, 4 << 30) == 0)
    #expect(throws: RefusedDialogFile.tooLarge(path: "settings.yaml", bytes: 4 << 30)) {
      try DialogDirectory(path: dialog.path).contents(of: "settings.yaml")
    }
    #expect(
      printed(dialog) == [
        "\(dialog.path)/dialog.yaml:5:11: error: [IK002] 'settings.yaml' is 4294967296 bytes; a dialog file may be "
          + "at most 1048576 bytes (1 MiB)"
      ])
  }

  @Test func aFIFOIsUnreadableInsteadOfHangingTheReader() throws {
    let (dialog, _) = try folders()
    #expect(mkfifo(dialog.appendingPathComponent("settings.yaml").path, 0o600) == 0)
    #expect(
      printed(dialog) == [
        "\(dialog.path)/dialog.yaml:5:11: error: [IK001] cannot read 'settings.yaml': it is missing or unreadable"
      ])
  }
}
