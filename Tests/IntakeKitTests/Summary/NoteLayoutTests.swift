import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// The consult note's layout (issue 13): who and whether finished first, one page at a glance,
/// pertinent negatives on one line, nothing printed twice, local time with its zone, the dialog's
/// own words, and a printed page that carries the patient's name on every sheet.
@Suite struct NoteLayoutTests {
  func summary(_ journey: ShippedJourney = ShippedJourney(), dialog: Dialog? = nil, timeZone: String = "UTC") throws
    -> Summary
  {
    let zone = try #require(TimeZone(identifier: timeZone))
    var patient = ScriptedPatient(
      dialog: try dialog ?? TestSupport.shippedDialog(), clock: .fixed(TestSupport.fixedInstant, timeZone: zone))
    patient.type(journey.lines)
    #expect(patient.session.isFinished)
    return Summary(session: patient.session, sessionID: "s1")
  }

  @Test func theNoteOpensWithWhoTheyAreAndTheirDateOfBirth() throws {
    let markdown = MarkdownRenderer.render(try summary())
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: true)
    #expect(
      lines[1]
        == "- **Ana Müller**, date of birth 1986-04-27, age 39, Sex assigned at birth: Female, phone 555 123 4567; **Who helped with the questions**: No, I answered them myself"
    )
    // Given once: not again as a "First name" line.
    #expect(!markdown.contains("**First name**"))
  }

  @Test func pertinentNegativesAndSkippedQuestionsTakeOneLineEach() throws {
    let markdown = MarkdownRenderer.render(try summary())
    // One line per subsection, under it (the suicide screen's negatives are not listed with
    // the medical history).
    #expect(
      markdown.contains(
        "- **Denies (Suicide risk screen)**: Suicide screen Q1: wished to be dead (past month); Suicide screen Q2: thoughts of killing self (past month);"
      ), "\(markdown)")
    // A checklist's "None of these" says what was denied; a "No" is not said twice.
    #expect(markdown.contains("- **Denies**: Health history: None of these"))
    #expect(markdown.contains("- **Denies**: Psychotic symptoms ever; Manic or hypomanic episode ever"))
    #expect(!markdown.contains("**Suicide screen Q1: wished to be dead (past month)**: No"))
    #expect(markdown.contains("- **Skipped**: Allergies"))
    // A "no" that is not a denial (no one stays with the patient) keeps its own line.
    var journey = ShippedJourney()
    journey.transport = ["1", "Sam Lee", "555 987 6543", "a friend", "no", "yes"]
    let alone = MarkdownRenderer.render(try summary(journey))
    #expect(alone.contains("- **Someone will be with the patient the rest of the day**: No"), "\(alone)")
  }

  /// Every answer is printed once: on the first page or below, never both; every finding's
  /// text once; a question points at its finding by number instead of repeating it.
  @Test func nothingIsPrintedTwice() throws {
    let summary = try summary()
    let markdown = MarkdownRenderer.render(summary)
    // Items on the one-line lists ("Denies: a; b") and answers on lines of their own ("**a**: ...").
    let listed = markdown.split(separator: "\n").filter {
      $0.hasPrefix("- **Denies") || $0.hasPrefix("- **Skipped")
    }
    .flatMap {
      $0.split(separator: ":", maxSplits: 1)[1].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    // The identity answers are on the first line, in words ("date of birth ..."), checked above.
    let identity = Set(summary.identity?.sources ?? [])
    for entry in summary.patient + summary.sections.values.flatMap({ $0 }) where !identity.contains(entry.question) {
      let label = MarkdownRenderer.escape(entry.label)
      let onItsOwn = markdown.components(separatedBy: "**\(label)**").count - 1
      let inLists = listed.filter { $0 == label || $0.hasPrefix(label + ": ") }.count
      #expect(onItsOwn + inLists == 1, "\(entry.label): \(onItsOwn) times on its own, \(inLists) in lists")
    }
    for finding in summary.screening.findings {
      #expect(markdown.components(separatedBy: MarkdownRenderer.escape(finding.text)).count - 1 == 1, "\(finding.text)")
    }
    #expect(markdown.contains("on treatment mornings, and plan blood-pressure monitoring. (finding 1)"))
  }

  @Test func timesAreTheClinicsLocalTimeWithItsZone() throws {
    let markdown = MarkdownRenderer.render(try summary(timeZone: "America/New_York"))
    // 2026-03-15T14:30Z is 10:30 in New York, daylight time.
    #expect(markdown.contains("- **Session**: 2026-03-15 10:30 EDT to 10:30 EDT; s1;"), "\(markdown)")
  }

  /// A pain clinic (or another language) words its own note: headings, the outcome when no rule
  /// fired, the closing words the patient reads. No Swift changes.
  @Test func theHeadingsAndSentencesAreTheDialogs() throws {
    var dialog = try TestSupport.shippedDialog()
    dialog.note.words[.history] = "Background"
    dialog.note.words[.questions] = "Questions for the pain physician"
    dialog.note.words[.denies] = "Says no to"
    dialog.note.words[.noFindings] = "No rule fired: book a routine pain consult."
    let markdown = MarkdownRenderer.render(try summary(dialog: dialog))
    #expect(markdown.contains("\n## Background\n"))
    #expect(markdown.contains("\n### Questions for the pain physician\n"))
    #expect(markdown.contains("- **Says no to (Suicide risk screen)**: Suicide screen Q1"))
    dialog.rules = []
    let quiet = try summary(dialog: dialog)
    #expect(quiet.screening.outcome.text == "No rule fired: book a routine pain consult.")

    dialog.note.words[.submitted] = "Thank you. The pain team has your answers."
    var patient = ScriptedPatient(dialog: dialog)
    patient.type(ShippedJourney().lines)
    let screen = KioskScreen(conversation: Conversation(session: patient.session), interactive: false)
    #expect(screen.saved(true).text.contains("Thank you. The pain team has your answers."))
  }

  /// On paper every page names the patient and its number; patient text in that header is a CSS
  /// string that cannot end the rule or the style element.
  @Test func everyPrintedPageNamesThePatient() throws {
    var journey = ShippedJourney()
    journey.identification[2] = "Müller\"; } </style><script>x</script>"
    let html = HTMLRenderer.render(try summary(journey))
    #expect(html.contains("@top-left { content: \"Ana M\u{00FC}ller"), "\(html.prefix(3000))")
    #expect(html.contains("counter(page)"))
    #expect(html.components(separatedBy: "</style>").count == 2)
    #expect(!html.contains("<script"))
    #expect(html.contains("<section class=\"signature\">"))
    #expect(HTMLRenderer.cssString("a\"b\\c<") == "\"a\\22 b\\5c c\\3c \"")
  }
}
