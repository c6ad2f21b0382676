import Dispatch
import Synchronization

/// A value given once, by one thread, and waited for by others: whoever asks before it is given
/// waits, whoever asks after has it at once, as often as they ask. The value is written before
/// the semaphore is signalled and read only after a wait has seen the signal, which orders the
/// two threads' accesses.
public final class OnceValue<Value>: @unchecked Sendable {
  private let given = DispatchSemaphore(value: 0)
  /// Written once, before `given` is signalled; read only after a wait has seen it.
  private var stored: Value?
  /// Set as `given` is signalled, for `isGiven` to read without a system call: a semaphore's
  /// wait with a timeout of now still sleeps in the kernel for the timer's slack (50 µs on
  /// Linux), and an answer asked it while a resume wrap was being derived.
  private let isSet = Atomic<Bool>(false)

  public init() {}

  /// Gives the value. Only the first call may give one; later calls are a fault of the caller
  /// and are ignored.
  public func give(_ value: Value) {
    guard stored == nil else { return }
    stored = value
    isSet.store(true, ordering: .releasing)
    given.signal()
  }

  /// The value, waiting until it is given. (Never nil: it is stored before the signal a wait
  /// sees; the optional only spares a force unwrap.)
  public func value() -> Value? {
    given.wait()
    // Signalled again, so every later call has it at once.
    defer { given.signal() }
    return stored
  }

  /// Whether the value has been given (without waiting, or a system call).
  public var isGiven: Bool { isSet.load(ordering: .acquiring) }
}
