import Foundation
import GRDB
import IntakeKit
import IntakeTerminal
import IntakeTestSupport
import Synchronization
import Testing

@testable import IntakeKioskHost
@testable import IntakeStore

/// The kiosk's host on a real store, in process, with a clock the test moves: resume codes that
/// expire, the lockout after wrong tries, saved answers that cannot be opened, the sealed
/// submission.
@Suite struct StoreKioskHostTests {
  /// Returns scripted lines, then the end of input.
  final class ScriptedReader: LineReader {
    var lines: [String]
    init(_ lines: [String]) { self.lines = lines }
    func read(prompt: String, timeout: TimeInterval?, completions: @escaping (String) -> [String]) -> LineInput {
      lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }
    func clearHistory() {}
  }

  let clock = TestClock()
  let key = CoordinatorPrivateKey()
  let store: SQLiteSessionStore
  let dialog: Dialog

  init() throws {
    store = try SQLiteSessionStore(
      path: try TestSupport.temporaryFolder("intake-host").appendingPathComponent("intake.sqlite").path)
    dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: h\nversion: \"1\"\ntitle: H\nresume_with: dob\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: name, kind: text, text: Your name? }
          - { id: dob, kind: date, text: Birth date? }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
  }

  func host() -> StoreKioskHost {
    let clock = self.clock
    return StoreKioskHost(
      store: store, sealer: Sealer(recipient: key.publicKey), dialog: dialog, alertCommand: nil,
      resumeValidity: 3600, scryptCost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1), now: { clock.now })
  }

  /// A host whose resume wrap is derived cheaply, after `first` has run on the deriving thread.
  func host(derivingAfter first: @escaping @Sendable () -> Void) -> StoreKioskHost {
    let clock = self.clock
    return StoreKioskHost(
      store: store, sealer: Sealer(recipient: key.publicKey), dialog: dialog, alertCommand: nil,
      resumeValidity: 3600, now: { clock.now },
      derive: { cipher, code, dateOfBirth, _ in
        first()
        return try cipher.wrapped(
          code: code, dateOfBirth: dateOfBirth, cost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1))
      })
  }

  /// The session's start, a name and a date of birth, each saved through `host`.
  func answeredUpToTheDateOfBirth(_ host: StoreKioskHost) throws -> Session {
    let clock = self.clock
    var session = Session(dialog: dialog, clock: SessionClock { clock.now })
    try host.record(LoggedInput(kind: .start, at: clock.now))
    for line in ["Ana", "1986-04-27"] {
      _ = session.submit(line)
      try host.record(LoggedInput(.line(line), at: clock.now))
    }
    return session
  }

  /// Runs one kiosk session; returns how it ended, what was shown and the host.
  func visit(_ lines: [String]) -> (Kiosk.Ending, String, StoreKioskHost) {
    let pipe = Pipe()
    let host = host()
    let clock = self.clock
    let kiosk = Kiosk(
      conversation: Conversation(session: Session(dialog: dialog, clock: SessionClock { clock.now })),
      reader: ScriptedReader(lines), writer: ScreenWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor),
      host: host, idle: IdlePolicy(idle: 180, warning: 30, codeShown: 20))
    let ending = kiosk.run()
    try? pipe.fileHandleForWriting.close()
    return (
      ending, String(decoding: TestSupport.readAll(pipe.fileHandleForReading.fileDescriptor), as: UTF8.self), host
    )
  }

  func code(in output: String) throws -> String {
    let pattern = try NSRegularExpression(pattern: "resume code is ([A-Z0-9]{4}-[A-Z0-9]{4})")
    let match = try #require(pattern.firstMatch(in: output, range: NSRange(output.startIndex..., in: output)))
    return try #require(Range(match.range(at: 1), in: output).map { String(output[$0]) })
  }

  @Test func aCodeWorksUntilItsTimeThenOpensNothing() throws {
    let (_, first, _) = visit(["Ana", "1986-04-27"])
    let code = try code(in: first)
    clock.advance(3599)
    let (_, second, _) = visit(["resume", code, "1986-04-27"])
    #expect(second.contains("Welcome back."))
    // Resuming gives the code its full time again, from now; past that it opens nothing.
    clock.advance(3601)
    let (_, third, _) = visit(["resume", code, "1986-04-27"])
    #expect(!third.contains("Welcome back."))
    #expect(third.contains(KioskWords.english(.resumeRefused)))
    #expect(try store.auditTrail().map(\.event).contains(.sessionExpired))
  }

  /// The resume wrap (scrypt, a good part of a second at its cost) is worked out while the
  /// patient reads the next question: the code is given before it is done, no answer waits for
  /// it, and it is stored before a suspend says the code works.
  @Test func theResumeCodeIsGivenBeforeItsSlowWrapIsDone() throws {
    let clock = self.clock
    let release = DispatchSemaphore(value: 0)
    let host = host(derivingAfter: {
      // A derivation the test lets finish; one made while the patient waits would hold the
      // notice back until this gives up.
      _ = release.wait(timeout: .now() + 5)
    })
    var session = try answeredUpToTheDateOfBirth(host)
    let notice = try #require(try host.resumeNotice(for: session))
    let code = try #require(ResumeCode(typed: try self.code(in: notice)))
    let sessionID = host.sessionID
    func storedLookup() throws -> String? {
      try store.queue.read { db in
        try String.fetchOne(db, sql: "SELECT resume_lookup FROM session WHERE id = ?", arguments: [sessionID])
      }
    }
    #expect(try storedLookup() == nil)
    release.signal()
    // A save does not wait for it; it is stored once derived, and a suspend waits for that
    // before saying the code works.
    _ = session.submit("no")
    try host.record(LoggedInput(.line("no"), at: clock.now))
    _ = host.suspend(reason: "quit", session: session)
    #expect(try storedLookup() == code.lookup)
  }

  /// scrypt for the resume code runs at the lowest scheduling priority, so it never takes a
  /// core from the patient's answers; the kiosk's own thread keeps the priority it had.
  @Test func theResumeWrapIsDerivedAtTheLowestPriority() throws {
    let seen = Mutex<(nice: Int32, policy: Int32)?>(nil)
    let priority: @Sendable () -> (nice: Int32, policy: Int32) = {
      (getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), sched_getscheduler(0))
    }
    let before = priority()
    let host = host(derivingAfter: { seen.withLock { $0 = priority() } })
    let session = try answeredUpToTheDateOfBirth(host)
    _ = try #require(try host.resumeNotice(for: session))
    // A suspend waits for the wrap, so it has been derived by now.
    _ = host.suspend(reason: "quit", session: session)
    #expect(seen.withLock { $0?.nice } == 19)
    #expect(seen.withLock { $0?.policy } == StoreKioskHost.PendingWrap.idleScheduling)
    #expect(priority() == before)
  }

  /// The wrap is stored at the priority of the thread that asked for it, not scrypt's idle
  /// class: a store left idle-class while it holds the write lock would keep an answer waiting.
  @Test func theResumeWrapIsStoredAtTheCallersPriority() throws {
    let priority: @Sendable () -> (nice: Int32, policy: Int32) = {
      (getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), sched_getscheduler(0))
    }
    let derivedAt = Mutex<(nice: Int32, policy: Int32)?>(nil)
    let storedAt = Mutex<(nice: Int32, policy: Int32)?>(nil)
    let pending = StoreKioskHost.PendingWrap(
      code: ResumeCode.random(), expiresAt: clock.now,
      deriving: {
        derivedAt.withLock { $0 = priority() }
        return Data([1])
      },
      storing: { _ in storedAt.withLock { $0 = priority() } })
    try pending.settled()
    #expect(derivedAt.withLock { $0?.policy } == StoreKioskHost.PendingWrap.idleScheduling)
    let caller = priority()
    #expect(storedAt.withLock { $0?.nice } == caller.nice)
    #expect(storedAt.withLock { $0?.policy } == caller.policy)
  }

  /// The resume wrap is stored as soon as scrypt has derived it, in a commit of its own, while
  /// the patient writes the code down: no answer waits for it or carries it (the answer after
  /// the code stored it, the slowest plain answer of an intake), and the code opens the answers
  /// from then on even if the kiosk stops before another answer.
  @Test func theWrapIsStoredOnceDerivedWithoutWaitingForAnAnswer() throws {
    let host = host(derivingAfter: {})
    var session = try answeredUpToTheDateOfBirth(host)
    let notice = try #require(try host.resumeNotice(for: session))
    let code = try #require(ResumeCode(typed: try self.code(in: notice)))
    let deadline = Date().addingTimeInterval(10)
    while !host.hasSettledWrap, Date() < deadline { usleep(1000) }
    #expect(host.hasSettledWrap)
    let sessionID = host.sessionID
    let lookup = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT resume_lookup FROM session WHERE id = ?", arguments: [sessionID])
    }
    #expect(lookup == code.lookup)
    // The next answer commits its input alone.
    let commits = CommitCounter()
    store.queue.add(transactionObserver: commits, extent: .observerLifetime)
    _ = session.submit("no")
    try host.record(LoggedInput(.line("no"), at: clock.now))
    #expect(commits.count == 1)
    let inputs = try store.queue.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM input WHERE session_id = ?", arguments: [sessionID])
    }
    #expect(inputs == 4)
  }

  /// A wrap that could not be stored stops the answers at the next one, as a failed save does:
  /// the patient holds a code that would not open their answers.
  @Test func aWrapThatCouldNotBeStoredStopsTheNextAnswer() throws {
    let host = host(derivingAfter: {})
    var session = try answeredUpToTheDateOfBirth(host)
    try store.queue.write { db in
      try db.execute(
        sql: "CREATE TEMP TRIGGER refuse BEFORE UPDATE OF resume_wrap ON session BEGIN SELECT RAISE(FAIL, 'full'); END")
    }
    _ = try #require(try host.resumeNotice(for: session))
    let deadline = Date().addingTimeInterval(10)
    while !host.hasSettledWrap, Date() < deadline { usleep(1000) }
    _ = session.submit("no")
    #expect(throws: StoreError.self) { try host.record(LoggedInput(.line("no"), at: clock.now)) }
    #expect(host.failure != nil)
  }

  /// Counts the store's commits.
  final class CommitCounter: TransactionObserver, @unchecked Sendable {
    private(set) var count = 0
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { count += 1 }
    func databaseDidRollback(_ db: Database) {}
  }

  /// A sent session cannot be resumed (sending clears its wrap), so sending does not wait for a
  /// wrap still being derived: a patient who answered quickly waited a quarter of a second.
  @Test func sendingDoesNotWaitForTheResumeWrap() throws {
    let release = DispatchSemaphore(value: 0)
    let derived = DispatchSemaphore(value: 0)
    let gaveUp = Mutex(false)
    let host = host(derivingAfter: {
      // Sending that waited for the wrap would wait here until this gives up.
      gaveUp.withLock { $0 = release.wait(timeout: .now() + 3) == .timedOut }
      derived.signal()
    })
    var session = try answeredUpToTheDateOfBirth(host)
    _ = try #require(try host.resumeNotice(for: session))
    let wrap = try #require(host.pending)
    _ = session.submit("no")
    try host.record(LoggedInput(.line("no"), at: clock.now))
    try host.submit(session)
    release.signal()
    derived.wait()
    #expect(!gaveUp.withLock { $0 })
    // Stored after the send, the wrap is not kept: a sent session has none.
    try wrap.settled()
    #expect(try store.submissions().map(\.sessionID) == [host.sessionID])
    let sessionID = host.sessionID
    let lookup = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT resume_lookup FROM session WHERE id = ?", arguments: [sessionID])
    }
    #expect(lookup == nil)
  }

  /// When sending fails the session stays open: the wrap is waited for and stored, so the code
  /// the patient was given still opens their answers.
  @Test func aSendThatFailsLeavesTheResumeCodeWorking() throws {
    let host = host(derivingAfter: {})
    var session = try answeredUpToTheDateOfBirth(host)
    let notice = try #require(try host.resumeNotice(for: session))
    let code = try #require(ResumeCode(typed: try self.code(in: notice)))
    _ = session.submit("no")
    try host.record(LoggedInput(.line("no"), at: clock.now))
    try store.queue.write { db in
      try db.execute(
        sql: "CREATE TEMP TRIGGER refuse BEFORE INSERT ON submission BEGIN SELECT RAISE(FAIL, 'full'); END")
    }
    #expect(throws: StoreError.self) { try host.submit(session) }
    #expect(host.failure != nil)
    #expect(try store.submissions().isEmpty)
    let sessionID = host.sessionID
    let lookup = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT resume_lookup FROM session WHERE id = ?", arguments: [sessionID])
    }
    #expect(lookup == code.lookup)
  }

  @Test func fiveWrongDatesOfBirthLockTheSessionEvenForTheRightOne() throws {
    let (_, first, saved) = visit(["Ana", "1986-04-27"])
    let code = try code(in: first)
    for _ in 0..<StoreKioskHost.attemptLimit {
      let (_, output, _) = visit(["resume", code, "1990-01-01"])
      #expect(output.contains(KioskWords.english(.resumeRefused)))
    }
    let (_, output, _) = visit(["resume", code, "1986-04-27"])
    #expect(!output.contains("Welcome back."))
    let states = try store.sessions().filter { $0.id == saved.sessionID }.map(\.state)
    #expect(states == ["locked"])
  }

  @Test func savedAnswersThatDoNotOpenAreNotDroppedSilently() throws {
    let (_, first, _) = visit(["Ana", "1986-04-27"])
    let code = try code(in: first)
    // One saved answer changed on disk: resuming without it would carry on with a hole.
    let session = try #require(try store.sessions().first)
    try store.queue.write { db in
      try db.execute(
        sql: "UPDATE input SET sealed = zeroblob(40) WHERE session_id = ? AND position = 1", arguments: [session.id])
    }
    let (_, output, host) = visit(["resume", code, "1986-04-27"])
    #expect(!output.contains("Welcome back."))
    #expect(output.contains("cannot be opened on this kiosk"))
    #expect(host.sessionID != session.id)
    let rejected = try store.auditTrail().filter { $0.event == .recordRejected }
    #expect(rejected.map(\.sessionID) == [session.id])
  }

  @Test func theSubmissionIsSealedToTheCoordinatorWithEveryInput() throws {
    let (ending, _, host) = visit(["Ana", "1986-04-27", "no"])
    #expect(ending == .finished(.submitted))
    let stored = try #require(try store.submissions().first)
    #expect(stored.sessionID == host.sessionID)
    let plain = try Opener(privateKey: key).open(stored.sealed, purpose: .submission, context: stored.sessionID)
    let payload = try #require(SubmissionPayload.decoded(plain))
    #expect(payload.inputs.compactMap(\.line) == ["Ana", "1986-04-27", "no"])
    #expect(payload.auditHead?.sequence == 1)
  }

  /// An alert nobody acknowledges is raised again when its time comes, and not once someone has
  /// (issue 14); the acknowledgement is the store's, with who and when, audited.
  @Test func anUnacknowledgedAlertIsRaisedAgainUntilSomeoneAcknowledgesIt() throws {
    let clock = self.clock
    let host = StoreKioskHost(
      store: store, sealer: Sealer(recipient: key.publicKey), dialog: dialog, alertCommand: nil,
      resumeValidity: 3600, scryptCost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1), kioskName: "k1",
      realertAfter: 120, now: { clock.now })
    let session = Session(dialog: dialog, clock: SessionClock { clock.now })
    try host.record(LoggedInput(kind: .start, at: clock.now))
    host.alert(session: session, rule: "r", tier: 3)
    #expect(try store.alerts().count == 1)
    #expect(try store.alerts().first?.kiosk == "k1")
    clock.advance(60)
    host.whileHeld(session: session)
    #expect(try store.alerts().count == 1)
    clock.advance(61)
    host.whileHeld(session: session)
    #expect(try store.alerts().count == 2)
    #expect(!host.alertAcknowledged(session: session))
    let newest = try #require(try store.alerts().first)
    #expect(try store.acknowledgeAlert(id: newest.id, by: "Nurse Kim", at: clock.now))
    #expect(try !store.acknowledgeAlert(id: newest.id, by: "Someone else", at: clock.now))
    #expect(host.alertAcknowledged(session: session))
    clock.advance(600)
    host.whileHeld(session: session)
    #expect(try store.alerts().count == 2)
    #expect(
      try store.auditTrail().contains {
        $0.event == .alertAcknowledged && $0.detail == "alert \(newest.id) by Nurse Kim"
      })
  }

  /// A lesser alert acknowledged earlier (PHQ-9 item 9, tier 2) does not make a later crisis
  /// screen say someone is coming: each escalation waits for its own acknowledgement.
  @Test func anEarlierAcknowledgementDoesNotCountForALaterCrisis() throws {
    let clock = self.clock
    let host = StoreKioskHost(
      store: store, sealer: Sealer(recipient: key.publicKey), dialog: dialog, alertCommand: nil,
      resumeValidity: 3600, scryptCost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1), now: { clock.now })
    let session = Session(dialog: dialog, clock: SessionClock { clock.now })
    try host.record(LoggedInput(kind: .start, at: clock.now))
    host.alert(session: session, rule: "item9", tier: 2)
    let first = try #require(try store.alerts().first)
    #expect(try store.acknowledgeAlert(id: first.id, by: "Nurse Kim", at: clock.now))
    #expect(host.alertAcknowledged(session: session))
    clock.advance(8)
    host.alert(session: session, rule: "intent", tier: 3)
    #expect(!host.alertAcknowledged(session: session))
  }

  /// Staff typing the code at a held screen is on the record (when, which kiosk), so the console
  /// can say when someone reached the patient.
  @Test func aStaffResumeIsAudited() throws {
    let clock = self.clock
    let host = StoreKioskHost(
      store: store, sealer: Sealer(recipient: key.publicKey), dialog: dialog, alertCommand: nil,
      resumeValidity: 3600, scryptCost: ScryptCost(rounds: 16, blockSize: 1, parallelism: 1), kioskName: "lobby",
      now: { clock.now })
    try host.record(LoggedInput(kind: .start, at: clock.now))
    try host.record(LoggedInput(kind: .staffResume, at: clock.now))
    let entry = try #require(try store.auditTrail().last)
    #expect(entry.event == .sessionStaffResumed && entry.detail == "kiosk lobby")
  }

  /// A monitor says it is running; the kiosk reads when it last did.
  @Test func aMonitorsHeartbeatIsKept() throws {
    #expect(try store.lastMonitorBeat() == nil)
    try store.recordMonitorBeat(name: "desk", at: clock.now)
    #expect(try store.lastMonitorBeat() == clock.now)
  }
}
