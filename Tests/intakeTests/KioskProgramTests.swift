import Foundation
import IntakeTestSupport
import Testing

/// `intake-kiosk`: the kiosk as a program of its own, serving a patient as `intake kiosk` does,
/// and holding none of the console's server or the central store's client.
@Suite(.serialized) struct KioskProgramTests {
  @Test func servesAPatientAndSealsTheSummary() throws {
    let folder = try IntakeBinary.temporaryFolder()
    let dialog = try IntakeBinary.writeDialog(KioskTerminalTests.dialog, in: folder)
    let data = folder.appendingPathComponent("data")
    let terminal = try PseudoTerminal(
      IntakeBinary.kioskPath, ["--dialog", dialog.path, "--data", data.path, "--once"] + IntakeBinary.cheapResume,
      environment: IntakeBinary.environment)
    try terminal.startPastTheTrialKeyNotice()
    try terminal.waitFor("Your name?")
    try terminal.waitFor("> ")
    terminal.send("Zoë\r")
    try terminal.waitFor("How will you get home?")
    terminal.send("1\r")
    try terminal.waitFor("Which medicine?")
    terminal.send("ativan\r")
    try terminal.waitFor("All done.")
    terminal.send("\r")
    try terminal.waitFor("Press Enter to finish.")
    terminal.send("\r")
    #expect(try terminal.exitCode() == 0)
    let markdown = try #require(try IntakeBinary.submissions(in: data).last).markdown
    #expect(markdown.contains("- **Name**: Zoë"))
    #expect(markdown.contains("- **Ride**: Someone drives me"))
  }

  @Test func helpVersionAndAWrongOptionNameTheKioskProgram() throws {
    let help = try IntakeBinary.run(["--help"], executable: IntakeBinary.kioskPath)
    #expect(help.status == 0)
    #expect(help.output.contains("USAGE: intake-kiosk [--dialog <dialog>]"))
    #expect(help.output.contains("--staff-code-file <path>"))
    #expect(!help.output.contains("--idle-timing-for-tests"))
    let version = try IntakeBinary.run(["--version"], executable: IntakeBinary.kioskPath)
    #expect(version.status == 0 && !version.output.isEmpty)
    let wrong = try IntakeBinary.run(["--dialgo", "x"], executable: IntakeBinary.kioskPath)
    #expect(wrong.status == 64)
    #expect(wrong.error.contains("Unknown option '--dialgo'"))
    #expect(wrong.error.contains("Usage: intake-kiosk"))
    // `intake kiosk` says the same of it, as itself.
    let full = try IntakeBinary.run(["kiosk", "--dialgo", "x"])
    #expect(full.status == 64)
    #expect(full.error.contains("Usage: intake kiosk"))
  }

  /// The kiosk terminal runs code that takes typed input from the public; the HTTP and TLS
  /// server and the PostgreSQL client are not in it. Their module names are in `intake`'s
  /// symbols, so the check is not vacuous.
  @Test func holdsNoServerAndNoDatabaseClient() throws {
    let foreign = ["HummingbirdCore", "PostgresNIO", "NIOPosix", "IntakeConsole", "IntakeCentral"]
    let full = try Data(contentsOf: URL(fileURLWithPath: IntakeBinary.path), options: .alwaysMapped)
    let kiosk = try Data(contentsOf: URL(fileURLWithPath: IntakeBinary.kioskPath), options: .alwaysMapped)
    for name in foreign {
      let mangled = Data("\(name.utf8.count)\(name)".utf8)
      #expect(full.range(of: mangled) != nil, "intake holds \(name)")
      #expect(kiosk.range(of: mangled) == nil, "intake-kiosk holds \(name)")
    }
  }
}
