import Foundation
import IntakeTerminal
import IntakeTestSupport
import Testing

@Suite struct PlainLineReaderTests {
  /// Feeds `bytes` on a pipe and reads every line until the end.
  func lines(_ bytes: [UInt8], limit: LineLimit = .standard) throws -> (lines: [LineInput], echoed: String) {
    let input = Pipe()
    let output = Pipe()
    let writer = ScreenWriter(descriptor: output.fileHandleForWriting.fileDescriptor)
    let reader = PlainLineReader(
      descriptor: input.fileHandleForReading.fileDescriptor, writer: writer, limit: limit)
    let feeder = Thread {
      TestSupport.writeAll(input.fileHandleForWriting.fileDescriptor, Data(bytes))
      try? input.fileHandleForWriting.close()
    }
    feeder.start()
    var result: [LineInput] = []
    while true {
      let line = reader.read(prompt: "> ") { _ in [] }
      result.append(line)
      if line == .endOfInput { break }
    }
    try output.fileHandleForWriting.close()
    let echoed = String(decoding: TestSupport.readAll(output.fileHandleForReading.fileDescriptor), as: UTF8.self)
    return (result, echoed)
  }

  @Test func readsLinesAndTheLastOneWithoutANewline() throws {
    let read = try lines(Array("yes\r\nno\nCafé".utf8))
    #expect(read.lines == [.line("yes"), .line("no"), .line("Café"), .endOfInput])
    // At the end of input the reader ends the prompt line, so what follows starts on its own.
    #expect(read.echoed == "> yes\n> no\n> Café\n> \n")
  }

  @Test func invalidUTF8BecomesReplacementCharacters() throws {
    let read = try lines([0x61, 0xFF, 0xC3, 0x0A])
    #expect(read.lines == [.line("a\u{FFFD}\u{FFFD}"), .endOfInput])
  }

  @Test func aLineOverTheByteLimitIsRefusedWholeAndTheNextLineIsRead() throws {
    let huge = [UInt8](repeating: 0x78, count: 300_000) + [0x0A] + Array("next\n".utf8)
    let read = try lines(huge, limit: LineLimit(bytes: 100_000, scalars: 100_000))
    #expect(read.lines == [.tooLong, .line("next"), .endOfInput])
    // Nothing of the refused line is echoed: the prompt line is ended, and the next one follows.
    #expect(read.echoed == "> \n> next\n> \n")
  }

  @Test func aLineOfCombiningMarksIsRefusedByItsScalarsThoughItIsOneCharacter() throws {
    // "a" and 5,000 combining acute accents: one character, 5,001 scalars, 10,001 bytes.
    let marks = "a" + String(repeating: "\u{301}", count: 5_000)
    #expect(marks.count == 1)
    let read = try lines(Array((marks + "\nok\n").utf8), limit: LineLimit(bytes: 16_384, scalars: 4_096))
    #expect(read.lines == [.tooLong, .line("ok"), .endOfInput])
    #expect(read.echoed.utf8.count < 100)
  }

  @Test func anOverlongLastLineWithoutANewlineIsRefusedToo() throws {
    let read = try lines([UInt8](repeating: 0x79, count: 70_000), limit: LineLimit(bytes: 1_000, scalars: 1_000))
    #expect(read.lines == [.tooLong, .endOfInput])
  }

  @Test func aLineAtTheLimitIsTaken() throws {
    let exact = String(repeating: "é", count: 500)  // 500 scalars, 1,000 bytes
    let read = try lines(Array((exact + "\n").utf8), limit: LineLimit(bytes: 1_000, scalars: 500))
    #expect(read.lines == [.line(exact), .endOfInput])
  }

  @Test func theEchoIsShortEvenForACharacterHeavyWithMarks() throws {
    // 150 characters of a letter and three marks each: within the line limit, but the echo
    // stops after 200 scalars rather than 200 characters.
    let heavy = String(repeating: "a\u{301}\u{302}\u{303}", count: 150)
    let read = try lines(Array((heavy + "\n").utf8))
    #expect(read.lines == [.line(heavy), .endOfInput])
    let echoed = read.echoed.split(separator: "\n").first.map(String.init) ?? ""
    #expect(echoed.unicodeScalars.count <= 2 + 200 + 1)
    #expect(echoed.hasSuffix("…"))
  }

  @Test func echoedLinesAreSanitised() throws {
    let read = try lines(Array("\u{1B}]52;c;aGk=\u{07}\n".utf8))
    #expect(read.echoed == "> ^[]52;c;aGk=^G\n> \n")
  }
}
