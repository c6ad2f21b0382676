import Foundation
import Testing

@testable import IntakeKit

/// A stopped clock works out its day once; the day still follows what the clock is changed to.
@Suite struct SessionClockTests {
  /// 2026-03-01 03:30 UTC: still 28 February in New York.
  static let instant = Date(timeIntervalSince1970: 1_772_335_800)

  @Test func aStoppedClocksDayIsTheDayOfItsInstantInItsZone() throws {
    let newYork = try #require(TimeZone(identifier: "America/New_York"))
    #expect(SessionClock.fixed(Self.instant).today == CalendarDate(year: 2026, month: 3, day: 1))
    #expect(SessionClock.fixed(Self.instant, timeZone: newYork).today == CalendarDate(year: 2026, month: 2, day: 28))
  }

  @Test func changingAStoppedClocksZoneOrTimeChangesItsDay() throws {
    var clock = SessionClock.fixed(Self.instant)
    clock.timeZone = try #require(TimeZone(identifier: "America/New_York"))
    #expect(clock.today == CalendarDate(year: 2026, month: 2, day: 28))
    clock.now = { Self.instant.addingTimeInterval(86_400 * 10) }
    #expect(clock.today == CalendarDate(year: 2026, month: 3, day: 10))
  }
}
