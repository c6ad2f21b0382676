import Dispatch

/// Work started on another thread at once, and waited for where its result is needed: the kiosk
/// reads its dialog on a second core while it opens its store (each was about a third of a start).
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
  private let finished = DispatchSemaphore(value: 0)
  // Written once by the worker before it signals; read only after a wait has seen the signal.
  private var result: Result<Value, any Error>?

  init(_ work: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global(qos: .userInitiated).async {
      self.result = Result { try work() }
      self.finished.signal()
    }
  }

  /// The work's value, or the error it threw; waits for it the first time.
  func value() throws -> Value {
    finished.wait()
    // Signalled again, so a later call does not wait for ever.
    defer { finished.signal() }
    guard let result else { throw BackgroundWorkLost() }
    return try result.get()
  }
}

/// A worker that signalled without storing its result (it cannot: it stores before it signals).
struct BackgroundWorkLost: Error, CustomStringConvertible {
  var description: String { "internal error: work on another thread ended without a result" }
}
