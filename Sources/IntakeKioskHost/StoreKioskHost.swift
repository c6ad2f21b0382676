import Foundation
import IntakeKit
import IntakeStore
import IntakeTerminal

/// The kiosk's host on the session store: saves every input sealed under the session's data key,
/// gives the patient a resume code once the date of birth is known, seals the finished
/// submission to the coordinator, and raises staff alerts.
public final class StoreKioskHost: KioskHost {
  let store: any SessionStore
  let sealer: Sealer
  let dialog: Dialog
  let alertCommand: String?
  /// How long a resume code works.
  let resumeValidity: TimeInterval
  let scryptCost: ScryptCost
  /// Wrong resume attempts before a session is locked (staff can still read it).
  public static let attemptLimit = 5
  /// Derives a resume wrap (scrypt, the slow part); a seam for tests.
  public typealias WrapDerivation = @Sendable (SessionCipher, ResumeCode, String, ScryptCost) throws -> Data
  let derive: WrapDerivation
  /// The resume wrap being derived and stored off the patient's path (`PendingWrap`), until an
  /// answer finds it settled or something that needs it waits for it (a suspend, a send that
  /// failed, another date of birth).
  private(set) var pending: PendingWrap?
  /// The time for what the store records outside a session's own clock (resume attempts).
  let now: @Sendable () -> Date

  public private(set) var sessionID: String
  private var cipher: SessionCipher
  private var started = false
  private var position = 0
  /// The inputs so far, sealed into the submission so review can rebuild the session.
  private var logged: [LoggedInput] = []
  private var code: ResumeCode?
  /// The date of birth the resume wrap was made with.
  private var wrappedFor: CalendarDate?
  private var expiresAt: Date?
  /// Wrong codes at this kiosk since it started; many in a row slow the kiosk down.
  private var unmatchedAttempts = 0
  /// The last storage failure, for the staff message when the kiosk stops.
  public private(set) var failure: StoreError?
  /// This kiosk's name on its alerts (configuration, not patient data).
  let kioskName: String?
  /// How long an alert may stay unacknowledged before it is raised again; nil: never again.
  let realertAfter: TimeInterval?
  /// The newest alert of this session, to raise again while nobody acknowledges it.
  private var lastAlert: (rule: String, tier: Int, at: Date)?
  /// The alert command last started, checked for failure while the screen is held.
  private var command: Process?
  /// Where failures of the alert command are reported to staff (the kiosk's standard error).
  let report: @Sendable (String) -> Void

  /// `now` is injected so tests can move time (code expiry, lockouts) without waiting.
  public init(
    store: any SessionStore, sealer: Sealer, dialog: Dialog, alertCommand: String?, resumeValidity: TimeInterval,
    scryptCost: ScryptCost = .standard, kioskName: String? = nil, realertAfter: TimeInterval? = nil,
    report: @escaping @Sendable (String) -> Void = { _ in }, now: @escaping @Sendable () -> Date = { Date() },
    derive: @escaping WrapDerivation = { cipher, code, dateOfBirth, cost in
      try cipher.wrapped(code: code, dateOfBirth: dateOfBirth, cost: cost)
    }
  ) {
    self.now = now
    self.derive = derive
    self.kioskName = kioskName
    self.realertAfter = realertAfter
    self.report = report
    self.store = store
    self.sealer = sealer
    self.dialog = dialog
    self.alertCommand = alertCommand
    self.resumeValidity = resumeValidity
    self.scryptCost = scryptCost
    sessionID = SessionID.make()
    cipher = SessionCipher(sessionID: sessionID)
  }

  public var offersResume: Bool { dialog.resumeWith != nil }

  public func record(_ input: LoggedInput) throws {
    // An answer never waits for the resume wrap; a wrap that could not be stored stops the
    // answers here, as a failed save does.
    try settleWrap(waiting: false)
    try keepingFailure {
      let sealed = try cipher.seal(input.encoded(), position: position)
      if !started {
        try store.startSession(
          StoredSession(
            id: sessionID, dialogID: dialog.id, dialogVersion: dialog.version,
            sealedKey: try cipher.sealedForCoordinator(sealer)),
          // The time it is stored, so the audit trail's times run forward; the session's own
          // start time is in its first input.
          firstInput: sealed, at: now())
        started = true
        position += 1
        logged.append(input)
        return
      }
      try store.appendInput(sessionID: sessionID, position: position, sealed: sealed)
      position += 1
      logged.append(input)
      // When staff reached the patient and the questions went on with them there: on the record
      // for the coordinator, beside the alert and who acknowledged it.
      if input.kind == .staffResume {
        try store.audit(.sessionStaffResumed, sessionID: sessionID, detail: kioskName.map { "kiosk \($0)" }, at: now())
      }
    }
  }

  public func resumeNotice(for session: Session) throws -> String? {
    guard let question = dialog.resumeWith, case .date(let date)? = session.answers.values[question] else { return nil }
    // Asked after every answer once the date is given: compared as a date, written out only
    // when it changed.
    guard date != wrappedFor, started else { return nil }
    let dateOfBirth = date.description
    // One with an earlier date of birth goes in first, so the last one stored is this one.
    try settleWrap()
    let first = wrappedFor == nil
    let code = self.code ?? ResumeCode.random()
    let expiry = session.clock.now().addingTimeInterval(resumeValidity)
    // scrypt at its full cost takes a good part of a second: it runs, and the wrap is stored,
    // while the patient writes the code down and reads the next question, not between an
    // answer and the next question. Unchecked: the store is only asked to set the resume wrap
    // there, which `SessionStore.setResume` allows from another thread.
    let wrapStore = UncheckedStore(store: store)
    pending = PendingWrap(
      code: code, expiresAt: expiry,
      deriving: { [derive, cipher, scryptCost] in try derive(cipher, code, dateOfBirth, scryptCost) },
      storing: { [sessionID] resume in try wrapStore.store.setResume(sessionID: sessionID, resume) })
    self.code = code
    wrappedFor = date
    expiresAt = expiry
    guard first else { return nil }
    return session.kioskWords(.resumeCodeGiven, ["code": code.description])
  }

  public func suspend(reason: String, session: Session) -> String? {
    guard started else { return nil }
    do {
      // The code the patient was given must open their answers before they are told so.
      try settleWrap()
      try store.suspend(sessionID: sessionID, reason: reason, at: session.clock.now())
    } catch {
      failure = error
      return nil
    }
    guard let code, let expiresAt else { return nil }
    let words = session.kioskWords
    return words(.resumeLater, ["code": code.description, "until": Self.readable(expiresAt, words)])
  }

  /// Seals and stores the submission. A resume wrap still being derived is not waited for: a
  /// sent session cannot be resumed, and storing it clears the wrap (the patient who typed a
  /// whole intake before scrypt was done waited a quarter of a second for nothing); a wrap
  /// stored after it is not kept (`setResume` sets only an open session's). Only when sending
  /// fails is the wrap waited for, as the session stays open and the code the patient was given
  /// must open it.
  public func submit(_ session: Session) throws {
    let summary = Summary(session: session, sessionID: sessionID)
    do {
      try keepingFailure {
        let payload = SubmissionPayload(
          sessionID: sessionID, dialogID: dialog.id, dialogVersion: dialog.version,
          markdown: MarkdownRenderer.render(summary), summaryJSON: try JSONRenderer.render(summary), inputs: logged,
          auditHead: try store.auditHead())
        let sealed = try sealer.seal(payload.encoded(), purpose: .submission, context: sessionID)
        try store.submit(sessionID: sessionID, sealed: sealed, at: session.finishedAt ?? session.clock.now())
      }
      pending = nil
    } catch {
      do {
        try settleWrap()
      } catch {
        // Kept in `failure` with the send's own error restored below: the staff message
        // names why the send failed; the wrap failed for the same store.
      }
      failure = error
      throw error
    }
  }

  /// Runs `body`, keeping what went wrong for the staff message: a store's error as it is, any
  /// other (sealing) as `sealingFailed`.
  private func keepingFailure(_ body: () throws -> Void) throws(StoreError) {
    do {
      try body()
    } catch let error as StoreError {
      failure = error
      throw error
    } catch {
      failure = .sealingFailed
      throw .sealingFailed
    }
  }

  /// Takes the resume wrap being derived and stored, if any, once it is settled, or
  /// (`waiting`) after waiting for it; throws when it could not be derived or stored.
  private func settleWrap(waiting: Bool = true) throws(StoreError) {
    guard let pending, waiting || pending.isSettled else { return }
    self.pending = nil
    try keepingFailure { try pending.settled() }
  }

  /// Whether a resume wrap is derived and stored, and not yet taken by an answer (for tests).
  var hasSettledWrap: Bool { pending?.isSettled ?? false }

  /// A resume wrap derived on a thread of its own, then stored.
  final class PendingWrap: Sendable {
    /// What became of the wrap: stored, or what stopped it.
    private let outcome = OnceValue<Result<Void, any Error>>()

    /// Derives the wrap on a thread at the lowest priority, and stores it on another at the
    /// caller's: an idle-class thread holding the store's write lock would keep an answer
    /// waiting for a core to free. Both threads are started here, from the caller's, because a
    /// Linux thread takes its scheduling class and nice value from the thread that starts it
    /// (one started by the deriving thread, or a dispatch worker it made, would be idle-class
    /// too), and a thread cannot take back a nice value it gave up without privilege.
    init(
      code: ResumeCode, expiresAt: Date, deriving: @escaping @Sendable () throws -> Data,
      storing: @escaping @Sendable (StoredResume) throws -> Void
    ) {
      let derived = OnceValue<Result<Data, any Error>>()
      Thread.detachNewThread {
        Self.yieldToThePatient()
        derived.give(Result { try deriving() })
      }
      Thread.detachNewThread { [outcome] in
        let wrap = derived.value() ?? .failure(StoreError.sealingFailed)
        outcome.give(
          wrap.flatMap { wrap in
            Result { try storing(StoredResume(lookup: code.lookup, wrappedKey: wrap, expiresAt: expiresAt)) }
          })
      }
    }

    /// Gives the calling thread the lowest scheduling priority: Linux's idle class, which runs
    /// only on a core nothing else wants and gives it up at once when anything else wakes (at
    /// nice 19 alone, an answer typed while scrypt ran still waited up to 10 ms for its core on
    /// two cores), and nice 19 where the idle class is refused. On Linux both are a thread's own,
    /// and 0 names the calling thread. scrypt takes a core for a good part of a second; the
    /// patient's answers (worked out on one thread, saved on another) must not share their
    /// cores with it.
    static func yieldToThePatient() {
      #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        var parameters = sched_param()
        parameters.sched_priority = 0
        _ = sched_setscheduler(0, idleScheduling, &parameters)
      #endif
    }

    /// `SCHED_IDLE` of `<sched.h>`, which Swift's Glibc module leaves out (it needs `_GNU_SOURCE`).
    static let idleScheduling: Int32 = 5

    /// Whether the wrap is derived and stored, or failed to be (without waiting).
    var isSettled: Bool { outcome.isGiven }

    /// Waits until the wrap is derived and stored; throws what stopped it.
    func settled() throws {
      try (outcome.value() ?? .failure(StoreError.sealingFailed)).get()
    }
  }

  /// The store, for setting a resume wrap from the thread that stores it (see `resumeNotice`).
  private struct UncheckedStore: @unchecked Sendable {
    let store: any SessionStore
  }

  public func alert(session: Session, rule: String, tier: Int) {
    raise(rule: rule, tier: tier, at: session.clock.now())
  }

  private func raise(rule: String, tier: Int, at instant: Date) {
    lastAlert = (rule, tier, instant)
    // A failed alert must not stop the patient's session; staff still see it in the summary.
    do {
      try store.raiseAlert(sessionID: sessionID, rule: rule, tier: tier, kiosk: kioskName, at: instant)
    } catch {
      failure = error
    }
    guard let alertCommand else { return }
    // Run directly (no shell), with the session id only: never patient data in arguments.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: alertCommand)
    process.arguments = [sessionID]
    process.environment = ["INTAKE_ALERT_TIER": String(tier), "PATH": "/usr/bin:/bin"]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
      command = process
    } catch {
      commandFailed("could not be started (\(Self.reason(error)))")
    }
  }

  /// Whether the newest escalation's alert (or one of its raised-again copies) was acknowledged;
  /// a lesser alert acknowledged earlier does not count for a later crisis. A store that cannot
  /// be read counts as not acknowledged: the screen then keeps saying to go to the front desk.
  public func alertAcknowledged(session: Session) -> Bool {
    guard let lastAlert else { return false }
    do {
      return try store.acknowledgement(sessionID: sessionID, rule: lastAlert.rule) != nil
    } catch {
      failure = error
      return false
    }
  }

  public func whileHeld(session: Session) {
    if let process = command, !process.isRunning {
      command = nil
      if process.terminationReason != .exit || process.terminationStatus != 0 {
        commandFailed("ended with status \(process.terminationStatus)")
      }
    }
    guard let lastAlert, let realertAfter, session.clock.now().timeIntervalSince(lastAlert.at) >= realertAfter,
      !alertAcknowledged(session: session)
    else { return }
    raise(rule: lastAlert.rule, tier: lastAlert.tier, at: session.clock.now())
  }

  /// An alert command that did not run is said to staff and kept in the audit trail: a pager
  /// that silently failed is how a crisis goes unseen.
  private func commandFailed(_ how: String) {
    report("intake: the alert command \(how); staff may not have been paged. Check the alert monitor.")
    do {
      try store.audit(.alertCommandFailed, sessionID: sessionID, detail: how, at: now())
    } catch {
      failure = error
    }
  }

  private static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }

  public func resume(code typed: String, dateOfBirth typedDate: String) -> ResumeAttempt {
    if unmatchedAttempts >= Self.attemptLimit {
      return .refused(.resumeTooMany)
    }
    // A date typed another way than before still opens the session: each reading is tried
    // (at most two: day and month swapped, or the century).
    let dates = CalendarDate.readings(typedDate)
    guard let code = ResumeCode(typed: typed), !dates.isEmpty else {
      unmatchedAttempts += 1
      return .refused(.resumeRefused)
    }
    let now = self.now()
    do {
      _ = try store.expireSessions(at: now)
      let candidates = try store.resumeCandidates(lookup: code.lookup, at: now)
      for candidate in candidates {
        let found = dates.lazy.compactMap { date in
          SessionCipher.unwrapped(
            sessionID: candidate.sessionID, wrap: candidate.wrappedKey, code: code, dateOfBirth: date.description
          ).map { (date, $0) }
        }.first
        guard let (date, opened) = found else { continue }
        guard candidate.dialogID == dialog.id, candidate.dialogVersion == dialog.version else {
          return .refused(.resumeOtherVersion)
        }
        // Every saved input must open: carrying on without one would rebuild a different session.
        var inputs: [LoggedInput] = []
        for (position, sealed) in try store.inputs(sessionID: candidate.sessionID).enumerated() {
          let input: LoggedInput?
          do {
            input = LoggedInput.decoded(try opened.open(sealed, position: position))
          } catch {
            input = nil
          }
          guard let input else {
            try store.audit(.recordRejected, sessionID: candidate.sessionID, detail: "saved input", at: now)
            return .refused(.resumeUnopenable)
          }
          inputs.append(input)
        }
        try store.markResumed(sessionID: candidate.sessionID, at: now)
        // The code works for the full time again from now, as the patient will be told.
        try store.setResume(
          sessionID: candidate.sessionID, lookup: code.lookup, wrappedKey: candidate.wrappedKey,
          expiresAt: now.addingTimeInterval(resumeValidity))
        sessionID = candidate.sessionID
        cipher = opened
        started = true
        position = inputs.count
        logged = inputs
        self.code = code
        wrappedFor = date
        expiresAt = now.addingTimeInterval(resumeValidity)
        unmatchedAttempts = 0
        return .restored(inputs)
      }
      unmatchedAttempts += 1
      for candidate in candidates {
        _ = try store.recordFailedResume(sessionID: candidate.sessionID, limit: Self.attemptLimit, at: now)
      }
    } catch {
      failure = error
      return .refused(.resumeUnavailable)
    }
    return .refused(.resumeRefused)
  }

  /// A time in words in the patient's language: "Monday 30 November at 9:15 PM".
  static func readable(_ instant: Date, _ words: KioskWords = .english) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: words.language ?? "en_US_POSIX")
    formatter.dateFormat = words(.timeFormat)
    return formatter.string(from: instant)
  }
}

/// Session ids: random, short, and free of patient data, so they can name alerts and records.
public enum SessionID {
  public static func make() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
  }
}
