/// A loaded, checked dialog: the questions in flow order, computed values, instruments, screening
/// rules and lexicons. A `Dialog` value exists only when every static check passed.
public struct Dialog: Sendable {
  public var id: String
  public var version: String
  public var title: String
  /// The language the dialog is written in (a BCP 47 tag such as `en`), shown in the summary.
  public var language: String
  public var sections: [Section]
  /// Every question by id, repeat-group items included (ids are unique across the dialog).
  public var questions: [String: Question]
  /// Top-level question ids of the sections in the flow, in the order they are asked.
  public var flow: [String]
  public var computed: [String: ComputedValue]
  /// Computed ids in declaration order, for stable output.
  public var computedOrder: [String]
  public var instruments: [Instrument]
  public var categories: [Category]
  public var rules: [Rule]
  public var lexicons: [String: Lexicon]
  /// Safety properties path analysis verifies on every answer sequence.
  public var safety: [SafetyProperty]
  /// The date question a patient answers again, with their resume code, to carry on a saved
  /// session (a date of birth). Without it the kiosk offers no resume.
  public var resumeWith: String?
  /// How long the dialog says it takes (`estimated_minutes`), which its text may pipe as
  /// `{estimated_minutes}`; `intake test` checks it against the journeys' measured length.
  public var estimatedMinutes: Int? = nil
  /// How long the journeys that go to the end may be (`length_budget: {max_screens, median_screens}`);
  /// `intake test` fails a dialog whose typical journeys are longer.
  public var lengthBudget: LengthBudget? = nil
  /// The reading level the dialog's patient texts aim at, as a US school grade
  /// (`reading_grade_max`); `intake check` measures them against it (`Readability`).
  public var readingGradeMax: Double? = nil
  /// Who a question can apply to, by name (`audiences`): a question that names one is proved,
  /// by path analysis, never to be shown to anyone outside it.
  public var audiences: [String: Audience] = [:]
  /// The consult note's words and first page (`note:`).
  public var note = NoteSpec()
  /// The languages the dialog is offered in besides its own (`translations:`), in the order the
  /// manifest lists them: the language screen's order.
  public var translations: [Translation] = []

  /// The translation into `language` ("es"), when the dialog has one.
  public func translation(_ language: String) -> Translation? {
    translations.first { $0.language == language }
  }

  /// The flow index of each top-level question; questions outside the flow have none.
  public var flowIndex: [String: Int]
  /// Which questions' conditions read each answer (`WalkIndex`), set once the dialog is checked;
  /// without it a session walks its path from the first question at every answer.
  var walkIndex: WalkIndex? = nil
  /// The languages the language screen offers (`Conversation.languages(of:)`), worked out once
  /// when the dialog is loaded rather than for every patient (a tenth of a kiosk's start on its
  /// main core); a conversation works them out itself when the translations changed since.
  var offeredLanguages: [Conversation.OfferedLanguage]? = nil

  public func question(_ id: String) -> Question? { questions[id] }

  /// Whether a question's wording is an instrument's own, kept word for word (`verbatim: true` on
  /// the question, or on an instrument that lists it): it is not reworded to a reading level.
  public func isVerbatim(_ id: String) -> Bool {
    questions[id]?.verbatim == true || instruments.contains { $0.verbatim && $0.items.contains(id) }
  }

  public func category(_ id: String) -> Category? { categories.first { $0.id == id } }

  public func section(_ id: String) -> Section? { sections.first { $0.id == id } }
}

/// A section: one file of questions with a title, and where its answers go in the summary.
public struct Section: Sendable {
  public var id: String
  public var title: String
  /// The subsection title in the summary ("Psychiatric history"); the patient-facing title
  /// ("Your mental health history") when not given.
  public var summaryTitle: String?
  /// False for sections reached only by `goto` or an escalation (crisis screens, endings).
  public var inFlow: Bool
  public var summary: SummaryHeading
  public var questionIDs: [String]
  public var file: String
}

/// The summary section a question's answer appears under. The headings themselves are fixed by
/// the product so every clinic's summary reads the same way.
public enum SummaryHeading: String, Sendable, CaseIterable, Codable {
  case header, history, medications, goals, transport, none
}

/// One thing the kiosk shows: a question, or a message the patient acknowledges.
///
/// Its fields (`QuestionFields`, read and written as if they were its own: `question.text`) are
/// held by reference and copied only when one is changed while the question is shared. A question
/// is read out of the dialog's table at every check of every question and at every answer, and
/// copying its thirty-odd fields (retaining every text and list in them, then releasing them) was
/// a sixteenth of `intake check` on 10,000 questions.
@dynamicMemberLookup
public struct Question: Sendable {
  /// Written only while this question holds the one reference to it (copy on write).
  private final class Storage: @unchecked Sendable {
    var fields: QuestionFields
    init(_ fields: QuestionFields) { self.fields = fields }
  }

  private var storage: Storage

  public init(_ fields: QuestionFields) { storage = Storage(fields) }

  /// Every field, as a value.
  public var fields: QuestionFields { storage.fields }

  public subscript<Field>(dynamicMember field: KeyPath<QuestionFields, Field>) -> Field {
    storage.fields[keyPath: field]
  }

  public subscript<Field>(dynamicMember field: WritableKeyPath<QuestionFields, Field>) -> Field {
    get { storage.fields[keyPath: field] }
    set {
      if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
      storage.fields[keyPath: field] = newValue
    }
  }
}

/// What a `Question` holds.
public struct QuestionFields: Sendable {
  public var id: String
  public var section: String
  public var kind: AnswerKind
  public var text: Template
  /// Short wording for the summary and `review`; defaults to the question text.
  public var label: String
  /// Short wording for the patient (`patient_label`), where the kiosk says an answer back
  /// ("Noted from what you typed: Dose: 20 mg.") or lists it before sending: the `label` is the
  /// clinic's ("Who the escort is to the patient"), not words to say to the patient.
  public var patientLabel: String? = nil
  /// Why this question may never be shown, when the author means it (`dormant:`; see `Dormancy`).
  public var dormant: String? = nil
  /// The question whose option's `specify` this question is (`treat_conditions` for
  /// `treat_conditions_other`): shown with it wherever it is shown.
  public var specifies: String? = nil

  /// How the kiosk names the answer to the patient: `patient_label`, else the `label`.
  public var labelForPatient: String { patientLabel ?? label }
  public var help: String?
  public var why: String?
  /// Optional questions accept `skip`.
  public var required: Bool
  public var when: Expression?
  public var branches: [Branch]
  public var next: Target?
  /// Where `next`'s target is written (the `next:` value, or the last branch's `goto`).
  public var nextLocation: SourceLocation? = nil
  /// Ends the dialog after this node (a closing message).
  public var ends: Bool
  /// A message that holds the session until a member of staff resumes it (`hold: staff`): the
  /// kiosk does not invite the patient to go on, and nothing typed there moves on.
  public var hold: Hold? = nil
  /// The short line a held screen shows again whenever something is typed there (`hold_text`);
  /// the kiosk's own when not given.
  public var holdText: String? = nil
  /// What a held screen says once a member of staff has acknowledged the alert at a staff monitor
  /// (`acknowledged_text`): until then the screen must not claim that anyone is coming.
  public var acknowledgedText: String? = nil
  public var checks: [Check]
  /// The dialog's own message for an answer that does not parse or is out of range.
  /// How a bare number is read when the options are themselves numbers (`numbers:`).
  public var numberReading: NumberReading?
  /// The answer is a person's name (`person_name: true`): relationship words around it are
  /// told apart from the name (see `PersonName`).
  public var isPersonName = false
  /// The answer is a phone number (`phone: true`): a name question before it may be typed with
  /// the number after the name ("my sister Dana, 555 201 9090"), which answers this one.
  public var isPhone = false
  /// Neutral words piped into later questions when the answer cannot be said back as it is
  /// (`pipe_as: "the adult who takes you home"`).
  public var pipedAs: String?
  public var invalidMessage: String?

  /// Whether a patient who says they do not know ("idk", "not sure") leaves this answer out when
  /// the question is optional: an amount, a length of time, a date or a dose
  /// (`AnswerKind.leavesOutWhenNotKnown`), and a phone number (a trial patient's escort's number
  /// was "in my phone", not known by heart; "idk" was told it was too short).
  var leavesOutWhenNotKnown: Bool { kind.leavesOutWhenNotKnown || isPhone }
  /// The dialog's own question for an implausible number; `{answer}` is what was typed.
  public var implausibleMessage: String?
  /// The repeat group holding this question, when it is a record field.
  public var group: String?
  public var summary: SummaryHeading
  /// How findings quote this answer in plain words ("reports {med_name} {med_dose}"); for a repeat
  /// group, filled from one record. Findings quote "label: answer" when not given.
  public var cite: Template?
  public var location: SourceLocation
  /// Where each patient-facing text is written, by its key (`text`, `help`, `why`, `invalid`,
  /// `implausible`, `another`), for diagnostics that point at the words.
  public var textLocations: [String: SourceLocation] = [:]
  /// The wording is an instrument's own, kept word for word (`verbatim: true`).
  public var verbatim = false
  /// The audience the question is for (`audience: can_be_pregnant`), and where it is named.
  public var audience: Located<String>? = nil
  /// The answers (option ids; `no` or `yes` for a yes/no question) that are pertinent negatives
  /// (`denies: [no]`): the note gathers them on one "Denies:" line instead of a line each.
  public var denies: Set<String> = []

  /// The type this question's answer has in expressions, or nil for messages.
  public var valueType: ValueType? {
    switch kind {
    case .message, .review: nil
    case .yesNo: .bool
    case .choice: .choice(question: id)
    case .multipleChoice: .choices(question: id)
    case .integer, .decimal, .duration, .scale: .number
    case .date: .date
    // Rules see a dose as its words ("20 mg"): amounts in different units do not compare.
    case .text, .dose: .text
    case .bloodPressure: .bloodPressure
    case .repeatGroup: .records(group: id)
    }
  }

  /// The limits and units of a number, amount or duration question.
  public var numberRange: NumberRange? {
    switch kind {
    case .integer(let range), .decimal(let range): range
    case .duration(let rule): rule.range
    default: nil
    }
  }

  /// The lexicon a text question matches names against.
  public var lexiconID: String? {
    if case .text(_, let lexicon) = kind { return lexicon }
    return nil
  }

  /// Whether an answer is read back to the patient before it is kept.
  public var readsBack: Bool {
    if case .date(let rule) = kind { return rule.readBack }
    return false
  }

  public var options: [AnswerOption] {
    switch kind {
    case .choice(let options), .multipleChoice(let options), .scale(_, let options): options
    // One array for every yes/no question: `ChoiceMatcher` finds options folded before by their
    // array's storage, and an array made at every call was never found that way.
    case .yesNo: Question.yesNoOptions
    default: []
    }
  }
}

/// Where to go after a question.
public enum Target: Hashable, Sendable {
  case question(String)
  case end
}

/// `next:` entries: the first whose condition holds decides where the dialog goes.
public struct Branch: Sendable {
  public var condition: Expression
  public var target: Target
  public var location: SourceLocation
  /// Why this branch may never be taken, when the author means it (`dormant:`; see `Dormancy`).
  public var dormant: String? = nil
  /// Where its `goto` is written: a target that is not a question is reported there.
  public var targetLocation: SourceLocation? = nil
}

/// A validation of an answer, with the dialog's message when it fails.
public struct Check: Sendable {
  public var condition: Expression
  public var message: String
  /// Where the message is written.
  public var messageLocation: SourceLocation? = nil
}

/// Who a question can apply to (`audiences` in the manifest): a condition over earlier answers
/// that must hold wherever a question for this audience is shown, and the words that give such a
/// question away (a question whose text uses one should name the audience).
public struct Audience: Sendable {
  public var id: String
  public var condition: Expression
  /// Words (a trailing `*` matches any ending: `pregnan*`) that mark a question as one for this
  /// audience.
  public var words: [String]
  public var location: SourceLocation
}

/// Who may move a held screen on (`hold:` on a message).
public enum Hold: String, Sendable, CaseIterable {
  /// Only a member of staff, at the kiosk (its staff code), resumes the session.
  case staff
}

/// How a question is answered.
public enum AnswerKind: Sendable {
  /// Shown text; the patient presses Enter.
  case message
  /// The offer to look over the answers before they are sent (yes or no), then the answers one
  /// section at a time. Nothing is stored for it beyond having been passed.
  case review
  case yesNo
  case choice([AnswerOption])
  case multipleChoice([AnswerOption])
  case integer(NumberRange)
  case decimal(NumberRange)
  /// A length of time in any unit ("3 months", "about a year"); `unit` is the one rules use.
  case duration(DurationRule)
  case date(DateRule)
  case text(maxLength: Int, lexicon: String?)
  /// A medicine's dose ("20 mg", "half a milligram"), kept in the unit it was given in.
  case dose(DoseRule)
  /// An instrument item: options with scores; the answer's value is the score.
  case scale(String, [AnswerOption])
  case bloodPressure
  case repeatGroup(RepeatGroup)

  public var name: String {
    switch self {
    case .message: "message"
    case .review: "review"
    case .yesNo: "yes_no"
    case .choice: "choice"
    case .multipleChoice: "multiple_choice"
    case .integer: "integer"
    case .decimal: "decimal"
    case .duration: "duration"
    case .date: "date"
    case .text: "text"
    case .dose: "dose"
    case .scale: "scale"
    case .bloodPressure: "blood_pressure"
    case .repeatGroup: "repeat"
    }
  }

  /// Whether the question is answered yes or no.
  var isYesNo: Bool {
    if case .yesNo = self { return true }
    return false
  }

  /// Answered by choosing from the dialog's options (a yes or no, a list, a scale): what a
  /// line said beyond the choice is not part of the answer.
  var isChosen: Bool {
    switch self {
    case .yesNo, .choice, .multipleChoice, .scale: return true
    default: return false
    }
  }

  /// Whether a patient who says they do not know ("not sure") leaves this answer out when the
  /// question is optional (`AnswerParser.parseExactly`), rather than choosing an option or being
  /// asked again; the session keeps that they said so (`Session.saidNotKnown`).
  var leavesOutWhenNotKnown: Bool {
    switch self {
    case .integer, .decimal, .duration, .date, .dose: true
    default: false
    }
  }

  /// A whole or decimal number (a weight, a height, a count).
  var isNumber: Bool {
    switch self {
    case .integer, .decimal: return true
    default: return false
    }
  }

  /// The scale a scale question uses.
  var scaleID: String? {
    if case .scale(let id, _) = self { return id }
    return nil
  }
}

/// An option of a choice or scale question.
public struct AnswerOption: Sendable, Hashable {
  public var id: String
  public var text: String
  /// The item score, for scale options.
  public var score: Double?
  /// Choosing it clears the others ("None of these").
  public var exclusive: Bool
  /// How the option reads inside a finding's reason ("once a day" for "Once a day"; "" for an
  /// answer a reason need not mention). The option's text when not given.
  public var cite: String?
  /// Where the option is written, for coverage reports.
  public var location: SourceLocation?
  /// Other words that mean this option ("uber", "my wife"), matched as whole words.
  public var aliases: [String]

  public init(
    id: String, text: String, score: Double? = nil, exclusive: Bool = false, cite: String? = nil,
    location: SourceLocation? = nil, aliases: [String] = []
  ) {
    self.id = id
    self.text = text
    self.score = score
    self.exclusive = exclusive
    self.cite = cite
    self.location = location
    self.aliases = aliases
  }
}

public struct NumberRange: Sendable {
  public var minimum: Double?
  public var maximum: Double?
  /// The unit answers are stored in.
  public var unit: String?
  /// Other units a patient may answer in, with the factor to `unit` (`kg: 2.20462` for lb).
  public var otherUnits: [String: Double] = [:]
  /// One of `otherUnits` the note always shows beside an answer given in another unit
  /// (`show_also: kg`: a weight in pounds is also shown in kilograms, which doses are worked in).
  public var showAlso: String? = nil
  /// Outside these, the kiosk asks the patient to confirm ("You entered 450 lb. Is that right?").
  public var plausibleMinimum: Double?
  public var plausibleMaximum: Double?

  public init(
    minimum: Double? = nil, maximum: Double? = nil, unit: String? = nil, otherUnits: [String: Double] = [:],
    plausibleMinimum: Double? = nil, plausibleMaximum: Double? = nil
  ) {
    self.minimum = minimum
    self.maximum = maximum
    self.unit = unit
    self.otherUnits = otherUnits
    self.plausibleMinimum = plausibleMinimum
    self.plausibleMaximum = plausibleMaximum
  }

  /// Whether `value` is inside the range (ignoring the plausible range).
  func allows(_ value: Double) -> Bool {
    (minimum.map { value >= $0 } ?? true) && (maximum.map { value <= $0 } ?? true)
  }
}

/// Bounds on a date answer relative to today, in whole years.
/// A `dose` question.
public struct DoseRule: Sendable {
  public var maxLength: Int
  /// The question naming the medicine (`medicine: med_name`): a bare number is asked back in
  /// the unit its lexicon entry gives ("Is that 20 mg?").
  public var medicine: String?
  public var medicineLocation: SourceLocation?

  public init(maxLength: Int = 40, medicine: String? = nil, medicineLocation: SourceLocation? = nil) {
    self.maxLength = maxLength
    self.medicine = medicine
    self.medicineLocation = medicineLocation
  }
}

/// A `duration` question: how long something lasted, in any unit of time.
public struct DurationRule: Sendable {
  /// Limits and the unit rules compare in (days, weeks, months or years).
  public var range: NumberRange
  /// The words for "still going on" (`ongoing: still taking it`), when the answer may say so;
  /// the answer then holds how long so far, if the patient said.
  public var ongoing: String?

  public init(range: NumberRange, ongoing: String? = nil) {
    self.range = range
    self.ongoing = ongoing
  }
}

public struct DateRule: Sendable {
  /// The date may not be after today.
  public var notInFuture: Bool
  /// The date may not be more than this many years ago.
  public var maximumYearsAgo: Int?
  /// A date that could have been meant another way before the question's rule chose one (a
  /// two-digit year) is read back in words and confirmed before it is kept (`read_back: true`;
  /// always so for the dialog's `resume_with` question). One typed a single certain way
  /// ("04/27/1986", "April 27, 1986") is kept as it is.
  public var readBack = false
}

/// A repeat group: records of the same fields ("add another medication?").
public struct RepeatGroup: Sendable {
  public var items: [String]
  /// The yes/no question asked after each record.
  public var another: Template
  public var maximum: Int
  /// How one record is named in `review` and the summary, e.g. `{med_name} {med_dose}`.
  public var recordLabel: Template?
  /// Records the group starts with, taken from an earlier group's (`carry`), so what the patient
  /// typed once is not asked again: a medicine for depression still taken starts the list of
  /// medicines taken now.
  public var carry: RepeatCarry? = nil
}

/// Where a repeat group's first records come from (`carry: {from, when, line}`): each record of
/// `group` for which `condition` holds is typed for the patient as `line`, read as the group's
/// first question reads a line, and only what is still missing is asked.
public struct RepeatCarry: Sendable {
  public var group: String
  public var groupLocation: SourceLocation
  public var condition: Expression?
  public var line: Template
  /// Said to the patient when a carried record starts ("You said you still take {trial_drug}, so
  /// it is on this list."), in the earlier record's scope.
  public var note: Template?
}

/// A value computed from answers, declared in the dialog (a score, a count, an age).
public struct ComputedValue: Sendable {
  public var id: String
  public var label: String
  public var expression: Expression
  /// Where the value is listed in the summary (an age under the patient's details), if anywhere.
  public var summary: SummaryHeading
  public var location: SourceLocation
}

/// A validated instrument: items, a total, bands and key items, shown in the summary's Scores.
public struct Instrument: Sendable {
  public var id: String
  public var title: String
  public var recall: String
  public var items: [String]
  /// The computed value holding the total.
  public var total: String
  public var maximum: Double
  public var bands: [Band]
  public var keyItems: [String]
  public var attribution: String
  public var location: SourceLocation
  /// When the instrument is given in full (`when:` in scoring.yaml), for one asked only after a
  /// short form (the GAD-7 after its first two items): while false the summary says "not asked",
  /// never a partial total or a negative. Nil: given whenever any item was asked.
  public var condition: Expression? = nil
  /// The items' wording is the instrument's own, kept word for word (`verbatim: true`).
  public var verbatim = false
  /// Where `total:` names the computed value, for diagnostics about the total.
  public var totalLocation: SourceLocation? = nil
  /// Items the total may give a value for when they are not answered (`unasked_items:`), with the
  /// dialog's reason: skip logic by design, as the AUDIT-C's items 2 and 3 for a never-drinker.
  /// `intake check` refuses a total that supplies a value for any other unanswered item (IK208).
  public var unaskedItems: [String] = []
  public var unaskedWhy: String? = nil
  /// What the total is in a standard terminology (LOINC), for the FHIR Observation of the score
  /// (`code:` in scoring.yaml); nil where none is declared, and the export uses the dialog's own.
  public var code: Coding? = nil

  public func band(for score: Double) -> Band? { bands.first { score >= $0.minimum && score <= $0.maximum } }
}

/// A code in a code system, as FHIR's Coding: the dialog declares it, Swift names none.
public struct Coding: Sendable, Hashable {
  public var system: String
  public var code: String
  public var display: String?

  public init(system: String, code: String, display: String? = nil) {
    self.system = system
    self.code = code
    self.display = display
  }
}

public struct Band: Sendable {
  public var minimum: Double
  public var maximum: Double
  public var label: String
}

/// A kind of finding, ranked: the summary's outcome is the highest-ranked category that fired.
public struct Category: Sendable {
  public var id: String
  public var title: String
  public var rank: Int
  /// The outcome line when this is the highest category.
  public var outcome: String
  /// Who must clear an intake with a finding of this category before it can be booked, if
  /// anyone (`before_booking`): the console refuses "booked" until they have.
  public var beforeBooking: BookingClearance? = nil
}

/// Who clears a finding before the intake is booked (a category's `before_booking`).
public enum BookingClearance: String, Sendable, Codable, CaseIterable {
  /// A psychiatrist reviews it and says so (a contraindication, an interaction, a safety finding).
  case psychiatrist
  /// Any member of staff records how it was resolved (a safe way home arranged).
  case resolved
}

/// A screening rule: when its condition holds, a finding is recorded with the answers that caused it.
public struct Rule: Sendable {
  public var id: String
  public var category: String
  /// When it fires: its `applies_when` (if any) and its `when`.
  public var condition: Expression
  /// The rule's `when` alone, when it has an `applies_when`: the answers that raise the finding
  /// are cited from it, not the ones that only say whom it is for ("here for depression").
  public var evidenceCondition: Expression? = nil
  /// Clinician-facing explanation, with `{piping}` of answers.
  public var finding: Template
  public var questions: [Template]
  public var escalation: Escalation?
  /// Where the rule's basis is written down (a CLINICAL.md tag, a clinic policy).
  public var source: String?
  public var location: SourceLocation
  /// Why this rule may never fire, when the author means it (`dormant:`; see `Dormancy`).
  public var dormant: String? = nil
  /// Rules whose findings this one says together (`replaces: [maoi, uncontrolled_hypertension]`):
  /// when it fires, theirs are not printed apart; their reasons join its own.
  public var replaces: [String] = []

  /// The name a finding or question uses for what the rule cited, in the patient's words with
  /// its class ("Nardil (phenelzine; MAOI)"): `{cited}`.
  public static let citedName = "cited"
}

/// Safety escalation: checked after every answer; on firing it interrupts the dialog at once.
public struct Escalation: Sendable {
  public var tier: Int
  /// The message node shown immediately (crisis resources).
  public var show: String?
  /// Raise a staff alert through the kiosk's alert channel.
  public var alert: Bool
}

/// A property of every path through the dialog, declared in the manifest and checked by
/// `intake check`'s path analysis.
public struct SafetyProperty: Sendable {
  public enum Kind: Sendable {
    /// At the answer that makes `condition` true, `screen` is shown next (an interrupting
    /// message, `show:`, or a question of the flow, `next:`), with a staff alert from that same
    /// answer when `alert` is set.
    case interrupts(condition: Expression, screen: String, alert: Bool)
    /// Every intake that reaches the end of the flow has answers for these questions.
    case finishedIncludes([String])
  }

  public var id: String
  public var kind: Kind
  public var location: SourceLocation
}

/// A lexicon that maps what a patient types (drug names, brands, typos) to an entry and tags.
public struct Lexicon: Sendable {
  public var id: String
  public var tags: [String: String]
  /// Concern codes and what each means (`BP`: raises blood pressure), declared by the lexicon.
  public var concerns: [String: String] = [:]
  /// The concern codes of each tag (a drug class): what the summary flags for its entries.
  public var tagConcerns: [String: [String]] = [:]
  /// The unit doses of its entries are usually given in (`dose_unit: mg`), unless an entry says.
  public var doseUnit: String?
  public var entries: [LexiconEntry] {
    didSet { (spellings, spellingIndex) = Self.index(entries) }
  }
  /// Every name and alias, normalised once for matching.
  public private(set) var spellings: [Spelling]
  /// The first spelling of each normalised name, by that name: a typed name is looked up, not
  /// compared with every spelling (a translation's names make hundreds).
  private(set) var spellingIndex: [String: Int]

  public struct Spelling: Sendable {
    public var text: String
    public var normalized: String
    /// The index of its entry in `entries`.
    public var entry: Int
    /// `normalized`'s unicode scalars, for the edit distance to a near miss.
    var scalars: [Unicode.Scalar]
    /// Its letters, which rule most spellings out of a near miss before the distance is worked out.
    var letters: LetterMask

    init(text: String, normalized: String, entry: Int) {
      self.text = text
      self.normalized = normalized
      self.entry = entry
      scalars = Array(normalized.unicodeScalars)
      letters = LetterMask(scalars)
    }
  }

  public init(id: String, tags: [String: String], entries: [LexiconEntry]) {
    self.id = id
    self.tags = tags
    self.entries = entries
    (spellings, spellingIndex) = Self.index(entries)
  }

  static func index(_ entries: [LexiconEntry]) -> ([Spelling], [String: Int]) {
    let spellings = entries.enumerated().flatMap { index, entry in
      ([entry.name] + entry.aliases).map {
        let normalized = LexiconMatcher.normalize($0)
        return Spelling(text: $0, normalized: normalized, entry: index)
      }
    }
    var byName: [String: Int] = [:]
    for (index, spelling) in spellings.enumerated() where byName[spelling.normalized] == nil {
      byName[spelling.normalized] = index
    }
    return (spellings, byName)
  }
}

// Here, not with the other compiled forms (`DialogCompiledForm`): the index is private to the lexicon.
extension Lexicon: CompiledForm {
  public func write(to writer: CompiledWriter) {
    writer.write(id)
    writer.write(tags)
    writer.write(concerns)
    writer.write(tagConcerns)
    writer.write(doseUnit)
    writer.write(entries)
    writer.write(spellings)
    writer.write(spellingIndex)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    id = try reader.read()
    tags = try reader.read()
    concerns = try reader.read()
    tagConcerns = try reader.read()
    doseUnit = try reader.read()
    entries = try reader.read()
    spellings = try reader.read()
    spellingIndex = try reader.read()
  }
}

extension Lexicon.Spelling: CompiledForm {
  /// The scalars and letters are the normalized spelling's, taken again when read back.
  public func write(to writer: CompiledWriter) {
    writer.write(text)
    writer.write(normalized)
    writer.write(entry)
  }

  public init(from reader: CompiledReader) throws(CompiledFormError) {
    text = try reader.read()
    normalized = try reader.read()
    entry = try reader.read()
    scalars = Array(normalized.unicodeScalars)
    letters = LetterMask(scalars)
  }
}

public struct LexiconEntry: Sendable {
  public var name: String
  public var aliases: [String]
  public var tags: [String]
  /// The unit its dose is usually given in, when not the lexicon's (`dose_unit: mcg`).
  public var doseUnit: String?

  public init(name: String, aliases: [String], tags: [String], doseUnit: String? = nil) {
    self.name = name
    self.aliases = aliases
    self.tags = tags
    self.doseUnit = doseUnit
  }
}

/// The screens a patient may meet, counted by `intake test` over the journeys that go to the
/// end (questions and information screens alike; a journey marked `length:` is left out).
public struct LengthBudget: Sendable, Equatable {
  /// No such journey may have more.
  public var maximumScreens: Int?
  /// The median of those journeys may not be more.
  public var medianScreens: Int?
  public var location: SourceLocation
}
