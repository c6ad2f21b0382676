import Dispatch
import IntakeKit

/// Work started on another thread at once, and waited for where its result is needed: the kiosk
/// reads its dialog on a second core while it opens its store (each was about a third of a start).
package final class BackgroundWork<Value: Sendable>: Sendable {
  private let result = OnceValue<Result<Value, any Error>>()

  package init(_ work: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global(qos: .userInitiated).async { [result] in
      result.give(Result { try work() })
    }
  }

  /// The work's value, or the error it threw; waits for it the first time.
  package func value() throws -> Value {
    guard let result = result.value() else { throw BackgroundWorkLost() }
    return try result.get()
  }
}

/// A worker that signalled without storing its result (it cannot: it stores before it signals).
package struct BackgroundWorkLost: Error, CustomStringConvertible {
  package var description: String { "internal error: work on another thread ended without a result" }
}
