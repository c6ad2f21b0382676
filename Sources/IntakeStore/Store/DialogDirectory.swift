import Foundation
import IntakeKit

/// A dialog folder on disk. Paths in diagnostics are shown as the folder was named on the
/// command line, so `intake check Dialogs/x` prints `Dialogs/x/sections/a.yaml:3:5`.
///
/// A dialog folder is untrusted input: files are read only when their real path (every link
/// resolved) is inside the folder's real path, only when they are regular files, and never more
/// than `RefusedDialogFile.maximumBytes`. The folder itself may be a link (`Dialogs/current`).
///
/// The folder's real path is resolved once, when the value is made, and every file is opened
/// under it: a whole read of a dialog comes from one folder even if a link to it is moved
/// meanwhile. A file is opened one folder at a time from there, never following a link
/// (`O_NOFOLLOW`), so its real path is inside without resolving it; only a file with a link on its
/// way is resolved (`realpath(3)`, a `readlink(2)` for every part of the path: sixteen system
/// calls for each of a 10,000-question dialog's thousand files) and checked.
public struct DialogDirectory: DialogFiles {
  public let path: String
  /// The folder's real path when this was made; nil when it did not exist then (each read
  /// resolves it again, and finds it missing or not).
  private let realRoot: String?

  public init(path: String) {
    var trimmed = path
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.path = trimmed
    realRoot = Self.realPath(trimmed)
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
    let descriptor = try descriptor(for: relativePath)
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

  /// The file `relativePath` opened for reading, when its real path is inside the folder.
  private func descriptor(for relativePath: String) throws -> Int32 {
    if let realRoot, let descriptor = Self.openWithoutLinks(relativePath, under: realRoot) { return descriptor }
    // A link on the way, or something missing: resolved, and read only if it stays inside.
    guard let root = realRoot ?? Self.realPath(path),
      let real = Self.realPath(root + "/" + relativePath)
    else {
      throw MissingDialogFile(path: relativePath)
    }
    guard Self.isInside(real, root) else { throw RefusedDialogFile.leavesFolder(path: relativePath) }
    let descriptor = open(real, Self.fileFlags)
    guard descriptor >= 0 else { throw MissingDialogFile(path: relativePath) }
    return descriptor
  }

  /// Non-blocking, so a FIFO planted in the folder cannot hang the reader; it is refused after.
  private static let fileFlags = O_RDONLY | O_CLOEXEC | O_NONBLOCK

  /// `relativePath` (no `..`, not absolute) opened folder by folder from `root`, each part with
  /// `O_NOFOLLOW`: nil when any part is a link, or is missing, or cannot be opened. What it opens
  /// is inside `root` because no link was followed on the way: there is no check to race, a part
  /// swapped for a link before it is opened fails to open.
  private static func openWithoutLinks(_ relativePath: String, under root: String) -> Int32? {
    let parts = relativePath.split(separator: "/")
    guard let name = parts.last else { return nil }
    // The first part is opened by its path under `root` (a real path: no link in it), the
    // others from the folder before them.
    var folder: Int32?
    defer { if let folder { close(folder) } }
    for part in parts.dropLast() {
      let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
      let inner = folder.map { openat($0, String(part), flags) } ?? open(root + "/" + part, flags)
      guard inner >= 0 else { return nil }
      if let folder { close(folder) }
      folder = inner
    }
    let flags = fileFlags | O_NOFOLLOW
    let descriptor = folder.map { openat($0, String(name), flags) } ?? open(root + "/" + name, flags)
    return descriptor >= 0 ? descriptor : nil
  }

  /// Every symbolic link under the folder whose target is outside it (or cannot be resolved to a
  /// place inside it). Links are not followed while walking, so a link loop cannot trap the walk.
  public func linksLeavingFolder() -> [String] {
    guard let root = realRoot ?? Self.realPath(path) else { return [] }
    var found: [String] = []
    var pending = [""]
    while let folder = pending.popLast() {
      for (name, kind) in Self.entries(of: root + (folder.isEmpty ? "" : "/" + folder)) {
        let relative = folder.isEmpty ? name : folder + "/" + name
        switch kind {
        case .link:
          if let target = Self.realPath(root + "/" + relative), Self.isInside(target, root) { continue }
          found.append(relative)
        case .folder:
          pending.append(relative)
        case .other:
          continue
        }
      }
    }
    return found.sorted()
  }

  /// What a folder entry is, as far as the walk for links cares.
  private enum EntryKind { case link, folder, other }

  /// The entries of `folder` (not `.` and `..`), each with what it is: the type the directory
  /// itself records, so a folder of a thousand section files is walked without a `lstat(2)` for
  /// each (that was most of the walk); `lstat` only where the file system records none.
  private static func entries(of folder: String) -> [(name: String, kind: EntryKind)] {
    guard let stream = opendir(folder) else { return [] }
    defer { closedir(stream) }
    var entries: [(name: String, kind: EntryKind)] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name != ".", name != ".." else { continue }
      var type = Int(entry.pointee.d_type)
      if type == Int(DT_UNKNOWN) {
        var status = stat()
        guard lstat(folder + "/" + name, &status) == 0 else { continue }
        // The mode's type bits are the directory entry's type shifted (glibc's `IFTODT`).
        type = Int((status.st_mode & S_IFMT) >> 12)
      }
      entries.append((name, type == Int(DT_LNK) ? .link : type == Int(DT_DIR) ? .folder : .other))
    }
    return entries
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
