import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeStore

/// The store's instants are written and read without Foundation's ICU-backed formatter, and agree
/// with it: the same text for every instant, the same instant for every text.
@Suite struct StoreInstantTests {
  static func foundation() -> ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }

  @Test func aKnownInstant() {
    #expect(StoreInstant.text(TestSupport.fixedInstant) == "2026-03-15T14:30:00.000Z")
    #expect(StoreInstant.text(Date(timeIntervalSince1970: -1.0006)) == "1969-12-31T23:59:58.999Z")
    #expect(StoreInstant.text(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
    #expect(StoreInstant.date("2026-03-15T14:30:00.000Z") == TestSupport.fixedInstant)
  }

  /// Instants across two centuries, and instants half a millisecond from the next (where rounding
  /// decides), written as Foundation writes them and read back to the same millisecond.
  @Test func everyInstantIsWrittenAsFoundationWritesIt() {
    let formatter = Self.foundation()
    var random = SplitMix(seed: 16)
    for index in 0..<20_000 {
      let milliseconds = Double(Int64(random.next() % 6_000_000_000_000)) - 1_000_000_000_000
      let seconds =
        index.isMultiple(of: 2)
        ? milliseconds / 1000 + Double(random.next() % 1000) / 1_000_000 : (milliseconds + 0.5) / 1000
      let instant = Date(timeIntervalSince1970: seconds)
      let text = StoreInstant.text(instant)
      #expect(text == formatter.string(from: instant), "\(seconds)")
      let read = StoreInstant.date(text)
      #expect(read.map { abs($0.timeIntervalSince(formatter.date(from: text) ?? .distantPast)) < 1e-6 } == true)
      #expect(read.map(StoreInstant.text) == text)
    }
  }

  /// A text in any other form is read as Foundation reads it.
  @Test func otherFormsAreReadAsFoundationReadsThem() {
    let formatter = Self.foundation()
    for text in [
      "2026-12-01T06:01:53.123+01:00", "2026-12-01T06:01:53Z", "2026-12-01T06:01:53.1Z", "2026-13-01T06:01:53.123Z",
      "2026-02-30T06:01:53.123Z", "2026-12-01T24:01:53.123Z", "2026-12-01 06:01:53.123Z", "", "not a date",
    ] {
      #expect(StoreInstant.date(text) == formatter.date(from: text), "\(text)")
    }
  }
}
