import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeKit

/// A `review` screen offers to look over the answers before they are sent: one section at a
/// time, each page fitting the kiosk's 40 rows and `ScreenColumns.text`, with Enter, a number to change an answer, `back` and
/// `done`.
@Suite struct AnswerPagesTests {
  /// `many` questions in the second section make it run over several pages.
  static func dialog(many: Int = 3) throws -> Dialog {
    let long = (1...max(many, 1)).map { "  - { id: q\($0), kind: text, label: Note \($0), text: Note \($0)? }" }
    return try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": """
        id: r
        version: "1"
        title: Review
        sections: [about.yaml, notes.yaml, end.yaml]
        """,
        "about.yaml": """
        section: about
        title: About you
        questions:
          - { id: name, kind: text, label: First name, text: Your name? }
          - { id: smokes, kind: yes_no, label: Smokes, patient_label: Smoking, text: Do you smoke? }
          - { id: per_day, kind: integer, label: Cigarettes a day, text: How many a day?, when: smokes, min: 1, max: 100 }
        """,
        "notes.yaml": "section: notes\ntitle: Your notes\nquestions:\n" + long.joined(separator: "\n"),
        "end.yaml": """
        section: end
        title: Finished
        questions:
          - { id: look_over, kind: review, text: Would you like to look over your answers before you send them? }
          - { id: closing, kind: message, text: Your answers go to the care team when you continue. }
        """,
      ]))
  }

  static func atTheOffer(many: Int = 3, note: String = "fine") throws -> ScriptedPatient {
    var patient = ScriptedPatient(dialog: try dialog(many: many))
    patient.type(["Ana", "no"] + Array(repeating: note, count: many))
    return patient
  }

  @Test func theOfferIsAYesOrNoQuestionFromTheDialog() throws {
    let patient = try Self.atTheOffer()
    #expect(
      patient.transcript.last?.hasSuffix(
        "Would you like to look over your answers before you send them?\n  1. Yes\n  2. No") == true)
  }

  @Test func noGoesOnToTheEndAndStoresNothingButHavingPassed() throws {
    var patient = try Self.atTheOffer()
    #expect(patient.type("perhaps") == "Please answer yes or no (1 or 2).")
    // "what?" is not an answer: why it is asked, and the offer again.
    #expect(
      patient.type("what?").hasSuffix(
        "Would you like to look over your answers before you send them?\n  1. Yes\n  2. No"))
    let reply = patient.type("2")
    #expect(reply.contains("Your answers go to the care team when you continue."))
    #expect(patient.session.answers.values["look_over"] == .missing)
  }

  @Test func yesShowsOneSectionAtATimeThenDoneGoesOn() throws {
    var patient = try Self.atTheOffer()
    let first = patient.type("yes")
    // The patient's words: the question as asked, or its patient_label; never the clinic's label.
    #expect(first.hasPrefix("== Your answers: About you ==\n\n  1. Your name? Ana\n  2. Smoking: No\n\nPage 1 of 2."))
    let second = patient.type("")
    #expect(second.hasPrefix("== Your answers: Your notes ==\n\n  1. Note 1? fine\n"))
    #expect(second.contains("Page 2 of 2, the last. Press Enter to send your answers,"))
    let back = patient.type("back")
    #expect(back.hasPrefix("== Your answers: About you =="))
    #expect(patient.type("back").hasPrefix(KioskWords.english(.reviewFirstPage)))
    #expect(patient.type("7").hasPrefix("Please type a number from 1 to 2"))
    let done = patient.type("done")
    #expect(done.hasSuffix("Your answers go to the care team when you continue.\n\nPress Enter to continue."))
    patient.type("")
    #expect(patient.session.isFinished)
    #expect(patient.events.contains(.finished))
  }

  @Test func enterOnTheLastPageFinishes() throws {
    var patient = try Self.atTheOffer()
    patient.type("yes", "")
    #expect(patient.type("").contains("Your answers go to the care team"))
  }

  @Test func changingAnAnswerAsksItAgainThenComesBackToTheSamePage() throws {
    var patient = try Self.atTheOffer()
    patient.type("yes", "")
    let asked = patient.type("2")
    #expect(asked.contains("Note 2?"))
    #expect(asked.contains("Your answer was: fine."))
    let back = patient.type("much better")
    #expect(back.hasPrefix("== Your answers: Your notes ==\n\n  1. Note 1? fine\n  2. Note 2? much better\n"))
    #expect(patient.session.answers.values["q2"] == .text("much better"))
  }

  @Test func aChangeThatBringsInAQuestionAsksItFirst() throws {
    var patient = try Self.atTheOffer()
    patient.type("yes")
    let asked = patient.type("2")
    #expect(asked.contains("Do you smoke?"))
    // Now a smoker: the question that applies to smokers comes next, then the same page.
    #expect(patient.type("yes").contains("How many a day?"))
    let page = patient.type("10")
    #expect(
      page.hasPrefix(
        "== Your answers: About you ==\n\n  1. Your name? Ana\n  2. Smoking: Yes\n  3. How many a day? 10"))
  }

  @Test func quittingFromAPageAndNotQuittingComesBackToIt() throws {
    var patient = try Self.atTheOffer()
    patient.type("yes", "")
    #expect(patient.type("quit") == KioskWords.english(.confirmQuit))
    #expect(patient.type("no").contains("== Your answers: Your notes =="))
  }

  @Test func aLongSectionIsSplitIntoPagesThatFitTheScreen() throws {
    let text = String(repeating: "a few words about how the week went ", count: 13)
    var patient = try Self.atTheOffer(many: 40, note: text)
    var screens = [patient.type("yes")]
    while screens.count < 20, !(screens.last ?? "").contains("Press Enter to continue") {
      screens.append(patient.type(""))
    }
    let pages = screens.dropLast()
    #expect(pages.count > 3)
    #expect(pages.contains { $0.contains("Your notes (2 of ") })
    for page in pages {
      let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
      // The page, the blank line before it, the patient's line above and the prompt.
      #expect(lines.count + 3 <= 40, "\(lines.count) lines")
      #expect(lines.allSatisfy { $0.count <= ScreenColumns.text })
    }
  }

  @Test func wrappingKeepsEveryWordAndIndentsUnderTheFirst() {
    let words = (1...60).map { "word\($0)" }.joined(separator: " ")
    let lines = AnswerPages.wrap(words, number: 12)
    #expect(lines.count > 1)
    #expect(lines[0].hasPrefix("  12. word1 "))
    #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("      ") })
    #expect(lines.allSatisfy { $0.count <= AnswerPages.width })
    let rejoined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    #expect(rejoined == "12. " + words)
  }

  /// Plain ASCII is wrapped by bytes, other text by characters: the same words wrap the same.
  @Test func accentedAnswersWrapAsPlainOnes() {
    let plain = (1...40).map { "cafe\($0)" }.joined(separator: " ") + "\n" + String(repeating: "e", count: 130)
    let accented = plain.replacingOccurrences(of: "e", with: "é")
    let lines = AnswerPages.wrap(plain, number: 2)
    #expect(lines.count > 3)
    #expect(AnswerPages.wrap(accented, number: 2) == lines.map { $0.replacingOccurrences(of: "e", with: "é") })
  }

  /// The question as asked is its last paragraph that is not blank, cut from the text's bytes:
  /// the same as Foundation's cutting at every "\n\n" and trimming each part, on every text made
  /// of these pieces (blank lines, runs of line breaks, "\r\n", spaces, accents, a combining mark).
  @Test func theLastParagraphIsFoundationsOnEveryMixOfBreaks() {
    let pieces = ["a", "\n", "\n\n", "\r\n", " ", "\u{2028}", "é", "e\u{301}", "\t"]
    var texts: [String] = [""]
    for _ in 0..<4 { texts = texts.flatMap { text in pieces.map { text + $0 } } }
    for text in texts {
      let foundation = text.components(separatedBy: "\n\n").map { $0.trimmingWhitespace() }.last { !$0.isEmpty }
      #expect(AnswerPages.lastParagraph(of: text) == foundation, "\(text.debugDescription)")
    }
  }

  /// Text is wrapped by bytes (ASCII) or Unicode scalars (one a character): the same lines as
  /// before (ASCII by bytes, the rest by `Character`) on every mix of short and long words, runs
  /// of spaces, blank lines and breaks at either end, accents precomposed and combining, "\r\n",
  /// for one- and two-digit numbers; and broken as by `Character`.
  @Test func wrappingByUnitsIsWrappingByCharacter() {
    let long = String(repeating: "x", count: AnswerPages.width + 3)
    let pieces = [
      "a", "¿sí?", " ", "  ", "\n", "\n\n", "\r\n", " \u{301}", long,
      String(repeating: "é", count: AnswerPages.width - 6),
    ]
    var texts: [String] = [""]
    for _ in 0..<4 { texts = texts.flatMap { text in pieces.map { text + $0 } } }
    texts.append((1...60).map { "word\($0)" }.joined(separator: " "))
    texts.append((1...60).map { "año\($0)" }.joined(separator: " "))
    for text in texts {
      for number in [1, 12] {
        #expect(AnswerPages.wrap(text, number: number) == Self.wrapByElements(text, number: number))
      }
      #expect(AnswerPages.broken(text) == AnswerPages.brokenByCharacters(text), "\(text.debugDescription)")
    }
  }

  @Test func aWordLongerThanALineIsCutAndALineBreakStartsANewLine() {
    let long = String(repeating: "x", count: AnswerPages.width * 2 + 7)
    let lines = AnswerPages.wrap("short " + long + "\nafter", number: 3)
    #expect(lines.allSatisfy { $0.count <= AnswerPages.width })
    #expect(lines.first == "  3. short")
    #expect(lines.last == "     after")
    let cut = lines.dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(cut.joined() == long)
    #expect(cut.dropLast().allSatisfy { $0.count == AnswerPages.width - 5 })
  }
}

extension AnswerPagesTests {
  /// Every page of the shipped intake's answers fits the kiosk's 40 rows: with the questions as
  /// asked (longer than the clinic's labels) a page ran to 51 lines and scrolled its heading off.
  @Test func everyPageOfAWholeShippedIntakeFitsTheScreen() throws {
    var journey = ShippedJourney()
    journey.closing.removeLast()  // stop at the offer to look over the answers
    var patient = try journey.run()
    var page = patient.type("yes")
    var pages = 0
    var all = ""
    while page.hasPrefix("== Your answers:"), pages < 40 {
      pages += 1
      all += page
      // The page, the prompt line and the patient's last line above it.
      #expect(page.split(separator: "\n", omittingEmptySubsequences: false).count + 2 <= 40, "\(page)")
      #expect(page.split(separator: "\n").allSatisfy { $0.count <= ScreenColumns.text })
      page = patient.type("")
    }
    #expect(pages > 5)
    // In the patient's words: the date as it was read back, a scale's answer without its score.
    #expect(all.contains("What is your date of birth? 27 April 1986"))
    #expect(all.contains("? Several days\n"))
    #expect(!all.contains("Several days (1)"))
  }

  /// The same in Spanish, whose words are longer: every page of the Spanish journeys that look
  /// over their answers fits the screen, its hint included.
  @Test func everyPageInSpanishFitsTheScreen() throws {
    let pages = try TestSupport.shippedLookOverPages(headedBy: "== Sus respuestas")
    for (name, page) in pages {
      #expect(page.split(separator: "\n", omittingEmptySubsequences: false).count + 2 <= 40, "\(name): \(page)")
      #expect(page.split(separator: "\n").allSatisfy { $0.count <= ScreenColumns.text }, "\(name): \(page)")
    }
    #expect(pages.count > 20)
  }

  /// `wrap(_:number:)` as it read text before it read it by units: ASCII by bytes, anything else
  /// by `Character`. What the units must equal.
  static func wrapByElements(_ words: String, number: Int) -> [String] {
    if words.isASCII {
      return AnswerPages.wrap(words.utf8, newline: UInt8(ascii: "\n"), space: UInt8(ascii: " "), number: number) {
        String(Substring($0))
      }
    }
    return AnswerPages.wrapCharacters(words, number: number)
  }
}
