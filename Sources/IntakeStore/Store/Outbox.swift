import Foundation
import GRDB

/// What a kiosk's store forwards to the central store: every sealed submission, staff alert and
/// audit entry, each queued in the same transaction that stores it (so nothing stored is ever
/// missing from the queue, whatever stops the kiosk), with a stable id the central store accepts
/// once. The queue holds references; the bytes are read from their tables when forwarded.
public enum OutboxKind: String, Sendable, CaseIterable, Codable {
  case alert
  case submission
  case audit
  /// An intake that stopped before the end (suspended, recovered, expired, locked), as it stood.
  case unfinished

  /// Alerts go first: a crisis must reach the central team before anything else waiting.
  var priority: Int {
    switch self {
    case .alert: return 0
    case .submission, .unfinished: return 1
    case .audit: return 2
    }
  }
}

/// One queued record, ready to forward.
public struct OutboxItem: Sendable, Equatable {
  /// Its place in this store's queue: the order it is forwarded in (within its priority).
  public var sequence: Int64
  public var id: UUID
  public var kind: OutboxKind
  /// JSON: the sealed submission with its ids and times, the alert's fields, or the audit entry.
  public var payload: Data
}

/// How forwarding goes, for staff: what waits, since when, and since when it has failed.
public struct OutboxStatus: Sendable, Equatable {
  public var pending: Int
  public var oldestPendingSince: Date?
  public var lastSuccess: Date?
  /// When the current run of failures began; nil when the last try worked.
  public var failingSince: Date?
  /// The last failure, in words without patient data.
  public var lastFailure: String?

  /// Whether staff should be told: records have waited and forwarding has failed for longer
  /// than `limit`.
  /// Also when nothing has tried to send them (no forwarder running): the oldest record has
  /// waited longer than `limit`.
  public func isStuck(longerThan limit: TimeInterval, at instant: Date) -> Bool {
    guard pending > 0 else { return false }
    if let failingSince, instant.timeIntervalSince(failingSince) > limit { return true }
    guard let oldestPendingSince else { return false }
    return instant.timeIntervalSince(oldestPendingSince) > limit
  }
}

/// The forwarded forms of the store's records (the JSON inside `OutboxItem.payload`).
public struct ForwardedSubmission: Codable, Sendable, Equatable {
  public var sessionID: String
  public var submittedAt: String
  public var dialogID: String
  public var dialogVersion: String
  /// The submission, sealed to the coordinator as the kiosk stored it.
  public var sealed: Data
  /// The session's data key, sealed to the coordinator: what tells a tampered record from one
  /// sealed to another key. Nil in records forwarded before it was sent.
  public var sealedKey: Data?
  /// When the intake began. Nil in records forwarded before it was sent.
  public var startedAt: String?
}

/// An unfinished intake as it stood when it stopped: its data key and the inputs saved by then,
/// sealed as the kiosk keeps them, so a console can rebuild it as a kiosk's own console does.
/// Once the intake is submitted, what still waits of these is superseded and not sent.
public struct ForwardedUnfinished: Codable, Sendable, Equatable {
  public var sessionID: String
  public var dialogID: String
  public var dialogVersion: String
  /// suspended, expired or locked.
  public var state: String
  public var startedAt: String
  /// When it stopped.
  public var stoppedAt: String
  public var sealedKey: Data
  public var inputs: [Data]
}

/// What the outbox keeps for an unfinished intake: which, in what state, and how many of its
/// inputs, so that the record sent (and any retry of it) is the same whatever happens later.
struct UnfinishedReference: Codable {
  var session: String
  var state: String
  var inputs: Int
  var at: String
}

/// No rule name ("suicide_tier3" tied to a session is health information): the tier says how
/// urgent it is, as on every staff screen.
public struct ForwardedAlert: Codable, Sendable, Equatable {
  public var id: Int
  public var sessionID: String
  public var tier: Int
  public var raisedAt: String
  public var kiosk: String?
}

extension SQLiteSessionStore {
  /// Queues a record inside the caller's transaction.
  static func enqueue(_ db: Database, _ kind: OutboxKind, reference: String, at: String) throws {
    try db.execute(
      sql: "INSERT INTO outbox (id, kind, ref, priority, created_at) VALUES (?, ?, ?, ?, ?)",
      arguments: [UUID().uuidString, kind.rawValue, reference, kind.priority, at])
  }

  /// Queues an intake that has just stopped, inside the caller's transaction.
  static func enqueueUnfinished(_ db: Database, sessionID: String, state: String, at: String) throws {
    let count =
      try Int.fetchOne(db, sql: "SELECT count(*) FROM input WHERE session_id = ?", arguments: [sessionID]) ?? 0
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let reference = try encoder.encode(UnfinishedReference(session: sessionID, state: state, inputs: count, at: at))
    try Self.enqueue(db, .unfinished, reference: String(decoding: reference, as: UTF8.self), at: at)
  }

  /// The intake was submitted: its unfinished states still waiting are not sent (the submission
  /// holds everything, and its inputs are gone).
  static func supersedeUnfinished(_ db: Database, sessionID: String, at: String) throws {
    try db.execute(
      sql: """
        UPDATE outbox SET forwarded_at = ?, outcome = 'superseded'
        WHERE kind = 'unfinished' AND forwarded_at IS NULL AND json_extract(ref, '$.session') = ?
        """, arguments: [at, sessionID])
  }

  /// Up to `limit` records not yet forwarded: alerts first, then in the order they were stored.
  public func pendingOutbox(limit: Int) throws(StoreError) -> [OutboxItem] {
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT sequence, id, kind, ref FROM outbox WHERE forwarded_at IS NULL
          ORDER BY priority, sequence LIMIT ?
          """, arguments: [limit])
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      return try rows.compactMap { row -> OutboxItem? in
        guard let kind = OutboxKind(rawValue: row["kind"]), let id = UUID(uuidString: row["id"]) else {
          throw StoreError.corrupt("an outbox entry of an unknown kind or id")
        }
        let reference: String = row["ref"]
        let payload: Data
        switch kind {
        case .submission:
          guard
            let found = try Row.fetchOne(
              db,
              sql: """
                SELECT s.session_id, s.submitted_at, s.sealed, x.dialog_id, x.dialog_version, x.sealed_key,
                  x.started_at
                FROM submission s JOIN session x ON x.id = s.session_id WHERE s.session_id = ?
                """, arguments: [reference])
          else { throw StoreError.corrupt("a queued submission is missing") }
          payload = try encoder.encode(
            ForwardedSubmission(
              sessionID: found[0], submittedAt: found[1], dialogID: found[3], dialogVersion: found[4], sealed: found[2],
              sealedKey: found[5], startedAt: found[6]))
        case .alert:
          guard
            let found = try Row.fetchOne(
              db, sql: "SELECT id, session_id, tier, raised_at, kiosk FROM alert WHERE id = ?",
              arguments: [Int(reference)])
          else { throw StoreError.corrupt("a queued alert is missing") }
          payload = try encoder.encode(
            ForwardedAlert(id: found[0], sessionID: found[1], tier: found[2], raisedAt: found[3], kiosk: found[4]))
        case .unfinished:
          guard let reference = try? JSONDecoder().decode(UnfinishedReference.self, from: Data(reference.utf8)),
            let found = try Row.fetchOne(
              db, sql: "SELECT dialog_id, dialog_version, started_at, sealed_key FROM session WHERE id = ?",
              arguments: [reference.session])
          else { throw StoreError.corrupt("a queued unfinished intake is missing") }
          // Inputs are only ever added (and all removed at submission, which supersedes this).
          let inputs = try Data.fetchAll(
            db, sql: "SELECT sealed FROM input WHERE session_id = ? ORDER BY position LIMIT ?",
            arguments: [reference.session, reference.inputs])
          payload = try encoder.encode(
            ForwardedUnfinished(
              sessionID: reference.session, dialogID: found[0], dialogVersion: found[1], state: reference.state,
              startedAt: found[2], stoppedAt: reference.at, sealedKey: found[3], inputs: inputs))
        case .audit:
          guard
            let found = try Row.fetchOne(
              db,
              sql: """
                SELECT sequence, at, event, session_id, detail, previous_hash, hash, mac FROM audit WHERE sequence = ?
                """, arguments: [Int(reference)]),
            let event = AuditEvent(rawValue: found[2])
          else { throw StoreError.corrupt("a queued audit entry is missing") }
          payload = try encoder.encode(
            AuditEntry(
              sequence: found[0], at: found[1], event: event, sessionID: found[3], detail: found[4],
              previousHash: found[5], hash: found[6], mac: found[7]))
        }
        return OutboxItem(sequence: row["sequence"], id: id, kind: kind, payload: payload)
      }
    }
  }

  /// The central store has these (accepted, or had them already): they are not sent again.
  public func markForwarded(_ sequences: [Int64], outcome: String, at instant: Date) throws(StoreError) {
    guard !sequences.isEmpty else { return }
    let now = Self.timestamp(instant)
    try write { db in
      for sequence in sequences {
        try db.execute(
          sql: "UPDATE outbox SET forwarded_at = ?, outcome = ? WHERE sequence = ? AND forwarded_at IS NULL",
          arguments: [now, outcome, sequence])
      }
      try db.execute(
        sql: """
          INSERT INTO forward_state (id, last_success, failing_since, last_failure) VALUES (1, ?, NULL, NULL)
          ON CONFLICT (id) DO UPDATE SET last_success = excluded.last_success, failing_since = NULL
          """, arguments: [now])
    }
  }

  /// A try that did not reach the central store (or was refused): the records stay queued.
  public func recordForwardFailure(_ reason: String, at instant: Date) throws(StoreError) {
    let now = Self.timestamp(instant)
    try write { db in
      try db.execute(
        sql: """
          INSERT INTO forward_state (id, last_success, failing_since, last_failure) VALUES (1, NULL, ?, ?)
          ON CONFLICT (id) DO UPDATE SET failing_since = coalesce(failing_since, excluded.failing_since),
            last_failure = excluded.last_failure
          """, arguments: [now, reason])
    }
  }

  public func outboxStatus() throws(StoreError) -> OutboxStatus {
    try read { db in
      let pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE forwarded_at IS NULL") ?? 0
      let oldest = try String.fetchOne(db, sql: "SELECT min(created_at) FROM outbox WHERE forwarded_at IS NULL")
      let state = try Row.fetchOne(db, sql: "SELECT last_success, failing_since, last_failure FROM forward_state")
      return OutboxStatus(
        pending: pending, oldestPendingSince: oldest.flatMap(Self.date),
        lastSuccess: (state?[0] as String?).flatMap(Self.date), failingSince: (state?[1] as String?).flatMap(Self.date),
        lastFailure: state?[2])
    }
  }

  /// The queue and the forwarding state, made by migration v7; what was stored before is queued
  /// then, alerts first, each table in its own order.
  static func createOutbox(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE outbox (
          sequence INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL,
          ref TEXT NOT NULL,
          priority INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          forwarded_at TEXT,
          outcome TEXT
        );
        CREATE INDEX outbox_pending ON outbox(forwarded_at, priority, sequence);
        CREATE TABLE forward_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          last_success TEXT,
          failing_since TEXT,
          last_failure TEXT
        );
        """)
    let earlier: [(OutboxKind, String)] = [
      (.alert, "SELECT CAST(id AS TEXT), raised_at FROM alert ORDER BY id"),
      (.submission, "SELECT session_id, submitted_at FROM submission ORDER BY rowid"),
      (.audit, "SELECT CAST(sequence AS TEXT), at FROM audit ORDER BY sequence"),
    ]
    for (kind, sql) in earlier {
      for row in try Row.fetchAll(db, sql: sql) {
        try db.execute(
          sql: "INSERT INTO outbox (id, kind, ref, priority, created_at) VALUES (?, ?, ?, ?, ?)",
          arguments: [UUID().uuidString, kind.rawValue, row[0] as String, kind.priority, row[1] as String])
      }
    }
  }
}
