import Foundation

/// How a stored instant (ISO 8601, UTC, with or without milliseconds) is shown to staff: in the
/// clinic's time zone with the zone named, "2026-03-15 10:30 EDT". The note, the alert monitor
/// and the browser console all show times through it.
public enum LocalTime {
  /// The instant a stored timestamp names, or nil.
  public static func date(_ timestamp: String) -> Date? {
    let reader = ISO8601DateFormatter()
    reader.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = reader.date(from: timestamp) { return date }
    reader.formatOptions = [.withInternetDateTime]
    return reader.date(from: timestamp)
  }

  /// The instant in `zone`; the timestamp itself when it does not read as one.
  public static func text(_ timestamp: String, in zone: TimeZone, seconds: Bool = false) -> String {
    guard let date = date(timestamp) else { return timestamp }
    return text(date, in: zone, seconds: seconds)
  }

  public static func text(_ date: Date, in zone: TimeZone, seconds: Bool = false) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss zzz" : "yyyy-MM-dd HH:mm zzz"
    return formatter.string(from: date)
  }

  /// The day (yyyy-MM-dd) of an instant in `zone`, for filtering by date.
  public static func day(_ date: Date, in zone: TimeZone) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: date)
  }
}
