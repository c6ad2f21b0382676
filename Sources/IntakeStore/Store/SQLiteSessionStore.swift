import Foundation
import GRDB

/// The default store: one SQLite file in the data folder, opened with no configuration.
///
/// Durability: WAL journal with `synchronous = FULL`, so each committed transaction is on disk
/// before the call returns (SQLite syncs the WAL at every commit in that mode). GRDB's own WAL
/// set-up (`journalMode = .wal`) sets `synchronous = NORMAL` after `prepareDatabase` runs, which
/// syncs only at checkpoints; so the store turns WAL on itself and then checks the live
/// connection's settings, refusing to open when they are not what it asked for. On open the
/// store checks itself (`OpenCheck`): fully (SQLite's integrity check of every page, the whole
/// audit trail against the rows it records), or, for the kiosk, the end of the trail at every
/// start and the full check once a day; any failure stops the kiosk with a message for staff.
public final class SQLiteSessionStore: SessionStore {
  let queue: DatabaseQueue

  /// The store's file name inside the data folder.
  public static let fileName = "intake.sqlite"

  /// Options for fault testing: a page limit makes the store "full" without filling a disk, and
  /// read-only mode stands in for a read-only file system where permissions cannot (as root).
  public struct Options: Sendable {
    public var maximumPageCount: Int?
    public var readOnly = false
    /// Whether opening refuses a store whose audit trail does not verify. Review opens it anyway
    /// and shows the problem, so the urgent intakes in it can still be seen.
    public var refusesUnverifiedAudit = true
    public var check: OpenCheck = .full
    public init(
      maximumPageCount: Int? = nil, readOnly: Bool = false, refusesUnverifiedAudit: Bool = true,
      check: OpenCheck = .full
    ) {
      self.maximumPageCount = maximumPageCount
      self.readOnly = readOnly
      self.refusesUnverifiedAudit = refusesUnverifiedAudit
      self.check = check
    }
  }

  /// What opening the store checks.
  public enum OpenCheck: Sendable, Equatable {
    /// SQLite's integrity check of every page, the whole audit trail's chain, that every row
    /// the trail records is still there, and that the trail ends where the audit key says.
    case full
    /// What a kiosk checks at every start, at a cost that does not grow with the store: the
    /// trail's last `recentEntries` entries link and hash correctly and the trail ends where the
    /// audit key says (so entries cut off or rewritten at the end are caught at once). The full
    /// check runs as well when the last one that passed is older than `interval` seconds, or
    /// none has; `checkFullyIfDue` runs it between patients on the same schedule. What only the
    /// full check sees (a damaged page no start reads, an older entry changed, a recorded row
    /// deleted) is found within that interval.
    case recent(interval: TimeInterval)

    /// A day: a kiosk started every morning runs the full check about once a day.
    public static let daily = OpenCheck.recent(interval: 24 * 3600)
  }

  /// How many of the trail's last entries the recent check reads.
  static let recentEntries = 64

  /// Keys the audit trail; nil for a store opened without the coordinator's public key.
  let keyring: AuditKeyring?

  /// Opens the store in a data folder, keying its audit trail (the new stretch's first key is
  /// sealed with `auditSealer`, the coordinator's public key).
  public convenience init(folder: DataFolder, auditSealer: Sealer?, options: Options = Options()) throws(StoreError) {
    try self.init(
      path: folder.storePath, options: options, keyring: auditSealer.map { AuditKeyring(folder: folder, sealer: $0) })
  }

  /// Opens the store at `path` with an unkeyed audit trail (tests; reading a copy).
  public convenience init(path: String, options: Options = Options()) throws(StoreError) {
    try self.init(path: path, options: options, keyring: nil)
  }

  init(path: String, options: Options, keyring: AuditKeyring?) throws(StoreError) {
    self.keyring = keyring
    self.readOnly = options.readOnly
    self.openCheck = options.check
    var configuration = Configuration()
    // Not `.wal`: GRDB's WAL set-up would reset `synchronous` to NORMAL (see above).
    configuration.journalMode = .default
    configuration.readonly = options.readOnly
    configuration.label = "intake"
    // Review on the same folder writes audit entries while the kiosk saves answers: wait for the
    // other writer instead of failing (a failed save stops the kiosk taking answers).
    configuration.busyMode = .timeout(10)
    let limit = options.maximumPageCount
    let readOnly = options.readOnly
    configuration.prepareDatabase { db in
      if !readOnly { try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try db.execute(sql: "PRAGMA synchronous = FULL")
      // Deleted data is overwritten, not left in free pages.
      try db.execute(sql: "PRAGMA secure_delete = ON")
      // Sorts and temporary tables stay in memory, never in files outside the data folder.
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      if let limit { _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(limit)") }
    }
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw Self.storeError(error)
    }
    if !options.readOnly { try checkDurability() }
    switch options.check {
    case .full:
      try check()
      if !options.readOnly { try migrate() }
      if options.refusesUnverifiedAudit { try verifyAudit() }
    case .recent:
      if !options.readOnly { try migrate() }
      if options.refusesUnverifiedAudit { try verifyRecentAudit() }
      try checkFullyIfDue(at: Date())
    }
  }

  private let readOnly: Bool
  private let openCheck: OpenCheck

  /// Runs the full check (SQLite's integrity check and the whole audit trail) when the store was
  /// opened with `.recent` and the last full check that passed is older than its interval;
  /// records when it passed. Throws what the full check finds.
  public func checkFullyIfDue(at instant: Date) throws(StoreError) {
    guard case .recent(let interval) = openCheck else { return }
    if let last = try lastFullCheck(), instant.timeIntervalSince(last) < interval, instant >= last { return }
    try check()
    try verifyAudit()
    guard !readOnly else { return }
    let at = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql:
          "INSERT INTO store_check (id, full_at) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET full_at = excluded.full_at",
        arguments: [at])
    }
  }

  /// Copies the pages committed to the WAL into the store file (a passive checkpoint: it waits
  /// for nobody, and copies what open readers allow). The kiosk runs it between patients, so
  /// the WAL starts again from its beginning and SQLite's own checkpoint, made inside whichever
  /// commit takes the WAL past a thousand pages, seldom falls on a patient's answer (it syncs
  /// the store file too, and made that answer several times as slow): only in an intake that
  /// writes that much, or after a reader (the forwarder, the console) kept the WAL from
  /// starting again. Durability does not depend on it: every commit is already synced in the
  /// WAL.
  public func checkpoint() throws(StoreError) {
    guard !readOnly else { return }
    do {
      try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
      // Another connection is checkpointing: it does the same work.
      return
    } catch {
      throw Self.storeError(error)
    }
  }

  /// When the full check last passed on this store, if it has (`checkFullyIfDue`).
  public func lastFullCheck() throws(StoreError) -> Date? {
    let text: String? = try read { db in
      guard try db.tableExists("store_check") else { return nil }
      return try String.fetchOne(db, sql: "SELECT full_at FROM store_check WHERE id = 1")
    }
    return text.flatMap(Self.date)
  }

  /// The recent check's half of the audit trail: the last entries link and hash correctly, and
  /// the trail ends where the audit key says.
  func verifyRecentAudit() throws(StoreError) {
    // The trail's end and the key file, read with no write between them.
    let held = keyring?.holdWriters() ?? -1
    defer { if held >= 0 { close(held) } }
    let tail: [AuditEntry] = try read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM audit ORDER BY sequence DESC LIMIT ?", arguments: [Self.recentEntries + 1]
      ).reversed().map { row in
        let sequence: Int = row["sequence"]
        guard let event = AuditEvent(rawValue: row["event"] as String) else {
          throw StoreError.auditBroken("entry \(sequence) was changed")
        }
        return AuditEntry(
          sequence: sequence, at: row["at"], event: event, sessionID: row["session_id"], detail: row["detail"],
          previousHash: row["previous_hash"], hash: row["hash"], mac: row["mac"])
      }
    }
    if let problem = AuditVerifier.problem(inTail: tail) { throw .auditBroken(problem) }
    guard let keyring else { return }
    let last = tail.last
    do {
      try queue.read { db in
        try keyring.check(lastSequence: last?.sequence ?? 0, lastHash: last?.hash ?? AuditEntry.genesis, db)
      }
    } catch {
      throw Self.storeError(error)
    }
  }

  /// What the live connection does on commit, read back from SQLite itself.
  public struct Durability: Sendable, Equatable {
    /// `PRAGMA journal_mode`: "wal".
    public var journalMode: String
    /// `PRAGMA synchronous`: 2 is FULL (the WAL is synced at every commit), 1 NORMAL, 0 OFF.
    public var synchronous: Int
  }

  /// The journal mode and sync level of the connection every save goes through.
  public func durability() throws(StoreError) -> Durability {
    try read { db in
      Durability(
        journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
        synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1)
    }
  }

  /// Refuses a store whose commits would not reach the disk before returning: the kiosk tells
  /// a patient an answer is saved only once it is.
  private func checkDurability() throws(StoreError) {
    let found = try durability()
    guard found.journalMode.lowercased() == "wal", found.synchronous == 2 else {
      throw .io("the store could not be set to sync every save to disk")
    }
  }

  /// SQLite's own integrity check over every page.
  private func check() throws(StoreError) {
    let result: [String]
    do {
      result = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    } catch {
      throw Self.storeError(error)
    }
    if result != ["ok"] { throw .corrupt(result.first ?? "integrity check failed") }
  }

  private func migrate() throws(StoreError) {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE session (
            id TEXT PRIMARY KEY,
            dialog_id TEXT NOT NULL,
            dialog_version TEXT NOT NULL,
            state TEXT NOT NULL,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            sealed_key BLOB NOT NULL,
            resume_lookup TEXT,
            resume_wrap BLOB,
            resume_expires_at TEXT,
            failed_attempts INTEGER NOT NULL DEFAULT 0
          );
          CREATE INDEX session_lookup ON session(resume_lookup);
          CREATE TABLE input (
            session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (session_id, position)
          );
          CREATE TABLE submission (
            session_id TEXT PRIMARY KEY REFERENCES session(id),
            submitted_at TEXT NOT NULL,
            sealed BLOB NOT NULL
          );
          CREATE TABLE alert (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            tier INTEGER NOT NULL,
            raised_at TEXT NOT NULL
          );
          CREATE TABLE audit (
            sequence INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            event TEXT NOT NULL,
            session_id TEXT,
            detail TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("v2 review") { db in
      try db.execute(
        sql: """
          CREATE TABLE review (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES session(id),
            reviewed_at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            sealed_note BLOB
          );
          CREATE TABLE review_access (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
          );
          INSERT INTO review_access (id, failures) VALUES (1, 0);
          """)
    }
    migrator.registerMigration("v3 keyed audit") { db in
      try db.execute(
        sql: """
          ALTER TABLE audit ADD COLUMN mac TEXT;
          CREATE TABLE audit_key (
            first_sequence INTEGER PRIMARY KEY,
            sealed_key BLOB NOT NULL
          );
          """)
    }
    migrator.registerMigration("v4 alert acknowledgement") { db in
      try db.execute(
        sql: """
          ALTER TABLE alert ADD COLUMN kiosk TEXT;
          ALTER TABLE alert ADD COLUMN acknowledged_at TEXT;
          ALTER TABLE alert ADD COLUMN acknowledged_by TEXT;
          CREATE TABLE alert_monitor (
            name TEXT PRIMARY KEY,
            seen_at TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("v5 console accounts and case work") { db in
      try db.execute(
        sql: """
          CREATE TABLE account (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            key_slot BLOB NOT NULL,
            created_at TEXT NOT NULL,
            removed_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT
          );
          CREATE UNIQUE INDEX account_name ON account(name) WHERE removed_at IS NULL;
          CREATE TABLE case_event (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL REFERENCES session(id),
            kind TEXT NOT NULL,
            value TEXT,
            sealed_note BLOB,
            account TEXT NOT NULL,
            at TEXT NOT NULL
          );
          CREATE INDEX case_event_session ON case_event(session_id);
          """)
    }
    migrator.registerMigration("v6 scheduled full check") { db in
      // When the full check last passed (`OpenCheck.recent`); the index keeps a start's look for
      // sessions left open from growing with the store.
      try db.execute(
        sql: """
          CREATE TABLE store_check (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            full_at TEXT NOT NULL
          );
          CREATE INDEX session_state ON session(state);
          """)
    }
    migrator.registerMigration("v7 outbox") { db in
      // What the central store is sent (issue 17): queued with every record from now on.
      try Self.createOutbox(db)
    }
    migrator.registerMigration("v8 unfinished intakes forwarded") { db in
      // Intakes that had stopped before unfinished ones were forwarded are queued as they stand.
      let stopped = try Row.fetchAll(
        db,
        sql:
          "SELECT id, state, updated_at FROM session WHERE state IN ('suspended', 'expired', 'locked') ORDER BY rowid")
      for row in stopped {
        try Self.enqueueUnfinished(db, sessionID: row["id"], state: row["state"], at: row["updated_at"])
      }
    }
    migrator.registerMigration("v9 inputs in one b-tree") { db in
      // The inputs keyed by session and position in the table itself (WITHOUT ROWID), not in
      // a rowid table beside an index of its key: an answer's commit writes one b-tree's leaf
      // to the WAL and syncs it, not two (about a fifth of a bare commit's time; a leaf that
      // splits, about once a page of inputs, writes its parent and new sibling too, as the
      // index's did). The inputs kept (those of intakes not sent: open, suspended, expired,
      // locked) wait in a temporary table in memory (`temp_store`), so the store never holds
      // both tables at once, and go back in key order.
      try db.execute(
        sql: """
          CREATE TEMP TABLE input_moving AS SELECT session_id, position, sealed FROM input;
          DROP TABLE input;
          CREATE TABLE input (
            session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (session_id, position)
          ) WITHOUT ROWID;
          INSERT INTO input (session_id, position, sealed)
            SELECT session_id, position, sealed FROM input_moving ORDER BY session_id, position;
          DROP TABLE input_moving;
          """)
    }
    do {
      try migrator.migrate(queue)
    } catch {
      throw Self.storeError(error)
    }
  }

  // MARK: Writes

  public func startSession(_ session: StoredSession, firstInput: Data, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO session (id, dialog_id, dialog_version, state, started_at, updated_at, sealed_key)
          VALUES (?, ?, ?, 'open', ?, ?, ?)
          """,
        arguments: [session.id, session.dialogID, session.dialogVersion, now, now, session.sealedKey])
      try db.execute(
        sql: "INSERT INTO input (session_id, position, sealed) VALUES (?, 0, ?)", arguments: [session.id, firstInput])
      try self.appendAudit(db, .sessionStarted, sessionID: session.id, detail: nil, at: now)
    }
  }

  public func appendInput(sessionID: String, position: Int, sealed: Data) throws(StoreError) {
    // One statement, committed on its own (SQLite's autocommit, as durable as any commit here):
    // GRDB's BEGIN and COMMIT around it were a tenth of an answer's time before its commit.
    try writeUnauditedStatement { db in
      // Compiled once for the session's every answer, not again at each.
      try db.cachedStatement(sql: "INSERT INTO input (session_id, position, sealed) VALUES (?, ?, ?)")
        .execute(arguments: [sessionID, position, sealed])
    }
  }

  public func setResume(sessionID: String, lookup: String, wrappedKey: Data, expiresAt: Date) throws(StoreError) {
    // From another thread too (see `SessionStore`): an unaudited write touches only `queue`,
    // which runs one write at a time from any thread.
    try write(audited: false) { db in
      try db.execute(
        sql: """
          UPDATE session SET resume_lookup = ?, resume_wrap = ?, resume_expires_at = ? WHERE id = ? AND state = 'open'
          """,
        arguments: [lookup, wrappedKey, Self.timestamp(expiresAt), sessionID])
    }
  }

  public func suspend(sessionID: String, reason: String, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql: "UPDATE session SET state = 'suspended', updated_at = ? WHERE id = ? AND state = 'open'",
        arguments: [now, sessionID])
      if db.changesCount > 0 { try Self.enqueueUnfinished(db, sessionID: sessionID, state: "suspended", at: now) }
      try self.appendAudit(db, .sessionSuspended, sessionID: sessionID, detail: reason, at: now)
    }
  }

  public func submit(sessionID: String, sealed: Data, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql: "INSERT INTO submission (session_id, submitted_at, sealed) VALUES (?, ?, ?)",
        arguments: [sessionID, now, sealed])
      // The submission holds everything; the saved inputs and the resume wrap go.
      try db.execute(sql: "DELETE FROM input WHERE session_id = ?", arguments: [sessionID])
      try db.execute(
        sql: """
          UPDATE session SET state = 'submitted', updated_at = ?, resume_lookup = NULL, resume_wrap = NULL
          WHERE id = ?
          """,
        arguments: [now, sessionID])
      try Self.enqueue(db, .submission, reference: sessionID, at: now)
      try Self.supersedeUnfinished(db, sessionID: sessionID, at: now)
      try self.appendAudit(db, .sessionSubmitted, sessionID: sessionID, detail: nil, at: now)
    }
  }

  @discardableResult
  public func raiseAlert(sessionID: String, rule: String, tier: Int, kiosk: String?, at instant: Date)
    throws(StoreError) -> Int
  {
    let now = Self.timestamp(instant)
    return try write { db in
      try db.execute(
        sql: "INSERT INTO alert (session_id, rule, tier, raised_at, kiosk) VALUES (?, ?, ?, ?, ?)",
        arguments: [sessionID, rule, tier, now, kiosk])
      let id = Int(db.lastInsertedRowID)
      try Self.enqueue(db, .alert, reference: String(id), at: now)
      try self.appendAudit(db, .alertRaised, sessionID: sessionID, detail: "tier \(tier)", at: now)
      return id
    }
  }

  public func acknowledgeAlert(id: Int, by person: String, at instant: Date) throws(StoreError) -> Bool {
    let now = Self.timestamp(instant)
    return try write { db in
      guard
        let sessionID = try String.fetchOne(
          db, sql: "SELECT session_id FROM alert WHERE id = ? AND acknowledged_at IS NULL", arguments: [id])
      else { return false }
      try db.execute(
        sql: "UPDATE alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?", arguments: [now, person, id])
      try self.appendAudit(
        db, .alertAcknowledged, sessionID: sessionID, detail: StoredAlert.acknowledgementDetail(alert: id, by: person),
        at: now)
      return true
    }
  }

  public func acknowledgement(sessionID: String, rule: String) throws(StoreError) -> (by: String, at: String)? {
    try read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT acknowledged_by, acknowledged_at FROM alert
            WHERE session_id = ? AND rule = ? AND acknowledged_at IS NOT NULL
            ORDER BY acknowledged_at DESC, id DESC LIMIT 1
            """,
          arguments: [sessionID, rule])
      else { return nil }
      return (row["acknowledged_by"], row["acknowledged_at"])
    }
  }

  public func recordMonitorBeat(name: String, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    // A heartbeat is not an audited event: it changes nothing about a patient.
    do {
      try queue.write { db in
        try db.execute(
          sql: "INSERT INTO alert_monitor (name, seen_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET seen_at = ?",
          arguments: [name, now, now])
      }
    } catch {
      throw Self.storeError(error)
    }
  }

  public func lastMonitorBeat() throws(StoreError) -> Date? {
    try read { db in
      try String.fetchOne(db, sql: "SELECT max(seen_at) FROM alert_monitor").flatMap { Self.date($0) }
    }
  }

  public func recordFailedResume(sessionID: String, limit: Int, at instant: Date) throws(StoreError) -> Bool {
    let now = Self.timestamp(instant)
    return try write { db in
      try db.execute(
        sql: "UPDATE session SET failed_attempts = failed_attempts + 1, updated_at = ? WHERE id = ?",
        arguments: [now, sessionID])
      try self.appendAudit(db, .resumeFailed, sessionID: sessionID, detail: nil, at: now)
      let attempts = try Int.fetchOne(
        db, sql: "SELECT failed_attempts FROM session WHERE id = ?", arguments: [sessionID])
      guard let attempts, attempts >= limit else { return false }
      try db.execute(
        sql: "UPDATE session SET state = 'locked', resume_lookup = NULL, resume_wrap = NULL WHERE id = ?",
        arguments: [sessionID])
      try Self.enqueueUnfinished(db, sessionID: sessionID, state: "locked", at: now)
      try self.appendAudit(db, .sessionLocked, sessionID: sessionID, detail: nil, at: now)
      return true
    }
  }

  public func markResumed(sessionID: String, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql: "UPDATE session SET state = 'open', failed_attempts = 0, updated_at = ? WHERE id = ?",
        arguments: [now, sessionID])
      try self.appendAudit(db, .sessionResumed, sessionID: sessionID, detail: nil, at: now)
    }
  }

  public func expireSessions(at instant: Date) throws(StoreError) -> Int {
    let now = Self.timestamp(instant)
    return try write { db in
      let expired = try String.fetchAll(
        db,
        sql: """
          SELECT id FROM session WHERE state IN ('open', 'suspended') AND resume_expires_at IS NOT NULL
          AND resume_expires_at <= ?
          """,
        arguments: [now])
      for id in expired {
        // The unfinished answers stay readable by the coordinator (data key sealed to them);
        // the code no longer opens anything.
        try db.execute(
          sql: "UPDATE session SET state = 'expired', resume_lookup = NULL, resume_wrap = NULL WHERE id = ?",
          arguments: [id])
        try Self.enqueueUnfinished(db, sessionID: id, state: "expired", at: now)
        try self.appendAudit(db, .sessionExpired, sessionID: id, detail: nil, at: now)
      }
      return expired.count
    }
  }

  public func recoverOpenSessions(at instant: Date) throws(StoreError) -> Int {
    let now = Self.timestamp(instant)
    return try write { db in
      let open = try String.fetchAll(db, sql: "SELECT id FROM session WHERE state = 'open' ORDER BY started_at, id")
      for id in open {
        try db.execute(
          sql: "UPDATE session SET state = 'suspended', updated_at = ? WHERE id = ?", arguments: [now, id])
        try Self.enqueueUnfinished(db, sessionID: id, state: "suspended", at: now)
        try self.appendAudit(db, .sessionRecovered, sessionID: id, detail: "left open", at: now)
      }
      return open.count
    }
  }

  public func audit(_ event: AuditEvent, sessionID: String?, detail: String?, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in try self.appendAudit(db, event, sessionID: sessionID, detail: detail, at: now) }
  }

  public func markReviewed(sessionID: String, reviewer: String, sealedNote: Data?, at instant: Date) throws(StoreError)
  {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql: "INSERT INTO review (session_id, reviewed_at, reviewer, sealed_note) VALUES (?, ?, ?, ?)",
        arguments: [sessionID, now, reviewer, sealedNote])
      try self.appendAudit(db, .submissionReviewed, sessionID: sessionID, detail: "by \(reviewer)", at: now)
    }
  }

  public func reviews() throws(StoreError) -> [StoredReview] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM review ORDER BY reviewed_at, id").map { row in
        StoredReview(
          sessionID: row["session_id"], reviewedAt: row["reviewed_at"], reviewer: row["reviewer"],
          sealedNote: row["sealed_note"])
      }
    }
  }

  public func reviewLockedUntil(at instant: Date) throws(StoreError) -> Date? {
    // The lock is in the review_access row and in the audit trail's last lock entry, whose
    // removal breaks the trail: deleting the row alone does not unlock review.
    let (row, entry) = try read { db in
      (
        try String.fetchOne(db, sql: "SELECT locked_until FROM review_access WHERE id = 1"),
        try String.fetchOne(
          db, sql: "SELECT detail FROM audit WHERE event = ? ORDER BY sequence DESC LIMIT 1",
          arguments: [AuditEvent.reviewLocked.rawValue])
      )
    }
    let fromTrail = entry.flatMap { $0.hasPrefix("until ") ? Self.date(String($0.dropFirst(6))) : nil }
    guard let until = [row.flatMap(Self.date), fromTrail].compactMap({ $0 }).max(), until > instant else { return nil }
    return until
  }

  public func recordUnlockFailure(limit: Int, lockout: TimeInterval, at instant: Date) throws(StoreError) -> Date? {
    let now = Self.timestamp(instant)
    return try write { db in
      try db.execute(sql: "UPDATE review_access SET failures = failures + 1 WHERE id = 1")
      try self.appendAudit(db, .reviewUnlockFailed, sessionID: nil, detail: nil, at: now)
      let failures = try Int.fetchOne(db, sql: "SELECT failures FROM review_access WHERE id = 1") ?? 0
      guard failures >= limit else { return nil }
      let until = instant.addingTimeInterval(lockout)
      try db.execute(
        sql: "UPDATE review_access SET failures = 0, locked_until = ? WHERE id = 1",
        arguments: [Self.timestamp(until)])
      try self.appendAudit(db, .reviewLocked, sessionID: nil, detail: "until \(Self.timestamp(until))", at: now)
      return until
    }
  }

  public func recordUnlock(at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(sql: "UPDATE review_access SET failures = 0, locked_until = NULL WHERE id = 1")
      try self.appendAudit(db, .reviewUnlocked, sessionID: nil, detail: nil, at: now)
    }
  }

  // MARK: Reads

  public func resumeCandidates(lookup: String, at instant: Date) throws(StoreError) -> [ResumeCandidate] {
    let now = Self.timestamp(instant)
    return try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, resume_wrap, dialog_id, dialog_version FROM session
          WHERE resume_lookup = ? AND state IN ('open', 'suspended') AND resume_expires_at > ?
          """,
        arguments: [lookup, now]
      ).map { row in
        ResumeCandidate(
          sessionID: row["id"], wrappedKey: row["resume_wrap"], dialogID: row["dialog_id"],
          dialogVersion: row["dialog_version"])
      }
    }
  }

  public func inputs(sessionID: String) throws(StoreError) -> [Data] {
    try read { db in
      try Data.fetchAll(
        db, sql: "SELECT sealed FROM input WHERE session_id = ? ORDER BY position", arguments: [sessionID])
    }
  }

  /// The kiosk's own trail: the one this store keeps.
  public func kioskAuditEntries() throws(StoreError) -> [AuditEntry] { try auditTrail() }

  /// Submissions are stored beside this trail, so review checks each one's audit head against it.
  public var checksSubmissionAuditHeads: Bool { true }

  /// None: this store's checks throw.
  public func warnings() throws(StoreError) -> [String] { [] }

  public func auditTrail() throws(StoreError) -> [AuditEntry] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY sequence").map { row in
        let sequence: Int = row["sequence"]
        let name: String = row["event"]
        // An event this program does not know was not written by it: the entry was changed.
        guard let event = AuditEvent(rawValue: name) else {
          throw StoreError.auditBroken("entry \(sequence) was changed")
        }
        return AuditEntry(
          sequence: sequence, at: row["at"], event: event, sessionID: row["session_id"], detail: row["detail"],
          previousHash: row["previous_hash"], hash: row["hash"], mac: row["mac"])
      }
    }
  }

  public func auditKeys() throws(StoreError) -> [AuditKeyRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT first_sequence, sealed_key FROM audit_key ORDER BY first_sequence").map { row in
        AuditKeyRecord(firstSequence: row["first_sequence"], sealedKey: row["sealed_key"])
      }
    }
  }

  /// The chain, the rows it records, and the audit key file's position all agree.
  public func verifyAudit() throws(StoreError) {
    // The trail and the key file, read with no write between them.
    let held = keyring?.holdWriters() ?? -1
    defer { if held >= 0 { close(held) } }
    let trail: [AuditEntry]
    do {
      trail = try auditTrail()
    } catch .auditBroken(let problem) {
      throw .auditBroken(problem)
    }
    if let problem = AuditVerifier.problem(in: trail) { throw .auditBroken(problem) }
    if let problem = AuditVerifier.missingRows(trail: trail, in: try auditedRows()) { throw .auditBroken(problem) }
    guard let keyring else { return }
    let last = trail.last
    do {
      try queue.read { db in
        try keyring.check(lastSequence: last?.sequence ?? 0, lastHash: last?.hash ?? AuditEntry.genesis, db)
      }
    } catch {
      throw Self.storeError(error)
    }
  }

  /// What the trail's entries say must exist, as the store holds it.
  func auditedRows() throws(StoreError) -> AuditedRows {
    try read { db in
      AuditedRows(
        sessions: Set(try String.fetchAll(db, sql: "SELECT id FROM session")),
        submissions: Set(try String.fetchAll(db, sql: "SELECT session_id FROM submission")),
        alerts: Dictionary(
          try Row.fetchAll(db, sql: "SELECT session_id, count(*) AS n FROM alert GROUP BY session_id").map {
            ($0["session_id"] as String, $0["n"] as Int)
          }
        ) { a, _ in a },
        reviews: Dictionary(
          try Row.fetchAll(db, sql: "SELECT session_id, count(*) AS n FROM review GROUP BY session_id").map {
            ($0["session_id"] as String, $0["n"] as Int)
          }
        ) { a, _ in a },
        caseEvents: Dictionary(
          try Row.fetchAll(db, sql: "SELECT session_id, count(*) AS n FROM case_event GROUP BY session_id").map {
            ($0["session_id"] as String, $0["n"] as Int)
          }
        ) { a, _ in a })
    }
  }

  public func auditHead() throws(StoreError) -> AuditHead? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1").map { row in
        AuditHead(sequence: row["sequence"], hash: row["hash"])
      }
    }
  }

  public func submissions() throws(StoreError) -> [StoredSubmission] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM submission ORDER BY submitted_at DESC").map { row in
        StoredSubmission(sessionID: row["session_id"], submittedAt: row["submitted_at"], sealed: row["sealed"])
      }
    }
  }

  public func alerts() throws(StoreError) -> [StoredAlert] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM alert ORDER BY raised_at DESC, id DESC").map { row in
        StoredAlert(
          sessionID: row["session_id"], rule: row["rule"], tier: row["tier"], raisedAt: row["raised_at"], id: row["id"],
          kiosk: row["kiosk"], acknowledgedAt: row["acknowledged_at"], acknowledgedBy: row["acknowledged_by"])
      }
    }
  }

  public func sessions() throws(StoreError) -> [SessionRecord] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT session.*, (SELECT count(*) FROM input WHERE input.session_id = session.id) AS input_count
          FROM session ORDER BY started_at DESC, id
          """
      ).map { row in
        SessionRecord(
          id: row["id"], dialogID: row["dialog_id"], dialogVersion: row["dialog_version"], state: row["state"],
          startedAt: row["started_at"], updatedAt: row["updated_at"],
          sealedKey: row["sealed_key"], inputCount: row["input_count"])
      }
    }
  }

  // MARK: Helpers

  /// Runs `body` in one transaction. A write that may append an audit entry (`audited`, the
  /// default) holds the audit key's lock from its transaction to saving the moved-on key
  /// (`AuditKeyring.locked`); one that appends none (`audited: false`: an answer, a resume wrap)
  /// does not take it, as it touches neither the trail nor the key file the lock keeps in step.
  /// Every answer took it before: opening, locking and closing the lock file were three system
  /// calls, each slow after the pause a patient takes before answering. Appending an audit entry
  /// in a write without the lock fails (`AuditKeyring.mac`), so a write that should have been
  /// audited cannot slip through unlocked.
  func write<T>(audited: Bool = true, _ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      guard audited, let keyring else { return try queue.write(body) }
      return try keyring.locked { try queue.write(body) }
    } catch {
      throw Self.storeError(error)
    }
  }

  /// Runs one statement outside a transaction of GRDB's, so SQLite commits it on its own, with
  /// the same durability as `write`. Only for a body of one statement (two would be two commits,
  /// and a failure between them would keep the first) that appends no audit entry: it runs
  /// without the audit key's lock, as `write(audited: false)`.
  func writeUnauditedStatement(_ body: (Database) throws -> Void) throws(StoreError) {
    do {
      try queue.writeWithoutTransaction(body)
    } catch {
      throw Self.storeError(error)
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try queue.read(body)
    } catch {
      throw Self.storeError(error)
    }
  }

  /// Appends an audit entry inside the caller's transaction, with its MAC when the trail is keyed.
  func appendAudit(_ db: Database, _ event: AuditEvent, sessionID: String?, detail: String?, at: String) throws {
    let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit ORDER BY sequence DESC LIMIT 1")
    let sequence = (last.map { $0["sequence"] as Int } ?? 0) + 1
    let previous = last.map { $0["hash"] as String } ?? AuditEntry.genesis
    let hash = AuditEntry.hash(
      sequence: sequence, at: at, event: event, sessionID: sessionID, detail: detail, previousHash: previous)
    let mac = try keyring?.mac(db, sequence: sequence, hash: hash, previousHash: previous)
    try db.execute(
      sql: """
        INSERT INTO audit (sequence, at, event, session_id, detail, previous_hash, hash, mac)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [sequence, at, event.rawValue, sessionID, detail, previous, hash, mac])
    // Forwarded with the records, so the trail's head is known off the kiosk (issue 17).
    try Self.enqueue(db, .audit, reference: String(sequence), at: at)
  }

  package static func date(_ timestamp: String) -> Date? { StoreInstant.date(timestamp) }

  /// How the store writes instants (ISO 8601, UTC, milliseconds); sealed review marks bind the same text.
  public static func timestamp(_ instant: Date) -> String { StoreInstant.text(instant) }

  /// SQLite's result codes, as what staff should know.
  static func storeError(_ error: any Error) -> StoreError {
    if let error = error as? StoreError { return error }
    guard let database = error as? DatabaseError else { return .io(String(describing: type(of: error))) }
    switch database.resultCode {
    case .SQLITE_FULL: return .full
    case .SQLITE_READONLY: return .readOnly
    case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt("SQLite error \(database.resultCode.rawValue)")
    case .SQLITE_IOERR
    where [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_SHMSIZE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE]
      .contains(database.extendedResultCode):
      // What a full file system looks like from inside SQLite (ENOSPC on write, extend or sync).
      return .io("SQLite error \(database.extendedResultCode.rawValue): the disk is full or failing")
    default:
      // Extended codes name the cause; the message may quote SQL but never values (we bind them).
      return .io("SQLite error \(database.extendedResultCode.rawValue)")
    }
  }
}
