import Foundation
import IntakeKit

/// A dialog folder on disk. Paths in diagnostics are shown as the folder was named on the
/// command line, so `intake check Dialogs/x` prints `Dialogs/x/sections/a.yaml:3:5`.
///
/// A dialog folder is untrusted input: files are read only when their real path (every link
/// resolved) is inside the folder's real path, only when they are regular files, and never more
/// than `RefusedDialogFile.maximumBytes`. The folder itself may be a link (`Dialogs/current`).
public struct DialogDirectory: DialogFiles {
  public let path: String

  public init(path: String) {
    var trimmed = path
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.path = trimmed
  }

  public func displayPath(_ relativePath: String) -> String { path + "/" + relativePath }

  public func contents(of relativePath: String) throws -> String {
    let bytes = try self.bytes(of: relativePath)
    // The standard library's check, not Foundation's decoding (a scalar at a time).
    guard let text = String(validating: bytes, as: UTF8.self) else { throw MissingDialogFile(path: relativePath) }
    return text
  }

  /// A dialog file's bytes, read as `contents(of:)` reads them (inside the folder, a regular file,
  /// not too large) but not checked to be UTF-8.
  public func bytes(of relativePath: String) throws -> ArraySlice<UInt8> {
    // Dialog files name other files; keep them inside the dialog folder.
    guard !relativePath.hasPrefix("/"), !relativePath.split(separator: "/").contains("..") else {
      throw MissingDialogFile(path: relativePath)
    }
    guard let root = Self.realPath(path), let real = Self.realPath(displayPath(relativePath)) else {
      throw MissingDialogFile(path: relativePath)
    }
    guard Self.isInside(real, root) else { throw RefusedDialogFile.leavesFolder(path: relativePath) }
    // Non-blocking, so a FIFO planted in the folder cannot hang the reader; it is refused below.
    let descriptor = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw MissingDialogFile(path: relativePath) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      throw MissingDialogFile(path: relativePath)
    }
    let limit = RefusedDialogFile.maximumBytes
    guard Int(status.st_size) <= limit else {
      throw RefusedDialogFile.tooLarge(path: relativePath, bytes: Int(status.st_size))
    }
    // Read at most one byte past the limit, in case the file grew since `fstat`; the buffer is
    // the size `fstat` gave (a zeroed mebibyte for every file was a tenth of the kiosk's start)
    // and grows only for a file that grew.
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
    var total = 0
    while total < limit + 1 {
      if total == bytes.count { bytes += [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - total)) }
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress.map { $0 + total }, buffer.count - total)
      }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw MissingDialogFile(path: relativePath) }
      if count == 0 { break }
      total += count
    }
    guard total <= limit else { throw RefusedDialogFile.tooLarge(path: relativePath, bytes: total) }
    return bytes[..<total]
  }

  /// Every symbolic link under the folder whose target is outside it (or cannot be resolved to a
  /// place inside it). Links are not followed while walking, so a link loop cannot trap the walk.
  public func linksLeavingFolder() -> [String] {
    guard let root = Self.realPath(path) else { return [] }
    var found: [String] = []
    var pending = [""]
    while let folder = pending.popLast() {
      let absolute = folder.isEmpty ? path : displayPath(folder)
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
      for name in names.sorted() {
        let relative = folder.isEmpty ? name : folder + "/" + name
        var status = stat()
        guard lstat(displayPath(relative), &status) == 0 else { continue }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
          if let target = Self.realPath(displayPath(relative)), Self.isInside(target, root) { continue }
          found.append(relative)
        case S_IFDIR:
          pending.append(relative)
        default:
          continue
        }
      }
    }
    return found.sorted()
  }

  /// The absolute path with every link resolved, or nil when it does not exist.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func isInside(_ path: String, _ root: String) -> Bool {
    root == "/" ? path.hasPrefix("/") : path.hasPrefix(root + "/")
  }
}
