import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeTerminal

/// The kiosk loop with a scripted reader and host: idle timeouts without waiting for a clock,
/// and saving before acting.
@Suite struct KioskTests {
  /// Returns scripted results and records the timeout each read asked for.
  final class ScriptedReader: LineReader {
    var results: [LineInput]
    var timeouts: [TimeInterval?] = []
    var historyCleared = 0
    init(_ results: [LineInput]) { self.results = results }
    func read(prompt: String, timeout: TimeInterval?, completions: @escaping (String) -> [String]) -> LineInput {
      timeouts.append(timeout)
      return results.isEmpty ? .endOfInput : results.removeFirst()
    }
    /// A hidden read (nothing shown, nothing kept in history) is recorded as a timeout of -1.
    func readHidden(prompt: String) -> LineInput {
      timeouts.append(-1)
      return results.isEmpty ? .endOfInput : results.removeFirst()
    }
    func clearHistory() { historyCleared += 1 }
  }

  final class RecordingHost: KioskHost {
    var recorded: [LoggedInput] = []
    var suspended: [String] = []
    var failAfter: Int?
    struct Full: Error {}
    func record(_ input: LoggedInput) throws {
      if let failAfter, recorded.count >= failAfter { throw Full() }
      recorded.append(input)
    }
    func resumeNotice(for session: Session) throws -> String? { nil }
    func suspend(reason: String, session: Session) -> String? {
      suspended.append(reason)
      return "Your code is TEST-CODE."
    }
    func submit(_ session: Session) throws {}
    func alert(session: Session, rule: String, tier: Int) {}
    var resumable = false
    var offersResume: Bool { resumable }
    func resume(code: String, dateOfBirth: String) -> ResumeAttempt { .refused(.resumeRefused) }
  }

  static let policy = IdlePolicy(idle: 180, warning: 30, codeShown: 20)

  static func session() throws -> Session {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: k\nversion: \"1\"\ntitle: K\nsections: [m.yaml]",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: name, kind: text, text: Your name? }
          - { id: dob, kind: date, text: Birth date? }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
      ]))
    return Session(dialog: dialog, clock: TestSupport.fixedClock)
  }

  func run(_ results: [LineInput], host: RecordingHost = RecordingHost()) throws -> (
    Kiosk.Ending, ScriptedReader, RecordingHost, String
  ) {
    let pipe = Pipe()
    let writer = ScreenWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor)
    let reader = ScriptedReader(results)
    let kiosk = Kiosk(
      conversation: Conversation(session: try Self.session()), reader: reader, writer: writer, host: host,
      idle: Self.policy)
    let ending = kiosk.run()
    try pipe.fileHandleForWriting.close()
    let output = String(decoding: TestSupport.readAll(pipe.fileHandleForReading.fileDescriptor), as: UTF8.self)
    return (ending, reader, host, output)
  }

  @Test func walkingAwayWarnsThenSavesForResumingAndShowsTheCode() throws {
    let (ending, reader, host, output) = try run([.line("Ana"), .timedOut, .timedOut])
    #expect(ending == .timedOut)
    // Idle, then the warning's own time, then the code on screen; no wait is longer than the policy says.
    #expect(reader.timeouts == [180, 180, 30, 20])
    #expect(output.contains("Are you still there? Press Enter to carry on. If nothing is typed in 30 seconds"))
    #expect(host.suspended == ["timeout"])
    #expect(output.contains("Your code is TEST-CODE."))
    #expect(reader.historyCleared == 1)
    // The answer given before walking away was saved.
    #expect(host.recorded.map(\.line) == [nil, "Ana"])
  }

  @Test func aLineTooLongForTheReaderIsNeitherSavedNorAnsweredAndTheQuestionStays() throws {
    let (ending, _, host, output) = try run([.line("Ana"), .tooLong, .line("1986-04-27")])
    #expect(ending == .finished(.inputEnded))
    #expect(output.contains(KioskWords.english(.lineTooLong)))
    // The refused line left no trace: the next line answers the same question.
    #expect(host.recorded.compactMap(\.line) == ["Ana", "1986-04-27"])
    let refusal = try #require(output.range(of: KioskWords.english(.lineTooLong)))
    #expect(!output[refusal.upperBound...].contains("Birth date?"))
  }

  @Test func aTooLongResumeCodeIsSaidToBeSo() throws {
    let host = RecordingHost()
    host.resumable = true
    let (_, _, _, output) = try run([.line("resume"), .tooLong, .line("Ana")], host: host)
    #expect(output.contains(KioskWords.english(.lineTooLong)))
    #expect(output.contains("You can carry on with the question above"))
  }

  @Test func comingBackDuringTheWarningCarriesOn() throws {
    let (ending, _, host, output) = try run([.line("Ana"), .timedOut, .line(""), .line("1986-04-27")])
    #expect(ending == .finished(.inputEnded))
    #expect(host.suspended == ["input ended"])
    // Enter shows the question again; the next line answers it.
    let warning = try #require(output.range(of: "Are you still there?"))
    #expect(output[warning.upperBound...].contains("Birth date?"))
    #expect(host.recorded.compactMap(\.line) == ["Ana", "1986-04-27"])
  }

  @Test func walkingAwayFromTheResumePromptGivesUpAndCarriesOn() throws {
    let host = RecordingHost()
    host.resumable = true
    let (ending, reader, _, output) = try run([.line("resume"), .timedOut, .line("Ana")], host: host)
    #expect(ending == .finished(.inputEnded))
    // The code prompt waited only the idle time, then the question was there again.
    #expect(reader.timeouts.prefix(2) == [180, 180])
    #expect(output.contains("You can carry on with the question above, or type resume to try again."))
    #expect(host.recorded.compactMap(\.line) == ["Ana"])
  }

  @Test func anAnswerThatCannotBeSavedIsNotActedOn() throws {
    let host = RecordingHost()
    host.failAfter = 2  // the start and the first answer
    let (ending, _, _, output) = try run([.line("Ana"), .line("1986-04-27")], host: host)
    #expect(ending == .finished(.saveFailed))
    #expect(output.contains(KioskWords.english(.storageFailed)))
    // The second answer was never acknowledged: no next question after it.
    #expect(!output.contains("Do you smoke?"))
  }
}
