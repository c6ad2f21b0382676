import Foundation
import IntakeKit
import Synchronization

/// One input being saved by the kiosk's host on another thread while the kiosk works out the
/// next screen, so the patient waits for the longer of the two, not for both one after the other.
///
/// Nothing the kiosk works out is shown, alerted or submitted until `wait()` says the input was
/// saved: the principle "saved before it is acted on" holds, as the working out itself touches
/// nothing outside the process. Until `wait()` returns, the kiosk does not touch the host: the
/// host is not thread-safe, and the semaphore's wait is what makes the save's writes visible to
/// the kiosk's thread after it.
final class InputSaving: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  /// Set as `done` is signalled, for `wait()` to see without sleeping.
  private let finished = Atomic<Bool>(false)
  private var failure: (any Error)?
  private var waited = false

  /// Starts saving `inputs`, in order, through `host`; an empty list finishes at once.
  init(_ inputs: [LoggedInput], through host: any KioskHost) {
    guard !inputs.isEmpty else {
      done.signal()
      return
    }
    let job = HostJob(host: host, inputs: inputs)
    DispatchQueue.global(qos: .userInteractive).async { [self] in
      do {
        for input in job.inputs { try job.host.record(input) }
      } catch {
        failure = error
      }
      finished.store(true, ordering: .releasing)
      done.signal()
    }
  }

  /// About a millisecond or two of looking, when nothing else wants the core.
  static let looksBeforeSleeping = 4096

  /// Waits until the inputs are saved; throws what saving threw. Call once.
  func wait() throws {
    if !waited {
      // The save usually ends within a commit's time of the screen being worked out: the kiosk
      // looks for its end, yielding the core meanwhile, before it sleeps on the semaphore
      // (waking from it added the scheduler's wake-up, tens of microseconds on a virtual
      // machine, to every answer). Bounded: a slow disk's save is waited for asleep.
      var looks = 0
      while !finished.load(ordering: .acquiring), looks < Self.looksBeforeSleeping {
        sched_yield()
        looks += 1
      }
      done.wait()
      waited = true
    }
    if let failure { throw failure }
  }
}

/// The host and what it is to save, handed to the saving thread. Unchecked: the kiosk's thread
/// leaves the host alone until the save is waited for (see `InputSaving`).
private struct HostJob: @unchecked Sendable {
  let host: any KioskHost
  let inputs: [LoggedInput]
}
