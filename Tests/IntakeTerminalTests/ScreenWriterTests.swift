import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeTerminal

@Suite struct ScreenWriterTests {
  @Test func wrapsAtWordsAndKeepsIndentation() {
    #expect(ScreenWriter.wrap("one two three four", width: 9) == "one two\nthree\nfour")
    #expect(ScreenWriter.wrap("  1. alpha beta gamma", width: 12) == "  1. alpha\n  beta gamma")
    #expect(ScreenWriter.wrap("short\n\nlines", width: 80) == "short\n\nlines")
  }

  /// Plain ASCII is measured in bytes; text with accents in characters, as they take columns
  /// ("más café" is 8 columns, 10 bytes).
  @Test func wrapsTextWithAccentsByTheColumnsItsCharactersTake() {
    #expect(ScreenWriter.wrap("más café más café", width: 8) == "más café\nmás café")
    #expect(ScreenWriter.wrap("  ¿Cuántos años tiene?", width: 15) == "  ¿Cuántos años\n  tiene?")
    #expect(ScreenWriter.wrap("mas cafe mas cafe", width: 8) == "mas cafe\nmas cafe")
  }

  /// The pages of answers are laid out to the width the writer wraps to, so the writer breaks
  /// none of their lines again: a trial patient's pages (laid out at 108 columns, written at 100)
  /// left single words on lines ("... escriba el número de una respuesta\npara\ncambiarla.") and
  /// ran longer than the screen.
  @Test func everyPageOfAnswersIsWrittenAsItWasLaidOut() throws {
    let pages =
      try TestSupport.shippedLookOverPages(headedBy: "== Your answers")
      + TestSupport.shippedLookOverPages(headedBy: "== Sus respuestas")
    for (name, page) in pages {
      for columns in [100, 110, 132] {
        #expect(ScreenWriter.wrap(page, width: ScreenColumns.text(on: columns)) == page, "\(name), \(columns) columns")
      }
    }
    #expect(pages.count > 40)
  }

  @Test func preparedTextIsWrittenAsWriteWouldWriteIt() throws {
    let pipe = Pipe()
    let writer = ScreenWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor)
    let prepared = writer.prepare("ready \u{1B}[2J")
    writer.write("now\n")
    writer.write(prepared)
    try pipe.fileHandleForWriting.close()
    let written = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(written == "now\nready ^[[2J")
  }

  @Test func writesSanitisedTextToItsDescriptor() throws {
    let pipe = Pipe()
    let writer = ScreenWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor)
    #expect(writer.isTerminal == false)
    writer.write("hi \u{1B}[2J there")
    writer.clearScreen()  // not a terminal: no control sequence at all
    try pipe.fileHandleForWriting.close()
    let data = TestSupport.readAll(pipe.fileHandleForReading.fileDescriptor)
    #expect(String(decoding: data, as: UTF8.self) == "hi ^[[2J there")
  }

  @Test func commonPrefixForCompletion() {
    #expect(Completion.commonPrefix(["Several days", "Seven"]) == "Seve")
    #expect(Completion.commonPrefix(["abc"]) == "abc")
    #expect(Completion.commonPrefix(["Yes", "yellow"]) == "Ye")
    #expect(Completion.commonPrefix([]) == "")
  }
}
