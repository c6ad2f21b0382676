import Foundation
import IntakeTestSupport
import Testing

@testable import IntakeTerminal

@Suite struct ScreenWriterTests {
  @Test func wrapsAtWordsAndKeepsIndentation() {
    #expect(ScreenWriter.wrap("one two three four", width: 9) == "one two\nthree\nfour")
    #expect(ScreenWriter.wrap("  1. alpha beta gamma", width: 12) == "  1. alpha\n  beta gamma")
    #expect(ScreenWriter.wrap("short\n\nlines", width: 80) == "short\n\nlines")
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
