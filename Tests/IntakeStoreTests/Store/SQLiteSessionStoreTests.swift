import Foundation
import GRDB
import IntakeTestSupport
import Testing

@testable import IntakeStore

@Suite struct SQLiteSessionStoreTests {
  let now = Date(timeIntervalSince1970: 1_773_585_000)

  func newStore(_ options: SQLiteSessionStore.Options = .init()) throws -> (SQLiteSessionStore, String) {
    let path = try TestSupport.temporaryFolder("intake-store").appendingPathComponent("intake.sqlite").path
    return (try SQLiteSessionStore(path: path, options: options), path)
  }

  func start(_ store: SQLiteSessionStore, _ id: String = "s1") throws {
    try store.startSession(
      StoredSession(id: id, dialogID: "d", dialogVersion: "1", sealedKey: Data([1, 2, 3])), firstInput: Data([0]),
      at: now)
  }

  @Test func inputsAreKeptInOrderUntilTheSubmissionReplacesThem() throws {
    let (store, _) = try newStore()
    try start(store)
    for position in 1..<3 {
      try store.appendInput(sessionID: "s1", position: position, sealed: Data([UInt8(position)]))
    }
    #expect(try store.inputs(sessionID: "s1") == [Data([0]), Data([1]), Data([2])])
    // The same position twice is refused: an input is never silently replaced.
    #expect(throws: StoreError.self) { try store.appendInput(sessionID: "s1", position: 1, sealed: Data([9])) }
    try store.submit(sessionID: "s1", sealed: Data([7, 7]), at: now)
    #expect(try store.inputs(sessionID: "s1") == [])
    #expect(try store.submissions().map(\.sessionID) == ["s1"])
    #expect(try store.auditTrail().map(\.event) == [.sessionStarted, .sessionSubmitted])
  }

  /// A checkpoint copies what the WAL holds into the store file (there, not in the WAL, the
  /// answers are in the file afterwards), so SQLite's own, inside a commit, waits much longer.
  @Test func aCheckpointMovesTheCommittedPagesIntoTheStoreFile() throws {
    let (store, path) = try newStore()
    try start(store)
    func size(_ file: String) throws -> Int {
      try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
    }
    let before = try size(path)
    for position in 1...60 {
      try store.appendInput(sessionID: "s1", position: position, sealed: Data(repeating: UInt8(position), count: 2_000))
    }
    // Sixty answers are far below SQLite's own checkpoint (a thousand pages): all in the WAL.
    #expect(try size(path) == before)
    try store.checkpoint()
    #expect(try size(path) >= before + 60 * 2_000)
    #expect(try store.inputs(sessionID: "s1").count == 61)
  }

  /// An answer's commit writes one page to the WAL: the inputs are one b-tree keyed by
  /// session and position (migration v9), not a table and an index of its key (two pages).
  @Test func anAnswerWritesOnePageToTheLog() throws {
    let (store, _) = try newStore()
    try start(store)
    try store.checkpoint()
    try store.appendInput(sessionID: "s1", position: 1, sealed: Data(repeating: 1, count: 200))
    // The checkpoint let the WAL start again: what it holds now is the answer's commit.
    let frames = try store.queue.writeWithoutTransaction { db in try db.checkpoint(.passive).walFrameCount }
    #expect(frames == 1)
  }

  /// A store made before migration v9 keeps its inputs, in order, in the new table.
  @Test func aStoreFromBeforeV9KeepsItsInputs() throws {
    let (store, path) = try newStore()
    try start(store)
    try store.appendInput(sessionID: "s1", position: 1, sealed: Data([1]))
    // As a store from before v9: the inputs in a rowid table, the migration not yet run.
    try store.queue.writeWithoutTransaction { db in
      try db.execute(
        sql: """
          CREATE TABLE old_input (
            session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (session_id, position)
          );
          INSERT INTO old_input SELECT * FROM input;
          DROP TABLE input;
          ALTER TABLE old_input RENAME TO input;
          DELETE FROM grdb_migrations WHERE identifier = 'v9 inputs in one b-tree';
          """)
    }
    let reopened = try SQLiteSessionStore(path: path)
    #expect(try reopened.inputs(sessionID: "s1") == [Data([0]), Data([1])])
    let schema = try reopened.queue.read { db in
      try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'input'")
    }
    #expect(schema?.contains("WITHOUT ROWID") == true)
    #expect(throws: StoreError.self) { try reopened.appendInput(sessionID: "s1", position: 1, sealed: Data([9])) }
  }

  @Test func aSuspendedSessionIsFoundByItsLookupUntilItExpires() throws {
    let (store, _) = try newStore()
    try start(store)
    try store.setResume(sessionID: "s1", lookup: "L", wrappedKey: Data([5]), expiresAt: now.addingTimeInterval(3600))
    try store.suspend(sessionID: "s1", reason: "quit", at: now)
    #expect(try store.resumeCandidates(lookup: "L", at: now).map(\.sessionID) == ["s1"])
    #expect(try store.resumeCandidates(lookup: "other", at: now).isEmpty)
    #expect(try store.expireSessions(at: now.addingTimeInterval(3599)) == 0)
    #expect(try store.expireSessions(at: now.addingTimeInterval(3600)) == 1)
    #expect(try store.resumeCandidates(lookup: "L", at: now.addingTimeInterval(3600)).isEmpty)
  }

  @Test func wrongAttemptsLockTheSessionAtTheLimit() throws {
    let (store, _) = try newStore()
    try start(store)
    try store.setResume(sessionID: "s1", lookup: "L", wrappedKey: Data([5]), expiresAt: now.addingTimeInterval(3600))
    #expect(try store.recordFailedResume(sessionID: "s1", limit: 3, at: now) == false)
    #expect(try store.recordFailedResume(sessionID: "s1", limit: 3, at: now) == false)
    #expect(try store.recordFailedResume(sessionID: "s1", limit: 3, at: now) == true)
    #expect(try store.resumeCandidates(lookup: "L", at: now).isEmpty)
    #expect(try store.auditTrail().last?.event == .sessionLocked)
  }

  @Test func aSaveWaitsForAnotherWriterInsteadOfFailing() throws {
    let (store, path) = try newStore()
    try start(store)
    // Review (another process) holds a write transaction for half a second.
    let other = try DatabaseQueue(path: path)
    let started = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    Thread {
      try? other.inTransaction(.immediate) { _ in
        started.signal()
        usleep(500_000)
        return .commit
      }
      done.signal()
    }.start()
    started.wait()
    try store.appendInput(sessionID: "s1", position: 1, sealed: Data([1]))
    done.wait()
    #expect(try store.inputs(sessionID: "s1").count == 2)
  }

  @Test func anEditedOrDeletedAuditEntryIsDetected() throws {
    let (store, path) = try newStore()
    for id in ["s1", "s2", "s3"] { try start(store, id) }
    try store.raiseAlert(sessionID: "s2", rule: "r", tier: 3, kiosk: nil, at: now)
    try store.verifyAudit()
    let raw = try DatabaseQueue(path: path)
    try raw.write { db in try db.execute(sql: "UPDATE audit SET session_id = 'sX' WHERE sequence = 2") }
    #expect(throws: StoreError.auditBroken("entry 2 was changed")) { try SQLiteSessionStore(path: path) }
    try raw.write { db in
      try db.execute(sql: "UPDATE audit SET session_id = 's2' WHERE sequence = 2")
      try db.execute(sql: "DELETE FROM audit WHERE sequence = 3")
    }
    #expect(throws: StoreError.auditBroken("entry 3 is missing (the next is 4)")) { try SQLiteSessionStore(path: path) }
    // An event name no version of intake writes is a change too, not something to guess at.
    try raw.write { db in
      try db.execute(sql: "UPDATE audit SET event = 'session.forged' WHERE sequence = 4")
    }
    #expect(throws: StoreError.auditBroken("entry 4 was changed")) { try SQLiteSessionStore(path: path) }
  }

  /// A kiosk's start reads the end of the trail, not all of it: a change at the end stops it at
  /// once; a change further back is found by the full check, which runs once its interval has
  /// passed (at a start, or between patients).
  @Test func aKioskStartChecksTheTrailsEndAndTheWholeStoreOnASchedule() throws {
    let (store, path) = try newStore()
    for number in 0..<(SQLiteSessionStore.recentEntries + 20) { try start(store, "s\(number)") }
    let daily = SQLiteSessionStore.Options(check: .recent(interval: 3600))
    // The first start with the schedule runs the full check and records when it passed.
    let opened = try SQLiteSessionStore(path: path, options: daily)
    let checked = try #require(try opened.lastFullCheck())
    #expect(abs(checked.timeIntervalSinceNow) < 60)
    let raw = try DatabaseQueue(path: path)
    try raw.write { db in try db.execute(sql: "UPDATE audit SET session_id = 'sX' WHERE sequence = 5") }
    // Within the interval, a start does not read entry 5 ...
    let again = try SQLiteSessionStore(path: path, options: daily)
    // ... and the full check finds it once the interval has passed.
    #expect(throws: StoreError.auditBroken("entry 5 was changed")) {
      try again.checkFullyIfDue(at: Date().addingTimeInterval(2 * 3600))
    }
    #expect(throws: StoreError.auditBroken("entry 5 was changed")) { try SQLiteSessionStore(path: path) }
    try raw.write { db in try db.execute(sql: "UPDATE audit SET session_id = 's4' WHERE sequence = 5") }
    // A change among the last entries stops the next start.
    let last = SQLiteSessionStore.recentEntries + 20
    try raw.write { db in
      try db.execute(sql: "UPDATE audit SET session_id = 'sX' WHERE sequence = ?", arguments: [last - 3])
    }
    #expect(throws: StoreError.auditBroken("entry \(last - 3) was changed")) {
      try SQLiteSessionStore(path: path, options: daily)
    }
  }

  @Test func aCorruptedStoreStopsWithAMessageForStaff() throws {
    let (store, path) = try newStore()
    try start(store)
    for position in 1..<200 {
      try store.appendInput(sessionID: "s1", position: position, sealed: Data(repeating: 0xAB, count: 500))
    }
    // Checkpoint the WAL into the file, then overwrite a page in the middle with garbage.
    _ = try DatabaseQueue(path: path).writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    try handle.seek(toOffset: 4096 * 3)
    try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
    try handle.close()
    #expect {
      _ = try SQLiteSessionStore(path: path)
    } throws: { error in
      guard case .corrupt = error as? StoreError else { return false }
      return "\(error)".contains("damaged")
    }
    // A file that is not a store at all.
    let junk = path + "-junk"
    try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: junk))
    #expect {
      _ = try SQLiteSessionStore(path: junk)
    } throws: { error in
      if case .corrupt = error as? StoreError { return true }
      return false
    }
  }

  @Test func aFullStoreSaysSoAndKeepsWhatItHad() throws {
    let (store, path) = try newStore()
    try start(store)
    let limited = try SQLiteSessionStore(path: path, options: .init(maximumPageCount: 12))
    var saved = 0
    var failure: StoreError?
    for position in 1..<500 {
      do {
        try limited.appendInput(sessionID: "s1", position: position, sealed: Data(repeating: 1, count: 1000))
        saved += 1
      } catch {
        failure = error
        break
      }
    }
    #expect(failure == .full)
    // Everything acknowledged before the failure is still there, and the store is intact.
    #expect(try SQLiteSessionStore(path: path).inputs(sessionID: "s1").count == saved + 1)
  }

  @Test func aReadOnlyStoreRefusesWritesWithAMessage() throws {
    let (store, path) = try newStore()
    try start(store)
    let readOnly = try SQLiteSessionStore(path: path, options: .init(readOnly: true))
    #expect(throws: StoreError.readOnly) { try readOnly.appendInput(sessionID: "s1", position: 1, sealed: Data([1])) }
  }
}
