import Foundation

/// How the store writes an instant: ISO 8601 in UTC with milliseconds ("2026-03-15T14:30:00.000Z"),
/// worked out here rather than by Foundation's `ISO8601DateFormatter`, which goes through ICU:
/// setting up its parser was a tenth of a kiosk's start (10 M instructions to read one instant),
/// and every write made a formatter.
///
/// The text is Foundation's to the millisecond; `StoreInstantTests`
/// holds the two together. Reading takes the store's own form and hands anything else to
/// Foundation, so a text written some other way still reads as it did.
enum StoreInstant {
  static func text(_ instant: Date) -> String {
    // To the nearest millisecond, a half up (as Foundation rounds, before 1970 too).
    let exact = instant.timeIntervalSince1970 * 1000
    let below = exact.rounded(.down)
    let milliseconds = Int64(exact - below >= 0.5 ? below + 1 : below)
    let seconds = floorDivision(milliseconds, 1000)
    let days = floorDivision(seconds, 86_400)
    let time = seconds - days * 86_400
    let (year, month, day) = civilDate(days: days)
    var text = ""
    text.reserveCapacity(24)
    append(year, digits: 4, to: &text)
    text += "-"
    append(month, digits: 2, to: &text)
    text += "-"
    append(day, digits: 2, to: &text)
    text += "T"
    append(time / 3600, digits: 2, to: &text)
    text += ":"
    append(time % 3600 / 60, digits: 2, to: &text)
    text += ":"
    append(time % 60, digits: 2, to: &text)
    text += "."
    append(milliseconds - seconds * 1000, digits: 3, to: &text)
    text += "Z"
    return text
  }

  /// The instant a store text names; nil when it names none.
  static func date(_ text: String) -> Date? {
    if let milliseconds = storeForm(text) { return Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
  }

  /// Milliseconds since 1970 of exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`, with every field in range.
  private static func storeForm(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
    else { return nil }
    func number(_ range: Range<Int>) -> Int64? {
      var value: Int64 = 0
      for index in range {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int64(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
      let millisecond = number(20..<23), (1...12).contains(month), day >= 1,
      day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
  }

  private static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
  }

  private static func append(_ value: Int64, digits: Int, to text: inout String) {
    let written = String(value)
    if written.count < digits { text += String(repeating: "0", count: digits - written.count) }
    text += written
  }

  private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  // Howard Hinnant's `civil_from_days` and `days_from_civil`: the proleptic Gregorian calendar,
  // days counted from 1970-01-01.
  private static func civilDate(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let shifted = days + 719_468
    let era = floorDivision(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let year = month <= 2 ? year - 1 : year
    let era = floorDivision(year, 400)
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
