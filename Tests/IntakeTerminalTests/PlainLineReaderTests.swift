import Foundation
import IntakeTerminal
import IntakeTestSupport
import Testing

@Suite struct PlainLineReaderTests {
  /// Feeds `bytes` on a pipe and reads every line until the end.
  func lines(_ bytes: [UInt8], maximumBytes: Int = 1 << 20) throws -> (lines: [LineInput], echoed: String) {
    let input = Pipe()
    let output = Pipe()
    let writer = ScreenWriter(descriptor: output.fileHandleForWriting.fileDescriptor)
    let reader = PlainLineReader(
      descriptor: input.fileHandleForReading.fileDescriptor, writer: writer, maximumBytes: maximumBytes)
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

  @Test func aHugeLineIsCutNotFatal() throws {
    let huge = [UInt8](repeating: 0x78, count: 300_000) + [0x0A] + Array("next\n".utf8)
    let read = try lines(huge, maximumBytes: 100_000)
    guard case .line(let first) = read.lines[0] else {
      Issue.record("expected a line")
      return
    }
    #expect(first.count == 100_000)
    #expect(read.lines[1] == .line("next"))
  }

  @Test func echoedLinesAreSanitised() throws {
    let read = try lines(Array("\u{1B}]52;c;aGk=\u{07}\n".utf8))
    #expect(read.echoed == "> ^[]52;c;aGk=^G\n> \n")
  }
}
