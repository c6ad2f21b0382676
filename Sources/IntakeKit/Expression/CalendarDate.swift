import Foundation

/// A date without a time of day, as a patient gives a birth date. Comparison and age need no
/// time zone, which keeps the engine deterministic.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year), year >= 1 else {
      return nil
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The calendar date of `instant` in `timeZone`.
  public init(_ instant: Date, in timeZone: TimeZone) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    year = parts.year ?? 1970
    month = parts.month ?? 1
    day = parts.day ?? 1
  }

  /// ISO form, `1990-04-07`: unambiguous in a summary whatever the reader's locale. The same
  /// text as `String(format: "%04d-%02d-%02d", …)`, without the format string: that took a
  /// share of an answer's time at the kiosk.
  public var description: String {
    Self.zeroPadded(year, width: 4) + "-" + Self.zeroPadded(month, width: 2) + "-" + Self.zeroPadded(day, width: 2)
  }

  /// `value` in decimal, zeros before it up to `width` characters, a minus sign counted in them
  /// (as `%0*d`).
  static func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Whole years from `self` to `date`: a birthday counts on the day itself.
  public func years(until date: CalendarDate) -> Int {
    var years = date.year - year
    if (date.month, date.day) < (month, day) { years -= 1 }
    return years
  }

  static func days(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The date `text` stands for when it can only be one (`1986-04-27`, `April 27, 1986`,
  /// `27/04/1986`); nil when it is not a date or could be two (`09/11/1985`).
  public static func parse(_ text: String) -> CalendarDate? {
    let readings = DateReading.readings(text)
    return readings.count == 1 ? readings[0] : nil
  }
}
