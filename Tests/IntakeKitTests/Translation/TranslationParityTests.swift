import Testing

@testable import IntakeKit

/// `intake check` holds each translation to the dialog it translates, text for text, with
/// positions in both files (issue 18).
@Suite struct TranslationParityTests {
  static let manifest = CheckerFixture.manifest + "\nlanguage: en\ntranslations: [translations/es.yaml]"

  static let main = """
    section: main
    title: About you
    questions:
      - id: first_name
        kind: text
        label: First name
        text: What is your first name?
      - id: last_name
        kind: text
        label: Last name
        text: "Thanks, {first_name}. What is your last name?"
        checks:
          - require: len(last_name) >= 2
            message: Please type your whole last name.
      - id: ride
        kind: choice
        label: Ride home
        text: How will you get home?
        why: Ketamine affects driving for the rest of the day.
        options:
          - { id: driver, text: "Someone drives me" }
          - { id: rideshare, text: "Uber or Lyft" }
    """

  static let spanish = """
    language: es
    name: Español
    title: Prueba
    sections:
      main:
        title: Sobre usted
        questions:
          first_name:
            text: ¿Cuál es su nombre?
          last_name:
            text: "Gracias, {first_name}. ¿Cuál es su apellido?"
            checks: ["Escriba su apellido completo, por favor."]
          ride:
            text: ¿Cómo volverá a casa?
            why: La ketamina afecta la conducción el resto del día.
            options:
              driver: { text: "Alguien me lleva", aliases: [mi hermana, mi esposo] }
              rideshare: "Uber or Lyft"
    keep: [Uber or Lyft]
    """ + "\n" + LanguageTests.kiosk

  static func printed(_ translation: String) -> [String] {
    CheckerFixture.printed(main, files: ["translations/es.yaml": translation], manifest: manifest)
  }

  @Test func aWholeTranslationPasses() {
    let outcome = CheckerFixture.check(
      Self.main, files: ["translations/es.yaml": Self.spanish], manifest: Self.manifest)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    #expect(outcome.dialog != nil)
  }

  @Test func aMissingTextIsAnErrorAtTheTranslationNamingTheDialogsPlace() {
    let missing = Self.spanish.replacingOccurrences(
      of: "        why: La ketamina afecta la conducción el resto del día.\n", with: "")
    #expect(
      Self.printed(missing) == [
        "d/translations/es.yaml:13:7: error: [IK500] 'sections/main/questions/ride/why' has no 'es' text; the "
          + "dialog's is at d/main.yaml:19:10"
      ])
  }

  /// The author's check holds the translations to the dialog; a kiosk's start reads them to
  /// offer them (a file it cannot read is an error there too) without paying for the parity.
  @Test func onlyTheAuthorsCheckComparesTheTranslations() throws {
    var files = InMemoryDialogFiles(
      root: "d",
      files: [
        "dialog.yaml": Self.manifest, "main.yaml": Self.main, "translations/es.yaml": "language: es\nname: Español",
      ])
    #expect(DialogLoader.check(files).errors.contains { $0.code == .missingTranslation })
    let kiosk = DialogLoader.check(files, checks: .errorsOnly)
    #expect(kiosk.errors.isEmpty)
    #expect(try #require(kiosk.dialog).translations.map(\.name) == ["Español"])
    files = InMemoryDialogFiles(
      root: "d", files: ["dialog.yaml": Self.manifest, "main.yaml": Self.main, "translations/es.yaml": "language: es"])
    #expect(DialogLoader.check(files, checks: .errorsOnly).errors.map(\.code) == [.missingKey])
  }

  /// Translations are parsed ahead beside the dialog's own files: a broken one is still
  /// reported once, at its place, and a missing one once, where the manifest names it.
  @Test func aBrokenOrMissingTranslationIsReportedOnceAtItsPlace() {
    for checks in [DialogLoader.Checks.all, .errorsOnly] {
      let broken = DialogLoader.check(
        InMemoryDialogFiles(
          root: "d",
          files: [
            "dialog.yaml": Self.manifest, "main.yaml": Self.main,
            "translations/es.yaml": "language: es\nname: [Español",
          ]),
        checks: checks)
      #expect(broken.errors.map(\.location.file) == ["d/translations/es.yaml"], "\(broken.errors)")
      let missing = DialogLoader.check(
        InMemoryDialogFiles(root: "d", files: ["dialog.yaml": Self.manifest, "main.yaml": Self.main]), checks: checks)
      #expect(missing.errors.map(\.code) == [.fileUnreadable], "\(missing.errors)")
      #expect(missing.errors.map(\.location.file) == ["d/dialog.yaml"])
    }
  }

  @Test func aMissingOptionOrCheckIsMissing() {
    let noOption = Self.spanish.replacingOccurrences(of: "          rideshare: \"Uber or Lyft\"\n", with: "")
    #expect(
      Self.printed(noOption).contains { $0.contains("[IK500] 'sections/main/questions/ride/options/rideshare/text'") })
    let noCheck = Self.spanish.replacingOccurrences(
      of: "        checks: [\"Escriba su apellido completo, por favor.\"]\n", with: "")
    #expect(Self.printed(noCheck).contains { $0.contains("[IK500] 'sections/main/questions/last_name/checks/1'") })
  }

  @Test func textsTheDialogDoesNotHaveAreErrors() {
    let extra = Self.spanish.replacingOccurrences(
      of: "          rideshare: \"Uber or Lyft\"\n",
      with: "          rideshare: \"Uber or Lyft\"\n          taxi: Taxi\n")
    #expect(
      Self.printed(extra) == [
        "d/translations/es.yaml:19:17: error: [IK501] 'sections/main/questions/ride/options/taxi/text' is not a text of "
          + "the dialog (no such section, question, option or check there): remove it, or correct its id"
      ])
    let wrongQuestion = Self.spanish.replacingOccurrences(of: "      first_name:\n", with: "      firstname:\n")
    let printed = Self.printed(wrongQuestion)
    #expect(printed.contains { $0.contains("[IK501] 'sections/main/questions/firstname/text'") })
    #expect(printed.contains { $0.contains("[IK500] 'sections/main/questions/first_name/text'") })
  }

  @Test func placeholdersMustBeTheDialogs() {
    let renamed = Self.spanish.replacingOccurrences(of: "Gracias, {first_name}.", with: "Gracias, {nombre}.")
    #expect(
      Self.printed(renamed) == [
        "d/translations/es.yaml:11:15: error: [IK502] 'sections/main/questions/last_name/text' has the placeholders "
          + "{nombre} in 'es' but {first_name} in the dialog (d/main.yaml:11:11); keep every {name} as it is"
      ])
  }

  @Test func aTextLeftInTheDialogsLanguageIsAnErrorUnlessKept() {
    let untranslated = Self.spanish.replacingOccurrences(of: "¿Cómo volverá a casa?", with: "How will you get home?")
    #expect(
      Self.printed(untranslated).contains {
        $0.hasPrefix("d/translations/es.yaml:14:")
          && $0.contains("[IK503] 'sections/main/questions/ride/text' is the same")
      })
    let notKept = Self.spanish.replacingOccurrences(of: "keep: [Uber or Lyft]", with: "")
    #expect(
      Self.printed(notKept).contains { $0.contains("[IK503] 'sections/main/questions/ride/options/rideshare/text'") })
  }

  @Test func aTranslationNeedsItsLanguageOnceAndItsKeysKnown() {
    let ownLanguage = Self.spanish.replacingOccurrences(of: "language: es", with: "language: en")
    #expect(Self.printed(ownLanguage).contains { $0.contains("[IK104] the language 'en' is the dialog's own") })
    let unknownKey = Self.spanish.replacingOccurrences(of: "        why: La", with: "        whyy: La")
    #expect(Self.printed(unknownKey).contains { $0.contains("[IK101] unknown key 'whyy' in question 'ride'") })
    let missingFile = CheckerFixture.printed(Self.main, manifest: Self.manifest)
    #expect(missingFile.contains { $0.contains("[IK001] cannot read the translation 'translations/es.yaml'") })
  }

  /// The kiosk's own words are translated too: every phrase, each with its English's
  /// placeholders, and no phrase the program does not have.
  @Test func theKiosksWordsAreHeldToTheProgramsPhrases() {
    let missing = Self.spanish.replacingOccurrences(of: "\n  reask: ", with: "\n  reasks: ")
    let printed = Self.printed(missing)
    #expect(
      printed.contains {
        $0.contains("[IK500] the kiosk's phrase 'reask' has no 'es' text; in English it is \"Type your answer when")
      }, "\(printed)")
    #expect(
      printed.contains {
        $0.contains("[IK501] 'kiosk/reasks' is not one of the kiosk's phrases (did you mean 'reask'?)")
      })
    let renamed = Self.spanish.replacingOccurrences(
      of: "ES Please type a number from 1 to {count}, or", with: "ES {número}, or")
    #expect(
      Self.printed(renamed).contains {
        $0.contains("[IK502] 'kiosk/review_list_unclear' has the placeholders {número} in 'es' but {count} in English")
      })
    let english = Self.spanish.replacingOccurrences(
      of: "ES Type your answer when you are ready.", with: "Type your answer when you are ready.")
    #expect(Self.printed(english).contains { $0.contains("[IK503] 'kiosk/reask' is the kiosk's English") })
    let none = Self.spanish.components(separatedBy: "\nkiosk:")[0]
    #expect(
      Self.printed(none).contains { $0.contains("[IK500] the translation gives none of the kiosk's own words in 'es'") }
    )
  }

  /// Instruments and lexicon entries a translation names are the dialog's.
  @Test func namedInstrumentsAndMedicinesMustBeTheDialogs() {
    let named =
      Self.spanish + "\nnot_validated: { pcl5: no Spanish version }\nlexicons: { meds: { Sertraline: [sertralina] } }"
    let printed = Self.printed(named)
    #expect(
      printed.contains { $0.contains("[IK501] 'not_validated/pcl5' is not an instrument of the dialog") }, "\(printed)")
    #expect(printed.contains { $0.contains("[IK501] 'lexicons/meds' is not a lexicon of the dialog") })
  }

  /// A group's questions are its section's; a repeat's items are under the repeat; scales'
  /// options and the note's words are translated too.
  @Test func groupsRepeatsScalesAndTheNoteAreCovered() {
    let manifest =
      Self.manifest + """

        note: note.yaml
        scales:
          - id: often
            options:
              - { id: never, text: "Never", score: 0 }
              - { id: daily, text: "Every day", score: 1 }
        """
    let main = """
      section: main
      title: Main
      questions:
        - id: sad
          kind: yes_no
          label: Sad
          text: Do you often feel sad?
        - group: g
          when: sad
          questions:
            - id: mood
              kind: scale
              label: Mood
              scale: often
              text: How often do you feel down?
        - id: meds
          kind: repeat
          label: Medicines
          text: Do you take any medicines?
          another: Any other medicine?
          items:
            - id: med_name
              kind: text
              label: Medicine
              text: What is its name?
      """
    let note = "words: { submitted: Your answers have been sent. }"
    let whole = """
      language: es
      name: Español
      title: Prueba
      scales:
        often:
          options: { never: Nunca, daily: Todos los días }
      sections:
        main:
          title: Principal
          questions:
            sad: { text: ¿Se siente triste a menudo? }
            mood: { text: ¿Con qué frecuencia se siente decaído? }
            meds:
              text: ¿Toma algún medicamento?
              another: ¿Algún otro medicamento?
              items:
                med_name: { text: ¿Cómo se llama? }
      note: { submitted: Sus respuestas se enviaron. }
      """ + "\n" + LanguageTests.kiosk
    let outcome = CheckerFixture.check(
      main, files: ["note.yaml": note, "translations/es.yaml": whole], manifest: manifest)
    #expect(outcome.errors.isEmpty, "\(outcome.errors)")
    let partial = whole.replacingOccurrences(of: "    options: { never: Nunca, daily: Todos los días }\n", with: "")
      .replacingOccurrences(of: "        items:\n          med_name: { text: ¿Cómo se llama? }\n", with: "")
      .replacingOccurrences(of: "note: { submitted: Sus respuestas se enviaron. }", with: "")
    let printed = CheckerFixture.printed(
      main, files: ["note.yaml": note, "translations/es.yaml": partial], manifest: manifest)
    for path in [
      "scales/often/options/never/text", "sections/main/questions/meds/questions/med_name/text", "note/submitted",
    ] {
      #expect(printed.contains { $0.contains("[IK500] '\(path)'") }, "\(path): \(printed)")
    }
  }
}
