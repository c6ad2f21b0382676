import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The corpus of what patients type (`Corpus/answers.tsv`), each line run through the kiosk's
/// own answer parser at the shipped dialog's question, with what it must give: a value, a
/// question asked back, or a refusal. Never a different meaning.
@Suite struct AnswerCorpusTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var line: Int
    var question: String
    var typed: String
    var expected: String
    var testDescription: String { "line \(line): \(question) ← \"\(typed)\"" }
  }

  static let cases: [Case] = {
    let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/IntakeKitTests/Engine/Corpus/answers.tsv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
      guard !line.hasPrefix("#"), !line.isEmpty else { return nil }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3 else { return Case(line: index + 1, question: "", typed: "", expected: "malformed") }
      return Case(line: index + 1, question: fields[0], typed: fields[1], expected: fields[2])
    }
  }()

  static let dialog = Result { try TestSupport.shippedDialog() }

  @Test func theCorpusIsLargeEnough() {
    #expect(Self.cases.count >= 300, "\(Self.cases.count) cases")
  }

  @Test(arguments: cases)
  func understood(_ item: Case) throws {
    let shipped = try Self.dialog.get()
    // "phq9_1:es": the question as a patient who chose Spanish reads and answers it.
    let (field, language) = Self.split(item.question, at: ":")
    let translation = try language.map { code in try #require(shipped.translation(code), "no translation '\(code)'") }
    let dialog = translation.map(shipped.localized) ?? shipped
    // "med_dose@levothyroxine": a dose question after that medicine was named.
    let (id, medicine) = Self.split(field)
    let question = try #require(dialog.questions[id], "no question '\(id)'")
    var usualUnit: String?
    if let medicine, case .dose(let rule) = question.kind, let named = rule.medicine,
      let lexicon = dialog.questions[named]?.lexiconID.flatMap({ dialog.lexicons[$0] })
    {
      let found = try #require(LexiconMatcher(lexicon: lexicon).match(medicine), "'\(medicine)' is not in the lexicon")
      usualUnit = found.entry.doseUnit ?? lexicon.doseUnit
    }
    var parser = AnswerParser(
      question: question, today: CalendarDate(TestSupport.fixedInstant, in: TimeZone(identifier: "UTC") ?? .current),
      readsBack: question.readsBack || question.id == dialog.resumeWith,
      lexicon: question.lexiconID.flatMap { dialog.lexicons[$0] }, usualUnit: usualUnit)
    if let translation {
      parser.speaking(translation)
      parser.sourceQuestion = shipped.questions[id]
    }
    #expect(Self.describe(parser.parse(item.typed), question) == item.expected)
  }

  static func split(_ field: String, at separator: Character = "@") -> (String, String?) {
    let pieces = field.split(separator: separator, maxSplits: 1).map(String.init)
    return (pieces[0], pieces.count > 1 ? pieces[1] : nil)
  }

  /// The parser's result in the corpus's words.
  static func describe(_ result: Result<Value, AnswerRejection>, _ question: Question) -> String {
    func id(_ line: String) -> String {
      guard let position = Int(line), position >= 1, position <= question.options.count else { return line }
      return question.options[position - 1].id
    }
    switch result {
    case .success(.bool(let yes)): return "bool " + (yes ? "yes" : "no")
    case .success(.date(let date)): return "date \(date)"
    case .success(.choice(let choice)): return "choice \(choice)"
    case .success(.choices(let ids)): return "choices " + ids.joined(separator: ",")
    case .success(.number(let number)):
      if case .scale = question.kind {
        // Scales give the score; the corpus names the option when only one has it.
        let scored = question.options.filter { $0.score == number }
        return scored.count == 1 ? "choice \(scored[0].id)" : "score \(formatNumber(number))"
      }
      return "number \(formatNumber(number))"
    case .success(.quantity(let amount)):
      // As given, then the value rules see (to two places) in the question's unit.
      let value = amount.value.map { " = " + formatNumber(($0 * 100).rounded() / 100) + " " + amount.unit } ?? ""
      let given = amount.asGiven.isEmpty ? "" : " " + amount.asGiven
      return "amount" + given + value + (amount.ongoing ? " ongoing" : "")
    case .success(.text(let text)): return "text \(text)"
    case .success(.missing): return "skipped"
    case .success(let other): return "other \(other)"
    case .failure(let rejection) where rejection.readings.isEmpty: return "refused"
    case .failure(let rejection) where rejection.yesMeansFirst:
      return "either " + rejection.readings.map { id($0.line) }.joined(separator: "|")
    case .failure(let rejection) where rejection.readings.count == 1:
      return "confirm " + id(rejection.readings[0].line)
    case .failure(let rejection):
      return "asks " + rejection.readings.map { id($0.line) }.joined(separator: "|")
    }
  }
}
