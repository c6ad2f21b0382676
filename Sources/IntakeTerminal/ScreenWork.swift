import CEditLineShim
import Foundation
import Synchronization

/// The next screen worked out on another thread while the kiosk's own thread saves the input
/// that leads to it, so the patient waits for the longer of the two, not for both.
///
/// The save is the longer (a durable commit), so it is the one kept on the thread that read the
/// line: handed to another thread, it first waited for that thread to wake, and after a pause (a
/// patient pauses before every answer) waking a thread on an idle core took a quarter to a third
/// of a millisecond. Working out the screen pays that wake-up instead, beside the save.
///
/// Nothing of the screen is shown, alerted or submitted until the save has returned and
/// `result()` has the screen: the principle "saved before it is acted on" holds, as working the
/// screen out touches nothing outside the process. Until `result()` returns, the kiosk's thread
/// does not touch what the work reads and changes (the screen: the work changes it in place);
/// the semaphore's wait is what makes the work's writes visible to the kiosk's thread after it.
final class ScreenWork<Value>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  /// Set as `done` is signalled, for `result()` to see without sleeping.
  private let finished = Atomic<Bool>(false)
  /// Whether a thread has taken the work: the working thread when it starts, or the caller
  /// when it asks for the result before the work has started. Whoever takes it runs it; the
  /// other leaves it.
  private let taken = Atomic<Bool>(false)
  private let job: UncheckedWork<Value>
  /// Written once by the thread that runs the work, before `done` is signalled (or, run by the
  /// caller, before `result()` returns); read only after.
  private var value: Value?
  private var waited = false

  /// Starts `work` on another thread (`queue`'s).
  init(on queue: DispatchQueue = .global(qos: .userInteractive), _ work: @escaping () -> Value) {
    job = UncheckedWork(work: work)
    queue.async { [self] in
      guard take() else { return }
      // A stack of its own for the fatal-signal handler, as the main thread has: a stack
      // overflow here still puts the terminal back before the kiosk dies.
      _ = intake_thread_alternate_stack_install()
      value = job.work()
      finished.store(true, ordering: .releasing)
      done.signal()
    }
  }

  private func take() -> Bool {
    taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
  }

  /// What the work gave, once it is done (waits for it the first time; later calls give the
  /// same without waiting).
  func result() -> Value? {
    if !waited {
      waited = true
      // Not yet started when the save is over: the working thread has not had a core (it
      // waited behind another program's on the other core for as long as 3 ms, while this
      // thread looked for its end). The caller works the screen out itself: at worst the
      // answer takes the save and the screen one after the other.
      if take() {
        value = job.work()
        return value
      }
      // The work usually ends before the save does: the kiosk looks for its end, yielding the
      // core meanwhile, before it sleeps on the semaphore (waking from it added the scheduler's
      // wake-up to the answer). Bounded: a slow machine's work is waited for asleep.
      var looks = 0
      while !finished.load(ordering: .acquiring), looks < screenWorkLooksBeforeSleeping {
        sched_yield()
        looks += 1
      }
      done.wait()
    }
    return value
  }
}

/// About a millisecond or two of looking, when nothing else wants the core.
let screenWorkLooksBeforeSleeping = 4096

/// The work handed to the working thread. Unchecked: the kiosk's thread leaves what it touches
/// alone until the work is waited for (see `ScreenWork`).
private struct UncheckedWork<Value>: @unchecked Sendable {
  let work: () -> Value
}
