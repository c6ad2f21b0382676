import PropertyBased
import Testing

@testable import IntakeKit

/// Properties of `ChoiceMatcher` over generated options and lines: it only ever names options
/// the question has, and an option typed as the kiosk shows it (its words or its number) is that
/// option.
@Suite struct ChoiceMatcherPropertyTests {
  /// Words option texts are made of, including ones the matcher treats specially (yes, no,
  /// numbers in words, "not sure", "never").
  static let words = [
    "yes", "no", "not", "sure", "never", "none", "other", "one", "two", "past", "month", "week", "daily", "often",
    "rarely", "sometimes", "always", "someone", "drives", "me", "i", "drive", "myself", "taxi", "bus", "walk", "a",
    "in", "the", "of", "all", "most", "days", "several", "nearly", "every", "day", "prefer", "say", "unsure",
  ]

  /// One to eight options whose texts differ once folded; ids that are not any option's words.
  static var options: Generator<[AnswerOption], some SendableSequenceType> {
    Gen.int(in: 0...(words.count - 1)).array(of: 1...3).array(of: 1...8).map { texts in
      var seen = Set<String>()
      let unique = texts.map { $0.map { words[$0] }.joined(separator: " ").capitalized }.filter {
        seen.insert(ChoiceMatcher.fold($0)).inserted
      }
      return unique.enumerated().map { AnswerOption(id: "opt\($0.offset + 1)", text: $0.element) }
    }
  }

  /// Options that are bands of numbers, in order and not overlapping ("0", "1 or 2", "3 to 5
  /// times a week", "6 or more").
  static var bands: Generator<[AnswerOption], some SendableSequenceType> {
    Gen.int(in: 1...4).array(of: 1...5).map { widths in
      var low = 0
      var options: [AnswerOption] = []
      for (index, width) in widths.enumerated() {
        let high = low + width - 1
        let text: String
        switch (width, index % 3) {
        case (1, _): text = "\(low)"
        case (2, _): text = "\(low) or \(high)"
        case (_, 0): text = "\(low) to \(high) times a week"
        default: text = "\(low)-\(high)"
        }
        options.append(AnswerOption(id: "band\(index)", text: text))
        low = high + 1
      }
      options.append(AnswerOption(id: "more", text: "\(low) or more"))
      return options
    }
  }

  /// Whatever is typed, the outcome names only the question's own options: a kept answer is
  /// always one the dialog offered, and what is asked back is a real choice of two or more.
  @Test func theOutcomeNamesOnlyTheQuestionsOptions() async {
    let input = zip(Gen.oneOf(Self.options, Self.bands), Gen.oneOf(TypedLines.any(), TypedLines.measure))
    await propertyCheck(count: 300, input: input) { options, line in
      for reading in NumberReading.allCases {
        switch ChoiceMatcher(options: options, numbers: reading).match(line) {
        case .matched(let option), .nearly(let option): #expect(options.contains(option))
        case .ambiguous(let candidates):
          #expect(Set(candidates).count == candidates.count && candidates.count >= 2, "\(candidates)")
          #expect(candidates.allSatisfy(options.contains))
        case .valueOrPosition(_, let value, let position):
          #expect(value != position && options.contains(value) && options.contains(position))
        case .none: break
        }
      }
    }
  }

  /// An option typed as it is shown, in any case and with stray spaces, is that option.
  @Test func anOptionsWordsAreThatOption() async {
    await propertyCheck(count: 300, input: zip(Self.options, Gen.int(in: 0...7), Gen.bool)) { options, pick, shout in
      let option = options[pick % options.count]
      let typed = "  " + (shout ? option.text.uppercased() : option.text.lowercased()) + " "
      for reading in NumberReading.allCases {
        #expect(ChoiceMatcher(options: options, numbers: reading).match(typed) == .matched(option), "\(typed)")
      }
    }
  }

  /// An option's number as the kiosk shows it ("3.") is that option, whenever the options are
  /// not numbers themselves, and always once the dialog says numbers are positions.
  @Test func anOptionsNumberIsThatOption() async {
    let input = zip(Gen.oneOf(Self.options, Self.bands), Gen.int(in: 0...7), Gen.bool)
    await propertyCheck(count: 300, input: input) { options, pick, inWords in
      let position = pick % options.count + 1
      let typed = inWords && position < 20 ? TypedLines.ones[position] : String(position)
      // An option whose words are what was typed ("Two", or a band "2") is matched by its words first.
      guard !options.contains(where: { [typed, String(position)].contains(ChoiceMatcher.fold($0.text)) }) else {
        return
      }
      let expected = ChoiceMatcher.Outcome.matched(options[position - 1])
      #expect(ChoiceMatcher(options: options, numbers: .positions).match(typed) == expected, "\(typed)")
      if options.allSatisfy({ OptionNumbers($0.text) == nil }) {
        #expect(ChoiceMatcher(options: options).match(typed) == expected, "\(typed) at \(options.map(\.text))")
      }
    }
  }

  /// Where the options are bands and the dialog reads numbers as values, a number is the one
  /// band it falls in ("4 drinks" is "3 to 5 times a week", not the fourth option).
  @Test func aValueIsTheBandItFallsIn() async {
    await propertyCheck(count: 300, input: zip(Self.bands, Gen.int(in: 0...25))) { options, value in
      let band = options.first { OptionNumbers($0.text)?.contains(value) == true }
      #expect(band != nil, "\(value) is in no band of \(options.map(\.text))")
      if let band {
        #expect(ChoiceMatcher(options: options, numbers: .values).match(String(value)) == .matched(band), "\(value)")
      }
    }
  }
}
