import Foundation
import IntakeStore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The console's store when the kiosks forward to a central PostgreSQL: every site's sealed
/// submissions and staff alerts (as the kiosks forwarded them) and the consoles' own work on
/// them (review marks, statuses, assignments, notes, acknowledgements, accounts, and the
/// consoles' audit trail), shared by every console that connects as `intake_console`.
///
/// The console's logic is synchronous and runs one request at a time, so each call waits here
/// for its answer; the connection runs on an event loop of its own, never on a thread the
/// caller could be holding. A lost connection is made again on the next call.
///
/// A kiosk's work (starting, saving, resuming intakes) happens at the kiosk only: those calls
/// fail here with a message that says so.
public final class CentralConsoleStore: StaffStore, @unchecked Sendable {
  private let configuration: CentralConfiguration
  private let group: MultiThreadedEventLoopGroup
  private let logger = Logger(label: "intake.central.console") { _ in SwiftLogNoOpLogHandler() }
  /// Guards `connection`; held through each call, so calls never interleave on the connection.
  private let lock = NSLock()
  private var connection: PostgresConnection?

  /// Connects once to check that the server is there and migrated (`intake db migrate`).
  public init(_ configuration: CentralConfiguration) throws(CentralError) {
    self.configuration = configuration
    group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let versions: [Int]
    do {
      versions = try attempt { connection in
        try Self.all(connection, "SELECT version FROM intake_migration ORDER BY version", logger: logger)
          .map { try $0.decode(Int.self) }
      }
    } catch {
      close()
      throw CentralError.from(error)
    }
    guard Set(CentralSchema.migrations.map(\.version)).isSubset(of: Set(versions)) else {
      close()
      throw CentralError.refused(
        sqlState: "55000",
        message: "the central database is not migrated to this version of intake: run intake db migrate as its owner")
    }
  }

  deinit {
    close()
  }

  /// Closes the connection and stops its event loop.
  public func close() {
    lock.withLock {
      if let connection { try? connection.close().wait() }
      connection = nil
    }
    try? group.syncShutdownGracefully()
  }

  // MARK: Calls

  /// Runs `body` on the connection (made first if there is none), waiting for it. A failure
  /// drops the connection, so the next call starts clean; what it was doing is reported in
  /// words without a query (its parameters are sealed bytes and ids).
  private func call<Value>(_ body: (PostgresConnection) throws -> Value) throws(StoreError) -> Value {
    do {
      return try attempt(body)
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError.io("the central store: \(error)")
    }
  }

  /// `call`, with the failure as the central store's own error (or the body's `StoreError`).
  private func attempt<Value>(_ body: (PostgresConnection) throws -> Value) throws -> Value {
    lock.lock()
    defer { lock.unlock() }
    do {
      let live: PostgresConnection
      if let connection, !connection.isClosed {
        live = connection
      } else {
        live = try PostgresConnection.connect(
          on: group.next(), configuration: try configuration.connection(), id: 1, logger: logger
        ).wait()
        connection = live
      }
      return try body(live)
    } catch let error as StoreError {
      throw error
    } catch {
      if let connection {
        try? connection.close().wait()
        self.connection = nil
      }
      throw CentralError.from(error, server: "\(configuration.host):\(configuration.port)")
    }
  }

  /// A change and its audit entry in one transaction: both are kept, or neither.
  private func transaction<Value>(_ body: (PostgresConnection) throws -> Value) throws(StoreError) -> Value {
    try call { connection in
      try Self.run(connection, "BEGIN", logger: logger)
      do {
        let value = try body(connection)
        try Self.run(connection, "COMMIT", logger: logger)
        return value
      } catch {
        try? Self.run(connection, "ROLLBACK", logger: logger)
        throw error
      }
    }
  }

  private static func all(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) throws
    -> [PostgresRow]
  {
    Array(try connection.query(query, logger: logger).wait())
  }

  private static func run(_ connection: PostgresConnection, _ sql: String, logger: Logger) throws {
    _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
  }

  private static func kioskOnly(_ what: String) -> StoreError {
    .io("the central store takes \(what) only from a kiosk's forwarder; this is the console's connection")
  }

  // MARK: The consoles' audit trail

  /// Appends an entry to the consoles' trail inside the caller's transaction. The advisory lock
  /// keeps two consoles from taking the same place.
  private func appendAudit(
    _ connection: PostgresConnection, _ event: AuditEvent, sessionID: String?, detail: String?, at: String
  ) throws {
    try Self.run(connection, "SELECT pg_advisory_xact_lock(72740018)", logger: logger)
    let last = try Self.all(
      connection, "SELECT sequence, hash FROM console_audit ORDER BY sequence DESC LIMIT 1", logger: logger
    ).first.map { try $0.decode((Int, String).self) }
    let sequence = (last?.0 ?? 0) + 1
    let previous = last?.1 ?? AuditEntry.genesis
    let hash = AuditEntry.hash(
      sequence: sequence, at: at, event: event, sessionID: sessionID, detail: detail, previousHash: previous)
    _ = try Self.all(
      connection,
      """
      INSERT INTO console_audit (sequence, at, event, session_id, detail, previous_hash, hash)
      VALUES (\(sequence), \(at), \(event.rawValue), \(sessionID), \(detail), \(previous), \(hash))
      """, logger: logger)
  }

  public func audit(_ event: AuditEvent, sessionID: String?, detail: String?, at instant: Date) throws(StoreError) {
    let at = SQLiteSessionStore.timestamp(instant)
    try transaction { try appendAudit($0, event, sessionID: sessionID, detail: detail, at: at) }
  }

  public func auditTrail() throws(StoreError) -> [AuditEntry] {
    try call { connection in
      try Self.all(
        connection,
        "SELECT sequence, at, event, session_id, detail, previous_hash, hash FROM console_audit ORDER BY sequence",
        logger: logger
      ).compactMap { row in
        let (sequence, at, event, session, detail, previous, hash) = try row.decode(
          (Int, String, String, String?, String?, String, String).self)
        guard let event = AuditEvent(rawValue: event) else {
          throw StoreError.corrupt("an audit entry of an unknown kind in the central store")
        }
        return AuditEntry(
          sequence: sequence, at: at, event: event, sessionID: session, detail: detail, previousHash: previous,
          hash: hash)
      }
    }
  }

  public func auditHead() throws(StoreError) -> AuditHead? {
    try auditTrail().last.map { AuditHead(sequence: $0.sequence, hash: $0.hash) }
  }

  /// None: the consoles' trail is not keyed; the database's roles keep it (the console's role may
  /// add entries, never change or remove them).
  public func auditKeys() throws(StoreError) -> [AuditKeyRecord] { [] }

  /// Checks the consoles' trail's hash chain.
  public func verifyAudit() throws(StoreError) {
    if let problem = AuditVerifier.problem(in: try auditTrail()) { throw StoreError.auditBroken(problem) }
  }

  /// Every kiosk's forwarded audit entries, in the order they arrived.
  public func kioskAuditEntries() throws(StoreError) -> [AuditEntry] {
    let decoder = JSONDecoder()
    return try call { connection in
      try Self.all(
        connection, "SELECT payload FROM forwarded_record WHERE kind = 'audit' ORDER BY arrival", logger: logger
      ).compactMap { try? decoder.decode(AuditEntry.self, from: try $0.decode(Data.self)) }
    }
  }

  /// Each kiosk's trail is checked as its entries arrive (`intake_forward`).
  public var checksSubmissionAuditHeads: Bool { false }

  /// What the central checks found: kiosks' trails cut off or rewritten after they forwarded.
  public func warnings() throws(StoreError) -> [String] {
    try call { connection in
      try Self.all(
        connection, "SELECT site, kiosk, found FROM audit_break ORDER BY id", logger: logger
      ).map { row in
        let (site, kiosk, found) = try row.decode((String, String, String).self)
        return "kiosk \(kiosk), site \(site): \(found)"
      }
    }
  }

  // MARK: What the kiosks forwarded

  private struct Forwarded {
    var record: UUID
    var role: String
    var arrival: Int
    var site: String
    var kiosk: String
    var payload: Data
  }

  private func forwarded(_ kind: OutboxKind) throws(StoreError) -> [Forwarded] {
    try call { connection in
      try Self.all(
        connection,
        """
        SELECT id, kiosk_role::text, arrival, site, kiosk, payload FROM forwarded_record
        WHERE kind = \(kind.rawValue) ORDER BY arrival DESC
        """, logger: logger
      ).map { row in
        let (id, role, arrival, site, kiosk, payload) = try row.decode((UUID, String, Int, String, String, Data).self)
        return Forwarded(record: id, role: role, arrival: arrival, site: site, kiosk: kiosk, payload: payload)
      }
    }
  }

  private func forwardedSubmissions() throws(StoreError) -> [(Forwarded, ForwardedSubmission)] {
    let decoder = JSONDecoder()
    return try forwarded(.submission).map { item throws(StoreError) in
      guard let submission = try? decoder.decode(ForwardedSubmission.self, from: item.payload) else {
        throw StoreError.corrupt("a forwarded submission that does not read")
      }
      return (item, submission)
    }
  }

  /// Every site's intakes, newest first: the submitted ones, and those that stopped before the
  /// end as their kiosk last forwarded them (an intake still being answered is not here yet).
  public func sessions() throws(StoreError) -> [SessionRecord] {
    let submitted = try forwardedSubmissions().map { item, submission in
      SessionRecord(
        id: submission.sessionID, dialogID: submission.dialogID, dialogVersion: submission.dialogVersion,
        state: "submitted", startedAt: submission.startedAt ?? submission.submittedAt,
        updatedAt: submission.submittedAt, sealedKey: submission.sealedKey ?? Data(), site: item.site,
        kiosk: item.kiosk)
    }
    let done = Set(submitted.map(\.id))
    // The newest state of each, read in the database: the inputs stay there until asked for.
    let unfinished = try call { connection in
      try Self.all(
        connection,
        """
        SELECT DISTINCT ON (p->>'sessionID') site, kiosk, p->>'sessionID', p->>'dialogID', p->>'dialogVersion',
          p->>'state', p->>'startedAt', p->>'stoppedAt', p->>'sealedKey', jsonb_array_length(p->'inputs')
        FROM (SELECT arrival, site, kiosk, convert_from(payload, 'UTF8')::jsonb AS p FROM forwarded_record
              WHERE kind = 'unfinished') AS forwarded
        ORDER BY p->>'sessionID', arrival DESC
        """, logger: logger
      ).map { row in
        let (site, kiosk, id, dialog, version, state, started, stopped, key, count) = try row.decode(
          (String, String, String, String, String, String, String, String, String, Int).self)
        return SessionRecord(
          id: id, dialogID: dialog, dialogVersion: version, state: state, startedAt: started, updatedAt: stopped,
          sealedKey: Data(base64Encoded: key) ?? Data(), inputCount: count, site: site, kiosk: kiosk)
      }
    }.filter { !done.contains($0.id) }
    return (submitted + unfinished).sorted { $0.updatedAt > $1.updatedAt }
  }

  public func submissions() throws(StoreError) -> [StoredSubmission] {
    try forwardedSubmissions().map { _, submission in
      StoredSubmission(sessionID: submission.sessionID, submittedAt: submission.submittedAt, sealed: submission.sealed)
    }
  }

  /// The sealed inputs of an unfinished intake, as its kiosk last forwarded them.
  public func inputs(sessionID: String) throws(StoreError) -> [Data] {
    let payload = try call { connection in
      try Self.all(
        connection,
        """
        SELECT payload FROM forwarded_record
        WHERE kind = 'unfinished' AND convert_from(payload, 'UTF8')::jsonb->>'sessionID' = \(sessionID)
        ORDER BY arrival DESC LIMIT 1
        """, logger: logger
      ).first.map { try $0.decode(Data.self) }
    }
    guard let payload else { return [] }
    guard let intake = try? JSONDecoder().decode(ForwardedUnfinished.self, from: payload) else {
      throw StoreError.corrupt("a forwarded unfinished intake that does not read")
    }
    return intake.inputs
  }

  /// Every site's alerts, newest first, numbered by their arrival here, with who acknowledged them.
  public func alerts() throws(StoreError) -> [StoredAlert] {
    let decoder = JSONDecoder()
    let acknowledged = try call { connection in
      try Self.all(
        connection, "SELECT record_id, acknowledged_by, acknowledged_at FROM console_acknowledgement",
        logger: logger
      ).map { try $0.decode((UUID, String, String).self) }
    }
    let by = Dictionary(acknowledged.map { ($0.0, ($0.1, $0.2)) }) { first, _ in first }
    // Acknowledged at the kiosk's own monitor: read from the kiosk's forwarded trail, by the
    // kiosk's role and the alert's number there.
    let atKiosks = try call { connection in
      try Self.all(
        connection,
        """
        SELECT kiosk_role::text, payload FROM forwarded_record
        WHERE kind = 'audit' AND convert_from(payload, 'UTF8')::jsonb->>'event' = \(AuditEvent.alertAcknowledged.rawValue)
        """, logger: logger
      ).compactMap { row -> (String, (String, String))? in
        let (role, payload) = try row.decode((String, Data).self)
        guard let entry = try? decoder.decode(AuditEntry.self, from: payload),
          let acknowledgement = entry.detail.flatMap(StoredAlert.acknowledgement(inDetail:))
        else { return nil }
        return ("\(role)|\(acknowledgement.alert)", (acknowledgement.by, entry.at))
      }
    }
    let byKiosk = Dictionary(atKiosks) { first, _ in first }
    return try forwarded(.alert).map { item throws(StoreError) in
      guard let alert = try? decoder.decode(ForwardedAlert.self, from: item.payload) else {
        throw StoreError.corrupt("a forwarded alert that does not read")
      }
      // No rule: forwarded alerts carry none (a rule tied to a session is health information).
      // The kiosk and site the server checked for the forwarder's role, not the kiosk's own word.
      let acknowledgement = by[item.record] ?? byKiosk["\(item.role)|\(alert.id)"]
      return StoredAlert(
        sessionID: alert.sessionID, rule: "", tier: alert.tier, raisedAt: alert.raisedAt, id: item.arrival,
        kiosk: item.kiosk, site: item.site, acknowledgedAt: acknowledgement?.1, acknowledgedBy: acknowledgement?.0)
    }
  }

  public func acknowledgeAlert(id: Int, by person: String, at instant: Date) throws(StoreError) -> Bool {
    let at = SQLiteSessionStore.timestamp(instant)
    return try transaction { connection in
      let found = try Self.all(
        connection,
        "SELECT id, payload FROM forwarded_record WHERE kind = 'alert' AND arrival = \(id)", logger: logger
      ).first.map { try $0.decode((UUID, Data).self) }
      guard let (record, payload) = found,
        let alert = try? JSONDecoder().decode(ForwardedAlert.self, from: payload)
      else { return false }
      let inserted = try Self.all(
        connection,
        """
        INSERT INTO console_acknowledgement (record_id, acknowledged_by, acknowledged_at)
        VALUES (\(record), \(person), \(at)) ON CONFLICT DO NOTHING RETURNING record_id
        """, logger: logger)
      guard !inserted.isEmpty else { return false }
      try appendAudit(connection, .alertAcknowledged, sessionID: alert.sessionID, detail: "by \(person)", at: at)
      return true
    }
  }

  public func recordMonitorBeat(name: String, at instant: Date) throws(StoreError) {
    let at = SQLiteSessionStore.timestamp(instant)
    _ = try call { connection in
      try Self.all(
        connection,
        """
        INSERT INTO console_monitor_beat (name, at) VALUES (\(name), \(at))
        ON CONFLICT (name) DO UPDATE SET at = excluded.at
        """, logger: logger)
    }
  }

  public func lastMonitorBeat() throws(StoreError) -> Date? {
    try call { connection in
      try Self.all(connection, "SELECT max(at) FROM console_monitor_beat", logger: logger).first
        .flatMap { try $0.decode(String?.self) }
    }.flatMap(SQLiteSessionStore.date)
  }

  // MARK: Review work

  public func markReviewed(sessionID: String, reviewer: String, sealedNote: Data?, at instant: Date)
    throws(StoreError)
  {
    let at = SQLiteSessionStore.timestamp(instant)
    try transaction { connection in
      _ = try Self.all(
        connection,
        """
        INSERT INTO console_review (session_id, reviewer, sealed_note, reviewed_at)
        VALUES (\(sessionID), \(reviewer), \(sealedNote), \(at))
        """, logger: logger)
      try appendAudit(connection, .submissionReviewed, sessionID: sessionID, detail: "by \(reviewer)", at: at)
    }
  }

  public func reviews() throws(StoreError) -> [StoredReview] {
    try call { connection in
      try Self.all(
        connection, "SELECT session_id, reviewed_at, reviewer, sealed_note FROM console_review ORDER BY id",
        logger: logger
      ).map { row in
        let (session, at, reviewer, note) = try row.decode((String, String, String, Data?).self)
        return StoredReview(sessionID: session, reviewedAt: at, reviewer: reviewer, sealedNote: note)
      }
    }
  }

  public func recordCaseEvent(_ event: CaseEvent) throws(StoreError) {
    try transaction { connection in
      _ = try Self.all(
        connection,
        """
        INSERT INTO console_case_event (session_id, kind, value, sealed_note, account, at)
        VALUES (\(event.sessionID), \(event.kind.rawValue), \(event.value), \(event.sealedNote), \(event.account), \
        \(event.at))
        """, logger: logger)
      try appendAudit(connection, event.auditEvent, sessionID: event.sessionID, detail: event.auditDetail, at: event.at)
    }
  }

  public func caseEvents() throws(StoreError) -> [CaseEvent] {
    try call { connection in
      try Self.all(
        connection,
        "SELECT id, session_id, kind, value, sealed_note, account, at FROM console_case_event ORDER BY id",
        logger: logger
      ).compactMap { row in
        let (id, session, kind, value, note, account, at) = try row.decode(
          (Int, String, String, String?, Data?, String, String).self)
        guard let kind = CaseEventKind(rawValue: kind) else { return nil }
        return CaseEvent(
          id: id, sessionID: session, kind: kind, value: value, sealedNote: note, account: account, at: at)
      }
    }
  }

  // MARK: Accounts

  public func addAccount(name: String, role: StaffRole, keySlot: Data, by admin: String, at instant: Date)
    throws(StoreError) -> StaffAccount
  {
    let at = SQLiteSessionStore.timestamp(instant)
    return try transaction { connection in
      let taken = try Self.all(
        connection, "SELECT 1 FROM console_account WHERE name = \(name) AND removed_at IS NULL", logger: logger)
      guard taken.isEmpty else { throw StoreError.io("an account named \(name) already exists") }
      let id = try Self.all(
        connection,
        """
        INSERT INTO console_account (name, role, key_slot, created_at) VALUES (\(name), \(role.rawValue), \
        \(keySlot), \(at)) RETURNING id
        """, logger: logger
      ).first.map { try $0.decode(Int.self) }
      guard let id else { throw StoreError.io("the central store did not number the new account") }
      try appendAudit(
        connection, .accountAdded, sessionID: nil, detail: "\(name) (\(role.rawValue)) by \(admin)", at: at)
      return StaffAccount(id: id, name: name, role: role, createdAt: at, keySlot: keySlot)
    }
  }

  public func removeAccount(id: Int, by admin: String, at instant: Date) throws(StoreError) {
    let at = SQLiteSessionStore.timestamp(instant)
    try transaction { connection in
      let name = try Self.all(
        connection,
        "UPDATE console_account SET removed_at = \(at) WHERE id = \(id) AND removed_at IS NULL RETURNING name",
        logger: logger
      ).first.map { try $0.decode(String.self) }
      guard let name else { throw StoreError.io("there is no such account") }
      try appendAudit(connection, .accountRemoved, sessionID: nil, detail: "\(name) by \(admin)", at: at)
    }
  }

  public func accounts() throws(StoreError) -> [StaffAccount] {
    try call { connection in
      try Self.all(
        connection,
        "SELECT id, name, role, created_at, removed_at, locked_until, key_slot FROM console_account ORDER BY id",
        logger: logger
      ).compactMap { row in
        let (id, name, role, created, removed, locked, slot) = try row.decode(
          (Int, String, String, String, String?, String?, Data).self)
        // A role this version does not know signs nobody in.
        guard let role = StaffRole(rawValue: role) else { return nil }
        return StaffAccount(
          id: id, name: name, role: role, createdAt: created, removedAt: removed, lockedUntil: locked, keySlot: slot)
      }
    }
  }

  public func recordSignInFailure(accountID: Int, limit: Int, lockout: TimeInterval, at instant: Date)
    throws(StoreError) -> Date?
  {
    let at = SQLiteSessionStore.timestamp(instant)
    return try transaction { connection in
      let found = try Self.all(
        connection,
        "UPDATE console_account SET failures = failures + 1 WHERE id = \(accountID) RETURNING name, failures",
        logger: logger
      ).first.map { try $0.decode((String, Int).self) }
      guard let (name, failures) = found else { return nil }
      try appendAudit(connection, .consoleSignInFailed, sessionID: nil, detail: name, at: at)
      guard failures >= limit else { return nil }
      let until = instant.addingTimeInterval(lockout)
      let untilText = SQLiteSessionStore.timestamp(until)
      _ = try Self.all(
        connection,
        "UPDATE console_account SET failures = 0, locked_until = \(untilText) WHERE id = \(accountID)",
        logger: logger)
      try appendAudit(connection, .consoleAccountLocked, sessionID: nil, detail: name, at: at)
      return until
    }
  }

  public func recordSignIn(accountID: Int, at instant: Date) throws(StoreError) {
    let at = SQLiteSessionStore.timestamp(instant)
    try transaction { connection in
      let name = try Self.all(
        connection,
        "UPDATE console_account SET failures = 0, locked_until = NULL WHERE id = \(accountID) RETURNING name",
        logger: logger
      ).first.map { try $0.decode(String.self) }
      try appendAudit(connection, .consoleSignedIn, sessionID: nil, detail: name ?? "?", at: at)
    }
  }

  // MARK: A kiosk's work, not the console's

  public func startSession(_ session: StoredSession, firstInput: Data, at instant: Date) throws(StoreError) {
    throw Self.kioskOnly("intakes")
  }
  public func appendInput(sessionID: String, position: Int, sealed: Data) throws(StoreError) {
    throw Self.kioskOnly("answers")
  }
  public func setResume(sessionID: String, lookup: String, wrappedKey: Data, expiresAt: Date) throws(StoreError) {
    throw Self.kioskOnly("resume codes")
  }
  public func suspend(sessionID: String, reason: String, at instant: Date) throws(StoreError) {
    throw Self.kioskOnly("intakes")
  }
  public func submit(sessionID: String, sealed: Data, at instant: Date) throws(StoreError) {
    throw Self.kioskOnly("submissions")
  }
  public func raiseAlert(sessionID: String, rule: String, tier: Int, kiosk: String?, at instant: Date)
    throws(StoreError) -> Int
  {
    throw Self.kioskOnly("alerts")
  }
  public func acknowledgement(sessionID: String, rule: String) throws(StoreError) -> (by: String, at: String)? {
    throw Self.kioskOnly("a held screen's acknowledgement")
  }
  public func resumeCandidates(lookup: String, at instant: Date) throws(StoreError) -> [ResumeCandidate] {
    throw Self.kioskOnly("resumes")
  }
  public func recordFailedResume(sessionID: String, limit: Int, at instant: Date) throws(StoreError) -> Bool {
    throw Self.kioskOnly("resumes")
  }
  public func markResumed(sessionID: String, at instant: Date) throws(StoreError) {
    throw Self.kioskOnly("resumes")
  }
  public func expireSessions(at instant: Date) throws(StoreError) -> Int { 0 }
  public func recoverOpenSessions(at instant: Date) throws(StoreError) -> Int { 0 }

  // MARK: The clinic's key file at a command line (adding the first account)

  /// Never: the lockout belongs to the machine that holds the key file (its passphrase is
  /// scrypt-hard there); the central trail records each try.
  public func reviewLockedUntil(at instant: Date) throws(StoreError) -> Date? { nil }

  public func recordUnlockFailure(limit: Int, lockout: TimeInterval, at instant: Date) throws(StoreError) -> Date? {
    try audit(.reviewUnlockFailed, sessionID: nil, detail: nil, at: instant)
    return nil
  }

  public func recordUnlock(at instant: Date) throws(StoreError) {
    try audit(.reviewUnlocked, sessionID: nil, detail: nil, at: instant)
  }
}
