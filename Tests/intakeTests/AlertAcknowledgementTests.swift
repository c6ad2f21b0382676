import Foundation
import IntakeTestSupport
import Testing

/// Issue 14, truthful alerts, end to end: a kiosk at a real terminal raises a crisis alert; the
/// staff monitor shows it (tier, kiosk, session: no answers); until a person acknowledges it the
/// kiosk says to go to the front desk, never that someone is coming; once `intake alerts ack`
/// records who is going, the kiosk's words change within seconds, and the audit trail has it.
@Suite(.serialized) struct AlertAcknowledgementTests {
  static let dialog = [
    "dialog.yaml": """
    id: alerts
    version: "1"
    title: Alert test
    sections: [m.yaml, crisis.yaml]
    rules: rules.yaml
    """,
    "m.yaml": """
    section: m
    title: Questions
    questions:
      - id: unsafe
        kind: yes_no
        label: Feels unsafe
        text: Do you feel unsafe right now?
      - id: done
        kind: message
        text: All done.
    """,
    "crisis.yaml": """
    section: crisis
    title: Support
    flow: false
    summary: none
    questions:
      - id: crisis_now
        kind: message
        hold: staff
        hold_text: Please go to the front desk now.
        acknowledged_text: A member of staff has seen your alert and is on the way.
        text: Please go to the front desk now, or stay here and this screen will say when someone is on the way.
    """,
    "rules.yaml": """
    categories:
      - { id: urgent, title: Urgent, rank: 10, outcome: See now. }
    rules:
      - id: unsafe_now
        category: urgent
        when: unsafe == true
        escalate: { tier: 3, show: crisis_now, alert: true }
        finding: Feels unsafe.
    """,
  ]

  /// The kiosk on the test dialog at a pseudo-terminal, for one patient, with a staff code
  /// ("a-staff-code-for-tests"), at its first question.
  func startWithAStaffCode(extra: [String] = []) throws -> (PseudoTerminal, data: URL) {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let code = folder.appendingPathComponent("staff.code")
    try "a-staff-code-for-tests\n".write(to: code, atomically: true, encoding: .utf8)
    chmod(code.path, 0o600)
    let terminal = try PseudoTerminal(
      IntakeBinary.path,
      ["kiosk", "--dialog", dialog.path, "--data", data.path, "--once", "--staff-code-file", code.path] + extra,
      environment: IntakeBinary.environment)
    try terminal.startPastTheTrialKeyNotice()
    try terminal.waitFor("Do you feel unsafe right now?")
    return (terminal, data)
  }

  @Test func aPersonAcknowledgesAndTheKiosksWordsChange() throws {
    let (terminal, data) = try startWithAStaffCode(extra: ["--kiosk-name", "front-kiosk"])
    terminal.send("yes\r")
    let crisis = try terminal.waitFor("this screen will say when someone is on the way.")
    #expect(!crisis.contains("has seen your alert"))

    // The monitor lists it: number, tier, kiosk, session; not the rule or any answer.
    let listed = try IntakeBinary.run(["alerts", "list", "--data", data.path])
    #expect(listed.status == 0, "\(listed.output)")
    #expect(listed.output.contains("alert 1  tier 3"), "\(listed.output)")
    #expect(listed.output.contains("kiosk front-kiosk") && listed.output.contains("NOT ACKNOWLEDGED"))
    #expect(!listed.output.contains("unsafe"))

    // Typing at the held screen before anyone acknowledged: a mark for each key (the keys work;
    // what is typed is not shown, as a staff code is typed here), still "go to the front desk".
    terminal.send("hello")
    try terminal.waitFor("•••••")
    terminal.send("\r")
    try terminal.waitFor("Please go to the front desk now.")

    let acknowledged = try IntakeBinary.run(["alerts", "ack", "1", "--by", "Nurse Kim", "--data", data.path])
    #expect(acknowledged.status == 0, "\(acknowledged.output)")
    #expect(
      acknowledged.output.contains(
        "Recorded: alert 1 acknowledged by Nurse Kim. Go to the patient now (kiosk front-kiosk)"))
    // Within the kiosk's next check (every 2 s), with nobody typing.
    try terminal.waitFor("A member of staff has seen your alert and is on the way.", seconds: 15)

    let again = try IntakeBinary.run(["alerts", "ack", "1", "--by", "Nurse Kim", "--data", data.path])
    #expect(again.status == 64 && again.error.contains("There is no unacknowledged alert 1."), "\(again.error)")
    let all = try IntakeBinary.run(["alerts", "list", "--all", "--data", data.path])
    #expect(all.output.contains("acknowledged by Nurse Kim"), "\(all.output)")

    // Staff resume the screen with the code, a slip corrected with Backspace; the intake goes on.
    terminal.send("a-staff-code-for-testsx\u{7F}\r")
    #expect(try terminal.finishFromTheLastMessage().exitCode == 0)
    let events = try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event.rawValue)
    #expect(events.contains("alert.raised") && events.contains("alert.acknowledged"), "\(events)")
  }

  /// Keys typed ahead with the answer that held the screen are thrown away, as the terminal
  /// throws away keys typed before a hidden read: neither taken as the staff code nor kept for
  /// the question after it. (The line editor reads a line and what came with it at once.)
  @Test func keysTypedAheadOfAHeldScreenAreThrownAway() throws {
    let (terminal, _) = try startWithAStaffCode()
    try terminal.waitFor("> ")
    terminal.send("yes\rleft over\r")
    try terminal.waitFor("this screen will say when someone is on the way.")
    // The held screen's prompt comes once the keys typed before it are thrown away: the code
    // typed as soon as it shows is kept. Nothing typed ahead is offered there, or said to be.
    let underTheScreen = try terminal.waitFor("> ")
    #expect(!underTheScreen.contains("before this question appeared"), "\(underTheScreen)")
    terminal.send("a-staff-code-for-tests\r")
    let finished = try terminal.finishFromTheLastMessage()
    // Read as an answer, the line would have been echoed at the prompt after the held screen.
    #expect(!finished.shown.contains("left over"), "\(finished.shown)")
    #expect(finished.exitCode == 0)
  }

  /// A kiosk without a staff code asks about its alert all the same: the acknowledgement is
  /// said on the held screen with nobody typing.
  @Test func withoutAStaffCodeTheHeldScreenStillSaysSomeoneIsComing() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let terminal = try PseudoTerminal(
      IntakeBinary.path, ["kiosk", "--dialog", dialog.path, "--data", data.path, "--once"],
      environment: IntakeBinary.environment)
    try terminal.startPastTheTrialKeyNotice()
    try terminal.waitFor("Do you feel unsafe right now?")
    terminal.send("yes\r")
    _ = try terminal.waitFor("this screen will say when someone is on the way.")
    let acknowledged = try IntakeBinary.run(["alerts", "ack", "1", "--by", "Nurse Kim", "--data", data.path])
    #expect(acknowledged.status == 0, "\(acknowledged.output)")
    try terminal.waitFor("A member of staff has seen your alert and is on the way.", seconds: 15)
    // The terminal is closed and the kiosk stopped when the test ends (PseudoTerminal.deinit).
  }

  /// A monitor can start before any kiosk has run (the folder has only the clinic's key), and an
  /// alert acknowledged elsewhere is said on it once, so nobody else sets off for the same patient.
  @Test func aMonitorStartedFirstSaysWhenSomeoneElseAcknowledges() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let made = try IntakeBinary.run(
      ["keys", "init", "--data", data.path, "--private-key", folder.appendingPathComponent("coordinator.key").path],
      extraEnvironment: ["INTAKE_KEY_PASSPHRASE": "the clinic passphrase"])
    #expect(made.status == 0)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: IntakeBinary.path)
    process.arguments = ["alerts", "watch", "--seconds", "8", "--data", data.path]
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no", "HOME": "/tmp"]
    let output = Pipe()
    let input = Pipe()  // kept open: the monitor reads commands from it
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = input
    try process.run()
    let reader = IntakeBinary.Reader(output.fileHandleForReading)
    usleep(1_000_000)
    _ = try IntakeBinary.run(["kiosk", "--dialog", dialog.path, "--data", data.path], input: "yes\nhello\n")
    usleep(1_500_000)
    let acknowledged = try IntakeBinary.run(["alerts", "ack", "1", "--by", "Nurse Kim", "--data", data.path])
    #expect(acknowledged.status == 0, "\(acknowledged.error)")
    process.waitUntilExit()
    try? input.fileHandleForWriting.close()
    let shown = reader.finish()
    #expect(shown.contains("alert 1  tier 3"), "\(shown)")
    #expect(shown.contains("alert 1: acknowledged by Nurse Kim at "), "\(shown)")
  }

  /// Without a monitor or an alert command, the kiosk tells staff at the start that nobody will
  /// see an alert.
  @Test func aKioskWithNoAlertChannelWarnsStaffAtTheStart() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let run = try IntakeBinary.run(["kiosk", "--dialog", dialog.path, "--data", data.path], input: "no\n\n")
    #expect(run.error.contains("warning: no staff alert channel"), "\(run.error)")
    let quiet = try IntakeBinary.run(
      ["kiosk", "--dialog", dialog.path, "--data", data.path, "--alert-command", "/bin/true"], input: "no\n\n")
    #expect(!quiet.error.contains("no staff alert channel"))
    // A dialog that raises no alert has nothing to warn about.
    let calm = try IntakeBinary.writeDialog(
      [
        "dialog.yaml": "id: calm\nversion: \"1\"\ntitle: Calm\nsections: [main.yaml]\n",
        "main.yaml": "section: main\ntitle: Main\nquestions:\n  - { id: ok, kind: yes_no, text: All well? }\n",
      ], in: folder.appendingPathComponent("calm"))
    let silent = try IntakeBinary.run(
      ["kiosk", "--dialog", calm.path, "--data", folder.appendingPathComponent("calm-data").path], input: "yes\n")
    #expect(silent.status == 0, "\(silent.error)")
    #expect(!silent.error.contains("no staff alert channel"), "\(silent.error)")
  }

  /// An alert command that cannot run is said to staff and audited.
  @Test func aFailedAlertCommandIsReportedAndAudited() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(Self.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let run = try IntakeBinary.run(
      ["kiosk", "--dialog", dialog.path, "--data", data.path, "--alert-command", "/nonexistent/pager"],
      input: "yes\nhello\n")
    #expect(run.error.contains("the alert command could not be started"), "\(run.error)")
    let events = try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event.rawValue)
    #expect(events.contains("alert.command_failed"), "\(events)")
  }
}
