import Foundation
import IntakeTestSupport
import Testing

/// The kiosk on a real pseudo-terminal: libedit line editing, Tab, control keys, UTF-8.
@Suite(.serialized) struct KioskTerminalTests {
  static let dialog = [
    "dialog.yaml": """
    id: pty
    version: "1"
    title: Terminal test
    sections: [m.yaml]
    lexicons: [meds.yaml]
    """,
    "m.yaml": """
    section: m
    title: Questions
    summary: history
    questions:
      - id: name
        kind: text
        label: Name
        text: Your name?
      - id: ride
        kind: choice
        label: Ride
        text: How will you get home?
        options:
          - { id: driver, text: Someone drives me }
          - { id: self, text: I drive myself }
      - id: med
        kind: text
        label: Medicine
        lexicon: meds
        text: Which medicine?
      - id: done
        kind: message
        text: All done.
    """,
    "meds.yaml": """
    id: meds
    tags: [{ id: sedative, title: Sedative }]
    entries:
      - { name: lorazepam, aliases: [ativan], tags: [sedative] }
      - { name: sertraline, aliases: [zoloft] }
    """,
  ]

  /// Starts the kiosk on the test dialog at a pseudo-terminal; one patient unless `continuous`.
  /// With a `wrapper` (a program and its arguments, such as strace's), the kiosk runs under it.
  func start(continuous: Bool = false, extra: [String] = [], wrapper: [String] = []) throws -> (PseudoTerminal, URL) {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let kiosk =
      [IntakeBinary.path, "kiosk", "--dialog", dialog.path, "--data", data.path] + (continuous ? [] : ["--once"])
      + extra
    let command = wrapper + kiosk
    let terminal = try PseudoTerminal(command[0], Array(command.dropFirst()), environment: IntakeBinary.environment)
    try terminal.startPastTheTrialKeyNotice()
    return (terminal, data)
  }

  @Test func editingKeysTabAndControlKeysAtARealTerminal() throws {
    let (terminal, data) = try start()
    let opening = try terminal.waitFor("Your name?")
    // libedit accepted every key binding (it complains on the terminal when it does not).
    #expect(!opening.contains("bind:"))
    try terminal.waitFor("> ")
    // Ctrl-C abandons the line and asks again; the kiosk keeps running.
    terminal.send("throw this away\u{03}")
    try terminal.waitFor("> ")
    #expect(terminal.isRunning)
    // UTF-8 and arrow keys: type "Zë", move left, insert "o" → "Zoë".
    terminal.send("Zë\u{1B}[Do\r")
    try terminal.waitFor("How will you get home?")
    try terminal.waitFor("> ")
    // Ctrl-Z and Ctrl-\ do nothing.
    terminal.send("\u{1A}\u{1C}")
    Thread.sleep(forTimeInterval: 0.2)
    #expect(terminal.isRunning)
    // History holds this patient's lines: Up recalls "Zoë", which is not an option.
    terminal.send("\u{1B}[A\r")
    try terminal.waitFor("Please type the number of your answer (1 to 2), or its words.")
    // Tab completes a unique prefix.
    terminal.send("i d\t\r")
    try terminal.waitFor("Which medicine?")
    try terminal.waitFor("> ")
    terminal.send("ati\t\r")
    try terminal.waitFor("All done.")
    terminal.send("\r")
    // This dialog has no note file: the program's own closing words.
    try terminal.waitFor("Your answers have been sent.")
    try terminal.waitFor("Press Enter to finish.")
    terminal.send("\r")
    #expect(try terminal.exitCode() == 0)
    let markdown = try #require(try IntakeBinary.submissions(in: data).last).markdown
    #expect(markdown.contains("- **Name**: Zoë"))
    #expect(markdown.contains("- **Ride**: I drive myself"))
    #expect(markdown.contains("- **Medicine**: ativan"))
  }

  @Test func ctrlDAsksWhetherToQuit() throws {
    let (terminal, data) = try start()
    try terminal.waitFor("> ")
    terminal.send("\u{04}")
    try terminal.waitFor("Do you want to stop now?")
    terminal.send("no\r")
    try terminal.waitFor("Your name?")
    terminal.send("\u{04}")
    try terminal.waitFor("Do you want to stop now?")
    terminal.send("yes\r")
    try terminal.waitFor("Your answers were not sent.")
    terminal.send("\r")
    #expect(try terminal.exitCode() == 0)
    #expect(try IntakeBinary.submissions(in: data).isEmpty)
  }

  @Test func controlAndBidiCharactersTypedByAPatientAreNotObeyed() throws {
    let (terminal, _) = try start()
    try terminal.waitFor("> ")
    // libedit takes ESC as an editing key, so an OSC 52 clipboard write never reaches the
    // answer; a right-to-left override passes through libedit and must come back inert.
    terminal.send("\u{1B}]52;c;aGk=\u{07} abc\u{202E}fed\r")
    try terminal.waitFor("How will you get home?")
    terminal.send("review\r")
    let shown = try terminal.waitFor("Type a number to change that answer")
    #expect(shown.contains("abc<U+202E>fed"))
    #expect(!shown.contains("\u{202E}"))
    #expect(!shown.contains("\u{1B}]52"))
  }

  @Test func anAnswerOverItsLengthIsRefusedWithTheCount() throws {
    let (terminal, _) = try start()
    try terminal.waitFor("> ")
    terminal.send(String(repeating: "x", count: 600) + "\r")
    try terminal.waitFor("Please keep this under 500 characters (you typed 600).", seconds: 30)
    try terminal.waitFor("> ")
    terminal.send("Ana\r")
    try terminal.waitFor("How will you get home?")
  }

  /// A line that arrives at once (pasted, or typed faster than the kiosk reads) is taken from the
  /// terminal in one read, not a read and a poll for each byte. Checked in the system calls.
  @Test func aLineThatArrivesAtOnceIsReadInOneGo() throws {
    let strace = try #require(DurabilityTraceTests.strace, "strace is missing: scripts/setup --test installs it")
    let trace = try IntakeBinary.temporaryFolder().appendingPathComponent("reads.txt")
    let (terminal, _) = try start(
      wrapper: [strace, "-f", "-qq", "-s", "64", "-e", "trace=read", "-e", "signal=none", "-o", trace.path])
    try terminal.waitFor("Your name?")
    try terminal.waitFor("> ")
    terminal.send("Ada Lovelace\r")
    try terminal.waitFor("How will you get home?")
    try terminal.waitFor("> ")
    terminal.send("1\r")
    try terminal.waitFor("Which medicine?")
    try terminal.waitFor("> ")
    terminal.send("lorazepam\r")
    #expect(try terminal.finishFromTheLastMessage().exitCode == 0)
    let reads = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").filter { $0.contains(" read(0,") }
    // The terminal turns Enter into a line feed.
    #expect(reads.contains { $0.contains(#"read(0, "Ada Lovelace\n", "#) }, "\(reads.prefix(8))")
    #expect(reads.contains { $0.contains(#"read(0, "lorazepam\n", "#) }, "\(reads.prefix(8))")
    #expect(!reads.contains { $0.contains(#"read(0, "A", 1)"#) })
  }

  /// Keys typed before a question is on the screen are not sent as its answer: the line typed
  /// ahead waits at the question's prompt, editable, for an Enter typed once the question is
  /// seen, and the kiosk says so; an Enter typed ahead (a second Enter) is thrown away. A fast
  /// typist's "no", typed before its question came, was stored at a question she never saw.
  @Test func keysTypedBeforeAQuestionShowsWaitForAnEnterTypedAfterIt() throws {
    // The name, and in the same burst a "1" corrected to "2" and an Enter, for the question
    // after it, and a line more: thrown away, and said to be.
    let (terminal, data) = try typeAheadAtTheFirstQuestion("Ada Lovelace\r1\u{7F}2\rone line too many\r")
    try terminal.waitFor("You typed the line below before this question appeared, so it has not been sent.")
    try terminal.waitFor("What you typed after that line was not kept")
    // Shown at the prompt as typed: "1", then, after Backspace, "2".
    try terminal.waitFor("> 1")
    try terminal.waitFor("2")
    // Sent, the answer would have brought the next question by now.
    #expect(throws: PseudoTerminal.Failure.self) { try terminal.waitFor("Which medicine?", seconds: 0.5) }
    terminal.send("\r")
    try terminal.waitFor("Which medicine?")
    try terminal.waitFor("> ")
    // A line and a second Enter: the Enter is not taken at the screen after it, and with
    // nothing typed ahead nothing is said.
    terminal.send("lorazepam\r\r")
    try terminal.waitFor("All done.")
    // Anything said about keys typed ahead comes between the screen and its prompt.
    let underTheScreen = try terminal.waitFor("> ")
    #expect(!underTheScreen.contains("before this question appeared") && !underTheScreen.contains("was not kept"))
    #expect(throws: PseudoTerminal.Failure.self) { try terminal.waitFor("Press Enter to finish.", seconds: 0.5) }
    terminal.send("\r")
    try terminal.waitFor("Press Enter to finish.")
    terminal.send("\r")
    #expect(try terminal.exitCode() == 0)
    let markdown = try #require(try IntakeBinary.submissions(in: data).last).markdown
    #expect(markdown.contains("- **Ride**: I drive myself"), "\(markdown)")
    #expect(markdown.contains("- **Medicine**: lorazepam"), "\(markdown)")
    #expect(!markdown.contains("one line too many"))
  }

  /// A kiosk on the test dialog with `burst` typed in one write at its first question, shown
  /// up to the second question ("How will you get home?").
  func typeAheadAtTheFirstQuestion(_ burst: String) throws -> (PseudoTerminal, URL) {
    let (terminal, data) = try start()
    try terminal.waitFor("Your name?")
    try terminal.waitFor("> ")
    terminal.send(burst)
    try terminal.waitFor("How will you get home?")
    return (terminal, data)
  }

  /// The resume exchange settles keys typed ahead as a question does: a code typed in the same
  /// burst as "resume" waits at the code's prompt for its own Enter, and the kiosk says so.
  @Test func aResumeCodeTypedWithResumeWaitsForItsOwnEnter() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    // Up to the date of birth and sex over a pipe, then quit: a resume code.
    let first = try IntakeBinary.run(
      ["kiosk", "--data", data.path],
      input: (Array(CommandLineTests.wholeIntake.prefix(6)) + ["quit", "yes"]).joined(separator: "\n") + "\n")
    #expect(first.status == 0)
    let found = try #require(
      first.output.range(of: #"resume code is [A-Z0-9]{4}-[A-Z0-9]{4}"#, options: .regularExpression))
    let code = String(first.output[found].suffix(9))
    // The same data folder at a terminal, with the same cost of the code's derivation.
    let terminal = try PseudoTerminal(
      IntakeBinary.path, ["kiosk", "--once", "--data", data.path] + IntakeBinary.cheapResume,
      environment: IntakeBinary.environment)
    try terminal.waitFor("> ")
    terminal.send("resume\r" + code)
    try terminal.waitFor("Please type your resume code")
    try terminal.waitFor("You typed the line below before this question appeared, so it has not been sent.")
    try terminal.waitFor("Code: " + code)
    #expect(throws: PseudoTerminal.Failure.self) {
      try terminal.waitFor("Please type your date of birth", seconds: 0.5)
    }
    terminal.send("\r")
    try terminal.waitFor("Please type your date of birth")
    try terminal.waitFor("Date of birth: ")
    terminal.send("1986-04-27\r")
    try terminal.waitFor("Welcome back.")
    kill(terminal.pid, SIGTERM)
    #expect(try terminal.exitCode() == 128 + SIGTERM)
  }

  /// A line typed ahead longer than the line editor's buffer is not kept in part (a part could
  /// end inside a character); the kiosk says it was not kept.
  @Test func aLongLineTypedAheadIsNotKeptInPart() throws {
    let (terminal, _) = try typeAheadAtTheFirstQuestion("Ada\r" + String(repeating: "é", count: 200))
    try terminal.waitFor("What you typed before this question appeared was not kept.")
    let prompt = try terminal.waitFor("> ")
    #expect(!prompt.contains("before this question appeared, so it has not been sent"))
    terminal.send("1\r")
    try terminal.waitFor("Which medicine?")
  }

  /// An Enter typed ahead with a line after it: nothing waits at the prompt, and the kiosk says
  /// that what was typed was not kept.
  @Test func aLineTypedAheadAfterASecondEnterIsSaidToBeThrownAway() throws {
    let (terminal, _) = try typeAheadAtTheFirstQuestion("Ada\r\r2\r")
    try terminal.waitFor("What you typed before this question appeared was not kept.")
    try terminal.waitFor("> ")
    #expect(throws: PseudoTerminal.Failure.self) { try terminal.waitFor("Which medicine?", seconds: 0.5) }
    terminal.send("1\r")
    try terminal.waitFor("Which medicine?")
  }

  @Test func aHundredKilobytePasteIsRefusedWithAMessage() throws {
    let (terminal, _) = try start()
    try terminal.waitFor("> ")
    terminal.send(String(repeating: "x", count: 100_000) + "\r")
    try terminal.waitFor(Self.tooLong, seconds: 30)
    try terminal.waitFor("> ")
    terminal.send("Ana\r")
    try terminal.waitFor("How will you get home?")
  }

  /// The line reader's own bound: one letter and 100,000 combining marks is one character, but
  /// past the line limit the keys never reach libedit, and the line is refused whole.
  @Test func oneLetterWithAFloodOfCombiningMarksIsRefusedAtTheLineReader() throws {
    let (terminal, data) = try start()
    try terminal.waitFor("> ")
    terminal.send("MARKER" + String(repeating: "\u{301}", count: 100_000) + "\r", seconds: 60)
    let shown = try terminal.waitFor(Self.tooLong, seconds: 60)
    // libedit echoed at most the line limit's worth, not 200 KB.
    #expect(shown.utf8.count < 40_000)
    try terminal.waitFor("> ")
    terminal.send("Ana\r")
    try terminal.waitFor("How will you get home?")
    try terminal.waitFor("> ")
    terminal.send("1\r")
    try terminal.waitFor("Which medicine?")
    try terminal.waitFor("> ")
    terminal.send("ativan\r")
    #expect(try terminal.finishFromTheLastMessage().exitCode == 0)
    let markdown = try #require(try IntakeBinary.submissions(in: data).last).markdown
    #expect(markdown.contains("- **Name**: Ana"))
    #expect(!markdown.contains("MARKER"))
  }

  static let tooLong = "That was too long to take in, so it was not kept."

  @Test func aMegabytePasteAndInvalidUTF8LeaveTheKioskAtItsPrompt() throws {
    let (terminal, _) = try start()
    try terminal.waitFor("> ")
    terminal.send(String(repeating: "y", count: 1 << 20) + "\r", seconds: 120)
    try terminal.waitFor(Self.tooLong, seconds: 120)
    try terminal.waitFor("> ")
    // Bytes that are not UTF-8 become U+FFFD in the answer; the kiosk goes on.
    terminal.send(bytes: [0x41, 0xFF, 0xFE, 0xC3, 0x6E, 0x61, 0x0D])
    try terminal.waitFor("How will you get home?")
    terminal.send("review\r")
    let shown = try terminal.waitFor("Type a number to change that answer")
    #expect(shown.contains("A\u{FFFD}\u{FFFD}\u{FFFD}na"))
  }

  @Test func theNextPatientSeesNothingOfThePreviousOne() throws {
    let (terminal, _) = try start(continuous: true)
    try terminal.waitFor("> ")
    terminal.send("MARKERZEBULON\r")
    try terminal.waitFor("How will you get home?")
    terminal.send("quit\r")
    try terminal.waitFor("Do you want to stop now?")
    terminal.send("yes\r")
    try terminal.waitFor("Press Enter to finish.")
    // Keys typed with the last Enter do not reach the next patient's first prompt.
    terminal.send("\rMARKERTYPEDAHEAD")
    // The screen and the scrollback are cleared, and the next patient starts afresh.
    try terminal.waitFor("\u{1B}[3J")
    try terminal.waitFor("Your name?")
    let firstPrompt = try terminal.waitFor("> ")
    #expect(!firstPrompt.contains("before this question appeared"))
    #expect(throws: PseudoTerminal.Failure.self) { try terminal.waitFor("MARKERTYPEDAHEAD", seconds: 0.5) }
    // Up would recall the previous patient's line if the history had kept it.
    terminal.send("\u{1B}[A\u{1B}[A\r")
    let after = try terminal.waitFor("> ")
    terminal.send("review\r")
    let review = try terminal.waitFor("> ")
    for text in [after, review] { #expect(!text.contains("MARKERZEBULON")) }
    #expect(terminal.isRunning)
    kill(terminal.pid, SIGTERM)
    #expect(try terminal.exitCode() == 128 + SIGTERM)
  }

  @Test func walkingAwayWarnsThenClearsTheScreenForTheNextPatient() throws {
    let (terminal, _) = try start(continuous: true, extra: ["--idle-timing-for-tests", "1,1,0.5"])
    try terminal.waitFor("> ")
    terminal.send("MARKERQUILL\r")
    try terminal.waitFor("How will you get home?")
    // A key during the warning keeps the patient's place.
    try terminal.waitFor("Are you still there?", seconds: 10)
    terminal.send("\r")
    try terminal.waitFor("How will you get home?")
    // Then nothing: saved, cleared, and the next patient's first question.
    try expectWarnedAndCleared(terminal, of: "MARKERQUILL")
  }

  /// The idle warning, then a cleared screen and the next patient's first question without
  /// `marker`; then the kiosk is stopped.
  func expectWarnedAndCleared(_ terminal: PseudoTerminal, of marker: String) throws {
    try terminal.waitFor("Are you still there?", seconds: 10)
    try terminal.waitFor("\u{1B}[3J", seconds: 10)
    let next = try terminal.waitFor("Your name?")
    #expect(!next.contains(marker))
    kill(terminal.pid, SIGTERM)
    #expect(try terminal.exitCode() == 128 + SIGTERM)
  }

  /// A lone byte that starts a UTF-8 sequence, then nothing (a stray key of a bad keyboard, and
  /// the patient walks away): the idle time still runs out, the screen still warns, and the
  /// answers on it are still cleared away.
  @Test func aLoneStartOfACharacterStillLetsTheIdleTimeRunOut() throws {
    let (terminal, _) = try start(continuous: true, extra: ["--idle-timing-for-tests", "1,1,0.5"])
    try terminal.waitFor("> ")
    terminal.send("MARKERQUILL\r")
    try terminal.waitFor("How will you get home?")
    try terminal.waitFor("> ")
    terminal.send(bytes: [0xC3])
    try expectWarnedAndCleared(terminal, of: "MARKERQUILL")
  }

  @Test func aCrashShowsNoBacktraceAndTheKioskCannotBeDumped() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let environment = IntakeBinary.environment.filter { !$0.hasPrefix("SWIFT_BACKTRACE") }
    let terminal = try PseudoTerminal(
      IntakeBinary.path,
      ["kiosk", "--once", "--dialog", dialog.path, "--data", folder.appendingPathComponent("d").path],
      environment: environment)
    try terminal.startPastTheTrialKeyNotice()
    try terminal.waitFor("> ")
    // SIGINT, SIGQUIT and SIGTSTP are ignored; no signal is blocked (the inherited mask is cleared).
    let status = try String(contentsOfFile: "/proc/\(terminal.pid)/status", encoding: .utf8)
    func mask(_ name: String) -> UInt64 {
      let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
      return UInt64(line.split(separator: "\t").last.map(String.init) ?? "", radix: 16) ?? 0
    }
    for signal in [SIGINT, SIGQUIT, SIGTSTP] { #expect(mask("SigIgn") & (1 << UInt64(signal - 1)) != 0) }
    #expect(mask("SigBlk") == 0)
    kill(terminal.pid, SIGTERM)
    #expect(try terminal.exitCode() == 128 + SIGTERM)
    // Started without SWIFT_BACKTRACE, a crash shows the patient no backtrace and no prompt:
    // the process dies of the signal at once, and nothing is written after the question.
    let crashing = try PseudoTerminal(
      IntakeBinary.path,
      ["kiosk", "--once", "--dialog", dialog.path, "--data", folder.appendingPathComponent("d").path],
      environment: environment)
    try crashing.waitFor("> ")
    kill(crashing.pid, SIGSEGV)
    let ending = try crashing.endingSignal()
    #expect(ending.signal == SIGSEGV && !ending.coreDumped)
    let after = crashing.output
    #expect(!after.contains("Crash") && !after.contains("Thread") && !after.contains("Backtrace"), "\(after)")
  }

  @Test func sigtermSavesRestoresTheTerminalAndExits() throws {
    let (terminal, data) = try start()
    try terminal.waitFor("> ")
    terminal.send("Ana\r")
    try terminal.waitFor("How will you get home?")
    try terminal.waitFor("> ")
    kill(terminal.pid, SIGTERM)
    #expect(try terminal.exitCode() == 128 + SIGTERM)
    // The session was kept for resuming, and the trail says why it stopped.
    let trail = try #require(try IntakeBinary.store(in: data)).auditTrail()
    #expect(trail.map(\.event) == [.sessionStarted, .sessionSuspended])
    #expect(trail.last?.detail == "signal")
    // The kiosk ran the terminal without echo or line mode; it must leave it as it found it.
    var settings = termios()
    #expect(tcgetattr(terminal.master, &settings) == 0)
    #expect(settings.c_lflag & tcflag_t(ICANON) != 0)
    #expect(settings.c_lflag & tcflag_t(ECHO) != 0)
  }
}

extension PseudoTerminal {
  /// A first run makes a trial key and, at a terminal, waits for Enter so the notice can be read.
  func startPastTheTrialKeyNotice() throws {
    let notice = try waitFor("Press Enter to start the kiosk. ")
    #expect(notice.contains("TRIAL key pair"))
    send("\r")
  }

  /// From the test dialogs' last message ("All done.") to the end: Enter there, and Enter at
  /// "Press Enter to finish."; what was shown on the way, and the exit code.
  func finishFromTheLastMessage() throws -> (shown: String, exitCode: Int32) {
    let shown = try waitFor("All done.")
    send("\r")
    let finishing = try waitFor("Press Enter to finish.")
    send("\r")
    return (shown + finishing, try exitCode())
  }
}
