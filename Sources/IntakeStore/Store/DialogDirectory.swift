import Foundation
import IntakeKit

/// A dialog folder on disk. Paths in diagnostics are shown as the folder was named on the
/// command line, so `intake check Dialogs/x` prints `Dialogs/x/sections/a.yaml:3:5`.
public struct DialogDirectory: DialogFiles {
  public let path: String

  public init(path: String) {
    var trimmed = path
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.path = trimmed
  }

  public func displayPath(_ relativePath: String) -> String { path + "/" + relativePath }

  public func contents(of relativePath: String) throws -> String {
    // Dialog files name other files; keep them inside the dialog folder.
    guard !relativePath.hasPrefix("/"), !relativePath.split(separator: "/").contains("..") else {
      throw MissingDialogFile(path: relativePath)
    }
    let url = URL(fileURLWithPath: displayPath(relativePath))
    let data = try Data(contentsOf: url)
    guard let text = String(data: data, encoding: .utf8) else { throw MissingDialogFile(path: relativePath) }
    return text
  }
}
