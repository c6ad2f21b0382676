import Foundation

/// The time source a session reads. Injected so replays and tests are deterministic.
public struct SessionClock: Sendable {
  public var now: @Sendable () -> Date
  public var timeZone: TimeZone

  public init(timeZone: TimeZone = .current, now: @escaping @Sendable () -> Date) {
    self.now = now
    self.timeZone = timeZone
  }

  /// The wall clock in the machine's time zone.
  public static var system: SessionClock { SessionClock { Date() } }

  /// A clock stopped at `instant`.
  public static func fixed(_ instant: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current)
    -> SessionClock
  {
    SessionClock(timeZone: timeZone) { instant }
  }

  public var today: CalendarDate { CalendarDate(now(), in: timeZone) }
}
