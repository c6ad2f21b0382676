import Foundation
import Testing

@testable import IntakeKit

@Suite struct OnceValueTests {
  /// Asked before it is given, the value is waited for; given, it is there at once, every time,
  /// and the first given is kept.
  @Test func aValueAskedBeforeItIsGivenIsWaitedForThenKept() {
    let once = OnceValue<Int>()
    #expect(!once.isGiven)
    let asked = OnceValue<Int?>()
    Thread.detachNewThread { asked.give(once.value()) }
    usleep(50_000)
    #expect(!asked.isGiven)
    once.give(7)
    #expect(asked.value() == .some(7))
    #expect(once.isGiven)
    once.give(8)
    #expect(once.value() == 7)
    #expect(once.value() == 7)
  }

  /// Asking whether it is given never puts the thread to sleep: an answer asks it while a resume
  /// wrap is derived, and a semaphore's timed wait slept for the kernel timer's slack each time.
  /// Counted by the thread's voluntary context switches, not by a clock.
  @Test func askingWhetherItIsGivenNeverSleeps() throws {
    let once = OnceValue<Int>()
    let before = try Self.voluntarySwitches()
    for _ in 0..<200 { #expect(!once.isGiven) }
    let after = try Self.voluntarySwitches()
    #expect(after - before < 20, "\(after - before) sleeps for 200 questions")
  }

  /// The calling thread's voluntary context switches so far (`getrusage(RUSAGE_THREAD)`).
  static func voluntarySwitches() throws -> Int {
    var usage = rusage()
    // RUSAGE_THREAD: Linux's, which Swift's Glibc module leaves out (it needs `_GNU_SOURCE`).
    try #require(getrusage(__rusage_who_t(1), &usage) == 0)
    return usage.ru_nvcsw
  }
}
