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
}
