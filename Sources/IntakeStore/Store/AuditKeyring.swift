import Crypto
import Foundation
import GRDB

/// Keys the audit trail so that rewriting it needs a secret the store does not hold.
///
/// Each entry carries a MAC (HMAC-SHA256 over its hash, which covers every field and the entry
/// before it) under a key that moves on with every entry: `k(n+1) = SHA-256("ratchet" | k(n))`.
/// Only the newest key is kept, in `keys/audit-chain.key` beside the store (owner-only), so
/// whoever takes that file later can add entries but cannot rewrite or remove earlier ones:
/// their keys are gone (forward security, as in Schneier and Kelsey's secure audit logs). The
/// first key of each stretch is sealed to the coordinator's public key and stored with the
/// trail, so the coordinator can check every MAC from the start.
///
/// The key file also records the hash of the newest entry it has keyed: a trail cut off or
/// rewritten at its end no longer matches it, which the kiosk notices at start without any key.
final class AuditKeyring {
  /// The key file's contents.
  struct State: Codable, Equatable {
    var format = "intake audit chain key v1"
    /// The sequence number the key is for.
    var next: Int
    var key: Data
    /// The hash of entry `next - 1` (the genesis hash before the first entry).
    var lastHash: String
  }

  let file: URL
  /// The lock file's path, worked out once: every audited write opens it.
  let lockFile: String
  /// Seals a new stretch's first key to the coordinator; nil keeps entries unkeyed (tests of
  /// other things, and `intake audit`, which only reads).
  let sealer: Sealer?
  /// The state after the entries of the transaction in progress, written once it commits.
  private var pending: State?
  private var lockDescriptor: Int32 = -1

  init(folder: DataFolder, sealer: Sealer?) {
    file = folder.keys.appendingPathComponent("audit-chain.key")
    lockFile = folder.keys.appendingPathComponent("audit-chain.lock").path
    self.sealer = sealer
  }

  // MARK: One write

  /// Runs a write with the key file locked against other processes on the same folder (the
  /// kiosk and review), then saves the moved-on key once the transaction has committed.
  func locked<T>(_ body: () throws -> T) throws -> T {
    guard sealer != nil else { return try body() }
    lockDescriptor = open(lockFile, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard lockDescriptor >= 0 else { throw StoreError.writeFailed }
    defer {
      close(lockDescriptor)
      lockDescriptor = -1
      pending = nil
    }
    while flock(lockDescriptor, LOCK_EX) != 0 {
      guard errno == EINTR else { throw StoreError.writeFailed }
    }
    let result = try body()
    if let pending { try DataFolder.write(try JSONEncoder().encode(pending), to: file) }
    return result
  }

  /// The MAC for the entry about to be written at `sequence` with `hash`, after the entry
  /// with `previousHash`; nil when this store keeps no key. Inside the write's transaction.
  func mac(_ db: Database, sequence: Int, hash: String, previousHash: String) throws -> String? {
    guard let sealer else { return nil }
    // Only a write holding the lock may key an entry: the key it moves on is saved under it.
    // (The keyring is one thread's: the kiosk's, or a command's. Only unaudited writes, which
    // never reach it, are made from another thread, so this state is not shared between them.)
    guard lockDescriptor >= 0 else { throw StoreError.auditUnlocked }
    var state: State
    if let pending {
      state = pending
    } else if let saved = try load() {
      state = try Self.caughtUp(saved, to: sequence, previousHash: previousHash, db)
    } else {
      // No key yet (a new store, or the file was lost): a new stretch starts here, and says so.
      let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
      let sealed = try sealer.seal(key, purpose: .auditKey, context: String(sequence))
      try db.execute(
        sql: "INSERT INTO audit_key (first_sequence, sealed_key) VALUES (?, ?)", arguments: [sequence, sealed])
      state = State(next: sequence, key: key, lastHash: previousHash)
    }
    guard state.next == sequence else { throw StoreError.auditBroken("the audit key is not at entry \(sequence)") }
    let mac = Self.mac(of: hash, key: state.key)
    pending = State(next: sequence + 1, key: Self.ratchet(state.key), lastHash: hash)
    return mac
  }

  // MARK: Checks

  /// Takes the lock every audited write holds from its transaction to saving the key, shared (checks do
  /// not wait for each other), and returns its descriptor to close; -1 when this store keeps no
  /// key or the lock cannot be opened (a read-only copy, which nobody writes to).
  ///
  /// A check that read the trail's end before a write committed and the key file after it was
  /// saved would see the key ahead of the trail and cry "entries were removed" over an intake
  /// that was only being saved: the central store's faults test found it, a forwarder opening its
  /// kiosk's store in the middle of an answer.
  func holdWriters() -> Int32 {
    guard sealer != nil else { return -1 }
    let descriptor = open(lockFile, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return -1 }
    while flock(descriptor, LOCK_SH) != 0 {
      guard errno == EINTR else {
        close(descriptor)
        return -1
      }
    }
    return descriptor
  }

  /// At open: the key file must agree with the trail's end. Nil when there is no key file yet.
  func check(lastSequence: Int, lastHash: String, _ db: Database) throws {
    guard sealer != nil, let saved = try load() else { return }
    if saved.next > lastSequence + 1 {
      throw StoreError.auditBroken(
        "the trail ends at entry \(lastSequence), but its key has already keyed entry \(saved.next - 1): "
          + "entries were removed from the end")
    }
    _ = try Self.caughtUp(saved, to: lastSequence + 1, previousHash: lastHash, db)
  }

  /// Moves a saved key on past entries written after it was saved (the process stopped between
  /// the commit and saving the key), checking each of those entries' MACs on the way.
  private static func caughtUp(_ saved: State, to sequence: Int, previousHash: String, _ db: Database) throws -> State {
    var state = saved
    if state.next > sequence {
      throw StoreError.auditBroken("the audit key has moved past entry \(sequence): entries were removed")
    }
    while state.next < sequence {
      let row = try Row.fetchOne(db, sql: "SELECT hash, mac FROM audit WHERE sequence = ?", arguments: [state.next])
      guard let row, let hash: String = row["hash"], let mac: String = row["mac"],
        mac == Self.mac(of: hash, key: state.key)
      else { throw StoreError.auditBroken("entry \(state.next) does not carry its key's MAC") }
      state = State(next: state.next + 1, key: ratchet(state.key), lastHash: hash)
    }
    guard state.lastHash == previousHash else {
      throw StoreError.auditBroken(
        "entry \(sequence - 1) is not the one the audit key last keyed: the trail was rewritten")
    }
    return state
  }

  private func load() throws -> State? {
    guard let data = try FileSafety.read(file.path, as: .secretFile) else { return nil }
    do {
      return try JSONDecoder().decode(State.self, from: data)
    } catch {
      throw StoreError.badKey(file.path)
    }
  }

  // MARK: The construction

  static func ratchet(_ key: Data) -> Data {
    Data(SHA256.hash(data: Data("intake-audit-ratchet|".utf8) + key))
  }

  static func mac(of hash: String, key: Data) -> String {
    HexText.of(Data(HMAC<SHA256>.authenticationCode(for: Data(hash.utf8), using: SymmetricKey(data: key))))
  }
}
