import Foundation
import Testing

@testable import IntakeKit

@Suite struct CalendarDateTests {
  /// The ISO form written without a format string is the text `%04d-%02d-%02d` gives, for the
  /// dates a patient gives and for the edges of what the type holds.
  @Test func theISOFormIsWhatTheFormatStringGave() throws {
    for (year, month, day) in [
      (1990, 4, 7), (1, 1, 1), (99, 12, 31), (999, 2, 28), (2000, 2, 29), (9999, 12, 31), (12345, 6, 15),
    ] {
      let date = try #require(CalendarDate(year: year, month: month, day: day))
      #expect(date.description == String(format: "%04d-%02d-%02d", year, month, day))
    }
    for value in [-12345, -1000, -999, -10, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 12345, Int.max, Int.min + 1] {
      #expect(CalendarDate.zeroPadded(value, width: 4) == String(format: "%04ld", value), "\(value)")
      #expect(CalendarDate.zeroPadded(value, width: 2) == String(format: "%02ld", value), "\(value)")
    }
  }
}
