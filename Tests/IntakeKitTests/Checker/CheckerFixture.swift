import IntakeKit

/// Small in-memory dialogs for checker tests: a manifest naming one section file, `main.yaml`.
enum CheckerFixture {
  static let manifest = """
    id: fixture
    version: "1"
    title: Fixture
    sections: [main.yaml]
    """

  static func check(_ main: String, files extra: [String: String] = [:], manifest: String = manifest)
    -> DialogLoader.Outcome
  {
    var files = ["dialog.yaml": manifest, "main.yaml": main]
    files.merge(extra) { $1 }
    return DialogLoader.check(InMemoryDialogFiles(root: "d", files: files))
  }

  /// The diagnostics as printed, for exact comparison.
  static func printed(_ main: String, files extra: [String: String] = [:], manifest: String = manifest) -> [String] {
    check(main, files: extra, manifest: manifest).diagnostics.map(\.description)
  }
}
