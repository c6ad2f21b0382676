import Foundation
import PropertyBased
import Testing

@testable import IntakeKit

/// Properties of `DateReading` and `CalendarDate` over generated dates and lines: no reading is
/// a day that does not exist, and a date as the kiosk shows it reads back to exactly that date.
@Suite struct DateReadingPropertyTests {
  /// Whether the day exists, by Foundation's Gregorian calendar rather than `CalendarDate`'s own
  /// rule (Foundation's calendar switches to Julian before 1582, so only later years are asked).
  static func exists(year: Int, month: Int, day: Int) -> Bool {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    guard let instant = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return false }
    let back = calendar.dateComponents([.year, .month, .day], from: instant)
    return back.year == year && back.month == month && back.day == day
  }

  /// A real date: years from 1000 to 9999 (what a four-digit year can say), mostly near today.
  static var dates: Generator<CalendarDate, some SendableSequenceType> {
    zip(Gen.int(in: 0...9), Gen.int(in: 1000...9999), Gen.int(in: 1...12), Gen.int(in: 1...31)).compactMap {
      nearToday, year, month, day in
      CalendarDate(year: nearToday < 8 ? 1900 + year % 200 : year, month: month, day: day)
    }
  }

  /// A date of birth that does not exist (31 April, 29 February of 1900) must never be kept:
  /// every reading of any line is a real day, each given once.
  @Test func everyReadingIsARealDay() async {
    await propertyCheck(count: 400, input: Gen.oneOf(TypedLines.date, TypedLines.any())) { line in
      let readings = DateReading.readings(line)
      #expect(Set(readings).count == readings.count, "\(line.debugDescription): \(readings)")
      #expect(readings.count <= 4, "\(line.debugDescription): \(readings)")
      for date in readings {
        #expect(CalendarDate(year: date.year, month: date.month, day: date.day) == date)
        if date.year >= 1600 {
          #expect(Self.exists(year: date.year, month: date.month, day: date.day), "\(line.debugDescription) → \(date)")
        }
      }
    }
  }

  /// The date read back to the patient ("You typed 27 April 1986. Is that right?") and the line
  /// submitted when they choose it (`1986-04-27`) each read back to exactly that date and no
  /// other, so a confirmed date of birth (the resume key) is the one the patient saw.
  @Test func spokenAndISOFormsReadBackToTheDate() async {
    await propertyCheck(count: 400, input: Self.dates) { date in
      #expect(DateReading.readings(date.spoken) == [date], "\(date.spoken)")
      #expect(DateReading.readings(date.description) == [date], "\(date.description)")
      #expect(CalendarDate.parse(date.spoken) == date, "\(date.spoken)")
    }
  }

  /// The forms the question's help suggests (04/27/1986, April 27, 1986) always include the
  /// date meant among their readings; when the day cannot be a month, it is the only one.
  @Test func suggestedFormsIncludeTheDate() async {
    await propertyCheck(count: 300, input: Self.dates) { date in
      let us = "\(date.month)/\(date.day)/\(date.year)"
      #expect(DateReading.readings(us).contains(date), "\(us)")
      if date.day > 12 || date.day == date.month { #expect(DateReading.readings(us) == [date], "\(us)") }
      let words = "\(DateReading.monthNames[date.month - 1].capitalized) \(date.day), \(date.year)"
      #expect(DateReading.readings(words) == [date], "\(words)")
    }
  }

  /// A date that does not exist has no reading at all, rather than a nearby one.
  @Test func aDayPastTheEndOfItsMonthHasNoReading() async {
    let input = zip(Gen.int(in: 1600...2400), Gen.int(in: 1...12), Gen.int(in: 28...40))
    await propertyCheck(count: 300, input: input) { year, month, day in
      let line = "\(year)-\(month)-\(day)"
      let expected =
        Self.exists(year: year, month: month, day: day) ? [CalendarDate(year: year, month: month, day: day)] : []
      #expect(DateReading.readings(line) == expected.compactMap { $0 }, "\(line)")
    }
  }
}
