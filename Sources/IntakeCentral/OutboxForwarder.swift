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
    public var forwarded: Int { accepted + duplicates + rejected }
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

  /// Forwards everything waiting, over one connection. A failure is recorded in the store and
  /// thrown; what was forwarded before it stays forwarded.
  @discardableResult
  public func drain() async throws(CentralError) -> Pass {
    var pass = Pass()
    do {
      var items = try store.pendingOutbox(limit: batch)
      guard !items.isEmpty else { return pass }
      try await CentralStore.using(central) { central in
        while !items.isEmpty {
          for item in items {
            let record = ForwardedRecord(
              id: item.id, site: origin.site, kiosk: origin.kiosk, kind: item.kind, sequence: item.sequence,
              payload: item.payload)
            let outcome = try await Self.forward(record, to: central, within: answerDeadline)
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
      }
      return pass
    } catch {
      let failure = CentralError.from(error)
      // What staff are shown; a store that cannot record it has bigger news of its own.
      try? store.recordForwardFailure(failure.description, at: now())
      throw failure
    }
  }

  /// How long a record waits for the server's answer before the connection is given up (and the
  /// record sent again on a new one): a connection the network left half open never holds the
  /// outbox up.
  public var answerDeadline: Duration = .seconds(30)

  static func forward(_ record: ForwardedRecord, to central: CentralStore, within deadline: Duration)
    async throws -> ForwardOutcome
  {
    try await withThrowingTaskGroup(of: ForwardOutcome?.self) { group in
      group.addTask { try await central.forward(record) }
      group.addTask {
        try await Task.sleep(for: deadline)
        return nil
      }
      guard let first = try await group.next(), let outcome = first else {
        // Closing fails the query still waiting; the record stays queued.
        await central.close()
        group.cancelAll()
        throw CentralError.unreachable("no answer within \(deadline); the connection was given up")
      }
      group.cancelAll()
      return outcome
    }
  }

  /// Drains again and again until cancelled: every `poll` when all is forwarded, and after a
  /// failure with a delay that doubles from one second to `maximumDelay`.
  ///
  /// `report` hears of each change, in words without patient data: records sent, the server
  /// lost (once, not at every try), the server back.
  public func run(
    poll: Duration = .seconds(2), maximumDelay: Duration = .seconds(60), report: (String) -> Void = { _ in }
  ) async {
    var delay = Duration.seconds(1)
    var failing = false
    while !Task.isCancelled {
      do {
        let pass = try await drain()
        if failing { report("the central store is reached again.") }
        failing = false
        if pass.forwarded > 0 {
          report(
            "forwarded \(pass.forwarded) records (\(pass.accepted) new, \(pass.duplicates) the server had"
              + (pass.rejected > 0 ? ", \(pass.rejected) REFUSED as different from what it has" : "") + ").")
        }
        delay = .seconds(1)
        try? await Task.sleep(for: poll)
      } catch {
        if !failing { report("\(error); the records wait here and are sent when it can be reached.") }
        failing = true
        try? await Task.sleep(for: delay)
        delay = min(delay * 2, maximumDelay)
      }
    }
  }
}
