import Foundation
import IntakeStore

/// Forwards a kiosk's outbox to the central store: alerts first, then everything in the order it
/// was stored; each record marked forwarded only once the server has it (accepted now, or a
/// duplicate of what it had), so a reply lost on the way is simply sent again and a crash between
/// send and mark loses nothing. While the server cannot be reached the records wait in the
/// kiosk's own store (the kiosk goes on answering and saving), and the failure is recorded for
/// staff (`OutboxStatus`).
public final class OutboxForwarder {
  /// Where the records come from: configuration, not patient data.
  public struct Origin: Sendable, Equatable {
    public var site: String
    public var kiosk: String

    public init(site: String, kiosk: String) {
      self.site = site
      self.kiosk = kiosk
    }
  }

  /// What one pass did.
  public struct Pass: Sendable, Equatable {
    public var accepted = 0
    public var duplicates = 0
    public var rejected = 0
    /// This kiosk's alerts a central console acknowledged, recorded here this pass.
    public var acknowledged = 0
    public var forwarded: Int { accepted + duplicates + rejected }

    /// What the pass sent, in words for the forwarder's log and its command line.
    public var summary: String {
      "forwarded \(forwarded) record\(forwarded == 1 ? "" : "s") (\(accepted) new, \(duplicates) the server had"
        + (rejected > 0 ? ", \(rejected) REFUSED as different from what it has" : "") + ")."
    }
  }

  let store: SQLiteSessionStore
  let central: CentralConfiguration
  let origin: Origin
  let now: @Sendable () -> Date
  /// Records per read of the outbox.
  let batch: Int

  public init(
    store: SQLiteSessionStore, central: CentralConfiguration, origin: Origin, batch: Int = 100,
    now: @escaping @Sendable () -> Date = Date.init
  ) {
    self.store = store
    self.central = central
    self.origin = origin
    self.batch = batch
    self.now = now
  }

  /// Forwards everything waiting, over one connection, then brings back what the central
  /// consoles did that this kiosk must know: who acknowledged its alerts (so its held screen tells
  /// the patient someone is coming) and when a console last watched the alerts (the kiosk's
  /// staff monitor). A failure is recorded in the store and thrown; what was forwarded before it
  /// stays forwarded.
  @discardableResult
  public func drain() async throws(CentralError) -> Pass {
    var pass = Pass()
    do {
      var items = try store.pendingOutbox(limit: batch)
      let configuration = central
      // Every step on the network has the deadline, connecting too: a server (or a proxy) that
      // takes the connection and never answers would otherwise hold the outbox up for good.
      let central = try await Self.within(answerDeadline, "connecting", late: { await $0.close() }) {
        try await CentralStore.connect(configuration)
      }
      do {
        while !items.isEmpty {
          for item in items {
            let record = ForwardedRecord(
              id: item.id, site: origin.site, kiosk: origin.kiosk, kind: item.kind, sequence: item.sequence,
              payload: item.payload)
            let outcome = try await Self.within(answerDeadline, "forwarding a record", giveUp: central) {
              try await central.forward(record)
            }
            switch outcome {
            case .accepted: pass.accepted += 1
            case .duplicate: pass.duplicates += 1
            case .rejected:
              // Other content under this id: not sent again (it never would be taken), and said.
              pass.rejected += 1
              try store.recordForwardFailure(
                "the central store refused record \(item.id.uuidString) (\(item.kind.rawValue)) as different from "
                  + "one it has under that id", at: now())
            }
            try store.markForwarded([item.sequence], outcome: outcome.rawValue, at: now())
          }
          items = try store.pendingOutbox(limit: batch)
        }
        let news = try await Self.within(answerDeadline, "reading the consoles' acknowledgements", giveUp: central) {
          try await central.news()
        }
        pass.acknowledged = try record(news)
      } catch {
        Self.close(central)
        throw error
      }
      Self.close(central)
      return pass
    } catch {
      let failure = CentralError.from(error)
      // What staff are shown; a store that cannot record it has bigger news of its own.
      try? store.recordForwardFailure(failure.description, at: now())
      throw failure
    }
  }

  /// Records the consoles' news in the kiosk's store; returns how many alerts it acknowledged.
  private func record(_ news: KioskNews) throws(StoreError) -> Int {
    var acknowledged = 0
    for acknowledgement in news.acknowledgements {
      guard let at = SQLiteSessionStore.date(acknowledgement.at) else { continue }
      // False for one recorded before (here or at a previous pass): each is recorded once.
      if try store.acknowledgeAlert(id: acknowledgement.alertID, by: acknowledgement.by, at: at) { acknowledged += 1 }
    }
    if let seen = news.consoleSeenAt.flatMap(SQLiteSessionStore.date),
      try store.lastMonitorBeat().map({ $0 < seen }) ?? true
    {
      try store.recordMonitorBeat(name: "central console", at: seen)
    }
    return acknowledged
  }

  /// How long one step (connecting, or one record's answer) may take before the connection is
  /// given up (and the record sent again on a new one): a connection the network left half open
  /// never holds the outbox up.
  public var answerDeadline: Duration = .seconds(30)

  /// Closes a connection without waiting on it: a close the network holds up must not hold up
  /// the outbox (the connection is closed when it can be).
  static func close(_ central: CentralStore) {
    Task { await central.close() }
  }

  /// Runs `operation`, or throws `unreachable` once `deadline` has passed without its answer.
  /// The operation is left behind then, not awaited (and `giveUp`'s connection closed, which
  /// fails it; `late` gets what it gives if it ends after all): a network library's wait that
  /// ignores cancellation would otherwise hold this one up too, as a task group waits for every
  /// child.
  static func within<Value: Sendable>(
    _ deadline: Duration, _ step: String, giveUp connection: CentralStore? = nil,
    late: (@Sendable (Value) async -> Void)? = nil, _ operation: @escaping @Sendable () async throws -> Value
  ) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
      let answer = OneAnswer(continuation)
      let work = Task {
        do {
          let value = try await operation()
          if !answer.give(.success(value)), let late { await late(value) }
        } catch {
          answer.give(.failure(error))
        }
      }
      answer.keep(
        Task {
          try await Task.sleep(for: deadline)
          let late = CentralError.unreachable("no answer within \(deadline) \(step); the connection was given up")
          if answer.give(.failure(late)) {
            work.cancel()
            if let connection { await connection.close() }
          }
        })
    }
  }

  /// Drains again and again until cancelled: every `poll` when all is forwarded, and after a
  /// failure with a delay that doubles from one second to `maximumDelay`.
  ///
  /// `report` hears of each change, in words without patient data: records sent, the server
  /// lost (once, not at every try), the server back.
  public func run(
    poll: Duration = .seconds(2), maximumDelay: Duration = .seconds(10), report: (String) -> Void = { _ in }
  ) async {
    var delay = Duration.seconds(1)
    var failing = false
    while !Task.isCancelled {
      do {
        let pass = try await drain()
        if failing { report("the central store is reached again.") }
        failing = false
        if pass.forwarded > 0 { report(pass.summary) }
        if pass.acknowledged > 0 {
          report(
            pass.acknowledged == 1
              ? "an alert of this kiosk was acknowledged at a central console."
              : "\(pass.acknowledged) of this kiosk's alerts were acknowledged at a central console.")
        }
        delay = .seconds(1)
        try? await Task.sleep(for: poll)
      } catch {
        if !failing {
          // A refusal (a role not registered, a name mistyped) does not mend itself as a network does.
          if case .refused = error {
            report("\(error); the records wait here until this is put right, and are tried again meanwhile.")
          } else {
            report("\(error); the records wait here and are sent when it can be reached.")
          }
        }
        failing = true
        try? await Task.sleep(for: delay)
        delay = min(delay * 2, maximumDelay)
      }
    }
  }
}

/// The first answer of a race between an operation and its deadline; later ones are dropped.
final class OneAnswer<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<Value, any Error>?
  private var timer: Task<Void, any Error>?

  init(_ continuation: CheckedContinuation<Value, any Error>) {
    self.continuation = continuation
  }

  /// The deadline's task, stopped once an answer is given.
  func keep(_ timer: Task<Void, any Error>) {
    let answered = lock.withLock {
      if continuation == nil { return true }
      self.timer = timer
      return false
    }
    if answered { timer.cancel() }
  }

  /// Gives the answer if none was given yet; returns whether this one was.
  @discardableResult
  func give(_ result: Result<Value, any Error>) -> Bool {
    let (continuation, timer) = lock.withLock {
      defer {
        self.continuation = nil
        self.timer = nil
      }
      return (self.continuation, self.timer)
    }
    guard let continuation else { return false }
    timer?.cancel()
    continuation.resume(with: result)
    return true
  }
}
