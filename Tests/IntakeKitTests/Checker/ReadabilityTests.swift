import Foundation
import IntakeStore
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The reading level of patient text: syllables, the Flesch-Kincaid grade, what counts as a
/// patient text, and the lint against the dialog's `reading_grade_max` (IK403).
@Suite struct ReadabilityTests {
  /// Syllables by a dictionary (Merriam-Webster's division), chosen for the rules they test.
  static let knownWords: [(String, Int)] = [
    // Vowel groups, y as a vowel and a consonant.
    ("a", 1), ("cat", 1), ("yes", 1), ("you", 1), ("year", 1), ("happy", 2), ("type", 1), ("beyond", 2),
    ("player", 2), ("crying", 2), ("rhythm", 2), ("eye", 1), ("eyes", 1), ("lawyer", 2),
    // Silent e, and -le that is a syllable.
    ("make", 1), ("the", 1), ("be", 1), ("there", 1), ("table", 2), ("little", 2), ("while", 1), ("people", 2),
    ("severe", 2), ("before", 2), ("change", 1), ("free", 1), ("movie", 2), ("true", 1), ("issue", 2),
    ("continue", 3), ("value", 2), ("league", 1), ("maybe", 2), ("alone", 2), ("whistle", 2),
    // -ed and -es.
    ("asked", 1), ("used", 1), ("wanted", 2), ("needed", 2), ("moved", 1), ("need", 1), ("shed", 1),
    ("troubled", 2), ("called", 1), ("required", 2), ("experienced", 4), ("makes", 1), ("times", 1), ("uses", 2),
    ("changes", 2), ("places", 2), ("boxes", 2), ("tables", 2), ("files", 1), ("types", 1), ("minutes", 2),
    ("does", 1), ("goes", 1), ("seizures", 2), ("allergies", 3), ("diabetes", 4),
    // A silent e before a suffix; compounds.
    ("likely", 2), ("completely", 3), ("safely", 2), ("lonely", 2), ("extremely", 3), ("movement", 2),
    ("useless", 2), ("surely", 2), ("freely", 2), ("gentleness", 3), ("careful", 2), ("sometimes", 2),
    ("someone", 2), ("something", 2), ("somewhere", 2), ("therefore", 2), ("homework", 2), ("lifetime", 2),
    ("household", 2), ("caregiver", 3), ("rideshare", 2), ("elsewhere", 2), ("judgement", 2), ("coordinator", 5),
    ("everyone", 3), ("anyone", 3), ("everything", 3), ("safety", 2),
    // Vowel pairs that are two syllables, and the endings where they are one.
    ("idea", 3), ("area", 3), ("apnea", 3), ("reality", 4), ("react", 2), ("reaction", 3), ("ocean", 2),
    ("being", 2), ("going", 2), ("seeing", 2), ("saying", 2), ("trying", 2), ("video", 3), ("theory", 3),
    ("geography", 4), ("courageous", 3), ("usual", 3), ("actually", 4), ("sexual", 3), ("quality", 3),
    ("language", 2), ("question", 2), ("guess", 1), ("quite", 1), ("influence", 3), ("fluent", 2), ("fluid", 2),
    ("ruin", 2), ("genuine", 3), ("build", 1), ("guide", 1), ("juice", 1), ("medium", 3), ("calcium", 3),
    ("potassium", 4), ("mania", 3), ("trial", 2), ("social", 2), ("special", 2), ("initial", 3), ("physician", 3),
    ("period", 3), ("violence", 3), ("radio", 3), ("biology", 4), ("priority", 4), ("nation", 2), ("religion", 3),
    ("fashion", 2), ("million", 2), ("opinion", 3), ("union", 2), ("senior", 2), ("behavior", 3), ("serious", 3),
    ("previous", 3), ("various", 3), ("obvious", 3), ("curious", 3), ("anxious", 2), ("conscious", 2),
    ("cautious", 2), ("anxiety", 4), ("society", 4), ("experience", 4), ("convenient", 4), ("patient", 2),
    ("efficient", 3), ("easier", 3), ("easiest", 3), ("piece", 1), ("tried", 1), ("friend", 1), ("quiet", 2),
    // -ism, contractions.
    ("autism", 3), ("alcoholism", 5), ("spasm", 2), ("aneurysm", 4), ("don't", 1), ("couldn't", 2),
    ("doesn't", 2), ("isn't", 2), ("can't", 1), ("I'm", 1), ("you're", 1), ("they're", 1), ("you've", 1),
    // The clinic's words.
    ("ketamine", 3), ("esketamine", 4), ("psychiatrist", 4), ("psychiatric", 4), ("psychosis", 3),
    ("bipolar", 3), ("hallucinations", 5), ("schizophrenia", 5), ("depression", 3), ("pressure", 2),
    ("hypertension", 4), ("medication", 4), ("prescription", 3), ("antidepressant", 5), ("benzodiazepine", 6),
    ("lorazepam", 4), ("stimulant", 3), ("opioids", 3), ("naltrexone", 3), ("breastfeeding", 3), ("pregnant", 2),
    ("contraception", 4), ("hysterectomy", 5), ("menopause", 3), ("epilepsy", 4), ("glaucoma", 3), ("thyroid", 2),
    ("overactive", 4), ("allergic", 3), ("anesthesia", 4), ("emergency", 4), ("suicide", 3), ("treatment", 2),
    ("appointment", 3), ("answer", 2), ("choose", 1), ("please", 1), ("number", 2), ("family", 3),
    // Abbreviations in capitals are read letter by letter.
    ("COPD", 4), ("IVF", 3), ("PTSD", 4), ("WHO", 5),
  ]

  @Test func syllablesOfKnownWords() {
    var wrong: [String] = []
    for (word, expected) in Self.knownWords where Readability.syllables(word) != expected {
      wrong.append("\(word): \(Readability.syllables(word)), not \(expected)")
    }
    #expect(wrong.isEmpty, "\(wrong.joined(separator: "; "))")
  }

  @Test func theGradeIsFleschKincaids() throws {
    // 10 words, 2 sentences, 13 syllables: 0.39 × 5 + 11.8 × 1.3 − 15.59 = 1.7.
    let measure = Readability.measure("The cat sat on the mat. Then it ate a fish.")
    #expect(measure == Readability.Measure(words: 11, sentences: 2, syllables: 11))
    let grade = try #require(measure.grade)
    #expect(abs(grade - (0.39 * 11 / 2 + 11.8 * 11 / 11 - 15.59)) < 1e-9)
    #expect(Readability.measure("").grade == nil)
  }

  @Test func numbersPlaceholdersAndAbbreviationsAreReadSensibly() {
    // A date, a reading and a decimal are one word each, of one syllable; no full stop inside
    // them ends a sentence.
    #expect(
      Readability.measure("Type it like 04/27/1986 or 128/82 or 2.5 today.")
        == Readability.Measure(words: 9, sentences: 1, syllables: 10))
    // A placeholder is one word of one syllable.
    let thanks = Readability.measure("Thank you, \(Readability.placeholder).")
    #expect(thanks == Readability.Measure(words: 3, sentences: 1, syllables: 3))
    // "e.g." and "Dr." do not end a sentence; a question mark does.
    #expect(Readability.measure("Ask Dr. Lee, e.g. about pain. Is it bad?").sentences == 2)
    // A text without an end mark is one sentence; a line ending in ':' ends one before its list.
    #expect(Readability.measure("I prefer not to say").sentences == 1)
    #expect(Readability.measure("If you want to talk:\n  Call 988 now.\n  Text 741741.").sentences == 3)
    // A blank line ends a paragraph without a full stop.
    #expect(Readability.measure("Thank you\n\nPlease wait").sentences == 2)
    // Hyphens and slashes part words.
    #expect(Readability.measure("self-harm and/or").words == 4)
  }

  static func dialog(_ questions: String, manifest extra: String = "", scoring: String? = nil) -> DialogLoader.Outcome {
    var files = [
      "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]\n" + extra
        + (scoring == nil ? "" : "scoring: s.yaml\n"),
      "m.yaml": "section: m\ntitle: M\nquestions:\n" + questions,
    ]
    if let scoring { files["s.yaml"] = scoring }
    return DialogLoader.check(InMemoryDialogFiles(files: files))
  }

  static let questions = """
      - id: plain
        kind: yes_no
        text: Do you have a ride home today?
        help: Type yes or no.
      - id: hard
        kind: yes_no
        text: Have you experienced hypertensive complications necessitating pharmacological intervention previously?
      - id: phq
        kind: choice
        verbatim: true
        text: Over the last 2 weeks, have you experienced considerable psychomotor retardation, observable by others?
        options:
          - { id: "yes", text: "Yes" }
          - { id: "no", text: "No" }

    """

  @Test func aTextFarAboveTheTargetIsFlagged() throws {
    let outcome = Self.dialog(Self.questions, manifest: "reading_grade_max: 8\n")
    let found = outcome.diagnostics.filter { $0.code == .readingLevel }
    // The hard question (grade 20 and more), and the dialog as a whole; not the verbatim item.
    let text = try #require(found.first { $0.message.hasPrefix("the text of 'hard'") })
    #expect(text.severity == .warning)
    #expect(text.location.line == 10)
    #expect(text.location.file.hasSuffix("m.yaml"))
    #expect(text.message.contains("reading_grade_max of 8"))
    #expect(text.message.contains("\"pharmacological\""))
    #expect(!found.contains { $0.message.contains("'phq'") })
    #expect(found.count == 2)
    let whole = try #require(found.first { $0.message.contains("as a whole") })
    #expect(whole.location.file.hasSuffix("dialog.yaml"))
  }

  /// A kiosk checks a dialog for errors at every start; how its texts read is advice for the
  /// author (`intake check`), not worked out there.
  @Test func aKiosksCheckLeavesTheReadingLevelToTheAuthor() throws {
    let files = InMemoryDialogFiles(files: [
      "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]\nreading_grade_max: 8\n",
      "m.yaml": "section: m\ntitle: M\nquestions:\n" + Self.questions,
    ])
    #expect(DialogLoader.check(files).diagnostics.contains { $0.code == .readingLevel })
    let kiosk = DialogLoader.check(files, checks: .errorsOnly)
    #expect(kiosk.dialog != nil)
    #expect(!kiosk.diagnostics.contains { $0.code == .readingLevel })
    // An error is still one.
    var broken = files
    broken.files["m.yaml"]? += "  - id: plain\n    kind: yes_no\n    text: Again?\n"
    #expect(DialogLoader.check(broken, checks: .errorsOnly).dialog == nil)
  }

  /// Answers that are names of conditions ("Schizophrenia", "Generalized anxiety disorder") are a
  /// list, not prose: no grade of their own; answers written as sentences are graded.
  @Test func aListOfNamesIsNotGradedAsProse() throws {
    let names = """
        - id: diagnoses
          kind: multiple_choice
          text: Which of these have you been told you have?
          options:
            - { id: a, text: "Schizophrenia" }
            - { id: b, text: "Generalized anxiety disorder" }
            - { id: c, text: "Obsessive compulsive disorder" }
            - { id: d, text: "Posttraumatic stress disorder" }

      """
    let prose = """
        - id: treatments
          kind: multiple_choice
          text: Which of these have you had?
          options:
            - { id: a, text: "Electroconvulsive therapy administered under general anesthesia" }
            - { id: b, text: "Transcranial magnetic stimulation delivered repeatedly" }

      """
    let listed = Self.dialog(names, manifest: "reading_grade_max: 8\n").diagnostics
    #expect(!listed.contains { $0.code == .readingLevel && $0.message.contains("answers of 'diagnoses'") })
    let graded = Self.dialog(prose, manifest: "reading_grade_max: 8\n").diagnostics
    #expect(graded.contains { $0.code == .readingLevel && $0.message.contains("answers of 'treatments'") })
  }

  @Test func withoutATargetNothingIsSaid() {
    #expect(Self.dialog(Self.questions).diagnostics.filter { $0.code == .readingLevel }.isEmpty)
  }

  @Test func verbatimItemsAreLeftOutByQuestionOrByInstrument() throws {
    let dialog = try #require(Self.dialog(Self.questions).dialog)
    let measured = Set(ReadingLevel(dialog: dialog).texts.map(\.question))
    #expect(measured == ["plain", "hard"])
    let scoring = """
      computed:
        - { id: total, value: "sum(hard)" }
      instruments:
        - id: inst
          title: Inst
          items: [hard]
          total: total
          max: 1
          verbatim: true
          bands: [{ min: 0, max: 1, label: any }]

      """
    let withInstrument = try #require(
      Self.dialog(
        Self.questions.replacingOccurrences(
          of: "  - id: hard\n    kind: yes_no", with: "  - id: hard\n    kind: integer"),
        scoring: scoring
      ).dialog)
    #expect(Set(ReadingLevel(dialog: withInstrument).texts.map(\.question)) == ["plain"])
  }

  /// Texts are measured in shares on every core: each keeps its place in the dialog and has the
  /// measure it has alone; the author's check hands its reading level back for the report.
  @Test func manyTextsAreMeasuredInTheirOrderAsEachAlone() throws {
    let words = ["cat", "elephant", "responsibility", "tree", "anniversary", "dog", "beautiful"]
    let questions = (1...150).map { index in
      "  - id: q\(index)\n    kind: yes_no\n    text: \"Is the \(words[index % words.count]) number \(index) here today?\"\n"
    }.joined()
    let outcome = Self.dialog(questions)
    let dialog = try #require(outcome.dialog)
    let texts = ReadingLevel(dialog: dialog).texts
    #expect(texts.map(\.question) == (1...150).map { "q\($0)" })
    var known: [String: Int] = [:]
    #expect(texts.allSatisfy { $0.measure == Readability.measure($0.text, known: &known) })
    let handedBack = try #require(outcome.readingLevel)
    #expect(handedBack.texts.map(\.text) == texts.map(\.text))
    #expect(handedBack.overall == ReadingLevel(dialog: dialog).overall)
    let kiosk = DialogLoader.check(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: d\nversion: \"1\"\ntitle: D\nsections: [m.yaml]\n",
        "m.yaml": "section: m\ntitle: M\nquestions:\n" + questions,
      ]), checks: .errorsOnly)
    #expect(kiosk.readingLevel == nil)
  }

  @Test func everyPatientTextCountsOnceAndStaffTextNotAtAll() throws {
    let dialog = try #require(
      Self.dialog(
        """
          - id: name
            kind: text
            text: Your name?
            invalid: Please type your name.
            checks:
              - { require: "len(name) > 1", message: "That looks too short." }
          - id: ride
            kind: choice
            label: Staff words never measured
            text: "How will you get home, {name}?"
            help: Type a number.
            why: We need to know.
            options:
              - { id: car, text: "By car" }
              - { id: bus, text: "By bus" }

        """
      ).dialog)
    let texts = ReadingLevel(dialog: dialog).texts
    #expect(texts.map(\.field) == [.text, .invalid, .check, .text, .options, .help, .why])
    #expect(texts.count == 7 && texts[4].text == "By car. By bus.")
    #expect(texts.count == 7 && texts[3].measure.words == 6)
    #expect(!texts.contains { $0.text.contains("Staff") })
  }

  /// The shipped dialog reads at or below its own `reading_grade_max` as a whole. The figure is
  /// printed so a reworded dialog's level can be read off the test log.
  @Test func theShippedDialogReadsAtItsTarget() throws {
    let dialog = try TestSupport.shippedDialog()
    let level = ReadingLevel(dialog: dialog)
    guard let grade = level.overall.grade, let target = dialog.readingGradeMax else {
      Issue.record("the shipped manifest declares no reading_grade_max, or the dialog has no patient text")
      return
    }
    print(
      "shipped dialog: grade \(String(format: "%.1f", grade)) over \(level.texts.count) texts "
        + "(\(level.overall.words) words), target \(formatNumber(target)); hardest:")
    for text in level.hardest.prefix(10) {
      print(
        "  \(text.location) grade \(String(format: "%.1f", text.grade ?? 0)) \(text.field.rawValue) of \(text.question)"
      )
    }
    #expect(grade <= target)
  }

  /// A plain text (ASCII and placeholders) is measured byte by byte; every text measures the
  /// same as when read character by character: random texts of the characters the rules turn
  /// on, and every patient text of the shipped dialog.
  @Test func aPlainTextMeasuresAsItsCharactersDo() throws {
    let alphabet: [Character] = [
      "a", "e", "i", "y", "s", "t", "d", "l", "x", "A", "I", "W", "Q", "0", "7", ".", ".", "!", "?", ",", ":", "/", "-",
      "'", "\"", ")", " ", " ", " ", "\n", "\t", "\u{0B}", Readability.placeholder, "’", "é", "\r", "\u{1C}",
    ]
    var random = SplitMix(seed: 1_600)
    var texts: [String] = []
    for _ in 0..<4_000 {
      let length = Int.random(in: 0...40, using: &random)
      texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? " " }))
    }
    texts += ["Dr. Smith. e.g. this", "a.m. Then", "i. e", "Mr.", "one:\n- two", "x \n\n y", "\u{E000}. Then"]
    texts += ReadingLevel(dialog: try TestSupport.shippedDialog()).texts.map(\.text)
    var plainCount = 0
    for text in texts {
      var byCharacter: [String: Int] = [:]
      var either: [String: Int] = [:]
      let expected = Readability.measure(characters: text, known: &byCharacter)
      #expect(Readability.measure(text, known: &either) == expected, "\(text.debugDescription)")
      let plain = !text.unicodeScalars.contains { ($0.value >= 0x80 && $0 != "\u{E000}") || $0 == "\r" }
      #expect((Readability.plainBytes(text) != nil) == plain, "\(text.debugDescription)")
      if let bytes = Readability.plainBytes(text) {
        plainCount += 1
        var byByte: [String: Int] = [:]
        #expect(Readability.measure(plain: bytes, known: &byByte) == expected, "\(text.debugDescription)")
      }
    }
    #expect(plainCount > 1_000)
  }
}
