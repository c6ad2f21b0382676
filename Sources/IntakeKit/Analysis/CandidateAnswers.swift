import Foundation

/// The answers path analysis tries at each question, as a patient would type them. Choices are
/// finite; numbers, dates and readings are bounded by the constants the dialog's conditions
/// compare them with (a boundary, one below, one above), so every outcome of every comparison
/// is tried. The first candidate is the benign default used where a question does not matter.
struct CandidateAnswers {
  let dialog: Dialog
  let today: CalendarDate
  /// Constants compared with each question (through computed values), by field for readings.
  private var constants: [String: Set<Double>] = [:]
  /// Constants compared with `age(...)` of each date question.
  private var ages: [String: Set<Double>] = [:]
  /// Lexicon tags each text question is tested for.
  private var tags: [String: Set<String>] = [:]
  /// Concern codes each text question is tested for.
  private var concernCodes: [String: Set<String>] = [:]

  init(dialog: Dialog, today: CalendarDate) {
    self.dialog = dialog
    self.today = today
    for expression in Self.expressions(in: dialog) { collect(expression) }
  }

  static func expressions(in dialog: Dialog) -> [Expression] {
    var all: [Expression] = []
    for question in dialog.questions.values {
      all += question.when.map { [$0] } ?? []
      all += question.branches.map(\.condition) + question.checks.map(\.condition)
    }
    all += dialog.computed.values.map(\.expression)
    all += dialog.rules.map(\.condition)
    return all
  }

  private mutating func collect(_ expression: Expression) {
    expression.visit { node in
      switch node.kind {
      case .binary(let op, let lhs, let rhs) where op.isComparison:
        for (side, other) in [(lhs, rhs), (rhs, lhs)] {
          // A literal, or a setting (a computed value that is a literal).
          var literal: Double?
          if case .number(let value) = other.kind { literal = value }
          if case .reference(let name, nil) = other.kind,
            case .number(let value)? = dialog.computed[name]?.expression.kind
          {
            literal = value
          }
          guard let constant = literal else { continue }
          if case .call("age", let arguments) = side.kind, case .reference(let date, _)? = arguments.first?.kind {
            ages[date, default: []].insert(constant)
          }
          for (name, field) in references(in: side) {
            if let computed = dialog.computed[name], case .call("age", let arguments) = computed.expression.kind,
              case .reference(let date, _)? = arguments.first?.kind
            {
              ages[date, default: []].insert(constant)
            }
            for question in Dependencies.questions(readBy: name, dialog: dialog) {
              constants[question + (field.map { "." + $0 } ?? ""), default: []].insert(constant)
            }
          }
        }
      case .binary(.in, let lhs, let rhs):
        if case .text(let tag) = lhs.kind, case .call(let function, let arguments) = rhs.kind,
          case .reference(let field, _)? = arguments.first?.kind
        {
          if function == "tags" { tags[field, default: []].insert(tag) }
          if function == "concerns" { concernCodes[field, default: []].insert(tag) }
        }
      default: break
      }
    }
  }

  private func references(in expression: Expression) -> [(String, String?)] {
    var found: [(String, String?)] = []
    expression.visit { node in
      if case .reference(let name, let field) = node.kind { found.append((name, field)) }
    }
    return found
  }

  /// What to try at `cursor`, default first.
  func candidates(at cursor: Cursor) -> [String] {
    guard let question = dialog.questions[cursor.questionID] else { return [""] }
    switch cursor {
    case .gate: return ["no", "yes"]
    case .interrupt: return [""]
    default: break
    }
    var answers: [String]
    switch question.kind {
    case .message: return [""]
    // The offer to look over the answers: a no goes on at once (a yes shows pages, then goes on).
    case .review: return ["no"]
    case .yesNo: answers = ["no", "yes"]
    case .choice(let options), .scale(_, let options):
      // An option that is itself a number ("7 to 9" drinks) is typed as its words: a bare 4
      // could be read as 4 drinks rather than the fourth option.
      let byPosition = question.numberReading == .positions
      answers = options.enumerated().map { index, option in
        !byPosition && OptionNumbers(option.text) != nil ? option.text : String(index + 1)
      }
    case .multipleChoice(let options):
      let numbered = options.enumerated().map { (String($0.offset + 1), $0.element) }
      let exclusive = numbered.filter { $0.1.exclusive }.map(\.0)
      let others = numbered.filter { !$0.1.exclusive }.map(\.0)
      answers = exclusive + others
      if others.count > 1 { answers.append(others.joined(separator: ", ")) }
    // Amounts as a patient types them, with the unit ("165 lb", "6 months").
    case .integer(let range), .decimal(let range):
      answers = numbers(question.id, range).map { formatNumber($0) + (range.unit.map { " \($0)" } ?? "") }
    case .duration(let rule):
      // A length still going on, with no amount, is missing to rules: a path of its own.
      answers =
        numbers(question.id, rule.range).map { formatNumber($0) + (rule.range.unit.map { " \($0)" } ?? "") }
        + (rule.ongoing == nil ? [] : ["ongoing"])
    case .date(let rule):
      answers = dates(question.id, rule).map(\.description)
    case .text(_, let lexicon):
      // What a patient would type there: a phone number at a phone question, a name at a
      // name, a sentence elsewhere.
      answers =
        lexicon != nil
        ? texts(question.id, lexicon: lexicon)
        : [question.isPhone ? Self.phoneFiller : question.isPersonName ? Self.nameFiller : Self.sentenceFiller]
          // Shorter ones for a question with a small max_length or a check the first fails.
          + [Self.shortFiller, Self.phoneFiller]
    case .dose:
      answers = ["10 mg"]
    case .bloodPressure:
      answers = readings(question.id)
    case .repeatGroup:
      answers = ["no", "yes"]
    }
    if !question.required { answers.append("skip") }
    return answers
  }

  private func numbers(_ id: String, _ range: NumberRange) -> [Double] {
    let low = range.minimum ?? 0
    let high = range.maximum ?? max(low + 100, 1000)
    // The default is an ordinary value: inside the plausible range when the dialog gives one.
    let fallback =
      switch (range.plausibleMinimum, range.plausibleMaximum) {
      case (let floor?, let ceiling?): ((floor + ceiling) / 2).rounded()
      case (let floor?, nil): floor
      default: min(max(low, 0), high)
      }
    var values: [Double] = [fallback]
    for constant in (constants[id] ?? []).sorted() { values += [constant - 1, constant, constant + 1] }
    values.append(low)
    values.append(high)
    var seen = Set<Double>()
    return values.filter { $0 >= low && $0 <= high && seen.insert($0).inserted }
  }

  private func dates(_ id: String, _ rule: DateRule) -> [CalendarDate] {
    func yearsAgo(_ years: Int, dayLater: Bool = false) -> CalendarDate? {
      let year = today.year - years
      let day = min(today.day, CalendarDate.days(inMonth: today.month, year: year))
      guard var date = CalendarDate(year: year, month: today.month, day: day) else { return nil }
      if dayLater {
        if date.day < CalendarDate.days(inMonth: date.month, year: date.year) {
          date.day += 1
        } else if date.month < 12 {
          date.month += 1
          date.day = 1
        } else {
          date = CalendarDate(year: date.year + 1, month: 1, day: 1) ?? date
        }
      }
      return date
    }
    var values: [CalendarDate] = yearsAgo(40).map { [$0] } ?? []
    for age in (ages[id] ?? []).sorted() {
      // The dialog's number, not a patient's: `age < 1e80` must not trap converting it.
      guard let years = Self.wholeNumber(age, in: 0...Self.oldestAge) else { continue }
      // The day the age is reached, and the day after the last day before it.
      values += [yearsAgo(years), yearsAgo(years, dayLater: true)].compactMap { $0 }
    }
    var seen = Set<CalendarDate>()
    return values.filter { date in
      if rule.notInFuture, date > today { return false }
      if let limit = rule.maximumYearsAgo, date.years(until: today) > limit { return false }
      return seen.insert(date).inserted
    }
  }

  private func texts(_ id: String, lexicon: String?) -> [String] {
    guard let lexicon = lexicon.flatMap({ dialog.lexicons[$0] }) else { return [Self.sentenceFiller] }
    let tested = tags[id] ?? []
    var answers: [String] = []
    // The default is a medicine no condition cares about: none of the tested tags, no concerns.
    let plainTags = tested.union(lexicon.tagConcerns.keys)
    if let plain = lexicon.entries.first(where: { Set($0.tags).isDisjoint(with: plainTags) }) {
      answers.append(plain.name)
    }
    for tag in tested.sorted() {
      if let entry = lexicon.entries.first(where: { $0.tags.contains(tag) }) { answers.append(entry.name) }
    }
    // For each concern code tested, an entry of every class carrying it (rules often exclude
    // some classes of a concern, so one representative is not enough).
    for code in (concernCodes[id] ?? []).sorted() {
      for (tag, codes) in lexicon.tagConcerns.sorted(by: { $0.key < $1.key }) where codes.contains(code) {
        if let entry = lexicon.entries.first(where: { $0.tags.contains(tag) }) { answers.append(entry.name) }
      }
    }
    answers.append("Zzyzx Unlisted")
    var seen = Set<String>()
    return answers.filter { seen.insert($0).inserted }
  }

  /// Fillers for free text, by what the question asks (`phone: true`, `person_name: true`).
  static let phoneFiller = "555 010 1234"
  static let nameFiller = "Sam Example"
  static let sentenceFiller = "I would rather talk about it in person."
  static let shortFiller = "Not sure"

  /// Ages beyond this are compared with no birth date worth trying.
  static let oldestAge = 1_000
  /// Readings beyond this (mmHg) are compared with no reading worth trying.
  static let highestPressure = 10_000

  /// `value` toward zero as an Int when that lies in `range`; nil for anything else, including
  /// numbers too large for an Int (converting them would trap) and NaN.
  static func wholeNumber(_ value: Double, in range: ClosedRange<Int>) -> Int? {
    guard value.isFinite, value >= Double(range.lowerBound), value < Double(range.upperBound) + 1 else { return nil }
    return Int(value.rounded(.towardZero))
  }

  private func readings(_ id: String) -> [String] {
    var readings = [BloodPressure(systolic: 120, diastolic: 80)]
    for constant in (constants[id + ".systolic"] ?? []).sorted() {
      guard let value = Self.wholeNumber(constant, in: 1...Self.highestPressure) else { continue }
      readings += [value - 1, value, value + 1].map { BloodPressure(systolic: $0, diastolic: 80) }
    }
    for constant in (constants[id + ".diastolic"] ?? []).sorted() {
      guard let value = Self.wholeNumber(constant, in: 1...Self.highestPressure) else { continue }
      readings += [value - 1, value, value + 1].map { BloodPressure(systolic: max(130, value + 20), diastolic: $0) }
    }
    var seen = Set<BloodPressure>()
    return readings.filter { seen.insert($0).inserted }.map(\.description)
  }
}
