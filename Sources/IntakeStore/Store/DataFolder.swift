import Foundation
import IntakeKit

/// The kiosk's data folder (mode 0700): the session store and the coordinator's public key.
/// Nothing in it names a patient; everything about a patient in it is sealed.
///
///     intake-data/
///       intake.sqlite (+ -wal, -shm)   sessions, sealed inputs and submissions, alerts, audit
///       keys/coordinator.pub           the coordinator's public key (the kiosk needs only this)
///       keys/trial-coordinator.key     only for trying intake out: see `coordinatorKey()`
public struct DataFolder: Sendable {
  public let url: URL

  public init(path: String) { url = URL(fileURLWithPath: path, isDirectory: true) }

  public var storePath: String { url.appendingPathComponent(SQLiteSessionStore.fileName).path }
  public var keys: URL { url.appendingPathComponent("keys", isDirectory: true) }
  public var publicKeyFile: URL { keys.appendingPathComponent("coordinator.pub") }
  public var trialPrivateKeyFile: URL { keys.appendingPathComponent("trial-coordinator.key") }

  /// Creates the folders (mode 0700) and checks that files can be written there, so a kiosk
  /// never starts taking answers it could not save.
  public func prepare() throws(StoreError) {
    for folder in [url, keys] {
      do {
        try FileManager.default.createDirectory(
          at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError.cannotCreateFolder(folder.path)
      }
    }
    try verifyOwnership()
    let probe = url.appendingPathComponent(".write-check-\(UUID().uuidString)")
    do {
      try Self.write(Data("ok".utf8), to: probe)
      try FileManager.default.removeItem(at: probe)
    } catch {
      throw StoreError.notWritable(url.path)
    }
  }

  /// Refuses a folder or file that another user could have put there or changed: everything
  /// in the data folder must belong to the user running the program, be writable by nobody else
  /// and not be a symbolic link (keys not readable by others either). Run before anything in it
  /// is trusted; files that do not exist yet are fine.
  /// Every path is checked and every problem reported at once, with one command that fixes the
  /// permissions (after a careless `chmod -R 777` there are several).
  public func verifyOwnership() throws(StoreError) {
    var paths: [(String, FileSafety.Kind)] = [(url.path, .folder), (keys.path, .folder)]
    paths += ["", "-wal", "-shm", "-journal"].map { (storePath + $0, .file) }
    paths += [
      (publicKeyFile.path, .file), (url.appendingPathComponent("kiosk.lock").path, .file),
      (keys.appendingPathComponent("audit-chain.lock").path, .file),
    ]
    paths += Self.secretFiles.map { (keys.appendingPathComponent($0).path, .secretFile) }
    var problems: [StoreError] = []
    for (path, kind) in paths {
      do {
        try FileSafety.check(path, as: kind)
      } catch {
        problems.append(error)
      }
    }
    guard problems.count > 1 else {
      if let problem = problems.first { throw problem }
      return
    }
    var folders: [String] = []
    var files: [String] = []
    var keyWasOpen = false
    for case .unsafe(let path, let problem, _) in problems where problem.contains("other users") {
      if path == url.path || path == keys.path { folders.append(path) } else { files.append(path) }
      if path == publicKeyFile.path { keyWasOpen = true }
    }
    var fix = ""
    if !folders.isEmpty || !files.isEmpty {
      fix =
        "run: "
        + ([folders.isEmpty ? nil : "chmod 700 " + folders.map { "'\($0)'" }.joined(separator: " ")]
        + [files.isEmpty ? nil : "chmod 600 " + files.map { "'\($0)'" }.joined(separator: " ")])
        .compactMap { $0 }.joined(separator: " && ")
    }
    if keyWasOpen {
      fix +=
        (fix.isEmpty ? "" : "; then ")
        + "check that keys/coordinator.pub is still the coordinator's key (compare it with the copy made by "
        + "`intake keys init`): another user could have replaced it"
    }
    throw .unsafeFolder(problems.map(\.description), fix: fix)
  }

  /// Holds the data folder for one kiosk process: a second kiosk on the same folder would take
  /// the first one's open session for one left behind by a crash. Released when the returned
  /// lock is dropped or the process ends (however it ends).
  public func lockForKiosk() throws(StoreError) -> FolderLock {
    let path = url.appendingPathComponent("kiosk.lock").path
    let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw .notWritable(url.path) }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      close(descriptor)
      throw .busy(url.path)
    }
    return FolderLock(descriptor: descriptor)
  }

  /// Files in `keys/` that hold secrets.
  static let secretFiles = ["trial-coordinator.key", "audit-chain.key"]

  /// The coordinator's public key. When there is none, a trial key pair is made (the private key
  /// with an empty passphrase, kept beside it) and `madeTrialKey` is true: fine for trying intake
  /// out, wrong for patients, which the kiosk says plainly.
  public func coordinatorKey() throws(StoreError) -> (key: CoordinatorPublicKey, madeTrialKey: Bool) {
    if let data = try FileSafety.read(publicKeyFile.path, as: .file) {
      do {
        return (try CoordinatorPublicKey(fileContents: String(decoding: data, as: UTF8.self)), false)
      } catch {
        throw .badKey(publicKeyFile.path)
      }
    }
    let trial = CoordinatorPrivateKey()
    do {
      // No passphrase, so no point in a slow derivation.
      try Self.write(
        try trial.locked(passphrase: "", cost: ScryptCost(rounds: 2, blockSize: 1, parallelism: 1)),
        to: trialPrivateKeyFile)
      try Self.write(Data(trial.publicKey.fileContents.utf8), to: publicKeyFile)
    } catch {
      throw .writeFailed
    }
    return (trial.publicKey, true)
  }

  /// Writes to a temporary file in the same folder, syncs it, then renames it into place, so a
  /// crash leaves either the whole file or none. Owner-only permissions.
  public static func write(_ data: Data, to destination: URL) throws(StoreError) {
    let temporary = destination.deletingLastPathComponent()
      .appendingPathComponent(".tmp-\(UUID().uuidString)")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw StoreError.writeFailed }
    var ok = true
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        if written <= 0 {
          ok = false
          break
        }
        offset += written
      }
    }
    ok = ok && fsync(descriptor) == 0
    close(descriptor)
    guard ok, rename(temporary.path, destination.path) == 0 else {
      unlink(temporary.path)
      throw StoreError.writeFailed
    }
    let folder = open(destination.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
    if folder >= 0 {
      fsync(folder)
      close(folder)
    }
  }
}

/// An exclusive hold on a data folder, for as long as this value lives.
public final class FolderLock {
  private let descriptor: Int32
  init(descriptor: Int32) { self.descriptor = descriptor }
  deinit { close(descriptor) }
}
