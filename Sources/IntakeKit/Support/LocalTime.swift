import Foundation

/// How a stored instant (ISO 8601, UTC, with or without milliseconds) is shown to staff: in the
/// clinic's time zone with the zone named, "2026-03-15 10:30 EDT". The note, the alert monitor
/// and the browser console all show times through it.
public enum LocalTime {
  /// The instant a stored timestamp names, or nil.
  public static func date(_ timestamp: String) -> Date? {
    // The format styles are values: no formatter is made (an ICU object, most of the cost).
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp) { return date }
    return try? Date.ISO8601FormatStyle().parse(timestamp)
  }

  /// The instant in `zone`; the timestamp itself when it does not read as one.
  public static func text(_ timestamp: String, in zone: TimeZone, seconds: Bool = false) -> String {
    guard let date = date(timestamp) else { return timestamp }
    return text(date, in: zone, seconds: seconds)
  }

  public static func text(_ date: Date, in zone: TimeZone, seconds: Bool = false) -> String {
    formatters.string(date, pattern: seconds ? "yyyy-MM-dd HH:mm:ss zzz" : "yyyy-MM-dd HH:mm zzz", zone: zone)
  }

  /// The day (yyyy-MM-dd) of an instant in `zone`, for filtering by date.
  public static func day(_ date: Date, in zone: TimeZone) -> String {
    formatters.string(date, pattern: "yyyy-MM-dd", zone: zone)
  }

  private static let formatters = FormatterCache()
}

/// Date formatters made once per pattern and zone: making one costs far more than using it (a
/// note shows a dozen times; a console page hundreds).
private final class FormatterCache: @unchecked Sendable {
  // Guarded by `lock`, which is also held while a formatter formats: `DateFormatter` is a class
  // whose thread safety corelibs Foundation does not promise.
  private var made: [String: DateFormatter] = [:]
  private let lock = NSLock()

  func string(_ date: Date, pattern: String, zone: TimeZone) -> String {
    lock.withLock {
      let key = pattern + "\u{0}" + zone.identifier
      if let formatter = made[key] { return formatter.string(from: date) }
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = zone
      formatter.dateFormat = pattern
      // A few patterns times the zones a clinic uses; bounded all the same.
      if made.count > 64 { made.removeAll() }
      made[key] = formatter
      return formatter.string(from: date)
    }
  }
}
