import Foundation
import IntakeKit
import IntakeTestSupport
import Testing

@testable import IntakeTerminal

/// The staff code: read from a file only the kiosk's user can read, compared whole, and at a held
/// screen the only way on; never saved with the session.
@Suite struct StaffCodeTests {
  func file(_ contents: String, mode: mode_t = 0o600) throws -> String {
    let folder = try TestSupport.temporaryFolder("staff-code")
    let path = folder.appendingPathComponent("staff.code").path
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, mode)
    return path
  }

  @Test func matchesOnlyTheWholeCode() throws {
    let code = try StaffCode("frontdesk-4417")
    #expect(code.matches("frontdesk-4417"))
    #expect(code.matches("  frontdesk-4417 "))
    #expect(!code.matches("frontdesk-441"))
    #expect(!code.matches("frontdesk-44170"))
    #expect(!code.matches("Frontdesk-4417"))
    #expect(!code.matches(""))
  }

  @Test func aShortCodeIsRefused() {
    #expect(throws: StaffCodeError.badLength) { try StaffCode("1234") }
  }

  @Test func theFileMustBeTheKioskUsersAlone() throws {
    #expect(try StaffCode(contentsOfFile: try file("frontdesk-4417\n")).matches("frontdesk-4417"))
    #expect(throws: StaffCodeError.readableByOthers) {
      try StaffCode(contentsOfFile: try file("frontdesk-4417", mode: 0o644))
    }
    #expect(throws: StaffCodeError.unreadable) { try StaffCode(contentsOfFile: "/nonexistent/staff.code") }
    let target = try file("frontdesk-4417")
    let link = target + ".link"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(throws: StaffCodeError.notAFile) { try StaffCode(contentsOfFile: link) }
  }

  @Test func errorsNeverQuoteTheFile() throws {
    let path = try file("secret-code-xyz", mode: 0o640)
    do {
      _ = try StaffCode(contentsOfFile: path)
      Issue.record("a group-readable file was accepted")
    } catch {
      #expect(!error.description.contains("secret-code-xyz"))
    }
  }
}

/// The kiosk loop at a held screen.
@Suite struct HeldKioskTests {
  typealias ScriptedReader = KioskTests.ScriptedReader
  typealias RecordingHost = KioskTests.RecordingHost

  static func session() throws -> Session {
    let dialog = try DialogLoader.load(
      InMemoryDialogFiles(files: [
        "dialog.yaml": "id: k\nversion: \"1\"\ntitle: K\nsections: [m.yaml, c.yaml]\nrules: r.yaml",
        "m.yaml": """
        section: m
        title: M
        questions:
          - { id: name, kind: text, text: Your name? }
          - { id: danger, kind: yes_no, text: Are you in danger? }
          - { id: smokes, kind: yes_no, text: Do you smoke? }
        """,
        "c.yaml": """
        section: c
        title: C
        flow: false
        questions:
          - { id: crisis_now, kind: message, hold: staff, text: Help is coming. }
        """,
        "r.yaml": """
        categories: [{ id: s, title: S, rank: 1, outcome: S. }]
        rules: [{ id: d, category: s, when: danger, finding: D., escalate: { tier: 3, show: crisis_now, alert: true } }]
        """,
      ]))
    return Session(dialog: dialog, clock: TestSupport.fixedClock)
  }

  func run(_ results: [LineInput], staffCode: StaffCode?) throws -> (
    Kiosk.Ending, ScriptedReader, RecordingHost, String
  ) {
    let pipe = Pipe()
    let writer = ScreenWriter(descriptor: pipe.fileHandleForWriting.fileDescriptor)
    let reader = ScriptedReader(results)
    let host = RecordingHost()
    let kiosk = Kiosk(
      conversation: Conversation(session: try Self.session()), reader: reader, writer: writer, host: host,
      idle: KioskTests.policy, staffCode: staffCode)
    let ending = kiosk.run()
    try pipe.fileHandleForWriting.close()
    let output = String(decoding: TestSupport.readAll(pipe.fileHandleForReading.fileDescriptor), as: UTF8.self)
    return (ending, reader, host, output)
  }

  @Test func theStaffCodeResumesAndOnlyThatItHappenedIsSaved() throws {
    let (ending, reader, host, output) = try run(
      [.line("Ana"), .line("yes"), .line(""), .line("frontdesk-4416"), .line("frontdesk-4417"), .line("no")],
      staffCode: try StaffCode("frontdesk-4417"))
    #expect(ending == .finished(.submitted))
    #expect(output.contains("Please stay where you are. A member of staff is coming to you."))
    #expect(output.contains("Thank you for waiting. The questions go on from here."))
    // What was typed at the held screen (a mistyped code too) is not kept; the resume is, without the code.
    #expect(host.recorded.map(\.kind) == [.start, .line, .line, .staffResume, .line])
    #expect(host.recorded.compactMap(\.line) == ["Ana", "yes", "no"])
    // With a code to resume it, the held screen waits for staff (no idle timeout there), and what
    // is typed there is read hidden: the patient never sees the code, nor finds it in the history.
    #expect(reader.timeouts == [180, 180, -1, -1, -1, 180])
  }

  @Test func withoutACodeTheIdleTimeoutSavesTheSessionForResuming() throws {
    let (ending, reader, host, output) = try run(
      [.line("Ana"), .line("yes"), .line("frontdesk-4417"), .timedOut, .timedOut], staffCode: nil)
    #expect(ending == .timedOut)
    #expect(reader.timeouts.prefix(4) == [180, 180, 180, 180])
    #expect(output.contains("Are you still there? Please stay where you are: a member of staff is coming."))
    #expect(!output.contains("Press Enter to carry on"))
    #expect(host.suspended == ["timeout"])
    #expect(host.recorded.compactMap(\.line) == ["Ana", "yes"])
  }
}
