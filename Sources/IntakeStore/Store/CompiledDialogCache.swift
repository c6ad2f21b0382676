import Foundation
import IntakeKit

/// Checked dialogs saved by the build that checked them, so the kiosk and `intake test` start
/// without reading and checking the dialog's YAML again when none of its files changed (reading
/// and checking were two thirds of a kiosk's start).
///
/// An entry is used only when it was written by this very build (the running program's file:
/// device, inode, size and modification time) for this dialog folder and these checks, every file
/// the check read still has the same length and digest (a file the check found missing must still
/// be missing), and no link in the folder leads out of it. Anything else, a damaged entry included,
/// is a miss: the dialog is read and checked as it would be without a cache, and the entry written
/// again. A dialog with errors is never saved, so its errors are found and shown every time.
///
/// What is trusted: the folder must be the user's own and writable by nobody else, and so must each
/// entry (`FileSafety`), so an entry is as trustworthy as the program's own files. A dialog holds no
/// patient's data, so neither does an entry.
public struct CompiledDialogCache: Sendable {
  /// The folder entries are kept in.
  public let folder: String
  /// Which build may read the entries it writes (`runningBuild()`).
  public let build: String
  /// The program's file name: `intake` and `intake-kiosk` are different builds of one dialog
  /// reader, so each keeps its own entry for a folder rather than writing over the other's.
  public let program: String

  public init(folder: String, build: String, program: String = "intake") {
    self.folder = folder
    self.build = build
    self.program = program
  }

  /// What a lookup did.
  public enum Use: Equatable, Sendable {
    /// The saved dialog was used.
    case hit
    /// The dialog was read and checked, and saved.
    case saved
    /// The dialog was read and checked and not saved (it had errors, or the entry could not be
    /// written).
    case unsaved
  }

  /// The cache the command line uses: `INTAKE_CACHE_DIR`, else `$XDG_CACHE_HOME/intake`, else
  /// `$HOME/.cache/intake`; none when `INTAKE_CACHE_DIR` is set but empty, when nothing names a
  /// place, or when the running program cannot be told apart from another build.
  public static func standard(environment: [String: String]) -> CompiledDialogCache? {
    guard let build = runningBuild() else { return nil }
    let program = runningProgram()
    if let named = environment["INTAKE_CACHE_DIR"] {
      return named.isEmpty ? nil : CompiledDialogCache(folder: named, build: build, program: program)
    }
    if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
      return CompiledDialogCache(folder: base + "/intake", build: build, program: program)
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return CompiledDialogCache(folder: home + "/.cache/intake", build: build, program: program)
    }
    return nil
  }

  /// The running program's file name (`intake`, `intake-kiosk`).
  static func runningProgram() -> String {
    let path =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: path).lastPathComponent
  }

  /// The running program's version and the identity of its file, which changes with every build.
  public static func runningBuild() -> String? {
    #if os(Linux)
      var info = stat()
      guard stat("/proc/self/exe", &info) == 0 else { return nil }
      return
        "\(IntakeVersion.current) \(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    #else
      return nil
    #endif
  }

  /// The dialog in `files` checked with `checks`: from the cache when an entry is good for it,
  /// else read and checked (and saved when it loads).
  public func check(
    _ files: DialogDirectory, checks: DialogLoader.Checks
  ) -> (outcome: DialogLoader.Outcome, use: Use) {
    let name = entryName(files, checks: checks)
    if let name, let outcome = savedOutcome(name, files: files) { return (outcome, .hit) }
    let recorder = RecordingDialogFiles(files)
    let outcome = DialogLoader.check(recorder, checks: checks)
    guard let name, outcome.dialog != nil else { return (outcome, .unsaved) }
    return (outcome, save(outcome, of: files, checks: checks, read: recorder.stamps, as: name) ? .saved : .unsaved)
  }

  // MARK: - Entries

  /// What an entry says it was made from.
  struct Header: CompiledForm {
    var format: Int
    var build: String
    var dialog: String
    var checks: String
    /// Every file the check read (in path order).
    var files: [FileStamp]

    init(format: Int, build: String, dialog: String, checks: String, files: [FileStamp]) {
      self.format = format
      self.build = build
      self.dialog = dialog
      self.checks = checks
      self.files = files
    }

    func write(to writer: CompiledWriter) {
      writer.write(format)
      writer.write(build)
      writer.write(dialog)
      writer.write(checks)
      writer.write(files)
    }

    init(from reader: CompiledReader) throws(CompiledFormError) {
      format = try reader.read()
      build = try reader.read()
      dialog = try reader.read()
      checks = try reader.read()
      files = try reader.read()
    }
  }

  /// A file as the check read it: its length in bytes and `ContentDigest` (both nil: missing).
  struct FileStamp: CompiledForm, Equatable {
    var path: String
    var length: Int?
    var digest: String?

    init(path: String, text: String?) {
      self.path = path
      length = text?.utf8.count
      digest = text.map { ContentDigest.of($0) }
    }

    func write(to writer: CompiledWriter) {
      writer.write(path)
      writer.write(length)
      writer.write(digest)
    }

    init(from reader: CompiledReader) throws(CompiledFormError) {
      path = try reader.read()
      length = try reader.read()
      digest = try reader.read()
    }
  }

  /// Raised when what an entry holds changes shape, so entries of an older layout are misses.
  static let format = 2
  static let magic = Array("INTAKE-COMPILED-DIALOG\n".utf8)
  /// The largest entry read (the shipped dialog's is about a third of a mebibyte).
  static let maximumBytes = 64 << 20

  private static func mode(_ checks: DialogLoader.Checks) -> String {
    switch checks {
    case .all: "all"
    case .errorsOnly: "errors-only"
    }
  }

  /// The entry's file name: a digest of the dialog folder's real path, the checks and the
  /// program, so each folder has one entry per program however it is named on the command line.
  private func entryName(_ files: DialogDirectory, checks: DialogLoader.Checks) -> String? {
    guard let real = DialogDirectory.realPath(files.path) else { return nil }
    return ContentDigest.of(real + "\u{0}" + Self.mode(checks) + "\u{0}" + program) + ".dialog"
  }

  private func savedOutcome(_ name: String, files: DialogDirectory) -> DialogLoader.Outcome? {
    guard let bytes = readEntry(folder + "/" + name), let (header, payload) = Self.split(bytes),
      header.format == Self.format, header.build == build, header.dialog == files.path
    else { return nil }
    // Every file as it was, and no link leading out (that is an error the check would report).
    for stamp in header.files where !RecordingDialogFiles.isUnchanged(stamp, in: files) { return nil }
    guard files.linksLeavingFolder().isEmpty else { return nil }
    return try? CompiledDialog.outcome(from: payload)
  }

  /// The header and the payload of an entry whose digest matches its bytes.
  static func split(_ bytes: [UInt8]) -> (Header, [UInt8])? {
    let fixed = magic.count + 4
    let digest = ContentDigest.length
    guard bytes.count > fixed + digest, bytes.starts(with: magic) else { return nil }
    let body = bytes[..<(bytes.count - digest)]
    guard Array(ContentDigest.of(body).utf8) == Array(bytes[(bytes.count - digest)...]) else { return nil }
    let length = (0..<4).reduce(0) { $0 | Int(bytes[magic.count + $1]) << (8 * $1) }
    guard length <= body.count - fixed else { return nil }
    let reader = CompiledReader(Array(body[fixed..<(fixed + length)]))
    guard let header = try? reader.read(Header.self), reader.isAtEnd else { return nil }
    return (header, Array(body[(fixed + length)...]))
  }

  /// The bytes of an entry: the magic line, the header's length and the header, the payload, and
  /// the digest of all that (a damaged entry must not be read as another dialog).
  static func join(_ header: Header, payload: [UInt8]) -> [UInt8] {
    let writer = CompiledWriter()
    writer.write(header)
    var bytes = magic
    bytes += (0..<4).map { UInt8(truncatingIfNeeded: writer.bytes.count >> (8 * $0)) }
    bytes += writer.bytes
    bytes += payload
    bytes += Array(ContentDigest.of(bytes[...]).utf8)
    return bytes
  }

  /// Writes the entry. Any failure leaves the cache as it was: the next start checks the dialog
  /// again.
  private func save(
    _ outcome: DialogLoader.Outcome, of files: DialogDirectory, checks: DialogLoader.Checks,
    read stamps: [FileStamp], as name: String
  ) -> Bool {
    let header = Header(format: Self.format, build: build, dialog: files.path, checks: Self.mode(checks), files: stamps)
    guard let payload = CompiledDialog.bytes(of: outcome), makeFolder() else { return false }
    // Synced and renamed into place (the data folder's own way of writing a file), so a
    // reader sees a whole entry or the old one.
    return
      (try? DataFolder.write(Data(Self.join(header, payload: payload)), to: URL(fileURLWithPath: folder + "/" + name)))
      != nil
  }

  /// The folder, made (mode 700) if it is not there; false when it is not the user's own.
  private func makeFolder() -> Bool {
    // A relative folder (INTAKE_CACHE_DIR=cache) stays relative to the current folder.
    var path = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/", omittingEmptySubsequences: true) {
      path += "/" + part
      if mkdir(path, 0o700) != 0, errno != EEXIST { return false }
    }
    return (try? FileSafety.check(folder, as: .folder)) == true
  }

  /// An entry's bytes, when it is a regular file of this user's that nobody else can write, in
  /// a folder nobody else can write.
  private func readEntry(_ path: String) -> [UInt8]? {
    guard (try? FileSafety.check(folder, as: .folder)) == true,
      let data = try? FileSafety.read(path, as: .file, limit: Self.maximumBytes)
    else { return nil }
    return [UInt8](data)
  }
}

/// Dialog files read through to a folder, noting each file read (or that it was missing), for the
/// entry's header. The reader reads files on several threads, hence the lock.
final class RecordingDialogFiles: DialogFiles, @unchecked Sendable {
  private let files: DialogDirectory
  private let lock = NSLock()
  private var read: [String: CompiledDialogCache.FileStamp] = [:]

  init(_ files: DialogDirectory) { self.files = files }

  /// Every file read, in path order.
  var stamps: [CompiledDialogCache.FileStamp] {
    lock.withLock { read.values.sorted { $0.path < $1.path } }
  }

  func displayPath(_ relativePath: String) -> String { files.displayPath(relativePath) }

  func linksLeavingFolder() -> [String] { files.linksLeavingFolder() }

  func contents(of relativePath: String) throws -> String {
    do {
      let text = try files.contents(of: relativePath)
      let stamp = CompiledDialogCache.FileStamp(path: relativePath, text: text)
      lock.withLock { read[relativePath] = stamp }
      return text
    } catch let missing as MissingDialogFile {
      lock.withLock { read[relativePath] = CompiledDialogCache.FileStamp(path: relativePath, text: nil) }
      throw missing
    }
  }

  /// Whether the file `stamp` was made from is as it was. A file read then is compared by its
  /// bytes' length and digest alone: bytes the same as then are UTF-8 as they were then, so they
  /// are not checked again (checking them was a tenth of taking a dialog from the cache).
  static func isUnchanged(_ stamp: CompiledDialogCache.FileStamp, in files: DialogDirectory) -> Bool {
    guard let length = stamp.length, let digest = stamp.digest else {
      // Missing then (or not UTF-8, which reads as missing): read it as the check would.
      return Self.stamp(stamp.path, in: files) == stamp
    }
    do {
      let bytes = try files.bytes(of: stamp.path)
      return bytes.count == length && ContentDigest.of(bytes) == digest
    } catch {
      return false
    }
  }

  /// A file's stamp as it is now; one that matches no stamp when it cannot be read for a reason
  /// other than being missing (such a file is an error the check must report).
  static func stamp(_ path: String, in files: DialogDirectory) -> CompiledDialogCache.FileStamp {
    do {
      return CompiledDialogCache.FileStamp(path: path, text: try files.contents(of: path))
    } catch is MissingDialogFile {
      return CompiledDialogCache.FileStamp(path: path, text: nil)
    } catch {
      var unreadable = CompiledDialogCache.FileStamp(path: path, text: nil)
      unreadable.length = -1
      return unreadable
    }
  }
}

/// A 64-bit digest of bytes in the manner of FNV-1a (eight bytes a step), as 16 hex digits: to tell whether a dialog file or a cache entry
/// changed (a changed byte always changes it). Not a defence against a forger: whoever could forge
/// a dialog file could write the dialog they wanted; the entries are protected by being the user's
/// own (`FileSafety`).
enum ContentDigest {
  static let length = 16

  static func of(_ text: String) -> String {
    var text = text
    return text.withUTF8 { of($0) }
  }

  static func of(_ bytes: ArraySlice<UInt8>) -> String { bytes.withUnsafeBufferPointer { of($0) } }

  static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
    // Eight bytes at a time, then the rest one by one; each step is a one-to-one map of the hash
    // for a given input, so a changed byte always changes the digest.
    let words = bytes.count / 8
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      for index in 0..<words {
        hash ^= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        hash = hash &* 0x0000_0100_0000_01b3
        hash ^= hash >> 29
      }
    }
    for byte in bytes[(words * 8)...] {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return withUnsafeBytes(of: hash.bigEndian) { HexText.of($0) }
  }
}
