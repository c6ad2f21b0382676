/// Where a dialog's files come from. The core reads through this so it stays free of file I/O:
/// the command line passes a directory, tests pass files held in memory.
public protocol DialogFiles: Sendable {
  /// The path shown in diagnostics for a file of the dialog, e.g. `Dialogs/x/sections/a.yaml`.
  func displayPath(_ relativePath: String) -> String
  /// The file's text; throws when it is missing or unreadable, or `RefusedDialogFile` when it is
  /// too large or reached through a link that leaves the folder.
  func contents(of relativePath: String) throws -> String
  /// Paths, relative to the folder, of symbolic links anywhere in it that lead outside it. The
  /// reader reports each as an error, whether or not a dialog file names it.
  func linksLeavingFolder() -> [String]
}

extension DialogFiles {
  /// Files held in memory have no links.
  public func linksLeavingFolder() -> [String] { [] }
}

/// Dialog files held in memory, keyed by path relative to the dialog folder.
public struct InMemoryDialogFiles: DialogFiles {
  public var root: String
  public var files: [String: String]

  public init(root: String = "dialog", files: [String: String]) {
    self.root = root
    self.files = files
  }

  public func displayPath(_ relativePath: String) -> String { root + "/" + relativePath }

  public func contents(of relativePath: String) throws -> String {
    guard let text = files[relativePath] else { throw MissingDialogFile(path: relativePath) }
    return text
  }
}

/// A dialog file that is not there.
public struct MissingDialogFile: Error, Sendable {
  public var path: String
  public init(path: String) { self.path = path }
}
