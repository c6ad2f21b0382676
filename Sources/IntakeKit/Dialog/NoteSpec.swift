/// The consult note's own words and its first page, from the dialog's `note:` file: who the
/// patient is (which answers name them), what the one-page "at a glance" block shows beyond the
/// outcome, findings, scores and questions, and every heading and sentence the note prints.
/// A pain clinic, or a dialog in another language, changes them without Swift.
public struct NoteSpec: Sendable, Hashable {
  /// The answers (question or computed ids) that identify the patient: the note's first line,
  /// the header of every printed page, and the FHIR `Patient`.
  public var identity: [IdentityField: String] = [:]
  /// Answers shown on the first page (treatment resistance, the way home), in this order; the
  /// details do not print them again.
  public var glance: [String] = []
  /// The note's words, by key; the program's neutral words where the dialog gives none.
  public var words: [NoteWord: String] = [:]
  /// How the `sex` identity answer is written in FHIR (`birth_sex:`), nil where the dialog does
  /// not say: never as `Patient.gender`, which is administrative gender, not sex at birth.
  public var birthSex: BirthSexCoding? = nil

  public init() {}

  public func word(_ key: NoteWord) -> String { words[key] ?? key.fallback }
}

/// The FHIR extension that carries sex assigned at birth, and the code each of the question's
/// options is written as there. An option with no code (intersex, "prefer not to say", where
/// the extension's value set has none that means the same) is left out, not guessed.
public struct BirthSexCoding: Sendable, Hashable {
  /// The extension's canonical URL.
  public var extensionURL: String
  /// Option id to the extension's `valueCode`.
  public var codes: [String: String]

  public init(extensionURL: String, codes: [String: String]) {
    self.extensionURL = extensionURL
    self.codes = codes
  }
}

/// What an identity answer is.
public enum IdentityField: String, Sendable, CaseIterable, Codable {
  case givenName = "given_name"
  case familyName = "family_name"
  case birthDate = "birth_date"
  case age
  case sex
  case phone
}

/// Every heading and fixed sentence of the note. The fallbacks are deliberately plain; the
/// shipped dialog's `note.yaml` gives its own.
public enum NoteWord: String, Sendable, CaseIterable, Codable {
  case title
  case status
  case session
  case glance
  case safety
  case noSafety = "no_safety"
  case outcome
  case noFindings = "no_findings"
  case findings
  /// How a question points at the finding that asked for it: "(finding 2)".
  case finding
  case because
  /// The list, after the first page, of each finding's reasons by its number.
  case reasons
  case tier
  case staffAlerted = "staff_alerted"
  case bornOn = "born_on"
  case age
  case phone
  case instrumentColumn = "instrument_column"
  case scoreColumn = "score_column"
  case bandColumn = "band_column"
  case keyItemsColumn = "key_items_column"
  case scores
  case notGiven = "not_given"
  case history
  case medications
  case goals
  case transport
  case questions
  case noQuestions = "no_questions"
  case details
  case denies
  case skipped
  case noneReported = "none_reported"
  case derived
  case disclaimer
  case notCollected = "not_collected"
  case instruments
  case reviewer
  /// The labels under the printed signature lines, separated by commas.
  case signatureLines = "signature_lines"
  /// What the patient reads once the answers are sent.
  case submitted
  /// The header line naming the language an intake was taken in, when not the dialog's.
  case language
  /// Before the language the intake was taken in.
  case takenIn = "taken_in"
  /// After the language: how the patient's own words are shown.
  case ownWordsMarked = "own_words_marked"
  /// Beside a score whose items were given in a translation not validated in the language.
  case notValidated = "not_validated"
  /// Before words the patient typed with an answer that no question took (said back to them as
  /// not used, to type again when asked) and that no later answer holds.
  case notUsed = "not_used"
  /// An answer the patient said they did not know ("not sure" at a dose), so it was left out.
  case notKnown = "not_known"

  var fallback: String {
    switch self {
    case .title: "Intake summary"
    case .status: "Status"
    case .session: "Session"
    case .glance: "At a glance"
    case .safety: "Safety"
    case .noSafety: "No safety escalation."
    case .outcome: "Outcome"
    case .noFindings: "No rule fired."
    case .findings: "Findings"
    case .finding: "finding"
    case .because: "Because"
    case .reasons: "Reasons for the findings"
    case .tier: "tier"
    case .staffAlerted: "staff alerted"
    case .bornOn: "date of birth"
    case .age: "age"
    case .phone: "phone"
    case .instrumentColumn: "Instrument"
    case .scoreColumn: "Score"
    case .bandColumn: "Band"
    case .keyItemsColumn: "Key items"
    case .scores: "Scores"
    case .notGiven: "Not given"
    case .history: "History"
    case .medications: "Medications"
    case .goals: "Goals"
    case .transport: "Transport"
    case .questions: "Questions"
    case .noQuestions: "None."
    case .details: "Details"
    case .denies: "Denies"
    case .skipped: "Skipped"
    case .noneReported: "Nothing reported."
    case .derived: "Derived from the answers"
    case .disclaimer: "Everything here was reported by the patient and has not been verified."
    case .notCollected: ""
    case .instruments: "Instruments"
    case .reviewer: "Reviewed by"
    case .signatureLines: "Name, Date, Signature"
    case .submitted: "Your answers have been sent. Thank you."
    case .language: "Language"
    case .takenIn: "taken in"
    case .ownWordsMarked:
      "this note is in the dialog's language; answers are the dialog's; the patient's own words are quoted as typed, with the kiosk's reading beside words it knows, and marked"
    case .notValidated: "administered in a translation not validated in this language"
    case .notUsed: "Also typed, not taken by any question"
    case .notKnown: "Not sure (the patient did not know)"
    }
  }

  /// The heading a summary section is printed under.
  static func heading(_ heading: SummaryHeading) -> NoteWord? {
    switch heading {
    case .history: .history
    case .medications: .medications
    case .goals: .goals
    case .transport: .transport
    case .header, .none: nil
    }
  }
}
