import Foundation
import IntakeKit

/// A dialog folder built from fuzzer bytes. The first byte picks a shipped dialog file and the
/// rest replaces it, so mutations meet the whole checker with everything else valid; past the
/// last shipped file, the rest is split at NUL bytes into a small folder of its own.
struct DialogFuzzInput {
  /// The shipped dialog's YAML files, relative to its folder, in a fixed order (the seeds'
  /// first byte is an index into this list, so it only ever grows at the end).
  static let shippedFiles = [
    "dialog.yaml",
    "settings.yaml",
    "scoring.yaml",
    "rules.yaml",
    "lexicons/medications.yaml",
    "sections/01-welcome.yaml",
    "sections/02-identification.yaml",
    "sections/03-mood.yaml",
    "sections/04-psychiatric.yaml",
    "sections/04a-mood-history.yaml",
    "sections/04b-trauma.yaml",
    "sections/04c-background.yaml",
    "sections/05-medical.yaml",
    "sections/06-medications.yaml",
    "sections/07-goals.yaml",
    "sections/08-transport.yaml",
    "sections/09-closing.yaml",
    "sections/90-crisis.yaml",
    "sections/91-endings.yaml",
  ]
  /// The names the parts of a small folder get, in order.
  static let folderFiles = ["dialog.yaml", "main.yaml", "settings.yaml", "scoring.yaml", "rules.yaml"]

  /// The shipped dialog's text, read once from the repository this file is in.
  static let shipped: [String: String] = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Dialogs/ketamine-intake")
    var files: [String: String] = [:]
    for name in shippedFiles {
      files[name] = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return files
  }()

  let files: InMemoryDialogFiles

  init(_ bytes: [UInt8]) {
    guard let selector = bytes.first else {
      files = InMemoryDialogFiles(files: [:])
      return
    }
    let rest = bytes.dropFirst()
    let index = Int(selector) % (Self.shippedFiles.count + 1)
    if index < Self.shippedFiles.count {
      var shipped = Self.shipped
      shipped[Self.shippedFiles[index]] = String(decoding: rest, as: UTF8.self)
      files = InMemoryDialogFiles(root: "fuzz", files: shipped)
    } else {
      let parts = rest.split(separator: 0, maxSplits: Self.folderFiles.count - 1, omittingEmptySubsequences: false)
      var folder: [String: String] = [:]
      for (name, part) in zip(Self.folderFiles, parts) { folder[name] = String(decoding: part, as: UTF8.self) }
      files = InMemoryDialogFiles(root: "fuzz", files: folder)
    }
  }

  func check() {
    _ = DialogLoader.check(files)
  }
}
