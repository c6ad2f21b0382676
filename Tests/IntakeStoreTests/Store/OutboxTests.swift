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

  /// An intake that stops before the end is queued as it stood (state and inputs so far); the
  /// record stays the same whatever happens after; once it is submitted, what still waits of it
  /// is superseded, not sent.
  @Test func anUnfinishedIntakeIsQueuedAsItStoodUntilItIsSubmitted() throws {
    let store = try newStore()
    try store.startSession(
      StoredSession(id: "u", dialogID: "d", dialogVersion: "1", sealedKey: Data([7])), firstInput: Data([0]), at: now)
    try store.appendInput(sessionID: "u", position: 1, sealed: Data([1]))
    try store.suspend(sessionID: "u", reason: "timeout", at: now)
    let first = try #require(try store.pendingOutbox(limit: 100).first { $0.kind == .unfinished })
    let stood = try JSONDecoder().decode(ForwardedUnfinished.self, from: first.payload)
    #expect(stood.sessionID == "u" && stood.state == "suspended" && stood.inputs == [Data([0]), Data([1])])
    #expect(stood.sealedKey == Data([7]) && stood.dialogID == "d")
    // Resumed and answered further: the record already queued does not change (a retry of it is
    // the same record), and the next stop is a record of its own.
    try store.markResumed(sessionID: "u", at: now)
    try store.appendInput(sessionID: "u", position: 2, sealed: Data([2]))
    #expect(try store.pendingOutbox(limit: 100).first { $0.id == first.id } == first)
    try store.suspend(sessionID: "u", reason: "quit", at: now)
    #expect(try store.pendingOutbox(limit: 100).filter { $0.kind == .unfinished }.count == 2)
    // A suspend of a session that is not open changes nothing and queues nothing.
    try store.suspend(sessionID: "u", reason: "quit", at: now)
    #expect(try store.pendingOutbox(limit: 100).filter { $0.kind == .unfinished }.count == 2)
    try store.markResumed(sessionID: "u", at: now)
    try store.submit(sessionID: "u", sealed: Data("sealed u".utf8), at: now)
    let after = try store.pendingOutbox(limit: 100)
    #expect(!after.contains { $0.kind == .unfinished })
    #expect(after.contains { $0.kind == .submission })
  }

  @Test func expiredAndLockedIntakesAreQueuedInTheirState() throws {
    let store = try newStore()
    for id in ["e", "l"] {
      try store.startSession(
        StoredSession(id: id, dialogID: "d", dialogVersion: "1", sealedKey: Data([1])), firstInput: Data([0]), at: now)
      try store.setResume(
        sessionID: id, lookup: "look-\(id)", wrappedKey: Data([2]), expiresAt: now.addingTimeInterval(60))
      try store.suspend(sessionID: id, reason: "quit", at: now)
    }
    _ = try store.recordFailedResume(sessionID: "l", limit: 1, at: now)
    _ = try store.expireSessions(at: now.addingTimeInterval(120))
    let states = try store.pendingOutbox(limit: 100).filter { $0.kind == .unfinished }.map {
      let intake = try JSONDecoder().decode(ForwardedUnfinished.self, from: $0.payload)
      return "\(intake.sessionID) \(intake.state)"
    }
    #expect(states == ["e suspended", "l suspended", "l locked", "e expired"])
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
