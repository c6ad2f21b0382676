import Foundation

/// Checks that a file or folder the program trusts is its own: owned by the user it runs as,
/// not a symbolic link, and not writable by anyone else. Another local user who could write the
/// data folder could swap in their own coordinator key or store and read the next patient's
/// answers; a folder only its owner can write means nobody else can swap anything inside it
/// after this check.
public enum FileSafety {
  /// What a path is meant to be.
  public enum Kind: Sendable {
    case folder
    case file
    /// A secret: also not readable by others.
    case secretFile
  }

  /// Throws when `path` exists and is not safe to trust; returns false when it does not exist.
  @discardableResult
  public static func check(_ path: String, as kind: Kind, owner: uid_t = geteuid()) throws(StoreError) -> Bool {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return false }
      throw .unsafe(path, "cannot be examined (error \(errno))", fix: "check the path and its permissions")
    }
    let type = info.st_mode & S_IFMT
    if type == S_IFLNK {
      throw .unsafe(path, "is a symbolic link", fix: "replace it with the real \(kind == .folder ? "folder" : "file")")
    }
    switch kind {
    case .folder where type != S_IFDIR:
      throw .unsafe(path, "is not a folder", fix: "move it away")
    case .file where type != S_IFREG, .secretFile where type != S_IFREG:
      throw .unsafe(path, "is not a regular file", fix: "move it away")
    default: break
    }
    if info.st_uid != owner {
      throw .unsafe(
        path, "belongs to another user (uid \(info.st_uid); this program runs as uid \(owner))",
        fix: "run as the user who owns it, or give it to this user with chown")
    }
    let mode = info.st_mode & 0o7777
    let forbidden: mode_t = kind == .secretFile ? 0o077 : 0o022
    if mode & forbidden != 0 {
      let wanted = kind == .folder ? "700" : "600"
      throw .unsafe(
        path,
        kind == .secretFile
          ? "can be read or written by other users (mode \(String(mode, radix: 8)))"
          : "can be written by other users (mode \(String(mode, radix: 8)))",
        fix: "run: chmod \(wanted) '\(path)'")
    }
    return true
  }

  /// Reads a small file without following a symbolic link at its last component, after the
  /// same checks. Nil when it does not exist.
  public static func read(_ path: String, as kind: Kind, limit: Int = 1 << 16) throws(StoreError) -> Data? {
    guard try check(path, as: kind) else { return nil }
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .unsafe(path, "cannot be opened (error \(errno))", fix: "check its permissions")
    }
    defer { close(descriptor) }
    var data = Data()
    // In 64 KiB reads: a compiled dialog (a few hundred KiB) is read this way too.
    var buffer = [UInt8](repeating: 0, count: min(limit + 1, 1 << 16))
    while true {
      let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw .unsafe(path, "cannot be read (error \(errno))", fix: "check the disk") }
      if count == 0 { break }
      data.append(contentsOf: buffer[0..<count])
      guard data.count <= limit else {
        throw .unsafe(path, "is larger than a key file can be", fix: "replace it with the right file")
      }
    }
    return data
  }
}
