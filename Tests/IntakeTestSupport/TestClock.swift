import Foundation

/// A clock a test moves by hand, shared with the code under test (a kiosk host's or the
/// console's `now`), starting at `TestSupport.fixedInstant`.
public final class TestClock: @unchecked Sendable {
  private let lock = NSLock()
  private var instant = TestSupport.fixedInstant

  public init() {}

  public var now: Date {
    lock.lock()
    defer { lock.unlock() }
    return instant
  }

  public func advance(_ seconds: TimeInterval) {
    lock.lock()
    instant.addTimeInterval(seconds)
    lock.unlock()
  }
}
