import Foundation
import IntakeKit
import IntakeStore
import IntakeTestSupport
import Testing

/// The kiosk on its session store, end to end over pipes: resume codes, wrong attempts, a marker
/// answer that never reaches the disk in plaintext, and the staff message when saving fails.
@Suite struct SessionStoreTests {
  let intake = CommandLineTests.wholeIntake

  /// Runs the kiosk on `data` with `lines` as input.
  func kiosk(_ data: URL, _ lines: [String], extra: [String] = [], standardCost: Bool = false) throws
    -> IntakeBinary.Run
  {
    try IntakeBinary.run(
      ["kiosk", "--data", data.path] + extra, input: lines.joined(separator: "\n") + "\n", standardCost: standardCost)
  }

  func resumeCode(in output: String) throws -> String {
    let pattern = try NSRegularExpression(pattern: "resume code is ([A-Z0-9]{4}-[A-Z0-9]{4})")
    let match = try #require(pattern.firstMatch(in: output, range: NSRange(output.startIndex..., in: output)))
    return try #require(Range(match.range(at: 1), in: output).map { String(output[$0]) })
  }

  @Test func quitThenResumeCarriesOnAtTheSameQuestionWithEveryAnswerKept() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    // Up to the date of birth and sex, then quit.
    let first = try kiosk(data, Array(intake.prefix(6)) + ["quit", "yes"], standardCost: true)
    #expect(first.status == 0)
    let code = try resumeCode(in: first.output)
    #expect(first.output.contains("type resume at the first question, then your code \(code)"))
    // Resume with the code and the date of birth in another format, answer two more, stop again.
    let second = try kiosk(
      data, ["resume", code.lowercased(), "1986-04-27"] + Array(intake.dropFirst(6).prefix(2)) + ["quit", "yes"],
      standardCost: true)
    #expect(second.status == 0, "\(second.output.suffix(400))")
    #expect(second.output.contains("Welcome back."))
    let welcome = try #require(second.output.range(of: "Welcome back."))
    // It carries on at the phone number, the question after the last answer.
    #expect(second.output[welcome.upperBound...].contains("phone number"))
    #expect(second.output.contains("then your code \(code) and your date of birth"))
    // The same code again, and the rest of the intake.
    let third = try kiosk(data, ["resume", code, "04/27/1986"] + Array(intake.dropFirst(8)), standardCost: true)
    #expect(third.status == 0, "\(third.output.suffix(400))")
    #expect(third.output.contains("Welcome back."))
    let submissions = try IntakeBinary.submissions(in: data)
    #expect(submissions.count == 1)
    let markdown = try #require(submissions.first).markdown
    // Answers given before the stop and after it: name, date of birth and phone on the first line.
    #expect(markdown.contains("**Zoë Núñez**, date of birth 1986-04-27"), "\(markdown.prefix(600))")
    #expect(markdown.contains("phone 555 123 4567"))
    let events = try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event)
    #expect(
      events == [
        .sessionStarted, .sessionSuspended, .sessionResumed, .sessionSuspended, .sessionResumed, .sessionSubmitted,
      ])
    // The sealed inputs rebuild the very session the summary was made from, stop and resume included.
    let payload = try #require(submissions.first)
    let rebuilt = try #require(
      KioskScreen.restored(
        dialog: try TestSupport.shippedDialog(), inputs: payload.inputs, interactive: false,
        timeZone: TimeZone.current))
    #expect(rebuilt.conversation.session.isFinished)
    #expect(
      MarkdownRenderer.render(Summary(session: rebuilt.conversation.session, sessionID: payload.sessionID))
        == payload.markdown)
  }

  /// A patient who chose Spanish stops, and resumes in Spanish: typing the Spanish word for
  /// resume on the first screen, and the date of birth in Spanish words. The language chosen is
  /// saved as an input of its own, so the session comes back in it.
  @Test func aSessionInSpanishResumesInSpanish() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let first = try kiosk(data, ["2", "sí", "Ana", "Rivera", "27/04/1982", "salir", "sí"])
    #expect(first.status == 0)
    let pattern = try NSRegularExpression(pattern: "código para reanudar es ([A-Z0-9]{4}-[A-Z0-9]{4})")
    let match = try #require(
      pattern.firstMatch(in: first.output, range: NSRange(first.output.startIndex..., in: first.output)))
    let code = try #require(Range(match.range(at: 1), in: first.output).map { String(first.output[$0]) })
    let second = try kiosk(data, ["reanudar", code, "27 de abril de 1982", "femenino", "quit", "yes"])
    #expect(second.status == 0, "\(second.output.suffix(600))")
    let welcome = try #require(second.output.range(of: "Le damos la bienvenida de nuevo."))
    #expect(second.output[welcome.upperBound...].contains("¿Qué sexo"), "\(second.output.suffix(600))")
  }

  @Test func anExpiredCodeNoLongerOpensTheSession() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    // A code that works for about a second.
    let first = try kiosk(data, Array(intake.prefix(6)) + ["quit", "yes"], extra: ["--resume-hours", "0.0003"])
    let code = try resumeCode(in: first.output)
    usleep(1_500_000)
    let later = try kiosk(data, ["resume", code, "04/27/1986"])
    #expect(later.output.contains("do not open a saved session"))
    #expect(!later.output.contains("Welcome back."))
    let trail = try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event)
    #expect(trail.contains(.sessionExpired))
  }

  @Test func wrongCodesOrBirthDatesAreRefusedAndLimited() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let code = try resumeCode(in: try kiosk(data, Array(intake.prefix(6)) + ["quit", "yes"]).output)
    // Four wrong birth dates for the right code, then the right one: refused each time, then locked.
    var tries: [String] = []
    for day in 20..<25 { tries += ["resume", code, "04/\(day)/1986"] }
    let run = try kiosk(data, tries + ["resume", code, "04/27/1986"])
    #expect(run.output.components(separatedBy: "do not open a saved session").count - 1 == 5)
    #expect(!run.output.contains("Welcome back."))
    #expect(run.output.contains("Too many codes did not match."))
    let events = try #require(try IntakeBinary.store(in: data)).auditTrail().map(\.event)
    #expect(events.filter { $0 == .resumeFailed }.count == 5)
    #expect(events.contains(.sessionLocked))
    // Locked: even the right date of birth no longer opens it, from a fresh kiosk.
    let later = try kiosk(data, ["resume", code, "04/27/1986"])
    #expect(later.output.contains("do not open a saved session"))
  }

  @Test func aMarkerAnswerNeverReachesTheDiskInPlaintext() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    var lines = intake
    let marker = "MARKERXYZZYQUUX"
    lines[3] = marker  // the last name
    // One session quits halfway (its inputs stay, sealed), one is submitted.
    _ = try kiosk(data, Array(lines.prefix(20)) + ["quit", "yes"])
    let run = try kiosk(data, lines)
    #expect(run.status == 0)
    // Not in what the kiosk printed to its log (standard error) either.
    #expect(!run.error.contains(marker))
    #expect(try IntakeBinary.submissions(in: data).first?.markdown.contains(marker) == true)
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: data.path)
    while let name = enumerator?.nextObject() as? String { files.append(name) }
    #expect(files.contains("intake.sqlite"))
    for name in files {
      let contents = (try? Data(contentsOf: data.appendingPathComponent(name))) ?? Data()
      #expect(contents.range(of: Data(marker.utf8)) == nil, "\(name)")
      #expect(contents.range(of: Data(marker.utf8.reversed())) == nil, "\(name)")
    }
  }

  @Test func aFullStoreStopsTakingAnswersAndSendsForStaff() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    let run = try kiosk(data, intake, extra: ["--store-page-limit", "28"])
    #expect(run.status == 3)
    #expect(run.output.contains("your answers can no longer be saved on this kiosk. Please ask a member of staff"))
    #expect(!run.output.contains("Your answers have been sent"))
    #expect(run.error.contains("disk is full"))
    #expect(run.error.contains("the kiosk stopped taking answers"))
    // What was acknowledged before the failure is intact.
    _ = try #require(try IntakeBinary.store(in: data))
  }

  @Test func aCorruptStoreStopsTheKioskWithAMessageForStaff() throws {
    let data = try IntakeBinary.temporaryFolder().appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    try Data(repeating: 0x41, count: 16384).write(to: data.appendingPathComponent("intake.sqlite"))
    let run = try kiosk(data, intake)
    #expect(run.status == 3)
    #expect(run.output.isEmpty)
    #expect(run.error.contains("the session store is damaged"))
    #expect(run.error.contains("The kiosk will not start"))
  }
}

/// A small tmpfs of our own, where the machine allows mounting (root with CAP_SYS_ADMIN, as on
/// this project's CI); elsewhere the page-limit and SQLite read-only tests stand in.
struct TemporaryMount {
  let path: URL

  static let available: Bool = {
    guard getuid() == 0, let probe = try? TemporaryMount(kilobytes: 64) else { return false }
    probe.unmount()
    return true
  }()

  init(kilobytes: Int) throws {
    path = try IntakeBinary.temporaryFolder().appendingPathComponent("mount")
    try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
    guard Self.command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path.path]) else {
      throw IntakeBinary.Timeout(what: "mount")
    }
  }

  func makeReadOnly() -> Bool { Self.command("/bin/mount", ["-o", "remount,ro", path.path]) }

  func unmount() { _ = Self.command("/bin/umount", [path.path]) }

  static func command(_ executable: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

@Suite(.enabled(if: TemporaryMount.available)) struct RealFileSystemTests {
  @Test func aFullFileSystemStopsTakingAnswersAndSendsForStaff() throws {
    let mount = try TemporaryMount(kilobytes: 1024)
    defer { mount.unmount() }
    let data = mount.path.appendingPathComponent("data")
    let first = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nyes\nZoë\nquit\nyes\n")
    #expect(first.status == 0)
    // Leave only a little room, so the disk fills partway through the next intake.
    let free = try #require(
      try FileManager.default.attributesOfFileSystem(forPath: mount.path.path)[.systemFreeSize] as? NSNumber)
    let room = 160 * 1024
    try Data(count: max(0, free.intValue - room)).write(to: mount.path.appendingPathComponent("filler"))
    let full = try IntakeBinary.run(
      ["kiosk", "--data", data.path], input: CommandLineTests.wholeIntake.joined(separator: "\n") + "\n")
    #expect(full.status == 3)
    #expect(!full.output.contains("Your answers have been sent"))
    #expect(full.output.contains("your answers can no longer be saved on this kiosk"), "\(full.error)")
    #expect(full.error.contains("disk is full"), "\(full.error)")
    #expect(full.error.contains("the kiosk stopped taking answers"))
  }

  @Test func aReadOnlyFileSystemStopsTheKioskWithAMessageForStaff() throws {
    let mount = try TemporaryMount(kilobytes: 2048)
    defer { mount.unmount() }
    let data = mount.path.appendingPathComponent("data")
    _ = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nyes\nZoë\nquit\nyes\n")
    #expect(mount.makeReadOnly())
    let run = try IntakeBinary.run(["kiosk", "--data", data.path], input: "\nyes\n")
    #expect(run.status == 3)
    #expect(run.output.isEmpty)
    #expect(run.error.contains("is not writable"))
    #expect(run.error.contains("The kiosk will not start"))
  }
}
