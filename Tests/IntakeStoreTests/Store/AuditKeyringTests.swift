import Foundation
import GRDB
import IntakeTestSupport
import Testing

@testable import IntakeStore

/// The keyed audit trail against someone who can write the store (and, later, read the kiosk's
/// key file): rewriting needs keys that no longer exist, and cutting the end off shows.
@Suite struct AuditKeyringTests {
  let coordinator = CoordinatorPrivateKey()
  let folder: DataFolder
  let now = TestSupport.fixedInstant

  init() throws {
    folder = DataFolder(path: try TestSupport.temporaryFolder("intake-audit").appendingPathComponent("data").path)
    try folder.prepare()
  }

  func store() throws -> SQLiteSessionStore {
    try SQLiteSessionStore(folder: folder, auditSealer: Sealer(recipient: coordinator.publicKey))
  }

  /// Three sessions started and submitted: six keyed entries.
  func filled() throws -> SQLiteSessionStore {
    let store = try store()
    for id in ["a", "b", "c"] {
      try store.startSession(
        StoredSession(id: id, dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]), at: now)
      try store.submit(sessionID: id, sealed: Data([2]), at: now)
    }
    return store
  }

  /// Rewrites entry `sequence`'s detail and recomputes the unkeyed hash chain from there on, as
  /// anyone with the file can; MACs are left as they were (or made with `key` from there on).
  func rewrite(_ sequence: Int, macKey: Data? = nil) throws {
    let queue = try DatabaseQueue(path: folder.storePath)
    try queue.write { db in
      let rows = try Row.fetchAll(
        db, sql: "SELECT * FROM audit WHERE sequence >= ? ORDER BY sequence", arguments: [sequence])
      var previous: String =
        try String.fetchOne(
          db, sql: "SELECT hash FROM audit WHERE sequence = ?", arguments: [sequence - 1]) ?? AuditEntry.genesis
      var key = macKey
      for row in rows {
        let number: Int = row["sequence"]
        let detail: String? = number == sequence ? "rewritten" : row["detail"]
        let event = try #require(AuditEvent(rawValue: row["event"]))
        let hash = AuditEntry.hash(
          sequence: number, at: row["at"], event: event, sessionID: row["session_id"], detail: detail,
          previousHash: previous)
        let mac = key.map { AuditKeyring.mac(of: hash, key: $0) } ?? (row["mac"] as String?)
        try db.execute(
          sql: "UPDATE audit SET detail = ?, previous_hash = ?, hash = ?, mac = ? WHERE sequence = ?",
          arguments: [detail, previous, hash, mac, number])
        previous = hash
        key = key.map(AuditKeyring.ratchet)
      }
    }
  }

  var keyFile: URL { folder.keys.appendingPathComponent("audit-chain.key") }

  @Test func everyEntryIsKeyedAndChecksWithTheCoordinatorsKey() throws {
    let store = try filled()
    #expect(try store.auditTrail().allSatisfy { $0.mac?.count == 64 })
    #expect(try store.auditKeys().map(\.firstSequence) == [1])
    #expect(try store.verifyKeyedAudit(with: coordinator) == KeyedAuditReport(problem: nil, notes: []))
    // Another coordinator's key opens none of it.
    #expect(try store.verifyKeyedAudit(with: CoordinatorPrivateKey()).problem?.contains("does not open") == true)
  }

  @Test func aRewrittenEntryIsCaughtByItsMACAndByTheKeyFilesLastHash() throws {
    _ = try filled()
    try rewrite(3)
    // The unkeyed chain links up again...
    let copy = try SQLiteSessionStore(path: folder.storePath, options: .init(readOnly: true))
    #expect(AuditVerifier.problem(in: try copy.auditTrail()) == nil)
    // ...but the MAC of entry 3 is not its key's, and the trail no longer ends where the kiosk's
    // key file says, so the kiosk refuses the store at start.
    #expect(try copy.verifyKeyedAudit(with: coordinator).problem?.hasPrefix("entry 3 does not carry") == true)
    #expect(throws: StoreError.self) { try store() }
  }

  @Test func theKeyFileOfTodayCannotRewriteYesterday() throws {
    _ = try filled()
    // Someone takes the kiosk's key file now: its key is for entry 7 only.
    let stolen = try JSONDecoder().decode(AuditKeyring.State.self, from: Data(contentsOf: keyFile))
    #expect(stolen.next == 7)
    // With it they rewrite entry 3 and MAC everything from there with the key they have.
    try rewrite(3, macKey: stolen.key)
    let copy = try SQLiteSessionStore(path: folder.storePath, options: .init(readOnly: true))
    #expect(try copy.verifyKeyedAudit(with: coordinator).problem?.hasPrefix("entry 3 does not carry") == true)
  }

  @Test func cuttingOffTheEndIsCaughtWithoutAnyKey() throws {
    _ = try filled()
    try StoreTampering.execute("DELETE FROM audit WHERE sequence = 6", onStoreAt: folder.storePath)
    // The submission row of "c" is still there: caught by the rows, and by the key file.
    #expect(throws: StoreError.self) { try store() }
    try StoreTampering.execute("DELETE FROM submission WHERE session_id = 'c'", onStoreAt: folder.storePath)
    do {
      _ = try store()
      Issue.record("a trail cut at its end was accepted")
    } catch {
      #expect("\(error)".contains("entries were removed from the end"))
    }
  }

  @Test func aKillBetweenCommitAndSavingTheKeyIsCaughtUp() throws {
    let store = try filled()
    let before = try Data(contentsOf: keyFile)
    try store.audit(.casesListed, sessionID: nil, detail: nil, at: now)
    // As if the process stopped after the commit, before the key file was replaced.
    try before.write(to: keyFile)
    let reopened = try self.store()
    try reopened.audit(.casesListed, sessionID: nil, detail: nil, at: now)
    #expect(try reopened.auditTrail().count == 8)
    #expect(try reopened.verifyKeyedAudit(with: coordinator).problem == nil)
  }

  @Test func aLostKeyFileStartsANewKeyThatTheReportNames() throws {
    _ = try filled()
    try FileManager.default.removeItem(at: keyFile)
    let store = try self.store()
    try store.audit(.casesListed, sessionID: nil, detail: nil, at: now)
    let report = try store.verifyKeyedAudit(with: coordinator)
    #expect(report.problem == nil)
    #expect(
      report.notes == ["a new audit key started at entry 7: the kiosk's key file was missing (restored or deleted)"])
  }

  @Test func deletingAWholeIntakeIsCaught() throws {
    _ = try filled()
    for table in ["input", "submission", "alert", "review"] {
      try StoreTampering.execute("DELETE FROM \(table) WHERE session_id = 'b'", onStoreAt: folder.storePath)
    }
    try StoreTampering.execute("DELETE FROM session WHERE id = 'b'", onStoreAt: folder.storePath)
    do {
      _ = try store()
      Issue.record("a deleted intake went unnoticed")
    } catch {
      #expect("\(error)".contains("records session b starting, but the session is gone"))
    }
  }

  @Test func sessionsLeftOpenAreRecordedAsRecovered() throws {
    let store = try store()
    try store.startSession(
      StoredSession(id: "k", dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]), at: now)
    #expect(try store.recoverOpenSessions(at: now) == 1)
    #expect(try store.sessions().map(\.state) == ["suspended"])
    #expect(try store.auditTrail().map(\.event) == [.sessionStarted, .sessionRecovered])
    #expect(try store.recoverOpenSessions(at: now) == 0)
  }

  /// A store opened (and checked) while another writes to the same folder never finds the key
  /// ahead of the trail: the check reads both with writes held off. Without that, a forwarder or
  /// monitor opening the kiosk's store mid-answer was refused ("entries were removed from the
  /// end"), as the central store's faults test found.
  @Test func aStoreOpenedWhileAnotherWritesNeverSeesTheKeyAheadOfTheTrail() throws {
    _ = try store()
    let done = ManagedAtomicFlag()
    let (folder, publicKey) = (self.folder, coordinator.publicKey)
    let thread = Thread {
      guard let writer = try? SQLiteSessionStore(folder: folder, auditSealer: Sealer(recipient: publicKey)) else {
        return
      }
      var index = 0
      while !done.isSet {
        let id = "w\(index)"
        try? writer.startSession(
          StoredSession(id: id, dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]),
          at: Date())
        index += 1
      }
    }
    thread.start()
    defer { done.set() }
    var refusals: [String] = []
    for _ in 0..<150 {
      for check in [SQLiteSessionStore.OpenCheck.full, .daily] {
        do {
          _ = try SQLiteSessionStore(
            folder: folder, auditSealer: Sealer(recipient: coordinator.publicKey), options: .init(check: check))
        } catch {
          refusals.append("\(error)")
        }
      }
    }
    done.set()
    #expect(refusals.count == 0, "\(refusals.prefix(3))")
  }
}

extension AuditKeyringTests {
  /// An answer (or a resume wrap) appends no audit entry, so it is saved without the audit
  /// key's lock: here another holder keeps the lock the whole time and the answer is still
  /// saved; an alert, which appends an entry, waits for the lock.
  @Test func anAnswerIsSavedWithoutTheAuditKeysLock() throws {
    let store = try store()
    try store.startSession(
      StoredSession(id: "s", dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]), at: now)
    // Opened before the lock is taken (opening checks the trail under the lock, shared), each
    // used by one thread only, as two kiosk processes would.
    let answering = Handed(try self.store())
    let alerting = Handed(try self.store())
    let holder = open(folder.keys.appendingPathComponent("audit-chain.lock").path, O_RDWR)
    try #require(holder >= 0)
    defer { close(holder) }
    #expect(flock(holder, LOCK_EX) == 0)
    let (now, resume) = (self.now, StoredResume(lookup: "l", wrappedKey: Data([9]), expiresAt: now))
    let answers = Finished {
      try? answering.store.appendInput(sessionID: "s", position: 1, sealed: Data([1]))
      try? answering.store.appendInput(sessionID: "s", position: 2, sealed: Data([2]))
      try? answering.store.setResume(sessionID: "s", resume)
    }
    let alert = Finished { _ = try? alerting.store.raiseAlert(sessionID: "s", rule: "r", tier: 3, kiosk: nil, at: now) }
    #expect(answers.wait(seconds: 10), "an answer waited for the audit key's lock")
    #expect(!alert.wait(seconds: 0.5), "an alert was written without the audit key's lock")
    flock(holder, LOCK_UN)
    #expect(alert.wait(seconds: 30))
    #expect(try store.inputs(sessionID: "s").count == 3)
    let lookup = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT resume_lookup FROM session WHERE id = 's'")
    }
    #expect(lookup == "l")
    #expect(try store.auditTrail().map(\.event) == [.sessionStarted, .alertRaised])
  }

  /// A write made without the lock cannot key an audit entry: it fails, and nothing of it is kept.
  @Test func anAuditEntryInAWriteWithoutTheLockIsRefused() throws {
    let store = try store()
    try store.startSession(
      StoredSession(id: "s", dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]), at: now)
    #expect(throws: StoreError.auditUnlocked) {
      try store.write(audited: false) { db in
        try store.appendAudit(db, .alertRaised, sessionID: "s", detail: nil, at: "2026-01-01T00:00:00.000Z")
      }
    }
    #expect(try store.auditTrail().map(\.event) == [.sessionStarted])
  }
}

/// A store handed to one other thread, which alone uses it from then on.
private final class Handed: @unchecked Sendable {
  let store: SQLiteSessionStore
  init(_ store: SQLiteSessionStore) { self.store = store }
}

/// Work run on a thread of its own, and whether it has finished.
private final class Finished: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  init(_ work: @escaping @Sendable () -> Void) {
    Thread.detachNewThread { [done] in
      work()
      done.signal()
    }
  }
  /// Whether the work finished within `seconds` (once true, stays true).
  func wait(seconds: Double) -> Bool {
    guard done.wait(timeout: .now() + seconds) == .success else { return false }
    done.signal()
    return true
  }
}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
  private var value = false
  private let lock = NSLock()
  var isSet: Bool { lock.withLock { value } }
  func set() { lock.withLock { value = true } }
}
