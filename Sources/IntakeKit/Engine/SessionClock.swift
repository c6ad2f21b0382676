import Foundation

/// The time source a session reads. Injected so replays and tests are deterministic.
public struct SessionClock: Sendable {
  public var now: @Sendable () -> Date {
    didSet { stoppedOn = nil }
  }
  public var timeZone: TimeZone {
    didSet { stoppedOn = nil }
  }
  /// The day a stopped clock shows, worked out once: working out the day from the instant with
  /// Foundation's calendar at every answer was a twentieth of path analysis and of replays.
  private var stoppedOn: CalendarDate?

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
    var clock = SessionClock(timeZone: timeZone) { instant }
    clock.stoppedOn = CalendarDate(instant, in: timeZone)
    return clock
  }

  public var today: CalendarDate { stoppedOn ?? CalendarDate(now(), in: timeZone) }
}
