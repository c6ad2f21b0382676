import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A dialog offered in Spanish (issue 18): the patient chooses the language on the first screen
/// (by number or name) and can switch at any question; everything they read is in it, what they
/// type in it is understood, and the note stays in the dialog's language with their own words
/// quoted and marked.
@Suite struct LanguageTests {
  /// Every kiosk phrase, "ES "-prefixed: a translation of the kiosk's words that keeps each
  /// placeholder (test fixtures only).
  static var kiosk: String {
    "kiosk:\n"
      + KioskPhrase.allCases.map { phrase in
        let words: String
        switch phrase {
        case .languageName: words = "Español"
        case .shownYes: words = "Sí"
        case .shownNo: words = "No."
        case .switchCommand: words = "español   para ver las preguntas en español"
        case .dateSpoken: words = "{day} de {month} de {year}"
        case .timeFormat: words = "EEEE d 'de' MMMM"
        default: words = "ES " + phrase.english
        }
        return "  \(phrase.rawValue): \(JSONValue.quote(words))"
      }.joined(separator: "\n")
  }

  static let files = InMemoryDialogFiles(
    root: "d",
    files: [
      "dialog.yaml": """
      id: bilingual
      version: "1"
      title: New patient questions
      language: en
      sections: [main.yaml]
      scoring: scoring.yaml
      translations: [es.yaml]
      scales:
        - id: often
          options:
            - { id: never, text: "Never", score: 0 }
            - { id: daily, text: "Every day", score: 1 }
      """,
      "scoring.yaml": """
      computed:
        - id: mood_total
          label: Mood total
          value: mood_1
      instruments:
        - id: mood
          title: Mood check
          recall: Past week
          items: [mood_1]
          total: mood_total
          max: 1
          bands:
            - { min: 0, max: 1, label: "Any" }
          attribution: A test instrument.
      """,
      "main.yaml": """
      section: main
      title: About you
      questions:
        - id: consent
          kind: yes_no
          label: Agreed to continue
          text: Do you want to continue?
        - id: name
          kind: text
          label: First name
          text: What is your first name?
        - id: sad
          kind: yes_no
          label: Feels sad
          text: Do you often feel sad?
        - id: weight
          kind: decimal
          label: Weight
          text: How much do you weigh?
          unit: lb
          other_units: { kg: 2.20462 }
          min: 50
          max: 700
        - id: height
          kind: decimal
          label: Height
          text: How tall are you?
          unit: in
          other_units: { cm: 0.393701, m: 39.3701 }
          min: 36
          max: 96
        - id: how_long
          kind: duration
          label: How long
          unit: months
          min: 0
          max: 1200
          text: How long have you felt this way?
        - id: born
          kind: date
          label: Date of birth
          not_in_future: true
          text: What is your date of birth?
        - id: ride
          kind: choice
          label: Ride home
          text: How will you get home?
          options:
            - { id: driver, text: "Someone drives me" }
            - { id: taxi, text: "A taxi" }
        - id: worry
          kind: text
          label: Main worry
          text: What worries you most?
        - id: mood_1
          kind: scale
          scale: often
          label: Mood item 1
          text: How often do you feel down?
        - id: controlled
          kind: choice
          label: Blood pressure controlled
          text: Is your blood pressure under control?
          options:
            - { id: "yes", text: "Yes" }
            - { id: "no", text: "No" }
            - { id: unsure, text: "Not sure" }
        - id: since
          kind: choice
          label: How long it has lasted
          text: How long has this lasted?
          options:
            - { id: short, text: "Less than 6 months" }
            - { id: year, text: "6 to 12 months" }
            - { id: two, text: "1 to 2 years" }
            - { id: long, text: "More than 2 years" }
      """,
      "es.yaml": """
      language: es
      name: Español
      names: [spanish, castellano]
      title: Preguntas para pacientes nuevos
      sections:
        main:
          title: Sobre usted
          questions:
            consent: { text: ¿Quiere continuar? }
            name: { text: ¿Cuál es su nombre? }
            sad: { text: ¿Se siente triste a menudo? }
            weight: { text: ¿Cuánto pesa? }
            height: { text: ¿Cuánto mide? }
            how_long: { text: ¿Desde hace cuánto se siente así? }
            born: { text: ¿Cuál es su fecha de nacimiento? }
            ride:
              text: ¿Cómo volverá a casa?
              options:
                driver: { text: "Alguien me lleva", aliases: [mi hermana] }
                taxi: "Un taxi"
            worry: { text: ¿Qué le preocupa más? }
            mood_1: { text: ¿Con qué frecuencia se siente decaído? }
            controlled:
              text: ¿Tiene la presión controlada?
              options: { "yes": Sí, "no": "No", unsure: No estoy seguro(a) }
            since:
              text: ¿Desde hace cuánto?
              options: { short: Menos de 6 meses, year: De 6 a 12 meses, two: De 1 a 2 años, long: Más de 2 años }
      scales:
        often:
          options: { never: Nunca, daily: Todos los días }
      not_validated:
        mood: No validated Spanish version.
      words:
        "yes": [sí, si, claro]
        "no": ["no", nop]
        none: [nada]
        years: [años]
        year: [año]
        "don't know": [no sé, no lo sé]
        help: [ayuda]
        kg: [kilos]
        m: [metros]
        months: [meses]
        month: [mes]
        april: [abril]
        "2": [dos]
        english: [inglés]
        pounds: [libras]
      keep: ["No"]
      ignored_words: [de, hace]
      decimal_comma: true
      """ + "\n" + kiosk,
    ])

  static func dialog() throws -> Dialog {
    let outcome = DialogLoader.check(files)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    return try #require(outcome.dialog)
  }

  @Test func theFirstScreenOffersEachLanguageInItself() throws {
    var conversation = Conversation(session: Session(dialog: try Self.dialog(), clock: TestSupport.fixedClock))
    let first = conversation.start().text
    #expect(
      first == """
        New patient questions
        Preguntas para pacientes nuevos

        Choose a language: type its number or its name.
        ES Choose a language: type its number or its name.
          1. English
          2. Español
        """)
    #expect(conversation.place == .choosingLanguage)
    let unclear = conversation.handle("hola").text
    #expect(unclear.hasPrefix("Please type the number of your language.\nES Please type the number"))
    #expect(conversation.place == .choosingLanguage)
    let spanish = conversation.handle("2").text
    #expect(spanish.hasPrefix("Preguntas para pacientes nuevos\n\nES Type your answer"), "\(spanish)")
    #expect(spanish.contains("== Sobre usted ==\n\n¿Quiere continuar?\n  1. Sí\n  2. No."))
  }

  @Test(arguments: [("2", "es"), ("Español", "es"), ("espanol", "es"), ("SPANISH", "es"), ("1", nil), ("", nil)])
  func aLanguageIsChosenByNumberOrName(_ typed: String, _ language: String?) throws {
    let patient = ScriptedPatient(dialog: try Self.dialog(), language: typed)
    #expect(patient.session.translation?.language == language)
    #expect(patient.conversation.place.questionID == "consent")
  }

  /// Every answer is asked whether it names a language: a line with more letters than the
  /// longest name is refused from its bytes, and only where reading its words would refuse it.
  @Test func aLineTooLongToNameALanguageIsRefusedAsItsWordsWouldBe() throws {
    let conversation = Conversation(session: Session(dialog: try Self.dialog(), clock: TestSupport.fixedClock))
    let pieces = ["español", "Spanish", "english", " ", "!", "'", "2", "0", "es", "inglés", "no", "la", "x"]
    var lines: [String] = [""]
    for _ in 0..<3 { lines += lines.flatMap { line in pieces.map { line + $0 } } }
    var named = 0
    for line in Set(lines) {
      let read = conversation.languageByWords(named: line)
      #expect(conversation.language(named: line) == read, "\(line.debugDescription)")
      if read != nil { named += 1 }
    }
    #expect(named > 20)
  }

  @Test func thePatientSwitchesAtAnyQuestionAndKeepsTheirAnswers() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(), language: "2")
    patient.type("sí")
    let english = patient.type("inglés")
    #expect(english.contains("== About you ==\n\nWhat is your first name?"), "\(english)")
    #expect(patient.session.answers.value(of: "consent") == .bool(true))
    let back = patient.type("español")
    #expect(back.contains("¿Cuál es su nombre?"))
    let help = patient.type("ayuda")
    #expect(help.contains("ES You can type:"))
    #expect(help.contains("  english   to see the questions in English"))
  }

  /// What a Spanish speaker types is understood in Spanish; "No sé" is never read as a no.
  @Test func answersTypedInSpanishAreUnderstood() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(), language: "2")
    patient.type("claro", "Ana")
    let unsure = patient.type("No sé")
    #expect(unsure.hasPrefix("ES Please answer yes or no."), "\(unsure)")
    #expect(!patient.session.answers.isAnswered("sad"))
    patient.type("no", "68 kilos", "1,60 metros", "hace 3 meses", "27 de abril de 1982")
    let answers = patient.session.answers
    #expect(answers.value(of: "sad") == .bool(false))
    #expect(answers.value(of: "weight").amount?.asGiven == "68 kg")
    #expect(answers.value(of: "height").amount?.asGiven == "1.6 m")
    #expect(answers.value(of: "how_long").amount?.asGiven == "3 months")
    #expect(answers.value(of: "born") == .date(try #require(CalendarDate(year: 1982, month: 4, day: 27))))
    patient.type("dos")
    #expect(patient.session.answers.value(of: "ride") == .choice("taxi"))
    patient.type("el dinero")
    // A sentence with one word the phrasebook knows ("nada") is not read against the options:
    // it is asked again, never taken as "Never".
    let sentence = patient.type("ya nada me ayuda")
    #expect(sentence.hasPrefix("ES Please type the number of your answer"), "\(sentence)")
    #expect(!patient.session.answers.isAnswered("mood_1"))
    // "No" is the option that is the word alone, not "No estoy seguro(a)"; "hace 10 años" is a
    // length of time, in the dialog's own bands.
    patient.type("todos los días", "nop", "hace 10 años")
    #expect(patient.session.answers.value(of: "controlled") == .choice("no"))
    #expect(patient.session.answers.value(of: "since") == .choice("long"))
  }

  /// "no todos los días" is not "every day": a negated answer is asked again.
  @Test func aNegatedAnswerIsNotTheAnswerItNames() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(), language: "2")
    patient.type("sí", "Ana", "no", "68 kilos", "1,60 m", "3 meses", "27/04/1982", "1", "el dinero")
    patient.type("no todos los días")
    #expect(!patient.session.answers.isAnswered("mood_1"))
  }

  /// The note is the dialog's: its option texts, its labels, a header naming the language, and
  /// the patient's own words quoted as typed and marked with theirs.
  @Test func theNoteStaysInTheDialogsLanguage() throws {
    var patient = ScriptedPatient(dialog: try Self.dialog(), language: "2")
    patient.type(
      "sí", "Ana", "no", "68 kilos", "1,60 m", "3 meses", "27/04/1982", "mi hermana", "el dinero y el trabajo",
      "todos los días", "no", "4")
    #expect(patient.session.isFinished)
    let summary = Summary(session: patient.session, sessionID: "s1")
    #expect(summary.takenIn == "Spanish (Español, es)")
    let note = MarkdownRenderer.render(summary)
    #expect(note.contains("- **Language**: taken in Spanish (Español, es); this note is in the dialog's language;"))
    #expect(note.contains("quoted as typed, with the kiosk's reading beside words it knows, and marked (es)"))
    #expect(note.contains("Someone drives me"), "\(note)")
    #expect(!note.contains("Alguien me lleva"))
    #expect(note.contains("- **Main worry**: \"el dinero y el trabajo\" (es)"), "\(note)")
    #expect(note.contains("68 kg"))
    // A score from items given in a wording not validated in Spanish says so where it is read.
    #expect(summary.notValidated == ["mood"])
    #expect(
      note.contains(
        "| Mood check; past week (administered in a translation not validated in this language) | 1 of 1 |"),
      "\(note)")
    // The same intake in English has no language line and nothing marked.
    var english = ScriptedPatient(dialog: try Self.dialog())
    english.type("yes", "Ana", "no", "150", "5 ft 4 in", "3 months", "04/27/1982", "1", "money", "never", "no", "4")
    let plain = MarkdownRenderer.render(Summary(session: english.session, sessionID: "s2"))
    #expect(!plain.contains("**Language**"))
    #expect(!plain.contains("(es)"))
    #expect(!plain.contains("not validated"))
  }

  /// Words the kiosk wholly knows get its reading beside them; a sentence is quoted alone.
  @Test func thePatientsWordsAreQuotedWithTheKiosksReading() throws {
    let translation = try #require(try Self.dialog().translation("es"))
    #expect(Summary.marked("nada", quoted: true, language: "es", in: translation) == "\"nada\" (es: none)")
    #expect(
      Summary.marked("ya nada me ayuda", quoted: true, language: "es", in: translation) == "\"ya nada me ayuda\" (es)")
  }

  /// A Spanish journey is recorded with its language screen, and replays.
  @Test func aSpanishTranscriptReplays() throws {
    let dialog = try Self.dialog()
    let lines = [
      "2", "sí", "Ana", "no", "68 kilos", "1,60 m", "3 meses", "27/04/1982", "2", "el dinero", "nunca", "no", "4",
    ]
    let played = Transcript.play(
      lines.map(KioskScreen.Input.line), dialog: dialog, clock: TestSupport.fixedClock, interactive: false)
    #expect(played.transcript.text.contains(">[:language] 2"))
    let replay = Replay(
      try Transcript.parse(played.transcript.text, path: "es.transcript"), path: "es.transcript", dialog: dialog)
    #expect(replay.passed, "\(replay)")
  }

  /// Saved inputs rebuild the session in the language it was in, switch included.
  @Test func savedInputsComeBackInTheirLanguage() throws {
    let dialog = try Self.dialog()
    let start = TestSupport.fixedClock.now()
    let inputs =
      [LoggedInput(kind: .start, at: start), LoggedInput(kind: .language, at: start, line: "es")]
      + ["sí", "english", "Ana"].map { LoggedInput(kind: .line, at: start, line: $0) }
    let screen = try #require(KioskScreen.restored(dialog: dialog, inputs: inputs, interactive: true))
    #expect(screen.conversation.session.translation == nil)
    #expect(screen.conversation.session.answers.value(of: "consent") == .bool(true))
    #expect(screen.conversation.session.answers.value(of: "name") == .text("Ana"))
    var spanish = try #require(KioskScreen.restored(dialog: dialog, inputs: Array(inputs.prefix(3)), interactive: true))
    #expect(spanish.conversation.session.translation?.language == "es")
    #expect(spanish.resumedText().contains("¿Cuál es su nombre?"))
    // Saved before the kiosk offered languages: the first line answers the first question.
    let older =
      [LoggedInput(kind: .start, at: start)] + ["2", "Ana"].map { LoggedInput(kind: .line, at: start, line: $0) }
    let old = try #require(KioskScreen.restored(dialog: dialog, inputs: older, interactive: true))
    #expect(old.conversation.session.answers.value(of: "consent") == .bool(false))
  }

  /// The languages worked out when the dialog was loaded are the ones a conversation offers, and
  /// a dialog whose translations changed since is not offered the old ones.
  @Test func theLanguagesWorkedOutAtLoadAreTheDialogsOwn() throws {
    let dialog = try #require(DialogLoader.check(Self.files).dialog)
    let loaded = try #require(dialog.offeredLanguages)
    #expect(loaded.map(\.code) == ["en", "es"])
    #expect(loaded.map(\.names) == Conversation.languages(of: dialog).map(\.names))
    var english = dialog
    english.translations = []
    #expect(Conversation.offeredLanguages(of: english).isEmpty)
    #expect(Conversation(session: Session(dialog: english, clock: TestSupport.fixedClock)).place != .choosingLanguage)
  }
}
