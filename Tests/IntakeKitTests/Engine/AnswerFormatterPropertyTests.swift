import Foundation
import IntakeTestSupport
import PropertyBased
import Testing

@testable import IntakeKit

/// The round trip between `AnswerFormatter` and `AnswerParser` on the shipped dialog: going
/// back to a question shows "Your answer was: 180 lb. Press Enter to keep it, or type a new
/// answer." A patient who types what they are shown gets that same answer back.
@Suite struct AnswerFormatterPropertyTests {
  static let dialog = Result { try TestSupport.shippedDialog() }
  static let today = CalendarDate(TestSupport.fixedInstant, in: TimeZone(identifier: "UTC") ?? .current)

  /// The questions whose answer is shown as the answer itself. A person's name is shown with the
  /// name read from it beside the typed words, a summary form that is not meant to be retyped.
  static func questions(_ dialog: Dialog) -> [Question] {
    dialog.questions.values.filter { question in
      switch question.kind {
      case .message, .review, .repeatGroup: false
      case .text: !question.isPersonName
      default: true
      }
    }.sorted { $0.id < $1.id }
  }

  /// A valid answer to `question`, chosen by `seed`.
  static func answer(to question: Question, seed: Int) -> Value? {
    func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[seed % items.count] }
    switch question.kind {
    case .yesNo: return .bool(seed % 2 == 0)
    case .choice(let options): return pick(options).map { .choice($0.id) }
    case .scale(_, let options): return pick(options).map { .number($0.score ?? 0) }
    case .multipleChoice(let options):
      // A subset by the seed's bits; an exclusive option alone.
      let chosen = options.enumerated().filter { seed >> ($0.offset % 60) & 1 == 1 }.map(\.element)
      if let exclusive = chosen.first(where: \.exclusive) { return .choices([exclusive.id]) }
      return chosen.isEmpty ? pick(options).map { .choices([$0.id]) } : .choices(chosen.map(\.id))
    case .integer(let range):
      let low = Int(range.minimum ?? 0)
      let high = Int(range.maximum ?? 10_000)
      return amount(Double(low + seed % (high - low + 1)), range)
    case .decimal(let range):
      let low = Int((range.minimum ?? 0) * 100)
      let high = Int((range.maximum ?? 10_000) * 100)
      return amount(Double(low + seed % (high - low + 1)) / 100, range)
    case .duration(let rule):
      let low = Int(rule.range.minimum ?? 0)
      let high = Int(rule.range.maximum ?? 1000)
      guard var given = amount(Double(low + seed % (high - low + 1)), rule.range) else { return nil }
      // Still going on, with how long so far or without it, where the question allows it.
      if rule.ongoing != nil, seed / 3 % 3 == 0, case .quantity(var quantity) = given {
        quantity.ongoing = true
        if seed / 9 % 2 == 0 { (quantity.parts, quantity.value) = ([], nil) }
        given = .quantity(quantity)
      }
      return given
    case .date(let rule):
      let years = rule.maximumYearsAgo ?? 120
      let year = today.year - 1 - seed % years
      return CalendarDate(year: year, month: seed / 7 % 12 + 1, day: seed / 11 % 28 + 1).map { .date($0) }
    case .bloodPressure:
      let systolic = 61 + seed % 240
      let diastolic = 30 + seed / 240 % (min(200, systolic - 1) - 30 + 1)
      return .bloodPressure(BloodPressure(systolic: systolic, diastolic: diastolic))
    case .text(let maxLength, _):
      let words = ["Sertraline", "Luis", "back pain", "twice a day", "n/a", "Zoë", "my dog", "-", "42"]
      let text = (0...(seed % 4)).map { words[(seed / 5 + $0 * 3) % words.count] }.joined(separator: " ")
      return .text(String(text.prefix(maxLength)).trimmingCharacters(in: .whitespaces))
    case .dose:
      // A dose in the unit it was given in, as the kiosk shows it back.
      let doses: [Quantity.Part] = [
        .init(value: 20, unit: "mg"), .init(value: 0.5, unit: "mg"), .init(value: 25, unit: "mcg"),
        .init(value: 1.5, unit: "tablets"), .init(value: 10, unit: "units"), .init(value: 2, unit: "puffs"),
      ]
      return pick(doses).map { .quantity(Quantity(parts: [$0], value: nil, unit: $0.unit)) }
    case .message, .review, .repeatGroup: return nil
    }
  }

  /// A number at a question without a unit; an amount in the question's own unit at one with a
  /// unit (an amount in another unit is shown with its conversion beside it, not retyped).
  static func amount(_ number: Double, _ range: NumberRange) -> Value? {
    range.unit.map { .quantity(Quantity(number, unit: $0)) } ?? .number(number)
  }

  /// What the kiosk shows as an earlier answer, typed back at the same question, is that answer.
  @Test func aShownAnswerTypedBackIsTheSameAnswer() async throws {
    let dialog = try Self.dialog.get()
    let questions = Self.questions(dialog)
    let formatter = AnswerFormatter(dialog: dialog)
    await propertyCheck(count: 500, input: zip(Gen.int(in: 0...(questions.count - 1)), Gen.int(in: 0...Int.max))) {
      index, seed in
      let question = questions[index]
      guard let value = Self.answer(to: question, seed: seed) else { return }
      let shown = formatter.display(value, for: question.id)
      // Confirmed, as a retyped answer already was; the shown words are what is being checked.
      let parser = AnswerParser(question: question, today: Self.today, confirmed: true)
      let read = parser.parse(shown)
      #expect(read == .success(value), "\(question.id): \(value) shown as \(shown.debugDescription) reads \(read)")
    }
  }

  /// A scale answer is shown back as "Moderately (2)"; typed as shown it was refused ("Please
  /// type the number of your answer (1 to 5), or its words.").
  @Test func aScaleAnswerTypedAsShownIsKept() throws {
    let dialog = try Self.dialog.get()
    let question = try #require(dialog.questions["pcl5_1"])
    let parser = AnswerParser(question: question, today: Self.today)
    #expect(AnswerFormatter(dialog: dialog).display(.number(2), for: "pcl5_1") == "Moderately (2)")
    #expect(parser.parse("Moderately (2)") == .success(.number(2)))
    #expect(parser.parse("moderately") == .success(.number(2)))
  }
}
