import Foundation
import IntakeKit
import IntakeStore
import IntakeTestSupport
import Testing

/// The compiled-dialog cache: a dialog whose files did not change is not read and checked again,
/// and anything else (a changed file, another build, a damaged or unsafe entry, a dialog with
/// errors) is read and checked as without a cache.
@Suite(.timeLimit(.minutes(1))) struct CompiledDialogCacheTests {
  static let manifest = "id: f\nversion: \"1\"\ntitle: F\nsections: [main.yaml]\nsettings: settings.yaml\n"
  static func main(_ text: String) -> String {
    "section: main\ntitle: Main\nquestions:\n  - { id: q, kind: yes_no, text: \(text) }\n"
  }

  /// A small dialog's folder and an empty cache folder beside it.
  func folders() throws -> (dialog: URL, cache: URL) {
    let root = try TestSupport.temporaryFolder("intake-cache")
    let dialog = root.appendingPathComponent("dialog")
    try FileManager.default.createDirectory(at: dialog, withIntermediateDirectories: true)
    try write(Self.manifest, to: dialog, "dialog.yaml")
    try write(Self.main("Q?"), to: dialog, "main.yaml")
    try write("settings: []\n", to: dialog, "settings.yaml")
    return (dialog, root.appendingPathComponent("cache"))
  }

  func write(_ text: String, to folder: URL, _ name: String) throws {
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  func check(
    _ dialog: URL, _ cache: URL, build: String = "build 1", program: String = "intake"
  ) -> (DialogLoader.Outcome, CompiledDialogCache.Use) {
    let (outcome, use) = CompiledDialogCache(folder: cache.path, build: build, program: program)
      .check(DialogDirectory(path: dialog.path), checks: .errorsOnly)
    return (outcome, use)
  }

  func entries(_ cache: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasSuffix(".dialog") }
  }

  func text(_ outcome: DialogLoader.Outcome) -> String? { outcome.dialog?.question("q")?.text.source }

  @Test func anUnchangedDialogIsReadFromTheCacheTheSecondTime() throws {
    let (dialog, cache) = try folders()
    let (first, saved) = check(dialog, cache)
    #expect(saved == .saved)
    let (second, hit) = check(dialog, cache)
    #expect(hit == .hit)
    #expect(text(second) == "Q?")
    let expected = DeepDescription.lines(of: try #require(first.dialog))
    #expect(DeepDescription.firstDifference(expected, DeepDescription.lines(of: try #require(second.dialog))) == nil)
    // The folder and the entry are the user's own and nobody else's to write or read.
    #expect(try FileSafety.check(cache.path, as: .folder))
    let entry = cache.appendingPathComponent(try #require(entries(cache).first)).path
    #expect(try FileSafety.check(entry, as: .secretFile))
  }

  @Test func aChangedFileIsReadAndCheckedAgain() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache)
    try write(Self.main("Changed?"), to: dialog, "main.yaml")
    let (changed, use) = check(dialog, cache)
    #expect(use == .saved)
    #expect(text(changed) == "Changed?")
    let (again, hit) = check(dialog, cache)
    #expect(hit == .hit)
    #expect(text(again) == "Changed?")
    #expect(entries(cache).count == 1)
  }

  /// A file changed without changing its length, to other text or to bytes that are not UTF-8,
  /// is read and checked again (its bytes are compared, not its size).
  @Test func aFileChangedInPlaceToTheSameLengthIsReadAgain() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache)
    try write(Self.main("Q!"), to: dialog, "main.yaml")
    let (changed, use) = check(dialog, cache)
    #expect(use == .saved)
    #expect(text(changed) == "Q!")
    var bytes = Array(Self.main("Q!").utf8)
    bytes[bytes.count - 5] = 0xFF  // the "Q" as a byte no UTF-8 text has
    try Data(bytes).write(to: dialog.appendingPathComponent("main.yaml"))
    let (broken, brokenUse) = check(dialog, cache)
    #expect(brokenUse == .unsaved)
    #expect(broken.dialog == nil)
    #expect(broken.errors.map(\.code) == [.fileUnreadable])
  }

  /// Its errors are found and shown every time.
  @Test func aDialogWithErrorsIsNeverSaved() throws {
    let (dialog, cache) = try folders()
    try write(Self.main("Q?").replacingOccurrences(of: "yes_no", with: "yes_maybe"), to: dialog, "main.yaml")
    for _ in 0..<2 {
      let (outcome, use) = check(dialog, cache)
      #expect(use == .unsaved)
      #expect(outcome.dialog == nil)
      #expect(!outcome.errors.isEmpty)
    }
    #expect(entries(cache).isEmpty)
  }

  /// A file removed after the dialog was saved is missing again: the check's error.
  @Test func aFileRemovedSinceIsAnErrorAgain() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache)
    try FileManager.default.removeItem(at: dialog.appendingPathComponent("settings.yaml"))
    let (outcome, use) = check(dialog, cache)
    #expect(use == .unsaved)
    #expect(outcome.errors.map(\.code) == [.fileUnreadable])
  }

  @Test func anotherBuildsEntryIsNotUsed() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache, build: "build 1")
    #expect(check(dialog, cache, build: "build 2").1 == .saved)
    #expect(check(dialog, cache, build: "build 2").1 == .hit)
  }

  /// `intake` and `intake-kiosk` on one machine: each keeps its own entry for a folder, so
  /// neither writes over the other's at every start.
  @Test func eachProgramKeepsItsOwnEntry() throws {
    let (dialog, cache) = try folders()
    #expect(check(dialog, cache, build: "intake 1", program: "intake").1 == .saved)
    #expect(check(dialog, cache, build: "kiosk 1", program: "intake-kiosk").1 == .saved)
    #expect(entries(cache).count == 2)
    #expect(check(dialog, cache, build: "intake 1", program: "intake").1 == .hit)
    #expect(check(dialog, cache, build: "kiosk 1", program: "intake-kiosk").1 == .hit)
  }

  @Test func aDamagedEntryIsNotUsed() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache)
    let entry = cache.appendingPathComponent(try #require(entries(cache).first))
    var bytes = [UInt8](try Data(contentsOf: entry))
    bytes[bytes.count / 2] ^= 0x01
    try Data(bytes).write(to: entry)
    let (outcome, use) = check(dialog, cache)
    #expect(use == .saved)
    #expect(text(outcome) == "Q?")
  }

  /// An entry or a folder another user could write is not trusted (`FileSafety`).
  @Test func anEntryOrAFolderOthersCanWriteIsNotUsed() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache)
    let entry = cache.appendingPathComponent(try #require(entries(cache).first)).path
    chmod(entry, 0o666)
    #expect(check(dialog, cache).1 == .saved)
    chmod(cache.path, 0o777)
    #expect(check(dialog, cache).1 == .unsaved)
    #expect(check(dialog, cache).1 == .unsaved)
  }

  /// A link out of the folder made after the dialog was saved is still found.
  @Test func aLinkLeavingTheFolderIsFoundThoughTheFilesDidNotChange() throws {
    let (dialog, cache) = try folders()
    _ = check(dialog, cache)
    try FileManager.default.createSymbolicLink(
      atPath: dialog.appendingPathComponent("elsewhere").path, withDestinationPath: "/etc")
    let (outcome, use) = check(dialog, cache)
    #expect(use == .unsaved)
    #expect(outcome.errors.map(\.code) == [.fileOutsideFolder])
  }

  /// The shipped dialog read back from the cache is, property by property, the one its files give.
  @Test func theShippedDialogFromTheCacheIsTheOneItsFilesGive() throws {
    let cache = try TestSupport.temporaryFolder("intake-cache").appendingPathComponent("cache")
    let files = DialogDirectory(path: TestSupport.shippedDialogPath)
    let store = CompiledDialogCache(folder: cache.path, build: "build 1")
    let direct = DialogLoader.check(files, checks: .errorsOnly)
    #expect(store.check(files, checks: .errorsOnly).use == .saved)
    let (cached, use) = store.check(files, checks: .errorsOnly)
    #expect(use == .hit)
    let expected = DeepDescription.lines(of: try #require(direct.dialog))
    #expect(DeepDescription.firstDifference(expected, DeepDescription.lines(of: try #require(cached.dialog))) == nil)
    #expect(cached.diagnostics == direct.diagnostics)
  }
}
