import Foundation
import GRDB
import IntakeTestSupport
import Testing

@testable import IntakeStore

/// The kiosk's outbox: every submission, alert and audit entry queued with it, in the same
/// transaction, and what a store held before the outbox existed queued when it is made.
@Suite struct OutboxTests {
  let now = Date(timeIntervalSince1970: 1_773_585_000)

  func newStore() throws -> SQLiteSessionStore {
    let path = try TestSupport.temporaryFolder("intake-outbox").appendingPathComponent("intake.sqlite").path
    return try SQLiteSessionStore(path: path)
  }

  func intake(_ store: SQLiteSessionStore, _ id: String, alert: Bool) throws {
    try store.startSession(
      StoredSession(id: id, dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]), at: now)
    if alert { try store.raiseAlert(sessionID: id, rule: "r", tier: 3, kiosk: "k", at: now) }
    try store.submit(sessionID: id, sealed: Data("sealed \(id)".utf8), at: now)
  }

  @Test func everyRecordIsQueuedAlertsFirstWithWhatTheCentralStoreNeeds() throws {
    let store = try newStore()
    try intake(store, "a", alert: false)
    try intake(store, "b", alert: true)
    let queued = try store.pendingOutbox(limit: 100)
    #expect(queued.map(\.kind) == [.alert, .submission, .submission] + Array(repeating: .audit, count: 5))
    let alert = try JSONDecoder().decode(ForwardedAlert.self, from: queued[0].payload)
    #expect(alert.sessionID == "b" && alert.tier == 3 && alert.kiosk == "k")
    let submission = try JSONDecoder().decode(ForwardedSubmission.self, from: queued[1].payload)
    #expect(submission.sessionID == "a" && submission.sealed == Data("sealed a".utf8) && submission.dialogID == "d")
    let audit = try queued.filter { $0.kind == .audit }.map {
      try JSONDecoder().decode(AuditEntry.self, from: $0.payload)
    }
    #expect(audit == (try store.auditTrail()))
    // Ids are stable: read again, the same records.
    #expect(try store.pendingOutbox(limit: 100) == queued)
  }

  @Test func forwardedRecordsLeaveTheQueueAndTheStatusSaysWhatWaits() throws {
    let store = try newStore()
    try intake(store, "a", alert: true)
    let queued = try store.pendingOutbox(limit: 100)
    try store.recordForwardFailure("the central database cannot be reached: connection refused", at: now)
    var status = try store.outboxStatus()
    #expect(status.pending == queued.count)
    #expect(status.failingSince == now)
    #expect(status.isStuck(longerThan: 600, at: now.addingTimeInterval(601)))
    #expect(!status.isStuck(longerThan: 600, at: now.addingTimeInterval(599)))
    try store.markForwarded(queued.map(\.sequence), outcome: "accepted", at: now.addingTimeInterval(700))
    status = try store.outboxStatus()
    #expect(status.pending == 0 && status.failingSince == nil && status.lastSuccess == now.addingTimeInterval(700))
    #expect(try store.pendingOutbox(limit: 100).isEmpty)
  }

  @Test func whatAStoreHeldBeforeTheOutboxIsQueuedWhenItIsMade() throws {
    let store = try newStore()
    try intake(store, "a", alert: true)
    // As a store from before migration v7: no outbox. Making it queues what is there.
    try store.write { db in
      try db.execute(sql: "DROP TABLE outbox; DROP TABLE forward_state")
      try SQLiteSessionStore.createOutbox(db)
    }
    #expect(try store.pendingOutbox(limit: 100).map(\.kind) == [.alert, .submission, .audit, .audit, .audit])
  }

  /// Records nobody has tried to send (no forwarder running) are stuck once the oldest has waited
  /// past the limit, failure or not.
  @Test func recordsNobodySendsAreStuckToo() throws {
    let store = try newStore()
    try intake(store, "a", alert: false)
    let status = try store.outboxStatus()
    #expect(status.failingSince == nil)
    #expect(status.oldestPendingSince == now)
    #expect(!status.isStuck(longerThan: 600, at: now.addingTimeInterval(599)))
    #expect(status.isStuck(longerThan: 600, at: now.addingTimeInterval(601)))
  }
}
