/// Every kind of mapping in a dialog's files, and the keys it may hold: what the reader accepts,
/// in one place. The JSON Schemas under `Dialogs/schema` describe the same format for editors;
/// `SchemaAgreementTests` holds the two to each other, key for key.
public enum DialogKeys: String, CaseIterable, Sendable {
  case manifest, lengthBudget, audience, scale, scaleOption, safetyProperty
  case note, noteIdentity, noteWords, birthSex
  case lexicon, lexiconConcern, lexiconTag, lexiconEntry
  case section, questionGroup, question, choiceOption, carry, check, branch
  case settingsFile, setting
  case scoringFile, computed, instrument, band, unaskedItems, coding
  case rulesFile, category, rule, escalate
  case translationFile, translatedScale, translatedSection, translatedQuestion, translatedOption, translatedCarry
  case translatedNote

  /// The keys this mapping may hold (a question: those of every kind; `questionKeys(kind:)` for one).
  public var keys: [String] { Self.keysByMapping[self] ?? listedKeys }

  /// `keys` of every mapping, made once: asked of every option and every mapping read, the list
  /// was made anew each time.
  private static let keysByMapping = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.listedKeys) })

  private var listedKeys: [String] {
    switch self {
    case .manifest:
      [
        "id", "version", "title", "language", "sections", "settings", "scoring", "rules", "lexicons", "scales",
        "safety", "resume_with", "estimated_minutes", "length_budget", "reading_grade_max", "audiences", "note",
        "translations",
      ]
    case .lengthBudget: ["max_screens", "median_screens"]
    case .audience: ["id", "when", "words"]
    case .scale: ["id", "options", "numbers"]
    case .scaleOption: ["id", "text", "score", "cite", "aliases"]
    case .safetyProperty: ["id", "after", "show", "next", "alert", "finished_includes"]
    case .note: ["identity", "glance", "words", "birth_sex"]
    case .noteIdentity: IdentityField.allCases.map(\.rawValue)
    case .noteWords: NoteWord.allCases.map(\.rawValue)
    case .birthSex: ["extension", "codes"]
    case .lexicon: ["id", "concerns", "tags", "entries", "dose_unit"]
    case .lexiconConcern: ["id", "title"]
    case .lexiconTag: ["id", "title", "concerns"]
    case .lexiconEntry: ["name", "aliases", "tags", "dose_unit"]
    case .section: ["section", "title", "summary_title", "flow", "summary", "when", "questions"]
    case .questionGroup: ["group", "when", "questions"]
    case .question:
      Self.questionCommon
        + Self.questionKinds.keys.sorted().flatMap { Self.questionKinds[$0] ?? [] }
        .reduce(into: [String]()) { keys, key in if !keys.contains(key) { keys.append(key) } }
    case .choiceOption: ["id", "text", "exclusive", "cite", "aliases", "specify"]
    case .carry: ["from", "when", "line", "note"]
    case .check: ["require", "message"]
    case .branch: ["when", "goto", "dormant"]
    case .settingsFile: ["settings"]
    case .setting: ["id", "label", "value", "source"]
    case .scoringFile: ["computed", "instruments"]
    case .computed: ["id", "label", "value", "summary"]
    case .instrument:
      [
        "id", "title", "recall", "items", "total", "max", "bands", "key_items", "attribution", "verbatim", "when",
        "code", "unasked_items",
      ]
    case .band: ["min", "max", "label"]
    case .unaskedItems: ["items", "why"]
    case .coding: ["system", "code", "display"]
    case .rulesFile: ["categories", "rules"]
    case .category: ["id", "title", "rank", "outcome", "before_booking"]
    case .rule:
      ["id", "category", "applies_when", "when", "finding", "questions", "escalate", "source", "replaces", "dormant"]
    case .escalate: ["tier", "show", "alert"]
    case .translationFile:
      [
        "language", "name", "names", "title", "scales", "sections", "note", "keep", "kiosk", "words", "ignored_words",
        "decimal_comma", "not_validated", "lexicons",
      ]
    case .translatedScale: ["options"]
    case .translatedSection: ["title", "questions"]
    case .translatedQuestion: ["options", "checks", "carry", "items"] + TranslationParity.questionTexts
    case .translatedOption: ["text", "aliases"]
    case .translatedCarry: ["note"]
    case .translatedNote: ["submitted"]
    }
  }

  /// The keys a question of `kind` may hold; nil for a kind the format does not have.
  public static func questionKeys(kind: String) -> [String]? { keysByKind[kind] }

  /// `questionKeys(kind:)` for every kind, made once (asked of every question read).
  private static let keysByKind = questionKinds.mapValues { questionCommon + $0 }

  /// The question kinds, by the name a dialog writes.
  public static var questionKindNames: [String] { questionKinds.keys.sorted() }

  static let questionCommon = [
    "id", "kind", "text", "label", "help", "why", "required", "when", "next", "end", "checks", "invalid", "summary",
    "cite", "verbatim", "audience", "patient_label", "denies", "dormant",
  ]

  static let questionKinds: [String: [String]] = [
    "message": ["hold", "hold_text", "acknowledged_text"],
    "review": [],
    "yes_no": [],
    "choice": ["options", "numbers"],
    "multiple_choice": ["options", "numbers"],
    "integer": ["min", "max", "unit", "other_units", "plausible_min", "plausible_max", "implausible"],
    "decimal": ["min", "max", "unit", "other_units", "show_also", "plausible_min", "plausible_max", "implausible"],
    "duration": ["min", "max", "unit", "ongoing", "plausible_min", "plausible_max", "implausible"],
    "date": ["not_in_future", "max_years_ago", "read_back"],
    "text": ["max_length", "lexicon", "person_name", "pipe_as", "phone"],
    "dose": ["max_length", "medicine"],
    "scale": ["scale", "numbers"],
    "blood_pressure": [],
    "repeat": ["items", "another", "max_records", "record_label", "carry"],
  ]
}
