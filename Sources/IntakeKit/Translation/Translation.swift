/// One language a dialog is offered in besides its own, as the kiosk uses it: what the patient
/// sees, by the dialog's ids (questions, options, section titles, the closing words), the
/// kiosk's own words (`kiosk:`), how patients say what the readers understand (`words:`), and
/// which instruments are given in a wording not validated in the language.
///
/// Read from the translation file the manifest names (`translations:`); `intake check` compares
/// it with the dialog (`TranslationParity`). The clinic's own words (labels, findings, the note)
/// are never translated: the note is written in the dialog's language.
public struct Translation: Sendable {
  /// The language's code, as the file gives it ("es").
  public var language: String
  /// The language's name in the language ("Español"): what the language screen offers.
  public var name: String
  public var title: String?
  /// Other words a patient may type to choose the language ("spanish", "castellano").
  public var names: [String] = []
  var sectionTitles: [String: String] = [:]
  var questions: [String: Question] = [:]
  var scales: [String: [String: Option]] = [:]
  var submitted: String?
  /// The kiosk's own words in the language.
  public var words: KioskWords
  /// How patients say in the language what the readers understand.
  public var phrasebook: Phrasebook
  /// Instruments whose items are given here in a wording not validated in the language, by
  /// instrument id: the note says so beside their scores.
  public var notValidated: [String] = []
  /// Names patients may type for a lexicon's entries in the language ("sertralina"), by lexicon
  /// id and entry name.
  var lexiconAliases: [String: [String: [String]]] = [:]

  /// The texts of one question, by the dialog's keys (`text`, `help`, ...).
  struct Question: Sendable {
    var texts: [String: String] = [:]
    var options: [String: Option] = [:]
    /// Check messages, by their place among the question's checks (from 1).
    var checks: [Int: String] = [:]
    var carryNote: String?
  }

  struct Option: Sendable {
    var text: String
    var aliases: [String]
  }
}

/// Reads a translation file into a `Translation`. Structural problems (a file that cannot be
/// read, a key the format does not have) are reported here; whether it matches the dialog is
/// `TranslationParity`'s to say.
struct TranslationReader {
  let sink: DiagnosticSink

  /// `root` is the file as `TranslationParity.parse` gave it.
  func read(_ path: Located<String>, root: YAMLValue) -> Translation? {
    guard
      let file = MappingReader(
        root, subject: "the translation '\(path.value)'", allowed: DialogKeys.translationFile.keys, sink: sink),
      let language = file.string("language", required: true), let name = file.string("name", required: true)
    else { return nil }
    var phrases: [KioskPhrase: String] = [:]
    for pair in TranslationParity.pairs(file.value("kiosk")) {
      guard let phrase = KioskPhrase(rawValue: pair.key), let (words, _) = TranslationParity.scalar(pair.value)
      else { continue }
      phrases[phrase] = words
    }
    // The first form of each word is how the kiosk says it back.
    var forms: [(english: String, forms: [String])] = []
    var said: [String: String] = [:]
    for pair in TranslationParity.pairs(file.value("words")) {
      let spellings = TranslationParity.strings(pair.value)
      forms.append((pair.key, spellings))
      if let first = spellings.first { said[pair.key.foldedForMatching()] = first }
    }
    let decimalComma = file.bool("decimal_comma")?.value ?? false
    let phrasebook = Phrasebook(
      forms: forms, ignored: file.strings("ignored_words")?.map(\.value) ?? [], decimalComma: decimalComma)
    var translation = Translation(
      language: language.value, name: name.value, title: file.string("title")?.value,
      // Read with a decimal comma, said back with a point, as US labels and the dialog's texts
      // write numbers ("0.5 mg"), and as most US Spanish speakers do.
      words: KioskWords(language: language.value, phrases: phrases, said: said),
      phrasebook: phrasebook)
    translation.names = file.strings("names")?.map(\.value) ?? []
    translation.notValidated = TranslationParity.pairs(file.value("not_validated")).map(\.key)
    for pair in TranslationParity.pairs(file.value("scales")) {
      translation.scales[pair.key] = options(TranslationParity.value(pair.value, "options"))
    }
    for pair in TranslationParity.pairs(file.value("sections")) {
      if let (title, _) = TranslationParity.scalar(TranslationParity.value(pair.value, "title")) {
        translation.sectionTitles[pair.key] = title
      }
      readQuestions(TranslationParity.value(pair.value, "questions"), into: &translation)
    }
    translation.submitted = TranslationParity.scalar(TranslationParity.value(file.value("note"), "submitted"))?.0
    for lexicon in TranslationParity.pairs(file.value("lexicons")) {
      for entry in TranslationParity.pairs(lexicon.value) {
        translation.lexiconAliases[lexicon.key, default: [:]][entry.key] = TranslationParity.strings(entry.value)
      }
    }
    return translation
  }

  private func readQuestions(_ mapping: YAMLValue?, into translation: inout Translation) {
    for pair in TranslationParity.pairs(mapping) {
      var question = Translation.Question()
      for key in TranslationParity.questionTexts {
        if let (words, _) = TranslationParity.scalar(TranslationParity.value(pair.value, key)) {
          question.texts[key] = words
        }
      }
      question.options = options(TranslationParity.value(pair.value, "options"))
      for (index, check) in TranslationParity.items(TranslationParity.value(pair.value, "checks")).enumerated() {
        if let (words, _) = TranslationParity.scalar(check) { question.checks[index + 1] = words }
      }
      question.carryNote =
        TranslationParity.scalar(TranslationParity.value(TranslationParity.value(pair.value, "carry"), "note"))?.0
      translation.questions[pair.key] = question
      readQuestions(TranslationParity.value(pair.value, "items"), into: &translation)
    }
  }

  private func options(_ mapping: YAMLValue?) -> [String: Translation.Option] {
    var options: [String: Translation.Option] = [:]
    for pair in TranslationParity.pairs(mapping) {
      if let (text, _) = TranslationParity.scalar(pair.value) {
        options[pair.key] = Translation.Option(text: text, aliases: [])
      } else if let (text, _) = TranslationParity.scalar(TranslationParity.value(pair.value, "text")) {
        options[pair.key] = Translation.Option(
          text: text,
          aliases: TranslationParity.strings(
            TranslationParity.value(pair.value, "aliases") ?? .sequence([], pair.keyLocation)))
      }
    }
    return options
  }
}
